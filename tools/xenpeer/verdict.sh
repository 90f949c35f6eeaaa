#!/bin/sh
# Reads the serial log of a Xen peer run on stdin and prints one verdict line per pvguest test:
#   RESULT: SUCCESS n -> PASS: xen/n        RESULT: FAILURE n why -> FAIL: xen/n: why
#   RESULT: ERROR n why -> FAIL: xen/n: ERROR why      RESULT: SKIP n why -> "# skip" note
# plus xen/summary (the guest reached its SUMMARY line) and, in bench mode, the BENCH figure.
# Exits 1 if any verdict failed or the summary (or the bench figure) is missing.
# Crash mode (test=crash_on_purpose) instead requires the register dump, a backtrace naming
# the three nested functions, and Xen reporting that dom0 crashed; its RESULT line is ignored.
mode="${1:-test}"
if [ "$mode" = crash ]; then
    awk '
    /^pvguest: unexpected exception 6 / { dump = 1 }
    /^pvguest: +at .* crash_level2\+0x/ { at2 = 1 }
    /^pvguest: +by .* crash_level1\+0x/ { by1 = 1 }
    /^pvguest: +by .* crash_on_purpose\+0x/ { by0 = 1 }
    /Hardware Dom0 crashed/ { crashed = 1 }
    END {
        ok = dump && at2 && by1 && by0 && crashed
        if (ok) print "PASS: xen/crash_backtrace"
        else printf "FAIL: xen/crash_backtrace: dump %d at2 %d by1 %d by0 %d dom0-crashed %d\n", dump, at2, by1, by0, crashed
        exit ok ? 0 : 1
    }'
    exit
fi
awk -v mode="$mode" '
/^RESULT: SUCCESS / { print "PASS: xen/" $3; next }
/^RESULT: (FAILURE|ERROR) / {
    why = $0; sub(/^RESULT: [A-Z]+ [^ ]+ ?/, "", why)
    print "FAIL: xen/" $3 ": " ($2 == "ERROR" ? "ERROR " : "") why
    failed++; next
}
/^RESULT: SKIP / { why = $0; sub(/^RESULT: SKIP [^ ]+ ?/, "", why); print "# skip xen/" $3 ": " why; next }
/^SUMMARY: / { summary = $0 }
/^BENCH [a-z0-9_]+ [0-9]+/ { bench[++nbench] = $2 " " $3 }
/Hardware Dom0 crashed|Domain 0 crashed|Panic on CPU/ { crash = $0 }
END {
    if (crash != "") { print "FAIL: xen/crash: " crash; failed++ }
    if (summary == "") { print "FAIL: xen/summary: no SUMMARY line (crash or timeout)"; failed++ }
    else print "PASS: xen/summary"
    if (mode == "bench") {
        if (nbench == 0) { print "FAIL: xen/bench: no BENCH line"; failed++ }
        for (i = 1; i <= nbench; i++) print "BENCH xen " bench[i]
    }
    exit failed ? 1 : 0
}'
