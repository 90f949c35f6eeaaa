#!/bin/sh
# Boots the trace scenarios with the stream captured from port 0xe9 and checks what keeltrace
# decodes from it, one verdict line per check:
#   trace-sequence: the dump between the guest's two markers is exactly the expected sequence
#     (tests/trace/sequence.expected with the guest's TRACESEQ values substituted): same
#     calls in the same order, same arguments, every batch entry with its own result, the
#     deliberate -EPERM;
#   trace-lost: with a 1 KiB buffer, records are lost, the stream reports them, and records
#     that arrived plus records reported lost equal the records the guest's batches made.
# usage: tests/trace/qemu.sh BUILD TRACE_DIR   (ISOs in BUILD/scenarios, keeltrace in TRACE_DIR)
set -u
build=$1
dir=$2
kt=$dir/keeltrace
fail=0
QEMU_TIMEOUT=60
MARK_SEQ_BEGIN=2060320769    # xen_version sub-ops 0x7ace0001..4 (pvguest/tests/t_trace_seq.c)
MARK_SEQ_END=2060320770
MARK_FLOOD_BEGIN=2060320771
MARK_FLOOD_END=2060320772

pass() { echo "PASS: trace/qemu/$1"; }
flunk() { echo "FAIL: trace/qemu/$1: $2"; fail=1; }

# boot NAME: runs build/scenarios/NAME.iso; stream in DIR/NAME.bin, serial log in DIR/NAME.log.
boot() {
    rm -f "$dir/$1.bin" "$dir/$1.log"
    timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -cpu max,-smap -machine q35 -m 128M -boot d \
        -nic none -no-reboot -nographic -monitor none -serial "file:$dir/$1.log" \
        -debugcon "file:$dir/$1.bin" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -cdrom "$build/scenarios/$1.iso" </dev/null >"$dir/$1.qemu.log" 2>&1
    st=$?
    tr -d '\r' <"$dir/$1.log" >"$dir/$1.txt"
    if [ $st -ne 33 ]; then flunk "$1/boot" "QEMU status $st (log $dir/$1.log)"; return 1; fi
    if ! grep -q "RESULT: SUCCESS" "$dir/$1.txt"; then
        flunk "$1/boot" "the guest test did not succeed (log $dir/$1.log)"; return 1
    fi
    pass "$1/boot"
}

# window FILE BEGIN END: the dump lines strictly between the two marker calls, without the
# time, CPU and domain columns (nesting kept) and without cycle counts.
window() {
    awk -v b="xen_version(cmd=$2," -v e="xen_version(cmd=$3," '
        index($0, e) { on = 0 }
        on { print }
        index($0, b) { on = 1 }' "$1" |
        sed -e 's/^ *[0-9][0-9]* c[0-9][0-9]* [a-z0-9]* //' -e 's/ <[0-9][0-9]* cyc>$//'
}

# The guest's values: "TRACESEQ NAME VALUE" lines become sed substitutions of @NAME@.
subst() {
    sed -n 's/^(d[0-9]*) TRACESEQ \([A-Z0-9_]*\) \([0-9a-fx]*\)$/s|@\1@|\2|g/p' "$1"
}

check_sequence() {
    n=trace-sequence
    boot $n || return
    if ! "$kt" dump "$dir/$n.bin" -d 0 >"$dir/$n.dump" 2>"$dir/$n.err"; then
        flunk "$n/decode" "keeltrace dump failed: $(cat "$dir/$n.err")"; return
    fi
    pass "$n/decode"
    subst "$dir/$n.txt" >"$dir/$n.sed"
    if [ "$(wc -l <"$dir/$n.sed")" -lt 10 ]; then
        flunk "$n/exact" "the guest printed too few TRACESEQ values"; return
    fi
    sed -f "$dir/$n.sed" tests/trace/sequence.expected >"$dir/$n.expected"
    window "$dir/$n.dump" $MARK_SEQ_BEGIN $MARK_SEQ_END >"$dir/$n.got"
    if grep -q @ "$dir/$n.expected"; then
        flunk "$n/exact" "unsubstituted value in $dir/$n.expected"
    elif cmp -s "$dir/$n.expected" "$dir/$n.got"; then pass "$n/exact"
    else flunk "$n/exact" "decoded sequence differs: diff $dir/$n.expected $dir/$n.got"; fi
    if grep -q '^  \[2\] pt_update .* = -EPERM$' "$dir/$n.got" &&
        grep -q '^<\.\.\. mmu_update resumed> = -EPERM$' "$dir/$n.got"; then
        pass "$n/eperm_entry_and_call"
    else flunk "$n/eperm_entry_and_call" "no -EPERM entry [2] and call result"; fi
}

# Records in a window of the lost run: arrived (batch entries, entry and exit records; a
# folded line holds both) and reported lost.
count_flood() {
    window "$1" $MARK_FLOOD_BEGIN $MARK_FLOOD_END | awk '
        /^\*\*\* lost [0-9]+ records/ { lost += $3; next }
        /^  \[[0-9]+\] pt_update / { got++; next }
        /^mmu_update\(/ { got++; if (/ = /) got++; next }
        /^<(\.\.\. |unstarted )mmu_update/ { got++; next }
        { other++ }
        END { printf "%d %d %d\n", got, lost, other }'
}

check_lost() {
    n=trace-lost
    boot $n || return
    if ! "$kt" dump "$dir/$n.bin" -d 0 >"$dir/$n.dump" 2>"$dir/$n.err"; then
        flunk "$n/decode" "keeltrace dump failed: $(cat "$dir/$n.err")"; return
    fi
    pass "$n/decode"
    batches=$(sed -n 's/^(d0) TRACESEQ FLOOD_BATCHES \([0-9]*\)$/\1/p' "$dir/$n.txt")
    reqs=$(sed -n 's/^(d0) TRACESEQ FLOOD_REQS \([0-9]*\)$/\1/p' "$dir/$n.txt")
    set -- $(count_flood "$dir/$n.dump")
    want=$((${batches:-0} * (${reqs:-0} + 2)))
    if [ "$2" -gt 0 ]; then pass "$n/lost_reported"
    else flunk "$n/lost_reported" "no lost records reported in the window"; fi
    if [ "$want" -gt 0 ] && [ $(($1 + $2)) -eq "$want" ] && [ "$3" -eq 0 ]; then
        pass "$n/arrived_plus_lost_is_made"
    else flunk "$n/arrived_plus_lost_is_made" \
        "arrived $1 + lost $2 != $want made ($3 other lines)"; fi
    total=$("$kt" stats "$dir/$n.bin" 2>/dev/null | sed -n 's/^lost: \([0-9]*\) records.*/\1/p')
    if [ "${total:-0}" -ge "$2" ] && [ "$2" -gt 0 ]; then pass "$n/stats_reports_lost"
    else flunk "$n/stats_reports_lost" "stats says ${total:-nothing}, the window alone $2"; fi
    echo "trace-lost: $1 records arrived, $2 lost in the window; stats: ${total:-?} lost"
}

check_sequence
check_lost
exit $fail
