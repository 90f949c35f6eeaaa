#!/bin/sh
# make check-abi: every abi/*.h must compile on its own as ISO C11 with -Wpedantic -Werror
# under each host compiler given, and a header that promises assembly use (it tests
# __ASSEMBLY__) must also assemble on its own. One verdict line per header; exit 1 on any FAIL.
# Usage: tests/abi/check_headers.sh "cc clang" abi/*.h
set -u
CCS=$1
shift
failed=0
for h in "$@"; do
    why=""
    for c in $CCS; do
        printf '#include "%s"\ntypedef int abi_nonempty_tu;\n' "$h" |
            $c -std=c11 -Wpedantic -Werror -fsyntax-only -I. -x c - ||
            why="$why $c-c11"
    done
    if grep -q __ASSEMBLY__ "$h"; then
        printf '#include "%s"\n' "$h" |
            cc -D__ASSEMBLY__ -I. -x assembler-with-cpp -c -o /dev/null - || why="$why asm"
    fi
    if [ -z "$why" ]; then
        echo "PASS: $h compiles on its own ($CCS)"
    else
        echo "FAIL: $h: does not compile on its own:$why"
        failed=1
    fi
done
exit $failed
