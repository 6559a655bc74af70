"""Checks `normlint annotate` output with real readers (issue 10).

usage: check_annotated.py WORKDIR PDFDIR

WORKDIR holds, for each draft NAME.EXT: NAME.EXT (the draft), NAME.normlint.EXT (the annotated
copy), NAME.json (normlint's JSON report of the draft, every occurrence), NAME.again.json (the
report of the annotated copy) and NAME.sha256 (the draft's digest before annotating).
PDFDIR holds the annotated copies converted by LibreOffice, or is empty when LibreOffice could
not be installed.

For every draft:
- python-docx opens the annotated copy and finds one normlint comment per finding, with the
  text "CODE message" and the help, and the comments the draft already had;
- the text each comment is anchored on equals the finding's snippet (a finding on text Word
  generates, a heading number, or on no text is anchored on its whole paragraph);
- normlint reads the annotated copy to the same findings plus IO009 for the comments;
- the draft itself is unchanged;
- LibreOffice's PDF shows every comment text: in the page margin (pdftotext) where LibreOffice
  can put comments there, else as the PDF's comment annotations (LibreOffice before 7.6 has no
  margin export).
"""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import docx
from docx.oxml.ns import qn

WORKDIR, PDFDIR = Path(sys.argv[1]), Path(sys.argv[2])
failures = []


def check(condition, what):
    print(("  ok   " if condition else "  FAIL ") + what)
    if not condition:
        failures.append(what)


def open_docx(path):
    """python-docx refuses a template's content type; a .dotx is opened as the document it is."""
    if path.suffix.lower() in (".docx", ".docm"):
        return docx.Document(str(path))
    temp = Path(tempfile.mkdtemp()) / (path.stem + ".docx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"template.main+xml", b"document.main+xml").replace(
                    b"macroEnabledTemplate.main+xml", b"document.main+xml"
                )
            dst.writestr(item, data)
    return docx.Document(str(temp))


def is_text(node):
    """A w:t, or a w:tab in a run (a w:tab in w:tabs is a tab stop, not text)."""
    parent = node.getparent()
    return node.tag == qn("w:t") or (node.tag == qn("w:tab") and parent is not None and parent.tag == qn("w:r"))


def own_text(element):
    """The text of a w:p's own runs (a nested text box paragraph keeps its own)."""
    out = []
    for node in element.iter(qn("w:t"), qn("w:tab")):
        if not is_text(node):
            continue
        ancestor = node.getparent()
        while ancestor is not None and ancestor.tag != qn("w:p"):
            ancestor = ancestor.getparent()
        if ancestor is element:
            out.append("\t" if node.tag == qn("w:tab") else (node.text or ""))
    return "".join(out)


def anchored_texts(body):
    """Comment id → the text between its commentRangeStart and commentRangeEnd, a line break
    where the range crosses into another paragraph."""
    texts, open_ids = {}, set()
    for node in body.iter():
        if node.tag == qn("w:commentRangeStart"):
            open_ids.add(node.get(qn("w:id")))
            texts.setdefault(node.get(qn("w:id")), "")
        elif node.tag == qn("w:commentRangeEnd"):
            open_ids.discard(node.get(qn("w:id")))
        elif node.tag == qn("w:p"):
            for i in open_ids:
                if texts[i] and not texts[i].endswith("\n"):
                    texts[i] += "\n"
        elif node.tag in (qn("w:t"), qn("w:tab")) and is_text(node):
            for i in open_ids:
                texts[i] += "\t" if node.tag == qn("w:tab") else (node.text or "")
    return {i: t.rstrip("\n") for i, t in texts.items()}


def anchor_kind(snippet, anchored, paragraph):
    if anchored == snippet:
        return "exact"
    if "\n" in anchored:
        # Across paragraphs: normlint's view joins them with a line break, and the cells of a
        # table row with " " (cover) or " | " (body), its rows with " / ".
        pattern = r"(?:\n| \| | / | )".join(re.escape(part) for part in anchored.split("\n"))
        if re.fullmatch(pattern, snippet):
            return "across paragraphs"
    if snippet == "" and anchored == paragraph:
        return "whole paragraph (no text flagged)"
    # A number Word generates stands in no w:t: the comment holds what follows it, or the
    # whole paragraph when the number alone was flagged.
    number = re.match(r"^[0-9A-Z.]+[ \u3000]?", snippet)
    if number and not paragraph.startswith(number.group(0).strip()):
        rest = snippet[number.end():]
        if (rest and anchored == rest) or (not rest and anchored == paragraph):
            return "generated number"
    return None


def in_dropdown(body, comment_id):
    """Whether the comment's range starts inside a drop-down or combo-box content control."""
    for start in body.iter(qn("w:commentRangeStart")):
        if start.get(qn("w:id")) != str(comment_id):
            continue
        node = start.getparent()
        while node is not None:
            if node.tag == qn("w:sdt"):
                properties = node.find(qn("w:sdtPr"))
                if properties is not None and (
                    properties.find(qn("w:dropDownList")) is not None or properties.find(qn("w:comboBox")) is not None
                ):
                    return True
            node = node.getparent()
    return False


