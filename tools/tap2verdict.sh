#!/bin/sh
# tap2verdict.sh: turns TAP on stdin (cmocka's CMOCKA_MESSAGE_OUTPUT=TAP) into one verdict line
# per test, "PASS: <prefix><name>" or "FAIL: <prefix><name>: <reason>", and exits non-zero when
# any test failed, when fewer results than the "1..N" plan arrived (the program crashed), or
# when the producer's exit status (optional second argument) was not 0.
#
# usage: prog | tools/tap2verdict.sh [prefix [producer-exit-status]]
#   prefix is prepended to each test name (e.g. "unit/fmt/").
prefix=${1:-}
status=${2:-0}
awk -v prefix="$prefix" -v status="$status" '
function flush() {
    if (pending != "") {
        reason = why != "" ? why : "failed"
        print "FAIL: " prefix pending ": " reason
        pending = ""; why = ""
    }
}
/^1\.\.[0-9]+/ { split($0, p, "."); plan = p[3] + 0; have_plan = 1; next }
/^ok [0-9]+/ {
    flush(); name = $0; sub(/^ok [0-9]+( - )?/, "", name)
    print "PASS: " prefix name; seen++; next
}
/^not ok [0-9]+/ {
    flush(); name = $0; sub(/^not ok [0-9]+( - )?/, "", name)
    pending = name; failed++; seen++; next
}
/^# (not )?ok - / { next }   # cmocka group summary
/^# / {
    if (pending != "") { line = substr($0, 3); why = why == "" ? line : why "; " line }
    next
}
END {
    flush()
    bad = failed > 0
    group = prefix == "" ? "tap" : prefix
    sub(/\/$/, "", group)
    if (!have_plan) { print "FAIL: " group ": no TAP plan (program did not run?)"; bad = 1 }
    else if (seen < plan) {
        print "FAIL: " group ": " seen " of " plan " results (crashed?)"; bad = 1
    }
    if (status != 0 && !bad) {
        print "FAIL: " group ": exited with status " status; bad = 1
    }
    exit bad ? 1 : 0
}'
