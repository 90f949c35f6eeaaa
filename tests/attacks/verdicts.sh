#!/bin/sh
# make test-attacks: one verdict per hostile-guest scenario. The scenario list is the attacker
# image's own test table (its test_case_* symbols); each scenario PASSes only on a
# "(d1) RESULT: SUCCESS <name>" line in the serial log of tests/boot/attacks. The judgement of
# the run as a whole (Keel up, d0's suite clean, audits clean, every frame back) is
# boot/attacks-q35-128M-bios: make test-boot gives it, and its log is reused here when it is
# newer than the ISO; otherwise this script boots the scenario and prints that verdict itself
# as attacks/scenario.
# Exits non-zero if any verdict is a FAIL.
set -u

BUILD=${BUILD:-build}
SCN=tests/boot/attacks
VARIANT=attacks-q35-128M-bios
LOG=$BUILD/logs/$VARIANT.log
ISO=$BUILD/scenarios/attacks.iso
ELF=$BUILD/attacker.elf
MIN_ATTACKS=30                # the issue asks for at least this many scenarios

fail=0
# Booted here, the run's verdict is named attacks/scenario, so that a make test that rebuilt
# the ISO after test-boot (sources changed meanwhile) does not count boot/... twice.
if ! { [ -f "$LOG" ] && [ "$LOG" -nt "$ISO" ]; }; then
	BUILD=$BUILD sh tools/scenario.sh "$SCN" q35 128M bios > "$LOG.verdict" || fail=1
	sed "s|boot/$VARIANT|attacks/scenario|" "$LOG.verdict"
fi

names=$(nm "$ELF" | sed -n 's/.* test_case_\(.*\)$/\1/p' | sort)
n=$(printf '%s\n' "$names" | grep -c .)
if [ "$n" -lt "$MIN_ATTACKS" ]; then
	echo "FAIL: attacks/count: $n scenarios in $ELF, want at least $MIN_ATTACKS"
	fail=1
fi
tr -d '\r' < "$LOG" > "$LOG.clean"
for t in $names; do
	line=$(grep -m1 "^(d1) RESULT: [A-Z]* $t\( \|\$\)" "$LOG.clean")
	case $line in
	"(d1) RESULT: SUCCESS $t") echo "PASS: attacks/$t" ;;
	"") echo "FAIL: attacks/$t: no RESULT line in $LOG"; fail=1 ;;
	*) echo "FAIL: attacks/$t: ${line#(d1) RESULT: }"; fail=1 ;;
	esac
done
# Domain 0 ran its whole suite meanwhile, and both teardowns audited clean (in any order).
if grep -Eq '^\(d0\) SUMMARY: success=[1-9][0-9]* failure=0 skip=[0-9]+ error=0' "$LOG.clean"
then echo "PASS: attacks/d0_suite_meanwhile"
else echo "FAIL: attacks/d0_suite_meanwhile: no clean (d0) SUMMARY line in $LOG"; fail=1; fi
for d in 0 1; do
	if grep -q "^hv: audit at d$d teardown: 0 mismatches" "$LOG.clean"
	then echo "PASS: attacks/d${d}_teardown_audit"
	else echo "FAIL: attacks/d${d}_teardown_audit: no clean audit line at d$d teardown"; fail=1; fi
done
exit $fail
