#!/usr/bin/env bash
# The reliability matrix of docs/reliability.md: builds the release binary, makes each bad input
# in a temporary directory, runs normlint on it under /usr/bin/time and prints one Markdown
# table row per input: what was tried, the diagnostics it got, the exit code, wall time and
# peak RSS. Usage: scripts/reliability.sh [--no-build]  (NORMLINT=path picks another binary).
# Needs bash, coreutils, GNU time (/usr/bin/time) and mkfifo.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
if [ "${1:-}" != "--no-build" ] && [ -z "${NORMLINT:-}" ]; then
  cargo build --release --locked >&2
fi
bin=${NORMLINT:-$repo/target/release/normlint}
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"

sample="$repo/samples/compliant/community-home-care.md"
# The sample with the text on standard input inserted as a paragraph of clause 4.1.
at=$(grep -m 1 -n '^服务机构应依法登记' "$sample" | cut -d: -f1)
with_line() { # with_line FILE < text
  { head -n $((at - 1)) "$sample"; cat; printf '\n\n'; tail -n +"$at" "$sample"; } > "$1"
}
repeat() { # repeat TEXT COUNT: TEXT COUNT times, no newline
  { yes "$1" || true; } | head -n "$2" | tr -d '\n'
}
# A file of at least BYTES bytes made by doubling FILE's content (a few cats, not millions).
grow() { # grow FILE BYTES
  while [ "$(stat -c %s "$1")" -lt "$2" ]; do cat "$1" "$1" > "$1.tmp" && mv "$1.tmp" "$1"; done
}
# A row with no measurement: what a run left behind.
note() {
  printf '| ↳ %s | | %s | | | |\n' "$1" "$2"
}

# Diagnostics of a run: the codes of its concise output, counted ("TY002×10000, IO007").
codes() {
  { grep -oE ': [A-Z]{2}[0-9]{3} \[' || true; } | sed -E 's/: ([A-Z0-9]+) \[/\1/' | sort | uniq -c |
    awk 'NR <= 8 { printf "%s%s%s", (NR > 1 ? ", " : ""), $2, ($1 > 1 ? "×" $1 : "") } NR == 9 { printf ", …" }'
}

echo "| input | command | diagnostics | exit | wall s | peak RSS MB |"
echo "|---|---|---|---|---|---|"
# row DESCRIPTION STDIN-FILE-OR-- ARGS…: measures `normlint ARGS` (reading STDIN-FILE when not -)
# and takes the diagnostics from the same run in concise form.
row() {
  local what=$1 input=$2
  shift 2
  local code=0
  if [ "$input" = - ]; then
    /usr/bin/time -f '%e %M' -o time.txt "$bin" "$@" > out.txt 2> err.txt < /dev/null || code=$?
  else
    /usr/bin/time -f '%e %M' -o time.txt "$bin" "$@" > out.txt 2> err.txt < "$input" || code=$?
  fi
  local wall rss found
  read -r wall rss < <(tail -n 1 time.txt)
  if printf '%s\n' "$@" | grep -qx concise; then
    found=$(codes < out.txt)
  elif printf '%s\n' "$@" | grep -qx -- -o; then
    found="(report written)"
  else
    found=$("$bin" "$@" --format concise < "${input/#-//dev/null}" 2>/dev/null | codes || true)
  fi
  [ -n "$found" ] || found=$(head -c 90 err.txt | tr '\n' ' ')
  local shown="$*"
  printf '| %s | `normlint %s` | %s | %s | %s | %s |\n' "$what" "${shown//$repo\//}" "${found:-—}" "$code" "$wall" "$((rss / 1024))"
}

repeat '（' 350000 | with_line brackets.md
row "a line of 350,000 （ in the compliant sample (issue case 1)" - check brackets.md
repeat '（' 350000 | with_line brackets.md
row "the same, concise" - check brackets.md --format concise --no-summary

repeat '本文件规定了社区居家养老服务的基本要求。' 10000 > stdin-100mb.txt
grow stdin-100mb.txt 100000000
row "100 MB on standard input (case 2)" stdin-100mb.txt check - --format concise --no-summary
head -c 40000000 stdin-100mb.txt > big-40mb.md
row "a 40 MB file" - check big-40mb.md --format concise --no-summary
rm -f stdin-100mb.txt big-40mb.md

