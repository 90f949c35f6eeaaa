# Judges a scenario's serial log against its definition (docs/testing.md): prints one reason a
# line for each problem found, nothing when the log is good. It never decides on exit status.
# Usage: awk -v variant=<variant> -f tools/judge.awk tests/boot/<name>/scenario <log>

BEGIN {
	esc = sprintf("%c", 27)
	nexp = 0        # expectations, in the order they must appear
	next_exp = 1    # the next expectation still to be seen
	allow_panic = 0
}

# judge_clean: the log line without carriage returns and terminal escape sequences.
function judge_clean(s) {
	gsub(/\r/, "", s)
	gsub(esc "\\[[0-9;?]*[A-Za-z]", "", s)
	gsub(esc "[A-Za-z]", "", s)
	return s
}

# judge_matches: whether line s satisfies expectation i.
function judge_matches(s, i) {
	if (kind[i] == "fixed")
		return index(s, pat[i]) > 0
	return s ~ pat[i]
}

# judge_result_allowed: whether a failed guest RESULT line is one the scenario provokes on purpose.
function judge_result_allowed(s,    i) {
	for (i = 1; i <= nallowed; i++)
		if (s ~ allowed_result[i])
			return 1
	return 0
}

# judge_shift: s without its first blank-separated word and the blanks around it.
function judge_shift(s) {
	sub(/^[ \t]*[^ \t]+[ \t]*/, "", s)
	return s
}

# First file: the scenario definition ("key value" lines; # comments). A line
# "when <ERE> key value" applies only to the variants whose name matches <ERE>.
FNR == NR {
	sub(/\r$/, "")
	sub(/[ \t]+$/, "")
	if ($0 ~ /^[ \t]*(#|$)/)
		next
	def = $0
	if ($1 == "when") {
		if (variant !~ $2)
			next
		def = judge_shift(judge_shift(def))
	}
	key = def
	sub(/[ \t].*/, "", key)
	val = judge_shift(def)
	if (key == "expect" || key == "expect-re") {
		nexp++
		kind[nexp] = (key == "expect") ? "fixed" : "re"
		pat[nexp] = val
	} else if (key == "allow-panic") {
		allow_panic = 1
	} else if (key == "allow-result") {
		allowed_result[++nallowed] = val
	}
	next
}

# Second file: the serial log.
{
	line = judge_clean($0)
	if (!allow_panic && panic_line == "" && line ~ /PANIC|panic/)
		panic_line = line
	if (line ~ /^(\(d[0-9]+\) )?RESULT: (FAILURE|ERROR)/ && !judge_result_allowed(line)) {
		if (bad_results++ == 0)
			bad_result = line
	}
	while (next_exp <= nexp && judge_matches(line, next_exp))
		next_exp++
}

END {
	if (panic_line != "")
		print "panic in log: " panic_line
	if (bad_results > 0)
		print bad_results " failed guest test(s), first: " bad_result
	if (next_exp <= nexp) {
		more = nexp - next_exp
		msg = "missing expected line '" pat[next_exp] "'"
		if (more > 0)
			msg = msg " (and " more " after it)"
		print msg
	}
}
