#!/bin/sh
# Builds a static site: fetches the pages from an API and writes one HTML file per page.
#
#   static-build.sh [OUT]
#
# API_URL  where the pages come from (any URL curl reads); by default the sample file
#          static-build/pages.json beside this script, so it works from a fresh clone.
#          The answer must be JSON: {"pages": [{"slug": "index", "title": "...", "body": "..."}, ...]}
#          (slug: a-z, 0-9 and -; body: plain text, paragraphs split by a blank line; other keys ignored).
# OUT      the folder to write to (default data/site); a relative one is taken from the folder
#          above this script's folder (the Deckhand checkout), not from the working directory.
#
# Exits non-zero, saying why, when the API cannot be read or its answer is not the JSON above.
# Pages are written to a staging folder first: a failed build leaves the last good site as it was.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
api_url="${API_URL:-file://${here}/static-build/pages.json}"
out="${1:-data/site}"
case "$out" in
    /*) ;;
    *) out="$(dirname "$here")/$out" ;;
esac

fail() {
    echo "static-build: $*" >&2
    exit 1
}

echo "static-build: fetching ${api_url}"
# -f: an HTTP error is a failure, not a page; file:// URLs fail the same way when the file is missing.
if ! answer=$(curl -fsS --max-time 60 --retry 2 "$api_url"); then
    fail "could not read the API answer from ${api_url} (see curl's message above)"
fi
[ -n "$answer" ] || fail "the API answer from ${api_url} is empty"

mkdir -p "$out"
stage=$(mktemp -d "${out}/.static-build.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# The JSON is parsed in full before anything is written; awk prints one slug a line for what it wrote.
written=$(printf '%s\n' "$answer" | awk -v stage="$stage" -v api="$api_url" '
function fail(message) {
    printf "static-build: the API answer from %s is not the JSON expected (at character %d): %s\n", api, pos, message > "/dev/stderr"
    printf "static-build: expected {\"pages\": [{\"slug\": \"index\", \"title\": \"...\", \"body\": \"...\"}, ...]}\n" > "/dev/stderr"
    failed = 1
    exit 2
}
function ws() { while (pos <= n && index(" \t\r\n", substr(s, pos, 1)) > 0) pos++ }
function peek() { ws(); return substr(s, pos, 1) }
function expect(c) { if (peek() != c) fail("expected " c); pos++ }
function hex(h,    i, v) { v = 0; h = tolower(h); for (i = 1; i <= 4; i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1; return v }
# A JSON string, decoded and escaped for HTML at once (\u escapes become numeric references).
function str(    out, c, e, h, low) {
    expect("\"")
    out = ""
    while (1) {
        if (pos > n) fail("a string is not closed")
        c = substr(s, pos, 1); pos++
        if (c == "\"") return out
        if (c == "\\") {
            e = substr(s, pos, 1); pos++
            if (e == "n") out = out "\n"
            else if (e == "t") out = out "\t"
            else if (e == "r" || e == "b" || e == "f") out = out
            else if (e == "/") out = out "/"
            else if (e == "\\") out = out "\\"
            else if (e == "\"") out = out "&quot;"
            else if (e == "u") {
                h = substr(s, pos, 4)
                if (h !~ /^[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]$/) fail("a \\u escape needs four hex digits")
                pos += 4
                h = hex(h)
                if (h >= 55296 && h < 56320 && substr(s, pos, 2) == "\\u") {
                    low = hex(substr(s, pos + 2, 4)); pos += 6
                    h = (h - 55296) * 1024 + (low - 56320) + 65536
                }
                out = out "&#" h ";"
            }
            else fail("unknown escape \\" e)
            continue
        }
        if (c == "&") out = out "&amp;"
        else if (c == "<") out = out "&lt;"
        else if (c == ">") out = out "&gt;"
        else if (c == "\"") out = out "&quot;"
        else out = out c
    }
}
function skip(    c) {
    c = peek()
    if (c == "\"") { str(); return }
    if (c == "{") {
        pos++
        if (peek() == "}") { pos++; return }
        while (1) { str(); expect(":"); skip(); if (peek() == ",") { pos++; continue } expect("}"); return }
    }
    if (c == "[") {
        pos++
        if (peek() == "]") { pos++; return }
        while (1) { skip(); if (peek() == ",") { pos++; continue } expect("]"); return }
    }
    if (c ~ /[-0-9tfn]/) { while (pos <= n && substr(s, pos, 1) ~ /[-+.0-9a-zA-Z]/) pos++; return }
    fail("expected a value")
}
function page(    key, slug, title, body) {
    expect("{")
    slug = ""; title = ""; body = ""
    if (peek() != "}") {
        while (1) {
            key = str(); expect(":")
            if ((key == "slug" || key == "title" || key == "body") && peek() != "\"") fail(key " must be a string")
            if (key == "slug") slug = str()
            else if (key == "title") title = str()
            else if (key == "body") body = str()
            else skip()
            if (peek() == ",") { pos++; continue }
            break
        }
    }
    expect("}")
    count++
    if (slug !~ /^[a-z0-9][a-z0-9-]*$/) fail("page " count " needs a slug of a-z, 0-9 and - (got \"" slug "\")")
    if (title == "") fail("page " count " (" slug ") needs a title")
    if (slug in seen) fail("two pages have the slug " slug)
    seen[slug] = 1
    slugs[count] = slug; titles[count] = title; bodies[count] = body
}
function pages() {
    expect("[")
    if (peek() == "]") { pos++; return }
    while (1) { page(); if (peek() == ",") { pos++; continue } expect("]"); return }
}
function write(i,    file, j, parts, k, m) {
    file = stage "/" slugs[i] ".html"
    printf "<!doctype html>\n<html>\n<head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n<nav>", titles[i] > file
    for (j = 1; j <= count; j++) printf "%s<a href=\"%s.html\">%s</a>", (j > 1 ? " | " : ""), slugs[j], titles[j] > file
    printf "</nav>\n<h1>%s</h1>\n", titles[i] > file
    m = split(bodies[i], parts, "\n\n")
    for (k = 1; k <= m; k++) if (parts[k] != "") printf "<p>%s</p>\n", parts[k] > file
    printf "</body>\n</html>\n" > file
    close(file)
    print slugs[i]
}
{ s = s $0 "\n" }
END {
    if (failed) exit 2
    n = length(s); pos = 1; count = 0; found = 0
    expect("{")
    if (peek() != "}") {
        while (1) {
            key = str(); expect(":")
            if (key == "pages") { found = 1; pages() } else skip()
            if (peek() == ",") { pos++; continue }
            break
        }
    }
    expect("}")
    if (peek() != "") fail("text after the JSON")
    if (!found) fail("there is no \"pages\" list")
    if (count == 0) fail("the \"pages\" list is empty")
    for (i = 1; i <= count; i++) write(i)
}') || fail "nothing written; ${out} is as it was"

for slug in $written; do
    mv -f "${stage}/${slug}.html" "${out}/${slug}.html"
    echo "static-build: wrote ${out}/${slug}.html ($(wc -c < "${out}/${slug}.html" | tr -d ' ') bytes)"
done
echo "static-build: $(echo "$written" | wc -l | tr -d ' ') pages in ${out}${DECKHAND_RUN_ID:+ (run ${DECKHAND_RUN_ID})}"