def findings_key(report):
    return Counter(
        (d["code"], d["message"], d["line"], d["column"], d["end_line"], d["end_column"], d["snippet"])
        for d in report["diagnostics"]
        if d["code"] != "IO009"
    )


def normalized(text):
    return re.sub(r"\s+", "", text)


drafts = sorted(p for p in WORKDIR.iterdir() if p.suffix in (".docx", ".dotx", ".docm") and ".normlint." not in p.name)
check(len(drafts) > 0, f"{len(drafts)} drafts to check")
kinds = Counter()
for draft in drafts:
    stem = draft.name[: -len(draft.suffix)]
    annotated = WORKDIR / f"{stem}.normlint{draft.suffix}"
    report = json.loads((WORKDIR / f"{stem}.json").read_text(encoding="utf-8"))
    again = json.loads((WORKDIR / f"{stem}.again.json").read_text(encoding="utf-8"))
    findings = report["diagnostics"]
    print(f"{draft.name}: {len(findings)} findings")

    digest = hashlib.sha256(draft.read_bytes()).hexdigest()
    check(digest == (WORKDIR / f"{stem}.sha256").read_text().split()[0], "the draft is unchanged")

    before = open_docx(draft)
    existing = [c for c in before.comments]
    document = open_docx(annotated)
    comments = list(document.comments)
    ours = [c for c in comments if c.author == "normlint"]
    check(len(ours) == len(findings), f"one normlint comment per finding ({len(ours)} comments)")
    check(
        len(comments) - len(ours) == len(existing),
        f"the {len(existing)} comment(s) already there are kept",
    )
    kept_ids = {c.comment_id for c in existing}
    check(kept_ids <= {c.comment_id for c in comments}, "existing comment ids unchanged")

    body = document.element.body
    paragraphs = [own_text(p) for p in body.iter(qn("w:p"))]
    anchors = anchored_texts(body)
    # Comments are written in the order of the findings, ids ascending.
    ours.sort(key=lambda c: c.comment_id)
    for finding, comment in zip(findings, ours):
        first_line = comment.text.split("\n")[0]
        expected = f"{finding['code']} {finding['message']}"
        if first_line != expected:
            check(False, f"comment {comment.comment_id} text: {first_line!r} != {expected!r}")
        if finding.get("help") and finding["help"] not in comment.text:
            check(False, f"comment {comment.comment_id} lacks the help {finding['help']!r}")
        anchored = anchors.get(str(comment.comment_id))
        n = finding.get("paragraph")
        paragraph = paragraphs[n - 1] if n and n <= len(paragraphs) else ""
        kind = anchor_kind(finding["snippet"], anchored, paragraph) if anchored is not None else None
        if kind is None:
            check(False, f"{finding['code']} at paragraph {n}: anchored {anchored!r}, snippet {finding['snippet']!r}")
        else:
            kinds[kind] += 1
    print(f"  ..   {len(ours)} comment texts, helps and anchors compared")

    check(findings_key(again) == findings_key(report), "normlint reads the copy to the same findings")
    io009 = [d for d in again["diagnostics"] if d["code"] == "IO009"]
    if comments:
        check(len(io009) == 1 and str(len(comments)) in io009[0]["message"], f"IO009 counts the {len(comments)} comments")
    else:
        check(not io009, "no comment, no IO009")

    pdf = PDFDIR / f"{stem}.normlint.pdf"
    if not PDFDIR.exists() or not any(PDFDIR.iterdir()) or not findings:
        continue
    check(pdf.exists(), f"LibreOffice converted {annotated.name}")
    if not pdf.exists():
        continue
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    in_margin = all(normalized(f"{d['code']} {d['message']}")[:30] in normalized(text) for d in findings)
    if in_margin:
        print("  ok   pdftotext shows every comment in the margin")
        continue
    from pypdf import PdfReader

    notes = []
    for page in PdfReader(str(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Text":
                notes.append(str(annotation.get("/Contents", "")))
    missing, dropdown = [], 0
    for finding, comment in zip(findings, ours):
        head = f"{finding['code']} {finding['message']}"
        if any(n.startswith(head) for n in notes):
            continue
        # LibreOffice turns a drop-down content control into a field and loses the first
        # paragraph of a comment anchored inside it; Word keeps it. The help must survive.
        if in_dropdown(body, comment.comment_id) and any(n.strip() == (finding.get("help") or "") for n in notes):
            dropdown += 1
            continue
        missing.append(finding["code"])
    if missing or len(notes) != len(comments):
        print(f"       missing {missing}; annotations: {notes}")
    check(
        not missing and len(notes) == len(comments),
        f"LibreOffice's PDF carries every comment ({len(notes)} annotations, {dropdown} in drop-down content controls without their first line; this LibreOffice has no margin export, so pdftotext cannot show them)",
    )

print("anchors:", dict(kinds))
if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("annotate: all checks passed")
