"""List bullets: a bullet glyph opening a line, or a bullet drawn as a shape beside it.

Word processors and typesetters write a bullet as a character ("•", or Word's U+F0B7 in
the Symbol font); browsers and DTP programs often draw it instead: a filled circle or
square, or a short rule, left of the item's first line at its text's height. Both open a
list item the same way (:mod:`newsextract.reader.layout`); a drawn bullet is reported as
:data:`DRAWN_BULLET`.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsextract.reader.params import LayoutParams
from newsextract.reader.types import Line, Shape

__all__ = ["BULLETS", "DRAWN_BULLET", "mark_drawn_bullets", "opens_item"]

#: Glyphs that open a list item: Unicode bullets, and the private-use code points of the
#: Symbol and Wingdings bullets Word writes (U+F0B7 Symbol "•", U+F0A7 Wingdings "▪",
#: U+F0D8 "➢", U+F076 "❖", U+F0FC "✓", U+F06E "■").
BULLETS = frozenset("•▪●◦‣∙■□➢►\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e")
#: What a block opened by a bullet drawn as a shape reports as its bullet.
DRAWN_BULLET = "•"


def opens_item(line: Line) -> bool:
    """Say whether ``line`` opens a list item: a bullet glyph first, or a drawn bullet."""
    return line.drawn_bullet or line.glyphs[0].text in BULLETS


def mark_drawn_bullets(lines: Sequence[Line], shapes: Sequence[Shape], *,
                       params: LayoutParams) -> None:
    """Set ``drawn_bullet`` on the lines of one page that a drawn bullet opens (in place).

    A drawn bullet is a shape (filled or stroked) no larger than ``bullet_max_em`` either
    way and at least ``bullet_min_em`` along its longer side (a dot, a square, a short
    rule), whose right edge lies left of the line's first glyph by at most
    ``bullet_gap_em`` (``edge_tolerance_pt`` of overlap allowed), and whose middle lies
    between the top of the line's glyphs and its baseline: beside the line's first
    letters, not under them (an underline) or across them (a strike-through). Ems are the
    line's size.
    """
    if not shapes or not lines:
        return
    largest = max(ln.size for ln in lines) * params.bullet_max_em
    small = [s for s in shapes
             if s.box[2] - s.box[0] <= largest and s.box[3] - s.box[1] <= largest]
    if not small:
        return
    tol = params.edge_tolerance_pt
    for ln in lines:
        em = ln.size
        x0, top = ln.box[0], ln.box[1]
        for s in small:
            sx0, stop, sx1, sbottom = s.box
            w, h = sx1 - sx0, sbottom - stop
            if w > params.bullet_max_em * em or h > params.bullet_max_em * em:
                continue
            if max(w, h) < params.bullet_min_em * em:
                continue
            if not x0 - params.bullet_gap_em * em <= sx1 <= x0 + tol:
                continue
            if top <= (stop + sbottom) / 2 <= ln.baseline:
                ln.drawn_bullet = True
                break
