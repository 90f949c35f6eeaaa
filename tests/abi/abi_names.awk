# Lists what a Keel abi/ header defines, one per line, for coverage.sh:
#   const NAME        an object-like macro (include guards excluded)
#   type NAME         a typedef name
#   tag KIND NAME     a top-level struct or union tag
#   member TAG NAME   a member declared at any depth inside struct/union TAG
# Handles the layout abi/ uses: one declaration per line, nested aggregates closed by "} name;".
function strip_comments(line) {
    while (1) {
        if (in_comment) {
            e = index(line, "*/")
            if (e == 0) return ""
            line = substr(line, e + 2); in_comment = 0
        }
        s = index(line, "/*")
        if (s == 0) return line
        rest = substr(line, s + 2); e = index(rest, "*/")
        if (e == 0) { in_comment = 1; return substr(line, 1, s - 1) }
        line = substr(line, 1, s - 1) " " substr(rest, e + 2)
    }
}
function emit_members(decl,    n, parts, i, nm, w) {
    sub(/;.*$/, "", decl)
    n = split(decl, parts, ",")
    for (i = 1; i <= n; i++) {
        nm = parts[i]; sub(/\[.*$/, "", nm); gsub(/^[ \t]+|[ \t]+$/, "", nm)
        if (i == 1) { w = split(nm, words, /[ \t]+/); nm = words[w] }
        if (nm != "") print "member " tag " " nm
    }
}
{
    line = strip_comments($0)
    if (line ~ /^#define[ \t]+[A-Za-z_][A-Za-z0-9_]*([ \t]|$)/) {
        split(line, f, /[ \t]+/)
        if (f[2] !~ /^ABI_.*_H$/) print "const " f[2]
        next
    }
    if (line ~ /^typedef .*;/) {
        t = line; sub(/[ \t]*(\[[^]]*\])?;.*$/, "", t); n = split(t, f, /[ \t]+/)
        print "type " f[n]
        next
    }
    if (depth == 0 && line ~ /^(struct|union)[ \t]+[A-Za-z_0-9]+[ \t]*\{/) {
        split(line, f, /[ \t]+/); tag = f[1] " " f[2]; print "tag " tag
        depth = 1; next
    }
    if (depth == 0) next
    opens = gsub(/\{/, "{", line); closes = gsub(/\}/, "}", line)
    if (closes > 0 && line ~ /\}[ \t]*[A-Za-z_]/) {
        nm = line; sub(/^.*\}[ \t]*/, "", nm); emit_members(nm)
    } else if (opens == 0 && closes == 0 && line ~ /;/) {
        emit_members(line)
    }
    depth += opens - closes
}
