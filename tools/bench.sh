#!/bin/sh
# make bench: instruction path lengths under QEMU -icount shift=0,sleep=off (the guest's TSC
# counts retired instructions, so the figures are exact and repeatable). Each figure is taken
# on Keel and, in the same run, on real Xen 4.17 with the same guest code; the ratio is
# Keel/Xen. Results go to stdout and to BUILD/bench.txt.
# Usage: bench.sh BUILD
set -eu
build="${1:?usage: bench.sh BUILD}"
out="$build/bench.txt"
mkdir -p "$build/logs"

# keel_run NAME: boots tests/bench/NAME under -icount and prints dom0's null-hypercall figure.
keel_run() {
    log="$build/logs/bench-$1.log"
    sh tools/mkiso.sh "$build/bench-$1.iso" "tests/bench/$1/grub.cfg" \
        "$build/hv.elf" "$build/pvguest.elf"
    status=0
    timeout 120 qemu-system-x86_64 -cpu max,-smap -machine q35 -m 128M \
        -icount shift=0,sleep=off -boot d -nic none -no-reboot -nographic -monitor none \
        -serial "file:$log" -debugcon file:/dev/null \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$build/bench-$1.iso" \
        >/dev/null 2>&1 || status=$?
    fig=$(tr -d '\r' <"$log" | sed -n 's/^(d0) BENCH null_hypercall \([0-9][0-9]*\).*/\1/p' | head -n 1)
    if [ -z "$fig" ] || [ "$status" -ne 33 ]; then
        echo "bench: $1 gave no figure (QEMU status $status, log $log)" >&2
        exit 1
    fi
    echo "$fig"
}
keel=$(keel_run null-hypercall)
traced=$(keel_run null-hypercall-traced)
xen=$(sh tools/xenpeer/run.sh bench "$build" | sed -n 's/^BENCH xen null_hypercall \([0-9][0-9]*\).*/\1/p')
if [ -z "$xen" ]; then
    echo "bench: the Xen run gave no figure" >&2
    exit 1
fi
{
    echo "benchmark                        keel    xen  keel/xen  (instructions, -icount shift=0)"
    awk -v k="$keel" -v x="$xen" 'BEGIN { printf "null hypercall (xen_version)   %6d %6d     %.2f\n", k, x, k / x }'
    echo
    echo "trace overhead (hcall class)    off     on   per record  on/off"
    awk -v k="$keel" -v t="$traced" 'BEGIN { printf "null hypercall                 %4d  %5d   %10.1f    %.2f\n", k, t, (t - k) / 2, t / k }'
} | tee "$out"
