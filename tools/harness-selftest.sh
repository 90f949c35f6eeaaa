#!/bin/sh
# Self-test of the boot-scenario runner (`make test-harness`): runs tools/scenario.sh against a
# stub QEMU that writes a canned serial log and exits with a chosen status, and checks that each
# verdict is the one the rules in docs/testing.md give. One verdict line per case.
# Usage: sh tools/harness-selftest.sh

set -u

top=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/keel-harness.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0

# The stub QEMU: writes $STUB_LOG to the -serial file, sleeps $STUB_SLEEP, exits $STUB_STATUS.
cat >"$work/qemu" <<'EOF'
#!/bin/sh
for a in "$@"; do
	case $a in file:*) out=${a#file:} ;; esac
done
printf '%b' "$STUB_LOG" >"$out"
sleep "${STUB_SLEEP:-0}"
exit "$STUB_STATUS"
EOF
chmod +x "$work/qemu"

mkdir -p "$work/scn/demo" "$work/build/scenarios"
: >"$work/build/scenarios/demo.iso"
cat >"$work/scn/demo/scenario" <<'EOF'
timeout 2
status 33
allow-result ^\(d1\) RESULT: FAILURE on_purpose
expect-re ^Keel 0\.1\.0
expect    hv: free frames:
when -8G- expect hv: above 4G
expect    powering off
EOF

GOOD='Keel 0.1.0\nhv: free frames: 10\npowering off\n'

# check NAME MEMORY LOG STATUS SLEEP WANT: runs one case; WANT is an ERE the verdict must match.
check() {
	verdict=$(cd "$top" && BUILD=$work/build QEMU=$work/qemu STUB_LOG=$3 STUB_STATUS=$4 \
		STUB_SLEEP=$5 sh tools/scenario.sh "$work/scn/demo" q35 "$2" bios)
	if echo "$verdict" | grep -Eq "$6"; then
		echo "PASS: harness/$1"
	else
		echo "FAIL: harness/$1: got '$verdict', wanted /$6/"
		failed=1
	fi
}

check good            128M "$GOOD" 33 0 '^PASS: boot/demo-q35-128M-bios$'
check crlf-escapes    128M '\033[2JKeel 0.1.0\r\nhv: free frames: 1\r\npowering off\r\n' 33 0 '^PASS: '
check wrong-status    128M "$GOOD" 37 0 '^FAIL: .*QEMU exit status 37 \(hypervisor panic\), expected 33$'
check triple-fault    128M "$GOOD" 0 0 '^FAIL: .*status 0 \(machine reset or triple fault\)'
check panic-line      128M "${GOOD}hv: PANIC: oops\n" 33 0 '^FAIL: .*panic in log: hv: PANIC: oops$'
check missing-line    128M 'Keel 0.1.0\npowering off\n' 33 0 "^FAIL: .*missing expected line 'hv: free frames:' \(and 1 after it\)$"
check out-of-order    128M 'Keel 0.1.0\npowering off\nhv: free frames: 1\n' 33 0 "missing expected line 'powering off'$"
check timeout         128M "$GOOD" 0 5 '^FAIL: .*timeout after 2s'
check guest-failure   128M "${GOOD}(d0) RESULT: FAILURE t1\n(d0) RESULT: ERROR t2\n" 33 0 '2 failed guest test\(s\), first: \(d0\) RESULT: FAILURE t1$'
check allowed-failure 128M "${GOOD}(d1) RESULT: FAILURE on_purpose\n" 33 0 '^PASS: '
check when-applies    8G   "$GOOD" 33 0 "^FAIL: boot/demo-q35-8G-bios: missing expected line 'hv: above 4G'"
check when-met        8G   'Keel 0.1.0\nhv: free frames: 1\nhv: above 4G\npowering off\n' 33 0 '^PASS: '
check empty-log       128M '' 33 0 "missing expected line '\^Keel"
exit "$failed"
