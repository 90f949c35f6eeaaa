#!/bin/sh
# Self-test of make test-abi: plants four mismatches the _Static_asserts in abi/ cannot see (a
# constant's value, a constant in another header, two same-typed members swapped, a typedef's
# signedness) in a copy of abi/, rebuilds Keel's side of the table against the copy, and
# requires the comparison to FAIL and to name every planted mismatch. One verdict line.
# Usage: tests/abi/mutant.sh <work-dir> <xen_side.o> <main.o>   (run from the top directory)
set -u
WORK=$1
XEN_OBJ=$2
MAIN_OBJ=$3
CC=${HOSTCC:-cc}
rm -rf "$WORK" && mkdir -p "$WORK" && cp -r abi "$WORK/abi"

sed -i 's/^#define SIF_PRIVILEGED .*/#define SIF_PRIVILEGED (1 << 5)/' "$WORK/abi/start_info.h"
sed -i 's/^#define XS_RM .*/#define XS_RM 31/' "$WORK/abi/io_xenstore.h"
sed -i '/^struct evtchn_bind_ipi {/,/^}/{s/uint32_t      vcpu;/evtchn_port_t port;/;t;s/evtchn_port_t port;/uint32_t      vcpu;/}' \
    "$WORK/abi/evtchn.h"
sed -i 's/^typedef uint16_t domid_t;/typedef int16_t domid_t;/' "$WORK/abi/types.h"

expect="SIF_PRIVILEGED XS_RM evtchn_bind_ipi.vcpu domid_t"
$CC -std=c11 -Wall -Wextra -Werror -Wno-type-limits -I"$WORK" -I. \
    -c tests/abi/keel_side.c -o "$WORK/keel_side.o" &&
    $CC -o "$WORK/test-abi" "$XEN_OBJ" "$WORK/keel_side.o" "$MAIN_OBJ" || {
    echo "FAIL: test-abi self-test: the planted copy of abi/ did not build"; exit 1; }

if "$WORK/test-abi" > "$WORK/out.txt"; then
    echo "FAIL: test-abi self-test: planted mismatches went unnoticed"; exit 1
fi
for name in $expect; do
    grep '^  mismatch: ' "$WORK/out.txt" | grep -qF " $name: " || {
        echo "FAIL: test-abi self-test: planted mismatch in $name not reported"; exit 1; }
done
echo "PASS: test-abi self-test: 4 planted mismatches all reported"
