#!/usr/bin/env bash
# The one-line install, proven on this machine: build the PyPI wheel, install it into a fresh
# virtualenv where no Rust is on PATH and check that it gives what the cargo-built binary gives;
# run the GitHub Action's steps and the pre-commit hook from it. Called by .ci/run after the tests.
#
# Network is needed only the first time, to install maturin, twine and pre-commit into a venv
# under target/ that later runs reuse.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$SECONDS
target_dir=${CARGO_TARGET_DIR:-$repo/target}
tools=$target_dir/python-tools
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

say() { printf '== test-wheel [%3d s]: %s\n' "$((SECONDS - started))" "$*"; }
fail() {
  printf 'test-wheel: FAIL: %s\n' "$*" >&2
  exit 1
}

# assert_no_rust PATH: neither cargo nor rustc can be found on that PATH.
assert_no_rust() {
  local tool
  for tool in cargo rustc rustup; do
    if env -i PATH="$1" bash -c "command -v $tool" >/dev/null; then fail "$tool is on PATH=$1"; fi
  done
}

maturin_spec='maturin>=1.9,<2' # as in pyproject.toml's [build-system]
# pre-commit builds the hooks' packages in isolated environments with the index turned off
# (see below): maturin's wheel (for this repository) and setuptools' (for pre-commit's
# placeholder package of a local hook) wait for them in this wheelhouse.
if [ ! -x "$tools/bin/maturin" ] || [ ! -x "$tools/bin/twine" ] || [ ! -x "$tools/bin/pre-commit" ] ||
  ! compgen -G "$tools/wheelhouse/maturin-*.whl" >/dev/null ||
  ! compgen -G "$tools/wheelhouse/setuptools-*.whl" >/dev/null; then
  say "installing maturin, twine and pre-commit into $tools"
  # Without a package index (an offline machine) the packaging cannot be tested at all: say so
  # and skip, as the browser and LibreOffice tests do, rather than fail the whole gate.
  if ! { python3 -m venv "$tools" &&
    "$tools/bin/python" -m pip download --quiet --disable-pip-version-check --only-binary :all: \
      --dest "$tools/wheelhouse" "$maturin_spec" setuptools &&
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check \
      --find-links "$tools/wheelhouse" "$maturin_spec" 'twine>=6' 'pre-commit>=4' pyyaml; }; then
    echo "SKIP test-wheel: maturin, twine and pre-commit could not be installed (no package index?)"
    rm -rf "$tools"
    exit 0
  fi
fi
python=$tools/bin/python

say "workflow and action files parse"
"$python" - <<'EOF'
import sys, yaml
release = yaml.safe_load(open(".github/workflows/release.yml", encoding="utf-8"))
targets = {entry["target"] for entry in release["jobs"]["wheels"]["strategy"]["matrix"]["include"]}
wanted = {"x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "x86_64-unknown-linux-musl",
          "aarch64-unknown-linux-musl", "x86_64-apple-darwin", "aarch64-apple-darwin",
          "x86_64-pc-windows-msvc"}
if not wanted <= targets:
    sys.exit(f"release.yml builds no wheel for {sorted(wanted - targets)}")
action = yaml.safe_load(open("action.yml", encoding="utf-8"))
if action["runs"]["using"] != "composite" or action["inputs"]["format"]["default"] != "github":
    sys.exit("action.yml must be a composite action whose format defaults to github")
EOF
"$tools/bin/pre-commit" validate-manifest .pre-commit-hooks.yaml

version=$(cargo metadata --no-deps --format-version 1 --locked |
  "$python" -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "normlint"))')

# The reference: the binary cargo builds for the tests (`--tests`, so that its dependencies have
# the features `cargo test` gives them and nothing is compiled again after it). Any difference
# in output between it and the wheel's binary is a bug.
say "cargo build (the reference binary)"
cargo build --locked --quiet --tests
cargo_normlint=$target_dir/debug/normlint

# maturin builds the binary in cargo's own target directory: what is up to date there is not
# built again. CI builds the wheel from the dev profile that `cargo test` has just built: the
# packaging is under test here, not the optimiser, and a second optimised build of every
# dependency was a sixth of `.ci/run`. Stripping is left off for it: maturin strips by adding
# `-C strip` to every crate's flags, which compiles all the dependencies again. Only normlint
# and the two crates whose features the tests widen are compiled. The release workflow builds
# with --release, stripped (NORMLINT_WHEEL_PROFILE=release does it here).
wheel_profile=${NORMLINT_WHEEL_PROFILE:-dev}
strip_args=()
if [ "$wheel_profile" = dev ]; then strip_args=(--strip false); fi
say "maturin build (profile $wheel_profile)"
"$tools/bin/maturin" build --profile "$wheel_profile" "${strip_args[@]}" --locked --target-dir "$target_dir" \
  --out "$scratch/dist"
