#!/bin/sh
# Runs every variant (machine x memory x firmware) of the named QEMU boot scenarios, at most
# $BOOT_JOBS at a time, through tools/scenario.sh: one verdict line each. Exits non-zero if any
# variant failed. The ISOs must already be built ($BUILD/scenarios/<name>.iso).
# Usage: sh tools/bootsuite.sh <scenario-name>...   (names of directories under tests/boot/)

set -u

BOOT_JOBS=${BOOT_JOBS:-2}   # the machine has 2 cores shared by everything
SCN_ROOT=tests/boot
VARIANT_FIELDS=4            # scenario.sh arguments: dir machine memory firmware

# suite_list NAME: prints "dir machine memory firmware" for each variant of scenario NAME,
# UEFI variants first: they are the slow ones, so starting them early shortens the run.
suite_list() {
	awk -v dir="$SCN_ROOT/$1" '
		$1 == "machine"  { nm = split($0, m); }
		$1 == "memory"   { nk = split($0, k); }
		$1 == "firmware" { nf = split($0, f); }
		END {
			if (nm < 2) { nm = 2; m[2] = "q35" }
			if (nk < 2) { nk = 2; k[2] = "128M" }
			if (nf < 2) { nf = 2; f[2] = "bios" }
			for (a = 2; a <= nm; a++)
				for (b = 2; b <= nk; b++)
					for (c = 2; c <= nf; c++)
						print (f[c] == "uefi" ? 0 : 1), dir, m[a], k[b], f[c]
		}' "$SCN_ROOT/$1/scenario"
}

if [ $# -eq 0 ]; then
	echo "bootsuite: no scenarios named" >&2
	exit 2
fi

failed=0
names=""
for name in "$@"; do
	if [ -f "$SCN_ROOT/$name/scenario" ]; then
		names="$names $name"
	else
		echo "FAIL: boot/$name: no $SCN_ROOT/$name/scenario"
		failed=1
	fi
done

for name in $names; do
	suite_list "$name"
done | sort -s -k1,1n | cut -d ' ' -f 2- |
	xargs -r -n "$VARIANT_FIELDS" -P "$BOOT_JOBS" sh tools/scenario.sh || failed=1
exit "$failed"
