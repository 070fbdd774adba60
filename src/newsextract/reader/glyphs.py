"""Raw chars to clean glyphs: style, ligatures, overprint removal, links.

Given one page's :class:`RawChar` list and links, return :class:`Glyph` objects with
bold/italic decided, ligatures expanded, "fake bold" duplicates removed (and their survivor
marked bold), unmapped ``(cid:NN)`` glyphs dropped and counted, and each glyph's link URL
attached by its centre.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from newsextract.reader.backend import RawChar, RawLink
from newsextract.reader.types import Glyph

__all__ = [
    "GlyphStats",
    "attach_links",
    "clean_text",
    "font_style",
    "raw_to_glyphs",
    "remove_overprint",
]

# Font-name patterns, most specific first. Names look like "ABCDEF+DejaVuSans-BoldOblique",
# "Arial,BoldItalic", "Helvetica-Oblique", "MinionPro-It", "NotoSansCJKsc-Black".
SUBSET_PREFIX = regex.compile(r"^[A-Z]{6}\+")
BOLD_NAME = regex.compile(
    r"(?i)(?:bold|black|heavy|semi-?bold|demi(?:-?bold)?|extra-?bold|ultra-?bold|"
    r"(?<=[-,_ ])(?:bd|sb|w[6-9])(?=$|[-,_ ]|it))"
)
ITALIC_NAME = regex.compile(r"(?i)(?:italic|oblique|slanted|kursiv|(?<=[-,_ ]|bold|bd)it$)")
CID_GLYPH = regex.compile(r"^\(cid:\d+\)$")

LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
#: CJK Radicals Supplement code points that some fonts' ToUnicode maps emit for glyphs shared
#: with a standalone ideograph (NFKC does not map this block); mapped back to the ideograph.
RADICAL_SUPPLEMENT: dict[str, str] = {
    "\u2e9f": "母", "\u2ea0": "民", "\u2eb0": "纟", "\u2ec4": "西", "\u2ec5": "见",
    "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2ecb": "车", "\u2ed0": "钅",
    "\u2ed1": "長", "\u2ed3": "长", "\u2ed4": "门", "\u2ed8": "青", "\u2ed9": "韦",
    "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ee0": "饣",
    "\u2ee2": "马", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤",
    "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eeb": "斉", "\u2eec": "齐",
    "\u2eed": "歯", "\u2eee": "齿", "\u2eef": "竜", "\u2ef0": "龙", "\u2ef2": "亀",
    "\u2ef3": "龟",
}
#: Characters treated as a space glyph the PDF drew.
SPACE_CHARS = frozenset(" \u00a0\u2002\u2003\u2009\u202f\u3000")
#: Break-hyphen markers some producers use (pdfium reports U+0002).
SOFT_HYPHENS = frozenset("\u00ad\u0002")


@dataclass(slots=True)
class GlyphStats:
    """Counts of what :func:`raw_to_glyphs` dropped or repaired on one page."""

    unmapped: int = 0
    overprinted: int = 0


def font_style(fontname: str) -> tuple[bool, bool]:
    """Given a PDF font name, return ``(bold, italic)`` as the name tells it."""
    name = SUBSET_PREFIX.sub("", fontname)
    return bool(BOLD_NAME.search(name)), bool(ITALIC_NAME.search(name))


def clean_text(text: str) -> str:
    """Given one char's text, return it with ligatures expanded and Kangxi radicals mapped.

    Only the Kangxi-radical block is NFKC-normalised: normalising whole strings would
    rewrite full-width CJK punctuation.
    """
    out = []
    for ch in text:
        if ch in LIGATURES:
            out.append(LIGATURES[ch])
        elif "\u2f00" <= ch <= "\u2fd5":
            out.append(unicodedata.normalize("NFKC", ch))
        elif ch in RADICAL_SUPPLEMENT:
            out.append(RADICAL_SUPPLEMENT[ch])
        elif ch in SOFT_HYPHENS:
            out.append("\u00ad")
        elif ch in SPACE_CHARS:
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


def raw_to_glyphs(chars: Sequence[RawChar], stats: GlyphStats) -> list[Glyph]:
    """Given a page's raw chars, return glyphs with style decided and bad glyphs dropped."""
    style_cache: dict[str, tuple[bool, bool]] = {}
    out: list[Glyph] = []
    for c in chars:
        if not c.upright:
            continue  # rotated margin text (e.g. vertical labels) is not body text
        if CID_GLYPH.match(c.text) or c.text == "\ufffd":
            stats.unmapped += 1
            continue
        text = clean_text(c.text)
        if not text:
            continue
        style = style_cache.get(c.fontname)
        if style is None:
            style = style_cache[c.fontname] = font_style(c.fontname)
        bold = style[0] or bool(c.bold)
        italic = style[1] or bool(c.italic)
        out.append(
            Glyph(
                text=text,
                x0=c.x0,
                top=c.top,
                x1=c.x1,
                bottom=c.bottom,
                size=round(c.size, 2),
                baseline=c.baseline,
                bold=bold,
                italic=italic,
                font=c.fontname,
                space=text == " ",
            )
        )
    return out


def remove_overprint(glyphs: list[Glyph], stats: GlyphStats) -> list[Glyph]:
    """Given glyphs, return them without "fake bold" copies; survivors are marked bold.

    A copy is the same text drawn again within a fraction of its own width and height.
    Sorted by row and x, a copy lands next to its original (other glyphs of the row are a
    glyph's width apart), so each glyph is compared with its few predecessors only.
    """
    order = sorted(
        (i for i, g in enumerate(glyphs) if not g.space),
        key=lambda i: (round(glyphs[i].baseline), glyphs[i].x0),
    )
    drop: set[int] = set()
    for n, i in enumerate(order):
        g = glyphs[i]
        tol = min(max(1.0, 0.12 * g.size), 0.45 * max(g.x1 - g.x0, 0.1))
        for j in order[max(0, n - 3) : n]:
            o = glyphs[j]
            if (
                j not in drop
                and o.text == g.text
                and abs(o.x0 - g.x0) <= tol
                and abs(o.baseline - g.baseline) <= tol
            ):
                first, copy = (j, i) if j < i else (i, j)
                drop.add(copy)
                glyphs[first].bold = True
                break
    stats.overprinted += len(drop)
    if not drop:
        return glyphs
    return [g for i, g in enumerate(glyphs) if i not in drop]


def attach_links(glyphs: list[Glyph], links: Sequence[RawLink]) -> None:
    """Set ``glyph.link`` to the URI of the link rectangle holding the glyph's centre.

    Rectangles rarely line up with glyph boxes, so each is widened by half a point and a
    glyph belongs to it when its centre falls inside. Internal links (no URI) are ignored.
    """
    rects = [
        (r[0] - 0.5, r[1] - 0.5, r[2] + 0.5, r[3] + 0.5, link.uri)
        for link in links
        if link.uri
        for r in link.rects
    ]
    if not rects:
        return
    for g in glyphs:
        cx = (g.x0 + g.x1) / 2
        cy = (g.top + g.bottom) / 2
        for x0, top, x1, bottom, uri in rects:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                g.link = uri
                break