wheels=("$scratch"/dist/normlint-"$version"-*.whl)
if [ ${#wheels[@]} -ne 1 ] || [ ! -f "${wheels[0]}" ]; then fail "expected one wheel for $version, got: ${wheels[*]}"; fi
wheel=${wheels[0]}
wheel_bytes=$(stat -c %s "$wheel")
say "wheel $(basename "$wheel"): $wheel_bytes bytes"
"$tools/bin/twine" --no-color check --strict "$wheel"
"$python" - "$wheel" "$version" <<'EOF'
import sys, zipfile
wheel, version = sys.argv[1:]
names = set(zipfile.ZipFile(wheel).namelist())
dist_info = f"normlint-{version}.dist-info/"
expected = {"normlint/__init__.py", "normlint/__main__.py", f"normlint-{version}.data/scripts/normlint",
            dist_info + "METADATA", dist_info + "WHEEL", dist_info + "RECORD"}
# Besides the binary and the `python -m` shim, only metadata (the SBOM of the Rust dependencies).
unexpected = {name for name in names - expected if not name.startswith(dist_info + "sboms/")}
if expected - names or unexpected:
    sys.exit(f"wheel contents: missing {sorted(expected - names)}, unexpected {sorted(unexpected)}")
EOF

say "install into a fresh virtualenv with no Rust on PATH"
venv=$scratch/venv
"$python" -m venv "$venv"
mkdir "$scratch/home"
# What a user without Rust has: the venv's bin and the system's, nothing from ~/.cargo.
no_rust() { env -i HOME="$scratch/home" PATH="$venv/bin:/usr/bin:/bin" "$@"; }
assert_no_rust "$venv/bin:/usr/bin:/bin"
no_rust python -m pip install --quiet --disable-pip-version-check --no-index --only-binary :all: "$wheel"
[ "$(no_rust bash -c 'command -v normlint')" = "$venv/bin/normlint" ] || fail "normlint is not the venv's"
[ "$(no_rust normlint --version)" = "normlint $version" ] || fail "normlint --version is not $version"
[ "$(no_rust python -m normlint --version)" = "normlint $version" ] || fail "python -m normlint --version"

say "normlint check samples/: the wheel's binary against the cargo-built one"
wheel_status=0
no_rust normlint check samples/ --format json >"$scratch/wheel.json" || wheel_status=$?
cargo_status=0
no_rust "$cargo_normlint" check samples/ --format json >"$scratch/cargo.json" || cargo_status=$?
[ "$wheel_status" = 1 ] || fail "the wheel's normlint exited $wheel_status on samples/, not 1 (errors found)"
[ "$cargo_status" = 1 ] || fail "the cargo-built normlint exited $cargo_status on samples/, not 1"
"$python" - "$scratch/cargo.json" "$scratch/wheel.json" <<'EOF'
import difflib, json, sys
reports = []
for path in sys.argv[1:]:
    report = json.load(open(path, encoding="utf-8"))
    report["summary"]["elapsed_ms"] = 0  # the only field that varies from run to run
    reports.append(json.dumps(report, indent=1, ensure_ascii=False).splitlines())
cargo, wheel = reports
if cargo != wheel:
    sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(cargo, wheel, "cargo", "wheel", n=2))
    sys.exit("the wheel's JSON report differs from the cargo-built binary's")
summary = json.load(open(sys.argv[2], encoding="utf-8"))["summary"]
print(f"same report: {summary['documents']} documents, {summary['errors']} errors, "
      f"{summary['warnings']} warnings, {summary['infos']} infos")
EOF

# The action's steps run with the system's Python, no Rust, and pip pointed at the wheel just
# built instead of PyPI.
say "GitHub Action steps (action.yml) with the wheel"
mkdir "$scratch/runner"
action_env=(env -i HOME="$scratch/home" PATH=/usr/bin:/bin PIP_NO_INDEX=1 PIP_FIND_LINKS="$scratch/dist")
action_status=0
"${action_env[@]}" "$python" scripts/run-action.py action.yml "$scratch/runner" \
  paths=samples/ version="$version" sarif=true >"$scratch/action.out" 2>&1 || action_status=$?
[ "$action_status" = 1 ] || { cat "$scratch/action.out"; fail "the action exited $action_status on samples/, not 1"; }
annotations=$(grep -c '^::error file=samples/flawed/' "$scratch/action.out") || { cat "$scratch/action.out"; fail "no annotations"; }
echo "the action failed the job with $annotations error annotations and wrote a SARIF report"
"$python" -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["runs"][0]["results"] else "empty SARIF")' \
  "$scratch/runner/normlint.sarif"
