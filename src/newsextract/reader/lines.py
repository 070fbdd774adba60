"""Glyphs to lines: baseline clustering, superscripts, column splits, spaces and runs.

Given one page's glyphs, return :class:`Line` objects, each with its styled runs. Spaces are
derived from gaps relative to the font size (justified text stretches them), or from a space
glyph the PDF drew; superscripts (smaller and raised) join their word without a space.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

from newsextract.reader.gutters import Gutter, find_gutters, split_at_gutters
from newsextract.reader.types import Glyph, Line, Run, union_box

__all__ = [
    "COLUMN_GAP_EM",
    "SPACE_GAP_EM",
    "SUPERSCRIPT_RISE_EM",
    "SUPERSCRIPT_SIZE_RATIO",
    "build_runs",
    "cluster_baselines",
    "glyphs_to_lines",
]

#: A horizontal gap wider than this many ems splits a baseline into separate lines even
#: where no gutter was found (a label and a value set far apart). Column gutters, which
#: can be narrower, are found by alignment (:mod:`newsextract.reader.gutters`).
COLUMN_GAP_EM = 4.0
#: A gap wider than this many ems between two glyphs is a word space.
SPACE_GAP_EM = 0.15
#: Between a CJK and a Latin glyph, typesetters add automatic spacing of about 0.25 em
#: (Typst, InDesign); only a wider gap (or a drawn space) is a real space there.
CJK_LATIN_GAP_EM = 0.32


def _is_cjk(text: str) -> bool:
    """Return True for Han, kana, hangul and CJK or full-width punctuation."""
    cp = ord(text[0]) if text else 0
    return 0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF or (
        0xAC00 <= cp <= 0xD7AF
    )
#: Glyphs smaller than this share of the line's size and raised are superscripts.
SUPERSCRIPT_SIZE_RATIO = 0.85
SUPERSCRIPT_RISE_EM = 0.12
#: Baselines closer than this many ems belong to the same line.
BASELINE_TOLERANCE_EM = 0.3


def _dominant_size(glyphs: Sequence[Glyph]) -> float:
    sizes = Counter(round(g.size, 1) for g in glyphs if not g.space)
    if not sizes:
        return glyphs[0].size if glyphs else 0.0
    best = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))
    return best[0]


def cluster_baselines(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Given non-space glyphs, return groups sharing a baseline, top to bottom.

    Small raised glyphs (superscripts) first form groups of their own; each such group is
    then merged into the larger-text group whose vertical extent holds it.
    """
    ordered = sorted(glyphs, key=lambda g: (g.baseline, g.x0))
    groups: list[list[Glyph]] = []
    for g in ordered:
        if groups:
            last = groups[-1]
            ref = last[-1]
            tol = BASELINE_TOLERANCE_EM * min(ref.size, g.size)
            if abs(g.baseline - ref.baseline) <= max(tol, 0.5):
                last.append(g)
                continue
        groups.append([g])
    if len(groups) < 2:
        return groups
    sizes = [_dominant_size(gr) for gr in groups]
    merged: list[list[Glyph]] = []
    keep = [True] * len(groups)
    for i, gr in enumerate(groups):
        size = sizes[i]
        centre = sum((g.top + g.bottom) / 2 for g in gr) / len(gr)
        best: int | None = None
        for j in (i - 1, i + 1):
            if 0 <= j < len(groups) and sizes[j] * SUPERSCRIPT_SIZE_RATIO > size:
                top = min(g.top for g in groups[j])
                bottom = max(g.bottom for g in groups[j])
                if top - 0.5 <= centre <= bottom + 0.5 and _touches(gr, groups[j]):
                    best = j if best is None else best
        if best is not None:
            groups[best].extend(gr)
            keep[i] = False
    for i, gr in enumerate(groups):
        if keep[i]:
            merged.append(gr)
    return merged


def _touches(small: Sequence[Glyph], big: Sequence[Glyph]) -> bool:
    """Return True when each glyph of ``small`` sits right next to some glyph of ``big``."""
    for s in small:
        reach = 0.6 * s.size
        near_big = any(
            b.x1 - reach <= s.x0 <= b.x1 + reach or s.x1 - reach <= b.x0 <= s.x1 + reach
            for b in big
        )
        near_small = any(abs(s.x0 - o.x1) < reach for o in small if o is not s)
        if not near_big and not near_small:
            return False
    return True


def _split_columns(glyphs: list[Glyph], gutters: Sequence[Gutter]) -> list[list[Glyph]]:
    """Given one baseline's glyphs sorted by x, cut them into column pieces.

    Cuts go at the page's gutters and at gaps so wide (:data:`COLUMN_GAP_EM`) that no
    justified line would leave them.
    """
    parts: list[list[Glyph]] = []
    for piece in split_at_gutters(glyphs, gutters):
        size = _dominant_size(piece)
        parts.append([piece[0]])
        for prev, g in zip(piece, piece[1:]):
            if g.x0 - prev.x1 > COLUMN_GAP_EM * max(size, 1.0):
                parts.append([g])
            else:
                parts[-1].append(g)
    return parts


