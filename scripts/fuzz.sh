#!/usr/bin/env bash
# Seeds the fuzz corpora from the samples and the rule fixtures, then runs the cargo-fuzz
# targets one after another (one process at a time, niced): `scripts/fuzz.sh [SECONDS] [TARGET…]`.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); CI does not run it.
# NORMLINT_FUZZ_FLAGS adds libFuzzer flags (`-len_control=0` tries long inputs from the start).
# Each run's log ends with libFuzzer's totals (`#N DONE cov: … ft: …`), which
# docs/reliability.md records. Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(text sts docx config suppress rules)
fi

corpus=fuzz/corpus
mkdir -p "$corpus"/{text,sts,docx,config,suppress,rules} fuzz/logs
seed() { # seed TARGET PREFIX FILE: copy FILE (≤ 64 KiB) with an optional selector byte in front
  local target=$1 prefix=$2 file=$3 name
  [ "$(stat -c %s "$file")" -le 65000 ] || return 0
  name="$corpus/$target/seed-$(basename "$file")"
  if [ -n "$prefix" ]; then { printf '%b' "$prefix"; cat "$file"; } > "$name"; else cp "$file" "$name"; fi
}
while IFS= read -r -d '' f; do
  case "$f" in
    *.md)  seed text '\x00' "$f"; seed rules '' "$f"; seed suppress '' "$f" ;;
    *.txt) seed text '\x01' "$f"; seed rules '' "$f" ;;
    *.xml) seed sts '' "$f" ;;
    *.docx) seed docx '' "$f" ;;
  esac
done < <(find samples tests/fixtures/rules -type f \( -name '*.md' -o -name '*.txt' -o -name '*.xml' -o -name '*.docx' \) -print0)
# Configuration: the README's example, and each key on its own.
cat > "$corpus/config/seed-readme.toml" <<'TOML'
profile = "local"
select = ["ST", "NU", "FW", "RF"]
extend-select = ["TY008"]
ignore = ["PV003"]
exclude = ["drafts/old/**"]
include = ["**/*.md"]
catalogue = "standard-system.csv"

[severity]
NU005 = "error"

[per-file-ignores]
"internal/*.md" = ["CV", "DS"]
TOML
printf 'select = ["TY"]\n' > "$corpus/config/seed-select.toml"
printf '[per-file-ignores]\n"**/a*.md" = ["TY001"]\n' > "$corpus/config/seed-per-file.toml"
printf '<!-- normlint-disable-next-line NU005 PV001 -->\n1 范围\n<!-- normlint-disable TY -->\n本文件,规定\n<!-- normlint-enable -->\n<!-- normlint-disable-file TY008 -->\n' \
  > "$corpus/suppress/seed-directives.md"

# Built once, then run as binaries, so that editing the sources meanwhile does not rebuild.
[ -n "${NORMLINT_FUZZ_NO_BUILD:-}" ] || nice -n 10 cargo +nightly fuzz build --sanitizer none
bin=fuzz/target/x86_64-unknown-linux-gnu/release
for target in "${targets[@]}"; do
  echo "== $target: $seconds s"
  mkdir -p "fuzz/artifacts/$target" "fuzz/logs/$target"
  # With -jobs, libFuzzer runs the fuzzer in a child whose output goes to fuzz-0.log in the
  # working directory: run it inside the target's log folder.
  (cd "fuzz/logs/$target" && nice -n 10 "../../../$bin/$target" "../../../$corpus/$target" \
    -artifact_prefix="../../artifacts/$target/" \
    -jobs=1 -workers=1 -timeout=1 -rss_limit_mb=2048 -max_len=65536 -max_total_time="$seconds" \
    -print_final_stats=1 ${NORMLINT_FUZZ_FLAGS:-} > driver.log 2>&1) || true
  log="fuzz/logs/$target/fuzz-0.log"
  cp "$log" "fuzz/logs/$target-$(date +%Y%m%d-%H%M%S).log"
  grep -E '^#[0-9]+' "$log" | tail -n 1
  grep -E 'stat::number_of_executed_units|ERROR|panicked|SUMMARY|Test unit written' "$log" || true
done
