#!/bin/sh
# Installs the Debian 12 packages Keel's build, `make run`, `make debug` and `make test` need,
# but only those missing; says what it installs. Idempotent: a second run installs nothing.
# Usage: sh tools/deps.sh        (needs root, or sudo, only when something is missing)

set -u

# One package a line, with what needs it. Add new needs here.
DEPS_PACKAGES="
build-essential     host C toolchain (gcc, libc headers)
gcc                 hypervisor and host builds
binutils            ld, objcopy, objdump, nm
make                the build
clang               second compiler of the build matrix; libFuzzer
libclang-rt-14-dev  sanitizer and libFuzzer runtimes for clang
qemu-system-x86     make run, make debug, boot scenarios
grub-pc-bin         BIOS GRUB for the ISO
grub-efi-amd64-bin  UEFI GRUB for the ISO
grub-common         grub-mkrescue
xorriso             grub-mkrescue writes the ISO with it
mtools              grub-mkrescue builds the EFI image with it
ovmf                UEFI firmware for the UEFI boot scenarios
libxen-dev          Xen 4.17 public headers for the ABI conformance test
libcmocka-dev       host unit tests
gnuplot-nox         benchmark plots; keeltrace plot
jq                  make test-trace checks keeltrace's timeline JSON
gdb                 make debug
"

# deps_missing: prints the packages dpkg does not report as installed.
deps_missing() {
	echo "$DEPS_PACKAGES" | while read -r pkg _why; do
		[ -n "$pkg" ] || continue
		st=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)
		[ "$st" = "install ok installed" ] || echo "$pkg"
	done
}

# deps_as_root: runs its arguments as root (directly, or through sudo when available).
deps_as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "deps: need root to run: $*" >&2
		return 1
	fi
}

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian system (no dpkg-query); make sure these are installed:" >&2
	echo "$DEPS_PACKAGES" | awk 'NF { print "  " $1 }' >&2
	exit 0
fi

missing=$(deps_missing | tr '\n' ' ')
if [ -z "$missing" ]; then
	exit 0
fi

echo "deps: installing missing Debian packages: $missing"
export DEBIAN_FRONTEND=noninteractive
deps_as_root apt-get update -q || { echo "deps: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086 # one word per package, on purpose
deps_as_root apt-get install -y -q --no-install-recommends $missing ||
	{ echo "deps: apt-get install failed" >&2; exit 1; }

still=$(deps_missing | tr '\n' ' ')
if [ -n "$still" ]; then
	echo "deps: still missing after apt-get: $still" >&2
	exit 1
fi
echo "deps: done"
