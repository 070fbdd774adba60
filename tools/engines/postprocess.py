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


def add_line_links(path: Path, plan: dict[str, Any]) -> int:
    """Write one ``/Link`` annotation per line over the characters of each marked link.

    The Scribus plan paints link ``k`` in colour ``L<k>`` (:mod:`tools.engines.scribus_writer`);
    its characters are found by colour and cut into lines by baseline, and each line gets
    its own annotation (what InDesign writes for a wrapped hyperlink). Returns how many
    annotations were written.
    """
    import pdfplumber
    import pikepdf

    urls = plan["links"]
    colors = {tuple(plan["colors"][f"L{k}"]): k for k in range(len(urls))}
    per_page: dict[int, list[tuple[int, list[float]]]] = defaultdict(list)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            h = float(page.height)
            lines: dict[tuple[int, int], list[float]] = {}
            for ch in page.chars:
                col = ch.get("non_stroking_color")
                if not isinstance(col, (tuple, list)) or len(col) != 3:
                    continue
                k = colors.get(tuple(round(float(x) * 255) for x in col))
                if k is None:
                    continue
                key = (k, round(float(ch["bottom"]) / 2))
                box = lines.setdefault(key, [1e9, 1e9, -1e9, -1e9])
                box[0] = min(box[0], float(ch["x0"]))
                box[1] = min(box[1], h - float(ch["bottom"]))
                box[2] = max(box[2], float(ch["x1"]))
                box[3] = max(box[3], h - float(ch["top"]))
            for (k, _row), box in sorted(lines.items(), key=lambda kv: (kv[0][0], -kv[1][3])):
                per_page[page.page_number].append((k, box))
    written = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for number, rects in per_page.items():
            page = pdf.pages[number - 1]
            annots = page.obj.get("/Annots")
            annots = pikepdf.Array(list(annots) if annots is not None else [])
            for k, (x0, y0, x1, y1) in rects:
                annots.append(pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                    Rect=pikepdf.Array([x0, y0 - 1, x1, y1 + 1]),
                    Border=pikepdf.Array([0, 0, 0]),
                    A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(urls[k])))))
                written += 1
            page.obj.Annots = annots
        pdf.save(path)
    return written


#: Operators that set text or colour state, replayed at the start of each split text object.
_STATE_OPS = frozenset("Tf Tc Tw Tz TL Ts Tr k K rg RG g G cs CS sc scn SC SCN".split())
_SHOW_OPS = frozenset(["Tj", "TJ", "'", '"'])
_RELATIVE_OPS = frozenset(["Td", "TD", "T*", "'", '"'])


def shuffle_text(path: Path, seed: str) -> int:
    """Rewrite every text object as one text object per line, in a shuffled order.

    DTP exports write a text object per line (or per glyph run), in the order the layout
    engine produced them, which need not be reading order. Each ``BT ... ET`` whose glyphs
    are placed by absolute ``Tm`` (as Scribus writes them) is cut at its lines (glyphs
    sharing a ``Tm`` y); each line becomes its own ``BT ... ET`` that first restores the
    font and colour state it was drawn with; the lines of one object are then shuffled
    (a seeded, reproducible order). Objects with relative moves are left alone. Returns how
    many text objects were written.
    """
    import random

    import pikepdf

    rng = random.Random(seed)
    written = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            ops = list(pikepdf.parse_content_stream(page))
            out: list[Any] = []
            i = 0
            while i < len(ops):
                op = str(ops[i].operator)
                if op != "BT":
                    out.append(ops[i])
                    i += 1
                    continue
                j = i + 1
                while str(ops[j].operator) != "ET":
                    j += 1
                body = ops[i + 1:j]
                lines = _split_lines(body)
                if lines is None:
                    out.extend(ops[i:j + 1])
                else:
                    rng.shuffle(lines)
                    for line in lines:
                        out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("BT")))
                        out.extend(line)
                        out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("ET")))
                        written += 1
                i = j + 1
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
        pdf.save(path)
    return written


def _split_lines(body: list[Any]) -> list[list[Any]] | None:
    """Cut a text object's instructions into lines, each glyph drawn in its own state; or None.

    Before each glyph run added to a line, the state operators in force when it was drawn
    (font, colour, ...) are repeated where the line's own last ones differ.
    """
    if any(str(ins.operator) in _RELATIVE_OPS for ins in body):
        return None
    state: dict[str, Any] = {}
    lines: dict[float, list[Any]] = {}
    emitted: dict[float, dict[str, Any]] = {}
    unit: list[Any] = []
    y: float | None = None
    for ins in body:
        op = str(ins.operator)
        unit.append(ins)
        if op == "Tm":
            y = round(float(ins.operands[5]), 1)
        if op not in _SHOW_OPS:
            continue
        if y is None:
            return None
        line = lines.setdefault(y, [])
        mine = emitted.setdefault(y, {})
        own = {_state_key(str(u.operator)) for u in unit}
        for key, setter in state.items():
            if key not in own and mine.get(key) is not setter:
                line.append(setter)
                mine[key] = setter
        line.extend(unit)
        for u in unit:
            if str(u.operator) in _STATE_OPS:
                state[_state_key(str(u.operator))] = u
                mine[_state_key(str(u.operator))] = u
        unit = []
    if unit:
        return None
    return list(lines.values())


def _state_key(op: str) -> str:
    """Operators that set the same state share a key (the last one wins)."""
    if op in ("k", "rg", "g", "sc", "scn"):
        return "fill"
    if op in ("K", "RG", "G", "SC", "SCN"):
        return "stroke"
    return op
