#!/usr/bin/env bash
# The HTML report in a real browser (issue 10): Debian's Chromium driven by playwright-core.
# Installs what is missing (chromium and CJK fonts from Debian, playwright-core from npm into
# scripts/html-test/node_modules); when that is impossible (no network, no root) it says why
# and skips instead of failing. Screenshots and the printed PDF go to target/html-test/.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
    echo "SKIP html report browser test: $*"
    exit 0
}

apt_install() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; }
}

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    echo "installing chromium (Debian) …"
    apt_install chromium || skip "chromium is missing and could not be installed"
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install fonts-noto-cjk || echo "note: no CJK font; screenshots will show boxes"
fi
command -v node >/dev/null || skip "node is missing"
if [ ! -d scripts/html-test/node_modules/playwright-core ]; then
    echo "installing playwright-core (npm) …"
    (cd scripts/html-test && npm ci --no-audit --no-fund --silent) || skip "playwright-core could not be installed"
fi

normlint=${NORMLINT:-target/debug/normlint}
[ -x "$normlint" ] || cargo build --locked --quiet
out=target/html-test
mkdir -p "$out"
inputs=(samples tests/fixtures/html)
run() {
    local code=0
    "$normlint" check "${inputs[@]}" --isolated "$@" || code=$?
    # 1 only says that the drafts have errors.
    [ "$code" -le 1 ] || { echo "normlint exited $code"; exit 1; }
}
run --format html --lang zh -o "$out/report.html"
run --format json --lang zh -o "$out/report.json"
run --format html --lang en -o "$out/report-en.html"

CHROMIUM="$chromium" node scripts/html-test/check-report.mjs \
    "$out/report.html" "$out/report.json" "$out/report-en.html" "$out"
echo "screenshots: $out/html-report-overview.png $out/html-report-document.png; printed: $out/html-report.pdf"
