#!/bin/sh
# Peer check: boot pvguest as dom0 on real Xen 4.17 (Debian xen-hypervisor-4.17-amd64) in QEMU
# and turn its RESULT lines into PASS/FAIL verdicts (tools/xenpeer/verdict.sh).
#   run.sh test  BUILD   run every pvguest test (test=all); exit 1 on any failure
#   run.sh bench BUILD   run every bench_* test (test=bench) under -icount shift=0,sleep=off
#   run.sh crash BUILD   run crash_on_purpose: a symbolized backtrace, then Xen sees dom0 crash
# Xen is fetched once with `apt-get download` into BUILD/xen (never committed).
set -eu

mode="${1:?usage: run.sh test|bench|crash BUILD}"
build="${2:?usage: run.sh test|bench|crash BUILD}"
here="$(cd "$(dirname "$0")" && pwd)"
timeout_s="${XENPEER_TIMEOUT:-170}"
xen_pkg=xen-hypervisor-4.17-amd64

case "$mode" in
test)  guest_cmdline="role=backend test=all"; icount="" ;;
bench) guest_cmdline="role=backend test=bench"; icount="-icount shift=0,sleep=off" ;;
crash) guest_cmdline="role=app test=crash_on_purpose"; icount="" ;;
*)     echo "run.sh: unknown mode $mode" >&2; exit 2 ;;
esac

# 1. Xen itself, as Debian ships it (xen.gz is what GRUB's multiboot2 loads).
xen_dir="$build/xen"
if [ ! -f "$xen_dir/xen.gz" ]; then
    mkdir -p "$xen_dir/deb"
    (cd "$xen_dir/deb" && apt-get download "$xen_pkg" >/dev/null 2>&1) || {
        echo "FAIL: xen/fetch: apt-get download $xen_pkg failed"; exit 1; }
    dpkg -x "$xen_dir"/deb/"$xen_pkg"_*.deb "$xen_dir/root"
    cp "$xen_dir"/root/boot/xen-4.17-amd64.gz "$xen_dir/xen.gz"
fi

# 2. A GRUB multiboot2 ISO: Xen with pvguest as the dom0 kernel.
work="$build/xenpeer/$mode"
rm -rf "$work" && mkdir -p "$work/iso/boot/grub"
cp "$xen_dir/xen.gz" "$build/pvguest.elf" "$work/iso/boot/"
sed -e "s|@GUEST_CMDLINE@|$guest_cmdline|" "$here/grub.cfg.in" > "$work/iso/boot/grub/grub.cfg"
grub-mkrescue -o "$work/xen.iso" "$work/iso" >/dev/null 2>&1

# 3. Boot it (BIOS, TCG). Xen halts rather than powering off when dom0 shuts down, so the log
#    decides when the run is over; QEMU is then stopped by its pid.
log="$work/serial.log"
: > "$log"
# shellcheck disable=SC2086
qemu-system-x86_64 -cpu max,-smap -m 512M -smp 1 $icount -display none -monitor none \
    -serial "file:$log" -no-reboot -boot d -cdrom "$work/xen.iso" 2>"$work/qemu.err" &
qemu_pid=$!
trap 'kill "$qemu_pid" 2>/dev/null || true' EXIT
elapsed=0
while kill -0 "$qemu_pid" 2>/dev/null && [ "$elapsed" -lt "$timeout_s" ]; do
    if grep -q -E "Hardware Dom0 (halted|shutdown|crashed)|Panic on CPU|Domain 0 crashed" "$log"
    then
        sleep 1
        break
    fi
    sleep 1
    elapsed=$((elapsed + 1))
done
kill "$qemu_pid" 2>/dev/null || true
wait "$qemu_pid" 2>/dev/null || true
trap - EXIT
[ "$elapsed" -lt "$timeout_s" ] || echo "xenpeer: timeout after ${timeout_s}s (log: $log)"

# 4. Verdicts.
tr -d '\r' < "$log" | sh "$here/verdict.sh" "$mode"
