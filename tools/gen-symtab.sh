#!/bin/sh
# Reads `nm -n` output (file or - for stdin) and writes an assembly file with the hypervisor's
# function symbols sorted by address: hv_symtab_addr[] (u64), hv_symtab_name[] (u32 offsets
# into hv_symtab_str) and hv_symtab_count. hv/symbols.c searches it for backtraces.
in="${1:--}"
awk '
$2 ~ /^[Tt]$/ && $1 ~ /^ffff/ { n++; addr[n] = $1; name[n] = $3 }
END {
    print "\t.section .hvsyms, \"a\""
    print "\t.balign 8"
    print "\t.globl hv_symtab_count, hv_symtab_addr, hv_symtab_name, hv_symtab_str"
    print "hv_symtab_count:\n\t.quad " n+0
    print "hv_symtab_addr:"
    for (i = 1; i <= n; i++) print "\t.quad 0x" addr[i]
    print "hv_symtab_name:"
    off = 0
    for (i = 1; i <= n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
    print "hv_symtab_str:"
    for (i = 1; i <= n; i++) print "\t.asciz \"" name[i] "\""
}' "$in"
