#!/bin/sh
# The whole test suite (`make test`): runs every group's make target, continuing past failures,
# shows each verdict line, and ends with exactly one line `N passed, N failed`. A group whose
# target is missing, or that fails or prints no verdict at all, counts as one FAIL of its own.
# Exits non-zero when anything failed. Full output of each group: $BUILD/logs/<group>.log.
# Usage: sh tools/testsuite.sh [group...]     (default: every group in SUITE_GROUPS)

set -u

# Every test group of the project, in the order they run. A new group is added here (and
# gets its make target); a group listed here without a target is reported as a FAIL, and so
# is a `test-*` target of the Makefile that is missing here.
SUITE_GROUPS="test-harness test-unit test-abi test-ring test-mm test-elf test-trace test-time test-evtchn test-boot
              test-attacks test-xen"

BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
SUITE_TAIL=15                 # lines of a failing group's log shown when it gave no verdict

groups=${*:-$SUITE_GROUPS}
mkdir -p "$BUILD/logs"
verdicts=$BUILD/logs/test-verdicts.txt
: >"$verdicts"

# suite_group GROUP: runs one group, appends its verdicts (and its own FAIL if needed).
suite_group() {
	g=$1
	glog=$BUILD/logs/$g.log
	start=$(date +%s)
	echo "== $g"
	$MAKE --no-print-directory "$g" >"$glog" 2>&1 </dev/null
	rc=$?
	secs=$(( $(date +%s) - start ))
	grep -E '^(PASS|FAIL): ' "$glog" | tee -a "$verdicts"
	n=$(grep -c -E '^(PASS|FAIL): ' "$glog")
	nfail=$(grep -c '^FAIL: ' "$glog")
	why=""
	if grep -q "No rule to make target '$g'" "$glog"; then
		why="no make target '$g'"
	elif [ "$rc" -ne 0 ] && [ "$nfail" -eq 0 ]; then
		why="make $g exited $rc without a FAIL verdict"
	elif [ "$n" -eq 0 ]; then
		why="make $g printed no verdict"
	fi
	if [ -n "$why" ]; then
		echo "FAIL: $g: $why (log: $glog)" | tee -a "$verdicts"
		tail -n "$SUITE_TAIL" "$glog" | cut -c 1-160 | sed 's/^/    | /'
	fi
	echo "== $g: ${secs}s"
}

# suite_unlisted: FAILs for the Makefile's test-* targets that SUITE_GROUPS does not run.
suite_unlisted() {
	# shellcheck disable=SC2086 # one word per group, on purpose
	listed=$(printf ' %s ' $SUITE_GROUPS)
	sed -n 's/^\(test-[a-z0-9-]*\):.*/\1/p' Makefile | sort -u | while read -r t; do
		case $listed in
		*" $t "*) ;;
		*) echo "FAIL: suite: make target $t is not in SUITE_GROUPS (tools/testsuite.sh)" |
			tee -a "$verdicts" ;;
		esac
	done
}

suite_start=$(date +%s)
[ $# -eq 0 ] && suite_unlisted
for g in $groups; do
	suite_group "$g"
done
passed=$(grep -c '^PASS: ' "$verdicts")
failed=$(grep -c '^FAIL: ' "$verdicts")
echo "== total: $(( $(date +%s) - suite_start ))s; verdicts in $verdicts"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
