#!/usr/bin/env bash
# Speed of normlint against rumdl and `cat`, and how its cost scales (issue 9; results in
# docs/speed.md).
#
#   scripts/bench-compare.sh              one hyperfine table: normlint on 1 and 2 threads, rumdl,
#                                         cat, on the generated standards corpus (1,000 documents,
#                                         300 also as .docx and STS), on its Markdown files alone
#                                         (the files rumdl reads) and on ../shared/corpus/laws-zh
#   scripts/bench-compare.sh --scaling    the scaling table: 10 / 100 / 1,000 / 10,000 documents
#                                         and 0.1 / 1 / 10 / 30 MB single documents of every shape,
#                                         time per document and per MB, each stage and rule
#                                         (NORMLINT_TIMINGS) flagged when it grows more than 30 %
#   --quick                               smaller corpora and fewer runs, for a smoke test
#   --pgo                                 also the binary of scripts/pgo-build.sh (built first,
#                                         about twice a release build): its 1- and 2-thread rows
#   --pgo-binary=PATH                     the same rows for a profile-guided binary built before
#
# Everything is generated under target/bench/ and runs at nice 10, one job at a time (the
# machine is shared). rumdl is installed into target/bench/venv with pip when missing; its row
# is left out, saying why, when that fails (no package index).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
mode=compare
quick=0
pgo=0
pgo_binary=""
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --scaling) mode=scaling ;;
        --pgo) pgo=1 ;;
        --pgo-binary=*) pgo=1; pgo_binary=${arg#--pgo-binary=} ;;
        -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "bench-compare: unknown argument $arg (see --help)" >&2; exit 2 ;;
    esac
done

bench="$root/target/bench"
mkdir -p "$bench"
echo "bench-compare: building normlint and the corpus generator (release)" >&2
nice -n 10 cargo build --release --locked --quiet --bin normlint --example bench_corpus
normlint="$root/target/release/normlint"
pgo_normlint=""
if [ -n "$pgo_binary" ]; then
    if [ ! -x "$pgo_binary" ]; then
        echo "bench-compare: $pgo_binary is not an executable" >&2
        exit 2
    fi
    pgo_normlint=$(cd "$(dirname "$pgo_binary")" && pwd)/$(basename "$pgo_binary")
elif [ "$pgo" = 1 ]; then
    pgo_normlint=$("$root/scripts/pgo-build.sh")
fi
generate="$root/target/release/examples/bench_corpus"

# A set of DOCS documents, RENDITIONS of them also as .docx and STS; generated once.
corpus() {
    local docs=$1 renditions=$2 dir="$bench/set-$1-$2"
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        "$generate" set "$dir" "$docs" "$renditions" >&2
        touch "$dir/.complete"
    fi
    echo "$dir"
}

# One document of SHAPE and about BYTES bytes of Markdown (as EXTENSION: md, docx or sts.xml);
# generated once.
big_document() {
    local shape=$1 bytes=$2 file="$bench/big/$1-$2.${3:-md}"
    mkdir -p "$bench/big"
    [ -f "$file" ] || "$generate" big "$file" "$shape" "$bytes" >&2
    echo "$file"
}

if [ "$mode" = scaling ]; then
    if [ "$quick" = 1 ]; then
        counts="10 100"
        sizes="100000 1000000"
        runs=1
    else
        counts="10 100 1000 10000"
        sizes="100000 1000000 10000000 30000000"
        runs=3
    fi
    shapes="chapters long-lines long-paragraph long-list many-terms many-references run-on-citations long-table scope-provisions many-floats many-annexes"
    sets=""
    for n in $counts; do sets="$sets $(corpus "$n" $((n * 3 / 10)))"; done
    docs=""
    for shape in $shapes; do
        for bytes in $sizes; do docs="$docs $(big_document "$shape" "$bytes")"; done
    done
    # The Word renditions of the shapes whose reading differs most: a Word table reaches the
    # rules as one line, and a paragraph is many runs.
    for shape in long-table run-on-citations chapters; do
        for bytes in $sizes; do docs="$docs $(big_document "$shape" "$bytes" docx)"; done
    done
    nice -n 10 python3 "$root/scripts/bench_scaling.py" "$normlint" "$runs" --sets $sets --documents $docs
    exit 0
fi

if [ "$quick" = 1 ]; then
    standards=$(corpus 200 60)
    runs=(--runs 3 --warmup 1)
else
    standards=$(corpus 1000 300)
    runs=(--runs 10 --warmup 2)
fi

command -v hyperfine > /dev/null || { echo "bench-compare: hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

rumdl="$bench/venv/bin/rumdl"
if [ ! -x "$rumdl" ]; then
    echo "bench-compare: installing rumdl into $bench/venv" >&2
    if ! { python3 -m venv "$bench/venv" && "$bench/venv/bin/pip" install --quiet rumdl; } >&2; then
        echo "bench-compare: rumdl could not be installed (no package index?): its rows are left out" >&2
    fi
fi

# The cache (another branch) must not make later runs look faster: turned off where it exists.
no_cache=""
if "$normlint" check --help | grep -q -- '--no-cache'; then no_cache="--no-cache"; fi

table() {
    local name=$1 dir=$2
    local size files
    rm -rf "$bench/cache-$name"
    size=$(du -sb "$dir" | cut -f1)
    files=$(find "$dir" -type f | wc -l)
    echo
    echo "### $name: $files files, $(awk "BEGIN { printf \"%.1f\", $size / 1e6 }") MB"
    local commands=(
        -n "normlint, 1 thread" "RAYON_NUM_THREADS=1 $normlint check $no_cache --exit-zero -q --no-summary --format concise $dir > /dev/null"
        -n "normlint, 2 threads" "RAYON_NUM_THREADS=2 $normlint check $no_cache --exit-zero -q --no-summary --format concise $dir > /dev/null"
    )
    if [ -n "$pgo_normlint" ]; then
        commands+=(
            -n "normlint (PGO), 1 thread" "RAYON_NUM_THREADS=1 $pgo_normlint check $no_cache --exit-zero -q --no-summary --format concise $dir > /dev/null"
            -n "normlint (PGO), 2 threads" "RAYON_NUM_THREADS=2 $pgo_normlint check $no_cache --exit-zero -q --no-summary --format concise $dir > /dev/null"
        )
    fi
    commands+=(
        # The warm-up runs fill this cache; the measured runs find every file unchanged.
        -n "normlint, 2 threads, cached" "RAYON_NUM_THREADS=2 $normlint check --cache-dir $bench/cache-$name --exit-zero -q --no-summary --format concise $dir > /dev/null"
    )
    if [ -x "$rumdl" ]; then
        commands+=(-n "rumdl" "$rumdl check --no-cache $dir > /dev/null")
    fi
    commands+=(-n "cat (floor)" "find $dir -type f -exec cat {} + > /dev/null")
    nice -n 10 hyperfine --style basic -i "${runs[@]}" --export-markdown "$bench/table-$name.md" "${commands[@]}" >&2
    cat "$bench/table-$name.md"
}

echo "normlint $("$normlint" --version | cut -d' ' -f2), $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%d)"
[ -x "$rumdl" ] && echo "rumdl $("$rumdl" --version | cut -d' ' -f2)"
table standards "$standards"
# rumdl reads only the corpus's Markdown files (992 of its 1,601): the same work for both.
markdown_only="$standards-markdown"
if [ ! -f "$markdown_only/.complete" ]; then
    rm -rf "$markdown_only"
    mkdir -p "$markdown_only"
    find "$standards" -maxdepth 1 -name '*.md' -exec cp -l {} "$markdown_only/" \;
    touch "$markdown_only/.complete"
fi
table standards-markdown "$markdown_only"
laws=$root/../shared/corpus/laws-zh
if [ -d "$laws" ]; then
    table laws-zh "$(cd "$laws" && pwd)"
else
    echo
    echo "(laws-zh row left out: $laws is absent)"
fi
