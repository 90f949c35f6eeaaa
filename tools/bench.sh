#!/bin/sh
# make bench: instruction path lengths under QEMU -icount shift=0,sleep=off (the guest's TSC
# counts retired instructions, so the figures are exact and repeatable). Each figure is taken
# on Keel and, in the same run, on real Xen 4.17 with the same guest code; the ratio is
# Keel/Xen. Results go to stdout and to BUILD/bench.txt.
# Usage: bench.sh BUILD
set -eu
build="${1:?usage: bench.sh BUILD}"
out="$build/bench.txt"
log="$build/logs/bench-keel.log"
mkdir -p "$build/logs"

sh tools/mkiso.sh "$build/bench-null.iso" tests/bench/null-hypercall/grub.cfg \
    "$build/hv.elf" "$build/pvguest.elf"
status=0
timeout 120 qemu-system-x86_64 -cpu max,-smap -machine q35 -m 128M -icount shift=0,sleep=off \
    -boot d -nic none -no-reboot -nographic -monitor none -serial "file:$log" \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$build/bench-null.iso" \
    >/dev/null 2>&1 || status=$?
keel=$(tr -d '\r' <"$log" | sed -n 's/^(d0) BENCH null_hypercall \([0-9][0-9]*\).*/\1/p' | head -n 1)
if [ -z "$keel" ] || [ "$status" -ne 33 ]; then
    echo "bench: the Keel run gave no figure (QEMU status $status, log $log)" >&2
    exit 1
fi
xen=$(sh tools/xenpeer/run.sh bench "$build" | sed -n 's/^BENCH xen null_hypercall \([0-9][0-9]*\).*/\1/p')
if [ -z "$xen" ]; then
    echo "bench: the Xen run gave no figure" >&2
    exit 1
fi
{
    echo "benchmark                        keel    xen  keel/xen  (instructions, -icount shift=0)"
    awk -v k="$keel" -v x="$xen" 'BEGIN { printf "null hypercall (xen_version)   %6d %6d     %.2f\n", k, x, k / x }'
} | tee "$out"
