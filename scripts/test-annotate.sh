#!/usr/bin/env bash
# `normlint annotate` checked with real readers (issue 10): python-docx (PyPI, in a venv under
# target/) opens every annotated copy; LibreOffice (Debian) converts them to PDF in one run and
# pdftotext reads the comments; normlint reads the copies again. Inputs: every .docx in
# samples/ and the TCS templates of ../shared/corpus/docx-templates/ when present. What cannot
# be installed (no network, no root) is skipped with the reason, not failed.
set -euo pipefail
cd "$(dirname "$0")/.."

note() { echo "annotate test: $*"; }

apt_install() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; }
}

venv=target/annotate-test/venv
if ! "$venv/bin/python" -c "import docx, pypdf" 2>/dev/null; then
    note "installing python-docx and pypdf (PyPI) into $venv …"
    { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet "python-docx>=1.2" "pypdf>=4"; } \
        || { echo "SKIP annotate test: python-docx could not be installed"; exit 0; }
fi
if ! command -v libreoffice >/dev/null || ! command -v pdftotext >/dev/null; then
    note "installing LibreOffice Writer and poppler-utils (Debian) …"
    apt_install libreoffice-writer-nogui poppler-utils || note "SKIP the LibreOffice part: it could not be installed"
fi
if command -v libreoffice >/dev/null && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install fonts-noto-cjk || note "no CJK font: the PDF will miss glyphs"
fi

normlint=${NORMLINT:-target/debug/normlint}
[ -x "$normlint" ] || cargo build --locked --quiet
work=target/annotate-test/work
pdf=target/annotate-test/pdf
rm -rf "$work" "$pdf"
mkdir -p "$work" "$pdf"
drafts=(samples/*/*.docx)
templates=../shared/corpus/docx-templates
if [ -d "$templates" ]; then
    drafts+=("$templates"/*.dotx)
else
    note "no $templates: the templates are skipped"
fi
annotated=()
for draft in "${drafts[@]}"; do
    name=$(basename "$draft")
    stem=${name%.*}
    ext=${name##*.}
    cp "$draft" "$work/$name"
    sha256sum "$work/$name" > "$work/$stem.sha256"
    code=0
    "$normlint" check "$work/$name" --isolated --show-all --lang zh --format json -o "$work/$stem.json" || code=$?
    [ "$code" -le 1 ] || { echo "check $name exited $code"; exit 1; }
    code=0
    "$normlint" annotate "$work/$name" --isolated --lang zh -q || code=$?
    [ "$code" -le 1 ] || { echo "annotate $name exited $code"; exit 1; }
    out="$work/$stem.normlint.$ext"
    code=0
    "$normlint" check "$out" --isolated --show-all --lang zh --format json -o "$work/$stem.again.json" || code=$?
    [ "$code" -le 1 ] || { echo "check $out exited $code"; exit 1; }
    annotated+=("$out")
done
if command -v libreoffice >/dev/null; then
    # One LibreOffice run for all copies; comments in the margin where this LibreOffice can.
    timeout 600 libreoffice --headless "-env:UserInstallation=file://$PWD/target/annotate-test/lo-profile" \
        --convert-to 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},"ExportNotesInMargin":{"type":"boolean","value":"true"}}' \
        --outdir "$pdf" "${annotated[@]}" >/dev/null 2>&1 || note "LibreOffice failed"
fi
"$venv/bin/python" scripts/annotate-test/check_annotated.py "$work" "$pdf"
