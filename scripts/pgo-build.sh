#!/usr/bin/env bash
# A release binary built with the profile of a training run (profile-guided optimisation):
# the compiler lays out and inlines the code for the branches real documents take. Same
# findings, fewer instructions and cache misses (docs/speed.md, "Tenth pass").
#
#   scripts/pgo-build.sh                          builds target/pgo/normlint
#   scripts/pgo-build.sh train BINARY PROFDATA    runs the training on an instrumented BINARY
#                                                 (built with -Cprofile-generate) and merges
#                                                 its profile into PROFDATA: the release
#                                                 workflow's step between its two builds
#
# Training reads what ships in samples/ (Markdown, text, .docx and STS; compliant drafts and
# flawed ones) and, when ../shared/corpus is there, its real documents — never laws-zh or the
# generated benchmark sets, which measure the result. Each run goes through one and two
# threads, a lone document (whose rules share the cores) and the machine formats.
#
# Needs rustup's llvm-tools for llvm-profdata (installed when missing), of the toolchain that
# built the instrumented binary. Two release builds: about twice the time of
# `cargo build --release`.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    echo "pgo-build: installing rustup's llvm-tools (for llvm-profdata)" >&2
    rustup component add llvm-tools >&2
fi

# Runs the training workload on the instrumented binary $1 and merges its profile into $2.
train() {
    local trainee=$1 merged=$2 profiles
    profiles=$(mktemp -d "${TMPDIR:-/tmp}/normlint-pgo.XXXXXX")
    # Each process writes its own file (%p), whatever directory the build embedded.
    export LLVM_PROFILE_FILE="$profiles/normlint-%p-%m.profraw"
    local inputs=(samples)
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
    unset LLVM_PROFILE_FILE
    if ! ls "$profiles"/*.profraw > /dev/null 2>&1; then
        echo "pgo-build: $trainee wrote no profile: was it built with -Cprofile-generate?" >&2
        rm -rf "$profiles"
        exit 1
    fi
    "$profdata" merge -o "$merged" "$profiles"
    rm -rf "$profiles"
}

if [ "${1:-}" = train ]; then
    if [ $# -ne 3 ]; then
        echo "usage: scripts/pgo-build.sh train INSTRUMENTED_BINARY PROFDATA" >&2
        exit 2
    fi
    trainee=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
    merged=$3
    case $merged in /*) ;; *) merged="$root/$merged" ;; esac
    train "$trainee" "$merged"
    echo "$merged"
    exit 0
fi

out="$root/target/pgo"
mkdir -p "$out"

# `--target` keeps RUSTFLAGS off the build scripts and procedural macros, which run on the host.
build() {
    local flags=$1 dir=$2
    RUSTFLAGS="$flags" nice -n 10 cargo build --release --locked --quiet --target "$host" --target-dir "$dir" \
        --bin normlint
}

echo "pgo-build: building the instrumented binary" >&2
# More value-profile counters than the default: the rules' indirect calls outnumber them, and
# the run warns once per process that it lost some.
build "-Cprofile-generate=$out/profiles -Cllvm-args=-vp-counters-per-site=4" "$out/generate"
train "$out/generate/$host/release/normlint" "$out/normlint.profdata"
echo "pgo-build: building with the profile" >&2
build "-Cprofile-use=$out/normlint.profdata" "$out/use"
cp "$out/use/$host/release/normlint" "$out/normlint"
echo "$out/normlint"
