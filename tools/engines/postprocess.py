"""PDF post-processing with pikepdf: merged link annotations, and a check of the page plan."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from tools.engines.model import Doc


def merge_links(path: Path) -> int:
    """Merge the per-line /Link annotations of each wrapped link into ONE annotation.

    Chromium writes one annotation per line box. Acrobat, InDesign and Word write one
    annotation per link whose /Rect is the bounding box of all its lines (so it also covers
    text that is not part of the link) and whose /QuadPoints hold one quad per line. This
    rewrites consecutive annotations with the same URI on adjacent lines that way. Returns
    how many annotations were merged away.
    """
    import pikepdf

    merged = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            annots = page.obj.get("/Annots")
            if annots is None:
                continue
            keep: list[object] = []
            group: list[pikepdf.Dictionary] = []
            for a in annots:
                uri = _uri(a)
                if uri is None:
                    merged += _flush(group, keep)
                    keep.append(a)
                    continue
                if group:
                    prev = group[-1]
                    py0 = _rect(prev)[1]
                    y1 = _rect(a)[3]
                    # the next line of the same link starts below the previous one
                    if _uri(prev) == uri and y1 <= py0 + 2.0 and py0 - y1 < 6.0:
                        group.append(a)
                        continue
                    merged += _flush(group, keep)
                group.append(a)
            merged += _flush(group, keep)
            page.obj.Annots = pikepdf.Array(keep)
        pdf.save(path)
    return merged


def _flush(group: list[Any], keep: list[object]) -> int:
    """Move ``group`` (one link's per-line annotations) to ``keep`` as ONE annotation.

    Returns how many annotations were merged away. QuadPoints order as Acrobat writes it:
    top-left, top-right, bottom-left, bottom-right, one quad per line.
    """
    import pikepdf

    merged = 0
    if len(group) == 1:
        keep.append(group[0])
    elif group:
        rects = [_rect(a) for a in group]
        quads: list[float] = []
        for x0, y0, x1, y1 in rects:
            quads += [x0, y1, x1, y1, x0, y0, x1, y0]
        first = group[0]
        first.Rect = pikepdf.Array([min(r[0] for r in rects), min(r[1] for r in rects),
                                    max(r[2] for r in rects), max(r[3] for r in rects)])
        first.QuadPoints = pikepdf.Array(quads)
        keep.append(first)
        merged = len(group) - 1
    group.clear()
    return merged


def _rect(a: object) -> list[float]:
    """The annotation's /Rect normalised to [x0, y0, x1, y1] (WeasyPrint writes y0 > y1)."""
    x0, y0, x1, y1 = (float(v) for v in a.Rect)  # type: ignore[attr-defined]
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


def _uri(a: object) -> str | None:
    try:
        act = a.get("/A")  # type: ignore[attr-defined]
        if act is not None and act.get("/URI") is not None:
            return str(act.URI)
    except (AttributeError, KeyError, TypeError):
        return None
    return None


_NON = re.compile(r"[^0-9A-Za-z]+")


def _key(text: str, n: int = 14) -> str:
    return _NON.sub("", text)[:n]


def check_pages(path: Path, doc: Doc) -> list[str]:
    """Independent check (pdfplumber text, not the extractor) that pages follow the plan.

    Returns problems: wrong page count, or a page whose first or last planned paragraph
    does not start on it.
    """
    import pdfplumber

    problems: list[str] = []
    with pdfplumber.open(path) as pdf:
        if len(pdf.pages) != doc.page_count:
            problems.append(f"{len(pdf.pages)} pages printed, {doc.page_count} planned")
        texts = [_NON.sub("", (p.dedupe_chars().extract_text() or "").replace("-", ""))
                 for p in pdf.pages]
    for page in doc.pages:
        if page.number > len(texts):
            break
        for para in (page.paras[0], page.paras[-1]):
            k = _key(para.number + para.text)
            if k and k not in texts[page.number - 1]:
                problems.append(f"page {page.number}: {para.text[:40]!r} not on it")
    return problems


def font_report(path: Path) -> dict[str, list[str]]:
    """Font subtype -> base font names, for the manifest (what each producer embedded)."""
    import pikepdf

    out: dict[str, set[str]] = defaultdict(set)
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for _n, f in fonts.items():
                sub = str(f.get("/Subtype", ""))
                base = str(f.get("/BaseFont", "")) or str(
                    f.get("/FontDescriptor", {}).get("/FontName", "")) or "(unnamed)"
                if sub == "/Type0":
                    d = f.DescendantFonts[0]
                    desc = d.get("/FontDescriptor", {})
                    ff = next((k for k in ("/FontFile", "/FontFile2", "/FontFile3")
                               if k in desc), "none")
                    if ff == "/FontFile3":
                        ff += str(desc[ff].get("/Subtype", ""))
                    sub = f"Type0/{str(d.Subtype)[1:]}/{ff[1:]}"
                else:
                    sub = sub[1:]
                out[sub].add(re.sub(r"^[A-Z]{6}\+", "", base.lstrip("/")))
    return {k: sorted(v) for k, v in sorted(out.items())}