def build_runs(line: Line, spaces: Sequence[Glyph]) -> list[Run]:
    """Given a line and the space glyphs on its baseline, return its styled runs.

    A space between two glyphs takes only the style both neighbours share, so a link or a
    bold label never swallows the space after it.
    """
    pieces: list[tuple[str, bool, bool, float, bool, str | None, Glyph]] = []
    glyphs = line.glyphs
    size = line.size
    ordered_spaces = sorted(spaces, key=lambda s: s.x0 + s.x1)
    space_xs = [(s.x0 + s.x1) / 2 for s in ordered_spaces]
    space_ws = [max(s.x1 - s.x0, 0.05 * size) for s in ordered_spaces]
    si = 0
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None:
            gap = g.x0 - prev.x1
            while si < len(space_xs) and space_xs[si] < (prev.x0 + prev.x1) / 2:
                si += 1
            # a drawn space counts only where there is room for it: some producers draw
            # zero-advance spaces on top of the next letter at hyphenation points
            explicit = (
                si < len(space_xs)
                and space_xs[si] < (g.x0 + g.x1) / 2
                and gap > 0.5 * space_ws[si]
            )
            em = min(size, max(g.size, prev.size))
            mixed = _is_cjk(g.text) != _is_cjk(prev.text)
            wide = gap > (CJK_LATIN_GAP_EM if mixed else SPACE_GAP_EM) * em
            # a superscript hugging its digit is never preceded by a space
            hugging = g.superscript and gap < SPACE_GAP_EM * size * 2
            # a break hyphen ending a justified line may sit a little apart from its word
            end_hyphen = g is glyphs[-1] and g.text in "-‐\u00ad" and gap < 0.5 * em
            if explicit or (wide and not hugging and not end_hyphen):
                pieces.append(
                    (
                        " ",
                        prev.bold and g.bold,
                        prev.italic and g.italic,
                        prev.size,
                        False,
                        prev.link if prev.link == g.link else None,
                        prev,
                    )
                )
        pieces.append((g.text, g.bold, g.italic, g.size, g.superscript, g.link, g))
        prev = g
    runs: list[Run] = []
    buf: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    cur: tuple[bool, bool, float, bool, str | None] | None = None
    for text, bold, italic, gsize, sup, link, glyph in pieces:
        key = (bold, italic, gsize, sup, link)
        if cur is not None and (
            key[0] != cur[0]
            or key[1] != cur[1]
            or key[3] != cur[3]
            or key[4] != cur[4]
            or abs(key[2] - cur[2]) >= 0.6
        ):
            runs.append(_run(buf, cur, line.page, boxes))
            buf, boxes = [], []
        if not buf:
            cur = key
        buf.append(text)
        boxes.append(glyph.box)
    if cur is not None and buf:
        runs.append(_run(buf, cur, line.page, boxes))
    return runs


def _run(
    buf: list[str],
    key: tuple[bool, bool, float, bool, str | None],
    page: int,
    boxes: list[tuple[float, float, float, float]],
) -> Run:
    return Run(
        text="".join(buf),
        bold=key[0],
        italic=key[1],
        size=key[2],
        superscript=key[3],
        link=key[4],
        page=page,
        box=union_box(boxes),
    )


def glyphs_to_lines(glyphs: Sequence[Glyph], page: int) -> list[Line]:
    """Given a page's glyphs, return its lines (unordered across columns) with runs."""
    body = [g for g in glyphs if not g.space]
    spaces = [g for g in glyphs if g.space]
    lines: list[Line] = []
    rows = cluster_baselines(body)
    for group in rows:
        group.sort(key=lambda g: g.x0)
    gutters = find_gutters(rows, _dominant_size(body)) if len(rows) >= 4 else []
    for group in rows:
        for part in _split_columns(group, gutters):
            size = _dominant_size(part)
            main = [g for g in part if abs(g.size - size) < 0.6] or part
            baseline = sorted(g.baseline for g in main)[len(main) // 2]
            bottom = sorted(g.bottom for g in main)[len(main) // 2]
            for g in part:
                # the rise shows in the origin for some producers, only in the box for others
                g.superscript = g.size < SUPERSCRIPT_SIZE_RATIO * size and (
                    g.baseline < baseline - SUPERSCRIPT_RISE_EM * size
                    or g.bottom < bottom - 2 * SUPERSCRIPT_RISE_EM * size
                )
            lines.append(Line(page=page, glyphs=part, baseline=baseline, size=size))
    if spaces and lines:
        by_line: dict[int, list[Glyph]] = {}
        order = sorted(range(len(lines)), key=lambda i: lines[i].baseline)
        baselines = [lines[i].baseline for i in order]
        reach = 0.4 * max(ln.size for ln in lines)
        for s in spaces:
            best = None
            best_d = 0.0
            lo = bisect.bisect_left(baselines, s.baseline - reach)
            hi = bisect.bisect_right(baselines, s.baseline + reach)
            for i in order[lo:hi]:
                ln = lines[i]
                d = abs(ln.baseline - s.baseline)
                x0, x1 = ln.glyphs[0].x0, ln.glyphs[-1].x1
                if d <= 0.4 * ln.size and x0 <= (s.x0 + s.x1) / 2 <= x1 and (
                    best is None or d < best_d
                ):
                    best, best_d = i, d
            if best is not None:
                by_line.setdefault(best, []).append(s)
        for i, ln in enumerate(lines):
            ln.runs = build_runs(ln, by_line.get(i, []))
    else:
        for ln in lines:
            ln.runs = build_runs(ln, [])
    return lines
