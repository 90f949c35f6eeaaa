#!/bin/sh
# Turns the "->NAME value" markers in asm-offsets.s into #defines for assembly.
echo "/* generated from arch/x86_64/asm-offsets.c by tools/gen-asm-offsets.sh: do not edit */"
echo "#ifndef ASM_OFFSETS_H"
echo "#define ASM_OFFSETS_H"
sed -n 's/.*->\([A-Z_0-9]*\) \$\{0,1\}\([0-9]*\).*/#define \1 \2/p' "$1"
echo "#endif"
