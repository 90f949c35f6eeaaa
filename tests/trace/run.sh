#!/bin/sh
# Checks keeltrace end to end, one verdict line per check: the recorder's golden traces byte
# for byte, dump/stats output against tests/trace/golden/, the timeline JSON's required fields
# (jq), plot's PNGs, the filters, and damaged input (exit status 2 with a byte offset).
# usage: tests/trace/run.sh BUILD_DIR  (BUILD_DIR holds gen_golden and keeltrace-san)
set -u
dir=$1
kt=$dir/keeltrace-san
gold=tests/trace/golden
fail=0

pass() { echo "PASS: trace/$1"; }
flunk() { echo "FAIL: trace/$1: $2"; fail=1; }
check() { name=$1; shift; if "$@"; then pass "$name"; else flunk "$name" "$*"; fi; }

# 1. The recorder writes exactly the committed golden bytes.
"$dir/gen_golden" "$dir/two.bin" "$dir/lost.bin" || flunk golden/generate "gen_golden failed"
for t in two lost; do
    check "golden/${t}_bin_bytes" cmp -s "$dir/$t.bin" "$gold/$t.bin"
done

# 2. dump and stats of the committed traces, byte for byte.
for t in two lost; do
    for c in dump stats; do
        "$kt" "$c" "$gold/$t.bin" > "$dir/$t.$c" 2> "$dir/$t.$c.err"
        st=$?
        if [ $st -ne 0 ]; then flunk "golden/${t}_$c" "exit $st: $(cat "$dir/$t.$c.err")"
        elif cmp -s "$dir/$t.$c" "$gold/$t.$c"; then pass "golden/${t}_$c"
        else flunk "golden/${t}_$c" "differs: diff $gold/$t.$c $dir/$t.$c"; fi
    done
done

# 3. The timeline is JSON with the fields Chrome/Perfetto need.
if "$kt" timeline "$gold/two.bin" -o "$dir/two.json" && jq -e '
    (.traceEvents | length > 0)
    and all(.traceEvents[]; has("ph") and has("name") and has("pid") and has("tid") and has("ts"))
    and all(.traceEvents[] | select(.ph == "X"); .dur >= 0)
    and ([.traceEvents[] | select(.ph == "X" and .cat == "hcall")] | length == 11)
    and all(.traceEvents[] | select(.cat == "hcall" and .ph == "X"); .args.call and .args.result)
    and ([.traceEvents[] | select(.ph == "s") | .id] | sort) ==
        ([.traceEvents[] | select(.ph == "f") | .id] | sort)
    and ([.traceEvents[] | select(.ph == "s")] | length == 2)
    and ([.traceEvents[] | select(.ph == "M" and .name == "process_name") | .args.name]
         | index("d0") != null and index("d1") != null)
    and ([.traceEvents[] | select(.name == "domain_crash" and .pid == 1)] | length == 1)
    and (.displayTimeUnit == "ns")' "$dir/two.json" > /dev/null
then pass timeline/required_fields
else flunk timeline/required_fields "jq check failed on $dir/two.json"; fi

# 4. plot: one PNG per hypercall that completed (8 in two.bin).
rm -rf "$dir/plot"
if "$kt" plot "$gold/two.bin" -o "$dir/plot" > "$dir/plot.out" 2>&1; then
    n=0; bad=0
    for f in "$dir"/plot/latency-*.png; do
        n=$((n + 1))
        [ "$(head -c 4 "$f" | tail -c 3)" = "PNG" ] || bad=1
    done
    if [ $n -eq 8 ] && [ $bad -eq 0 ]; then pass plot/pngs
    else flunk plot/pngs "$n files, bad signature: $bad"; fi
else flunk plot/pngs "$(cat "$dir/plot.out")"; fi

# 5. Filters select what they say.
# Meta records (lost records, mask changes) pass every filter but the time window.
lines() { "$kt" dump "$gold/two.bin" "$@" | grep -v ' trace mask \| lost ' | wc -l; }
check filter/domain_1 test "$("$kt" dump "$gold/two.bin" -d 1 | grep -v ' trace mask ' |
                               grep -vc ' d1v0 \| -> d1v0\|d1v0 ->')" -eq 0
check filter/hcall_mmu_update test "$(lines -h mmu_update)" -eq 14
check filter/class_evt test "$(lines -c evt)" -eq 4
check filter/meta_kept test "$("$kt" dump "$gold/two.bin" -c evt | grep -c ' trace mask ')" -eq 1
check filter/window test "$("$kt" dump "$gold/two.bin" -t 1000:1300 | awk '$1 < 1000 || $1 > 1300' | wc -l)" -eq 0 -a "$(lines -t 1000:1300)" -gt 0
check filter/bad_value sh -c "! '$kt' dump '$gold/two.bin' -h no_such_call 2>/dev/null"

# 6. Damaged input: exit status 2 and a byte offset, never a crash.
size=$(wc -c < "$gold/two.bin")
for n in 0 8 31 40 100 $((size - 1)); do
    head -c "$n" "$gold/two.bin" > "$dir/cut.bin"
    "$kt" dump "$dir/cut.bin" > /dev/null 2> "$dir/cut.err"; st=$?
    if [ $st -eq 2 ] && grep -q "offset [0-9]" "$dir/cut.err"; then pass "damaged/truncated_$n"
    else flunk "damaged/truncated_$n" "exit $st: $(cat "$dir/cut.err")"; fi
done
head -c $((size - 1)) "$gold/two.bin" > "$dir/cut.bin"
check damaged/truncated_resync sh -c "'$kt' -r stats '$dir/cut.bin' > /dev/null 2>&1"
printf 'not a trace at all, just some text that is long enough\n' > "$dir/junk.bin"
"$kt" stats "$dir/junk.bin" > /dev/null 2> "$dir/junk.err"; st=$?
if [ $st -eq 2 ] && grep -q "offset 0: not a Keel trace" "$dir/junk.err"; then
    pass damaged/garbage
else flunk damaged/garbage "exit $st: $(cat "$dir/junk.err")"; fi

exit $fail
