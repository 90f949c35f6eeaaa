#!/bin/sh
# Reads the serial log of a Xen peer run on stdin and prints one verdict line per pvguest test:
#   RESULT: SUCCESS n -> PASS: xen/n        RESULT: FAILURE n why -> FAIL: xen/n: why
#   RESULT: ERROR n why -> FAIL: xen/n: ERROR why      RESULT: SKIP n why -> "# skip" note
# plus xen/summary (the guest reached its SUMMARY line) and, in bench mode, the BENCH figure.
# Exits 1 if any verdict failed or the summary (or the bench figure) is missing.
mode="${1:-test}"
awk -v mode="$mode" '
/^RESULT: SUCCESS / { print "PASS: xen/" $3; next }
/^RESULT: (FAILURE|ERROR) / {
    why = $0; sub(/^RESULT: [A-Z]+ [^ ]+ ?/, "", why)
    print "FAIL: xen/" $3 ": " ($2 == "ERROR:" ? "" : "") ($2 == "ERROR" ? "ERROR " : "") why
    failed++; next
}
/^RESULT: SKIP / { why = $0; sub(/^RESULT: SKIP [^ ]+ ?/, "", why); print "# skip xen/" $3 ": " why; next }
/^SUMMARY: / { summary = $0 }
/^BENCH null_hypercall / { bench = $3 }
/Hardware Dom0 crashed|Domain 0 crashed|Panic on CPU/ { crash = $0 }
END {
    if (crash != "") { print "FAIL: xen/crash: " crash; failed++ }
    if (summary == "") { print "FAIL: xen/summary: no SUMMARY line (crash or timeout)"; failed++ }
    else print "PASS: xen/summary"
    if (mode == "bench") {
        if (bench == "") { print "FAIL: xen/bench: no BENCH line"; failed++ }
        else print "BENCH xen null_hypercall " bench
    }
    exit failed ? 1 : 0
}'