action_status=0
"${action_env[@]}" "$python" scripts/run-action.py action.yml "$scratch/runner" \
  paths=samples/compliant version=latest >"$scratch/action.out" 2>&1 || action_status=$?
[ "$action_status" = 0 ] || { cat "$scratch/action.out"; fail "the action exited $action_status on the compliant samples"; }

say "pre-commit hooks: from a local clone, and from the wheel"
export GIT_AUTHOR_NAME=test-wheel GIT_AUTHOR_EMAIL=test-wheel@localhost
export GIT_COMMITTER_NAME=test-wheel GIT_COMMITTER_EMAIL=test-wheel@localhost
# The clone is of the working tree as it is (ignored files left out), so that an uncommitted
# change is what gets tested, and the developer's own git index is left alone.
clone=$scratch/normlint-clone
git init --quiet "$clone"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do if [ -e "$file" ]; then printf '%s\0' "$file"; fi; done |
  tar --null --files-from=- -cf - | tar -xf - -C "$clone"
git -C "$clone" add --all && git -C "$clone" commit --quiet --message "working tree of $repo"
drafts=$scratch/drafts
git init --quiet "$drafts"
cp samples/compliant/community-home-care.md samples/compliant/labour-dispute-mediation.txt \
  samples/compliant/community-home-care.sts.xml samples/compliant/labour-dispute-mediation.docx "$drafts/"
# What the README tells users to write: the hook from this repository...
cat >"$drafts/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $clone
    rev: $(git -C "$clone" rev-parse HEAD)
    hooks:
      - id: normlint
EOF
# ...or, with no Rust, the same hook installing the published wheel.
cat >"$drafts/.pre-commit-wheel.yaml" <<EOF
repos:
  - repo: local
    hooks:
      - id: normlint
        name: normlint
        entry: normlint check --format concise --no-summary
        language: python
        additional_dependencies: [normlint==$version]
        files: \\.(md|markdown|txt|xml|docx)\$
EOF

# run_pre_commit CONFIG [env arguments]...
run_pre_commit() {
  local config=$1
  shift
  git -C "$drafts" add --all
  (cd "$drafts" && env "$@" "$tools/bin/pre-commit" run --config "$config" --all-files --color never) \
    >"$scratch/hook.out" 2>&1
}
# expect_hook CONFIG LABEL [env arguments]...: the compliant documents pass; adding a flawed one
# (Markdown, then Word) fails with its findings.
expect_hook() {
  local config=$1 label=$2 status flawed
  shift 2
  status=0
  run_pre_commit "$config" "$@" || status=$?
  [ "$status" = 0 ] || { cat "$scratch/hook.out"; fail "$label: failed ($status) on compliant documents"; }
  for flawed in home-care-draft.md home-care-draft.docx; do
    cp "samples/flawed/$flawed" "$drafts/"
    status=0
    run_pre_commit "$config" "$@" || status=$?
    rm "$drafts/$flawed"
    if [ "$status" != 1 ] || ! grep -q "^$flawed:[0-9]*:[0-9]*: [A-Z][A-Z][0-9]* \[error\]" "$scratch/hook.out"; then
      cat "$scratch/hook.out"
      fail "$label: did not fail ($status) on $flawed with its findings"
    fi
    echo "$label: passed on compliant documents, failed on $flawed with $(grep -c "^$flawed:.* \[error\]" "$scratch/hook.out") errors"
  done
}

# pre-commit pip-installs the hook's repository: maturin (from the wheelhouse, no index) builds
# it with cargo. What is tested here is the packaging and the hook, so the build shares this
# target directory and cargo test's dev profile: the clone's fresh timestamps then cost an
# incremental compile of normlint (seconds), not a release build with LTO (minutes on 2 cores).
expect_hook .pre-commit-config.yaml "hook from the clone" PRE_COMMIT_HOME="$scratch/pre-commit-home" \
  PIP_NO_INDEX=1 PIP_FIND_LINKS="$tools/wheelhouse" CARGO_TARGET_DIR="$target_dir" \
  MATURIN_PEP517_ARGS="--profile dev --strip false"
# pip finds the wheel just built where it would find PyPI's.
hook_path=$tools/bin:/usr/bin:/bin
assert_no_rust "$hook_path"
expect_hook .pre-commit-wheel.yaml "hook from the wheel, no Rust" -i HOME="$scratch/home" PATH="$hook_path" \
  PRE_COMMIT_HOME="$scratch/pre-commit-home" PIP_NO_INDEX=1 PIP_FIND_LINKS="$scratch/dist $tools/wheelhouse"

say "passed in $((SECONDS - started)) s; wheel $wheel_bytes bytes"
