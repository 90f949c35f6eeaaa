#!/bin/sh
# make bench: instruction path lengths under QEMU -icount shift=0,sleep=off (the guest's TSC
# counts retired instructions, so the figures are exact and repeatable).
#
# Every directory tests/bench/NAME/ holds a grub.cfg that boots Keel with pvguest; each guest
# line "BENCH <figure> <instructions>" becomes a result of run NAME. Then:
#   - run `suite` (dom0 with test=bench: every bench_* test) is paired by figure name with
#     real Xen 4.17 running the same guest and the same selection (tools/xenpeer), in the same
#     `make bench`; the ratio is Keel/Xen;
#   - run `traced` repeats hypercall figures with the hcall trace class on; each is compared
#     with the untraced figure of the same name from `suite`;
#   - every other run (multi-domain figures with no Xen counterpart) is listed as measured.
# Results go to stdout and BUILD/bench.txt; raw figures to BUILD/bench/<run>.txt.
# Usage: bench.sh BUILD
set -eu
build="${1:?usage: bench.sh BUILD}"
out="$build/bench.txt"
raw="$build/bench"
rm -rf "$raw"
mkdir -p "$build/logs" "$raw"

# keel_run NAME: boots tests/bench/NAME under -icount; writes "figure value" lines to
# BUILD/bench/NAME.txt. A run that does not power off cleanly or prints nothing fails.
keel_run() {
    log="$build/logs/bench-$1.log"
    sh tools/mkiso.sh "$build/bench-$1.iso" "tests/bench/$1/grub.cfg" \
        "$build/hv.elf" "$build/pvguest.elf"
    status=0
    timeout 300 qemu-system-x86_64 -cpu max,-smap -machine q35 -m 256M \
        -icount shift=0,sleep=off -boot d -nic none -no-reboot -nographic -monitor none \
        -serial "file:$log" -debugcon file:/dev/null \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$build/bench-$1.iso" \
        >/dev/null 2>&1 || status=$?
    tr -d '\r' <"$log" |
        sed -n 's/^(d[0-9]*) BENCH \([a-z0-9_]*\) \([0-9][0-9]*\).*/\1 \2/p' >"$raw/$1.txt"
    if [ ! -s "$raw/$1.txt" ] || [ "$status" -ne 33 ]; then
        echo "bench: run $1 gave no figure or did not end cleanly (QEMU status $status, log $log)" >&2
        exit 1
    fi
    if tr -d '\r' <"$log" | grep -q 'RESULT: \(FAILURE\|ERROR\)'; then
        echo "bench: run $1 had a failing test (log $log)" >&2
        exit 1
    fi
}

for dir in tests/bench/*/; do
    keel_run "$(basename "$dir")"
done
sh tools/xenpeer/run.sh bench "$build" | sed -n 's/^BENCH xen \([a-z0-9_]*\) \([0-9][0-9]*\).*/\1 \2/p' \
    >"$raw/xen.txt"
if [ ! -s "$raw/xen.txt" ]; then
    echo "bench: the Xen run gave no figure" >&2
    exit 1
fi

# pair A B: lines "name a b" for every name present in both files (A's order).
pair() {
    awk 'NR == FNR { v[$1] = $2; next } ($1 in v) { print $1, $2, v[$1] }' "$2" "$1"
}
{
    echo "Keel vs real Xen 4.17 (instructions, -icount shift=0; same guest code)"
    printf '%-36s %9s %9s %9s\n' figure keel xen keel/xen
    pair "$raw/suite.txt" "$raw/xen.txt" |
        awk '{ printf "%-36s %9d %9d %9.2f\n", $1, $2, $3, $2 / $3 }'
    echo
    echo "Trace overhead, hcall class (instructions; traced run vs the suite run)"
    printf '%-36s %9s %9s %9s\n' figure off on on/off
    pair "$raw/suite.txt" "$raw/traced.txt" |
        awk '{ printf "%-36s %9d %9d %9.2f\n", $1, $2, $3, $3 / $2 }'
    others=$(ls "$raw" | grep -v -x -e suite.txt -e traced.txt -e xen.txt || true)
    if [ -n "$others" ]; then
        echo
        echo "Keel-only figures (instructions)"
        for f in $others; do
            awk -v run="${f%.txt}" '{ printf "%-16s %-30s %9d\n", run, $1, $2 }' "$raw/$f"
        done
    fi
} | tee "$out"