# A large legitimate document: the paragraphs of clause 4.1 repeated to 30 MB.
sed -n "${at},$((at + 9))p" "$sample" > block.md
grow block.md 30000000
# Doubling overshoots: back to 30 MB, ending at a whole line.
{ head -n $((at - 1)) "$sample"; head -c 30000000 block.md | sed '$d'; tail -n +"$at" "$sample"; } > large-30mb.md
rm -f block.md
row "a 30 MB standard (clause 4.1's paragraphs repeated), default budgets" - check large-30mb.md --format concise --no-summary
row "the same, --time-budget 600" - check large-30mb.md --format concise --no-summary --time-budget 600
row "the same, --memory-budget 64" - check large-30mb.md --format concise --no-summary --memory-budget 64
rm -f large-30mb.md
repeat '服务机构应当依法登记,具有相应的场所。' 40000 | with_line commas.md
row "a 1.4 MB line with 80,000 half-width commas (TY001 collapses)" - check commas.md --format concise --no-summary
repeat '很长的一行没有任何标点' 300000 | with_line long-line.md
row "a 10 MB line without punctuation" - check long-line.md --format concise --no-summary

iconv -f UTF-8 -t UTF-16LE "$sample" > utf16le.md 2>/dev/null || true
[ -s utf16le.md ] && row "the compliant sample in UTF-16LE without BOM (case 3)" - check utf16le.md --format concise --no-summary

flawed="$repo/samples/flawed/home-care-draft.md"
cp "$flawed" readonly.md && chmod 0444 readonly.md
row "--fix on a 0444 file (case 4)" - check readonly.md --fix --format concise --no-summary
note "the file is unchanged" "$(cmp -s readonly.md "$flawed" && echo yes || echo NO)"
cp "$flawed" stale.md && echo partial > .stale.md.normlint-fix.tmp
row "--fix beside a stale .stale.md.normlint-fix.tmp (case 5)" - check stale.md --fix --format concise --no-summary
note "the stale temporary file is removed" "$([ -e .stale.md.normlint-fix.tmp ] && echo NO || echo yes)"
mkdir -p real links && cp "$flawed" real/draft.md && ln -s ../real/draft.md links/draft.md && ln -s ../real links/dir && ln -s .. real/up
row "a folder of symbolic links (case 6)" - check links --format concise --no-summary
row "the same with --follow (a loop inside)" - check links --follow --format concise --no-summary
row "outline of a missing file (case 7)" - outline nope.md
(umask 027; row "-o report and baseline under umask 027 (case 8)" - check "$flawed" --format json -o report.json; "$bin" baseline "$flawed" > /dev/null)
note "modes of the report and the baseline" "$(stat -c %a report.json) $(stat -c %a normlint-baseline.json)"
cp "$repo/tests/fixtures/rules/IO011/fire.docx" numbering.docx
row ".docx whose w:num points to a missing w:abstractNum (case 9)" - check numbering.docx --format concise --no-summary
mkfifo pipe.md
row "a FIFO named on the command line (case 10)" - check pipe.md --format concise --no-summary

row "a zip bomb (1 GiB inflated)" - check "$repo/tests/fixtures/bad/bomb-1gib.docx" --format concise --no-summary
{ echo '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'; echo '<standard><body><sec><title>&lol2;</title></sec></body></standard>'; } > laughs.sts.xml
row "billion laughs (entities in the DOCTYPE)" - check laughs.sts.xml --format concise --no-summary
echo '<?xml version="1.0"?><!DOCTYPE standard [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><standard><body><sec><title>&xxe;</title></sec></body></standard>' > xxe.sts.xml
row "an external entity (XXE)" - check xxe.sts.xml --format concise --no-summary
{ echo '<standard><body>'; repeat '<sec>' 100000; echo; } > deep.sts.xml
row "XML nested 100,000 levels" - check deep.sts.xml --format concise --no-summary
head -c 3000 "$repo/samples/compliant/community-home-care.docx" > truncated.docx
row "a truncated .docx" - check truncated.docx --format concise --no-summary
head -c 100000 /dev/urandom > random.txt
row "100 KB of random bytes as .txt" - check random.txt --format concise --no-summary
: > empty.md
row "an empty file" - check empty.md --format concise --no-summary
mkdir batch
for i in $(seq 1 2000); do
  case $((i % 4)) in
    0) cp "$flawed" "batch/d$i.md" ;;
    1) cp "$repo/samples/flawed/home-care-draft.docx" "batch/d$i.docx" ;;
    2) cp "$repo/samples/flawed/home-care-draft.sts.xml" "batch/d$i.xml" ;;
    3) head -c 1000 /dev/urandom > "batch/d$i.txt" ;;
  esac
done
row "2,000 files (Markdown, .docx, STS, and random bytes as .txt)" - check batch --format concise --no-summary
