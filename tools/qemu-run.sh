#!/bin/sh
# Boots an ISO in QEMU for a person: `make run` (serial console on the terminal) or, with
# --debug, `make debug` (QEMU halted in the background, gdb attached with hv.elf's symbols).
# Reports how the machine stopped from the isa-debug-exit status (docs/testing.md).
# Usage: sh tools/qemu-run.sh <iso>   |   sh tools/qemu-run.sh --debug <iso> <hv.elf>

set -u

QEMU=${QEMU:-qemu-system-x86_64}
BUILD=${BUILD:-build}
GDB_PORT=1234
QEMU_MACHINE="-cpu max,-smap -m 256M -machine q35 -no-reboot -boot d
	-device isa-debug-exit,iobase=0xf4,iosize=0x04"

# run_report STATUS: says what a QEMU exit status means; succeeds for the normal endings.
run_report() {
	case $1 in
	0)  echo "run: QEMU quit (Ctrl-a x, or a reset/triple fault under -no-reboot)" ;;
	33) echo "run: Keel powered off: all domains shut down normally (status 33)" ;;
	35) echo "run: Keel powered off: a domain crashed (status 35)"; return 1 ;;
	37) echo "run: Keel powered off after a hypervisor panic (status 37)"; return 1 ;;
	*)  echo "run: QEMU exited with status $1"; return 1 ;;
	esac
}

run_console() {
	echo "run: booting $1 in QEMU; serial console below. Ctrl-a x quits."
	# shellcheck disable=SC2086 # QEMU_MACHINE is a list of words
	"$QEMU" $QEMU_MACHINE -serial mon:stdio -nographic -cdrom "$1"
	run_report $?
}

run_debug() {
	iso=$1
	elf=$2
	slog=$BUILD/logs/debug-serial.log
	mkdir -p "$BUILD/logs"
	# shellcheck disable=SC2086
	"$QEMU" $QEMU_MACHINE -s -S -display none -monitor none -serial "file:$slog" \
		-cdrom "$iso" </dev/null &
	qemu_pid=$!
	echo "debug: QEMU (pid $qemu_pid) halted at the first instruction, gdb stub on :$GDB_PORT"
	echo "debug: serial output goes to $slog (tail -f it in another terminal)"
	echo "debug: try 'break <function>' then 'continue'; quitting gdb stops QEMU"
	gdb -q "$elf" -ex "target remote :$GDB_PORT"
	if kill -0 "$qemu_pid" 2>/dev/null; then
		kill "$qemu_pid"
		wait "$qemu_pid"
		echo "debug: gdb quit; QEMU stopped"
		return 0
	fi
	wait "$qemu_pid"
	run_report $?
}

case ${1:-} in
--debug)
	[ $# -eq 3 ] || { echo "usage: $0 --debug <iso> <hv.elf>" >&2; exit 2; }
	run_debug "$2" "$3" ;;
"")
	echo "usage: $0 <iso> | $0 --debug <iso> <hv.elf>" >&2; exit 2 ;;
*)
	run_console "$1" ;;
esac
