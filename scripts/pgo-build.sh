#!/usr/bin/env bash
# A release binary built with the profile of a training run (profile-guided optimisation):
# the compiler lays out and inlines the code for the branches real documents take. Same
# findings, fewer instructions and cache misses (docs/speed.md, "Tenth pass").
#
#   scripts/pgo-build.sh      builds target/pgo/normlint
#
# Training reads what ships in samples/ (Markdown, text, .docx and STS; compliant drafts and
# flawed ones) and, when ../shared/corpus is there, its real documents — never laws-zh or the
# generated benchmark sets, which measure the result. Each run goes through one and two
# threads, a lone document (whose rules share the cores) and the machine formats.
#
# Needs rustup's llvm-tools for llvm-profdata (installed when missing). Two release builds:
# about twice the time of `cargo build --release`.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    echo "pgo-build: installing rustup's llvm-tools (for llvm-profdata)" >&2
    rustup component add llvm-tools >&2
fi

out="$root/target/pgo"
profiles="$out/profiles"
rm -rf "$profiles"
mkdir -p "$profiles"

# `--target` keeps RUSTFLAGS off the build scripts and procedural macros, which run on the host.
build() {
    local flags=$1 dir=$2
    RUSTFLAGS="$flags" nice -n 10 cargo build --release --locked --quiet --target "$host" --target-dir "$dir" \
        --bin normlint
}

echo "pgo-build: building the instrumented binary" >&2
# More value-profile counters than the default: the rules' indirect calls outnumber them, and
# the run warns once per process that it lost some.
build "-Cprofile-generate=$profiles -Cllvm-args=-vp-counters-per-site=4" "$out/generate"
trainee="$out/generate/$host/release/normlint"

inputs=(samples)
for corpus in gb-markdown real-md sts docx-templates metanorma-gb gb-skeleton; do
    if [ -d "$root/../shared/corpus/$corpus" ]; then inputs+=("$root/../shared/corpus/$corpus"); fi
done
echo "pgo-build: training on ${inputs[*]}" >&2
for threads in 1 2; do
    RAYON_NUM_THREADS=$threads "$trainee" check --no-cache --exit-zero -q "${inputs[@]}" > /dev/null
done
for format in concise json sarif github junit; do
    "$trainee" check --no-cache --exit-zero -q --format "$format" samples > /dev/null
done
for document in samples/compliant/* samples/flawed/*; do
    "$trainee" check --no-cache --exit-zero "$document" > /dev/null
done

"$profdata" merge -o "$out/normlint.profdata" "$profiles"
echo "pgo-build: building with the profile" >&2
build "-Cprofile-use=$out/normlint.profdata" "$out/use"
cp "$out/use/$host/release/normlint" "$out/normlint"
echo "$out/normlint"
