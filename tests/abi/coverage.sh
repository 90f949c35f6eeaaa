#!/bin/sh
# Checks that tests/abi/checks_*.h cover every constant, type, struct tag and member that
# Keel's abi/ headers define (Keel's own extensions, abi/keel_*.h, excepted), so no name can
# escape the comparison with Xen. Names Xen has no counterpart for are listed, with reasons,
# in tests/abi/keel_only.txt. Prints one verdict line; exits non-zero on FAIL.
# Usage: tests/abi/coverage.sh [abi-dir]
set -u
ABI=${1:-abi}
DIR=$(dirname "$0")
ONLY="$DIR/keel_only.txt"

missing=0
total=0
report() { echo "  not covered: $*"; missing=$((missing + 1)); }

# Entry lines of every checks_*.h (comments excluded).
entries=$(cat "$DIR"/checks_*.h | grep '^ABI_')
only=$(grep -v '^#' "$ONLY" | awk '{ print $1 }')

has_word() { printf '%s\n' "$entries" | grep -qw -- "$1"; }
is_keel_only() { printf '%s\n' "$only" | grep -qx -- "$1"; }
# An ABI_FIELD/FIELD2/ELEM entry of aggregate $1 whose member path names $2.
has_member() {
    printf '%s\n' "$entries" | grep -E "^ABI_(FIELD2?|ELEM)\($1," |
        grep -qE "[ ,.]$2([].,)[]|$)"
}

for h in "$ABI"/*.h; do
    case $(basename "$h") in keel_*) continue ;; esac
    awk -f "$DIR/abi_names.awk" "$h" > "${TMPDIR:-/tmp}/abi_names.$$"
    while read -r kind a b c; do
        total=$((total + 1))
        case $kind in
        const) has_word "$a" || is_keel_only "$a" || report "$h: constant $a" ;;
        type)  has_word "$a" || report "$h: type $a" ;;
        tag)   has_word "$b" || report "$h: $a $b" ;;
        member) has_member "$a $b" "$c" || report "$h: member $c of $a $b" ;;
        esac
    done < "${TMPDIR:-/tmp}/abi_names.$$"
    rm -f "${TMPDIR:-/tmp}/abi_names.$$"
done

if [ "$missing" -eq 0 ] && [ "$total" -gt 0 ]; then
    echo "PASS: tests/abi/checks_*.h cover all $total names defined in $ABI/"
else
    echo "FAIL: tests/abi/checks_*.h: $missing of $total names in $ABI/ not covered"
    exit 1
fi
