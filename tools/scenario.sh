#!/bin/sh
# Boots one variant of a QEMU boot scenario under a timeout and prints exactly one verdict,
# `PASS: boot/<variant>` or `FAIL: boot/<variant>: <reason>`; exits 0 only on PASS.
# The serial log stays in $BUILD/logs/<variant>.log. Format: docs/testing.md.
# Usage: sh tools/scenario.sh <scenario-dir> <machine: pc|q35> <memory: 128M...> <bios|uefi>

set -u

BUILD=${BUILD:-build}
OVMF=${OVMF:-/usr/share/ovmf/OVMF.fd}
QEMU=${QEMU:-qemu-system-x86_64}
KILL_GRACE=5                      # seconds between TERM and KILL once the timeout expires
TIMEOUT_STATUSES="124 137"        # timeout(1): timed out; killed after the grace period

if [ $# -ne 4 ]; then
	echo "usage: $0 <scenario-dir> <machine> <memory> <bios|uefi>" >&2
	exit 2
fi
dir=${1%/}
machine=$2
memory=$3
firmware=$4
scn=$(basename "$dir")
conf=$dir/scenario
variant=$scn-$machine-$memory-$firmware
iso=$BUILD/scenarios/$scn.iso
log=$BUILD/logs/$variant.log
qemu_err=$BUILD/logs/$variant.qemu.log

# scn_get KEY DEFAULT: the value of the last "KEY value" line of the definition.
scn_get() {
	awk -v k="$1" -v d="$2" '$1 == k { v = $0; sub(/^[ \t]*[^ \t]+[ \t]*/, "", v) }
		END { sub(/[ \t]+$/, "", v); print (v == "" ? d : v) }' "$conf"
}

# status_meaning STATUS: what a QEMU exit status says about the run (docs/testing.md).
status_meaning() {
	case $1 in
	0)  echo "machine reset or triple fault" ;;
	33) echo "clean power-off" ;;
	35) echo "a domain crashed" ;;
	37) echo "hypervisor panic" ;;
	*)  echo "QEMU error" ;;
	esac
}

verdict_fail() {
	echo "FAIL: boot/$variant: $1"
	exit 1
}

[ -f "$conf" ] || verdict_fail "no scenario definition $conf"
[ -f "$iso" ] || verdict_fail "no ISO $iso (build it with make $iso)"

limit=$(scn_get timeout 30)
want=$(scn_get status 33)
extra=$(scn_get qemu "")
case $firmware in
bios) fw_opts="" ;;
uefi) fw_opts="-bios $OVMF"; limit=$(scn_get timeout-uefi 90) ;;
*)    verdict_fail "unknown firmware '$firmware' (bios or uefi)" ;;
esac

mkdir -p "$BUILD/logs"
rm -f "$log" "$qemu_err"
# shellcheck disable=SC2086 # fw_opts and extra are lists of words
timeout -k "$KILL_GRACE" "$limit" "$QEMU" -cpu max,-smap -machine "$machine" -m "$memory" \
	$fw_opts -boot d -nic none -no-reboot -nographic -monitor none \
	-serial "file:$log" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-cdrom "$iso" $extra </dev/null >"$qemu_err" 2>&1
got=$?
[ -f "$log" ] || : >"$log"

# One line, reasons separated by "; ".
reasons=$(awk -v variant="$variant" -f tools/judge.awk "$conf" "$log" | awk 'NR > 1 { printf "; " } { printf "%s", $0 }')
timed_out=0
for t in $TIMEOUT_STATUSES; do
	[ "$got" -eq "$t" ] && timed_out=1
done
if [ "$timed_out" -eq 1 ]; then
	reasons="timeout after ${limit}s${reasons:+; $reasons}"
elif [ "$got" -ne "$want" ]; then
	why="QEMU exit status $got ($(status_meaning "$got")), expected $want"
	err=$(head -n 1 "$qemu_err")
	reasons="$why${err:+: $err}${reasons:+; $reasons}"
fi

if [ -n "$reasons" ]; then
	verdict_fail "$reasons"
fi
echo "PASS: boot/$variant"
