#!/bin/sh
# Builds a GRUB rescue ISO (boots under BIOS and UEFI) from a grub.cfg and the files it loads;
# every file lands in /boot/ of the ISO under its base name. The staging tree is <out>.d/.
# Usage: sh tools/mkiso.sh <out.iso> <grub.cfg> <file>...

set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 <out.iso> <grub.cfg> <file>..." >&2
	exit 2
fi
out=$1
cfg=$2
shift 2

stage=$out.d
rm -rf "$stage"
mkdir -p "$stage/boot/grub"
cp "$cfg" "$stage/boot/grub/grub.cfg"
for f in "$@"; do
	cp "$f" "$stage/boot/"
done

# grub-mkrescue is chatty on success; keep its output only when it fails.
if ! grub-mkrescue -o "$out.tmp" "$stage" >"$out.mkrescue.log" 2>&1; then
	cat "$out.mkrescue.log" >&2
	rm -f "$out.tmp"
	exit 1
fi
mv "$out.tmp" "$out"
rm -f "$out.mkrescue.log"
