"""Raw chars to clean glyphs: style, ligatures, overprint removal, links.

Given one page's :class:`RawChar` list and links, return :class:`Glyph` objects with
bold/italic decided, ligatures expanded, "fake bold" duplicates removed (and their survivor
marked bold), unmapped ``(cid:NN)`` glyphs dropped and counted, control characters dropped,
bidirectional controls (:data:`BIDI_CONTROLS`) dropped and counted, and each glyph's link
URL attached by its centre.
"""

from __future__ import annotations

import bisect
import string
import unicodedata
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import ne
from typing import NamedTuple

import regex

from newsextract.reader.backend import RawChar, RawLink
from newsextract.reader.params import LayoutParams
from newsextract.reader.types import Glyph

__all__ = [
    "BIDI_CONTROLS",
    "FontStyle",
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
#: The bidirectional controls (Unicode's Bidi_Control): embeddings and overrides
#: (U+202A-U+202E), isolates (U+2066-U+2069) and the LRM, RLM and ALM marks. They make
#: text display in another order than it reads (a title that shows "txt.exe" as
#: "exe.txt"); the newsletter prints left-to-right text only, so all are removed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                          "\u200e\u200f\u061c")


def _singleton(ch: str) -> str | None:
    """Return the one character ``ch`` is canonically equivalent to, or None.

    Some producers build a font's ToUnicode from the glyph's last cmap entry, so a glyph
    shared by two code points comes out as the rarer one: the semicolon as U+037E GREEK
    QUESTION MARK (Scribus), the middle dot as U+0387, Ohm and Angstrom signs, CJK
    compatibility ideographs. Unicode defines each as the same character (a canonical
    singleton: NFC replaces it), so it is read as that character.
    """
    nfc = unicodedata.normalize("NFC", ch)
    return nfc if nfc != ch and len(nfc) == 1 else None


def _swapped_ascii(text: str) -> str | None:
    """Return ``text`` read as UTF-16LE where a ligature's mapping was written byte-swapped.

    Ghostscript's pdfwrite writes the ToUnicode of a glyph that stands for several
    characters in the wrong byte order: "fi" becomes U+6600 U+6900 ("昀椀"). One glyph
    never stands for several Chinese characters, so a multi-character text whose every
    character is U+XX00 with XX printable ASCII is the swapped ASCII.
    """
    if len(text) < 2:
        return None
    swapped = text.encode("utf-16-be", "surrogatepass").decode("utf-16-le", "replace")
    return swapped if swapped.isascii() and swapped.isprintable() else None


@dataclass(slots=True)
class GlyphStats:
    """Counts of what :func:`raw_to_glyphs` dropped or repaired on one page."""

    unmapped: int = 0
    overprinted: int = 0
    bidi_removed: int = 0


class FontStyle(NamedTuple):
    """Whether a font is bold and italic, as its name tells."""

    bold: bool
    italic: bool


def font_style(fontname: str) -> FontStyle:
    """Given a PDF font name, return whether it is bold and italic as the name tells it."""
    name = SUBSET_PREFIX.sub("", fontname)
    return FontStyle(bool(BOLD_NAME.search(name)), bool(ITALIC_NAME.search(name)))


#: One printable ASCII character (not a space): :func:`clean_text` returns it unchanged.
_PLAIN_ASCII = frozenset(string.digits + string.ascii_letters + string.punctuation)


def clean_text(text: str) -> str:
    """Given one char's text, return it with ligatures expanded and Kangxi radicals mapped.

    Control characters and bidirectional controls (:data:`BIDI_CONTROLS`) are removed.

    Only the Kangxi-radical block is NFKC-normalised: normalising whole strings would
    rewrite full-width CJK punctuation. Canonical singletons are replaced by their
    character (:func:`_singleton`) and a ligature mapping Ghostscript wrote byte-swapped
    is read back (:func:`_swapped_ascii`).
    """
    if text in _PLAIN_ASCII:
        return text  # the common case: one printable ASCII character, nothing to map
    swapped = _swapped_ascii(text)
    if swapped is not None:
        text = swapped
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
        elif ch in BIDI_CONTROLS or unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(_singleton(ch) or ch)
    return "".join(out)


def _glyph_text(raw: str) -> str | None:
    """Given a raw char's text, return its glyph text ("" to skip), or None if unmapped."""
    if CID_GLYPH.match(raw) or raw == "\ufffd":
        return None
    return clean_text(raw)


def raw_to_glyphs(chars: Sequence[RawChar], stats: GlyphStats) -> list[Glyph]:
    """Given a page's raw chars, return glyphs with style decided and bad glyphs dropped.

    The work per char is kept to lookups: cleaned text is cached per raw text, the style per
    font name, and the style and rounded size are reused while consecutive chars share
    their font and size (all caches live for this call only).
    """
    new = object.__new__
    font_styles: dict[str, FontStyle] = {}
    texts: dict[str, str | None] = {}
    out: list[Glyph] = []
    append = out.append
    unmapped = 0
    bidi: dict[str, int] = {}  # raw texts holding bidi controls: how many each
    last_size = float("nan")  # never equal to a size, so the first char rounds its own
    rounded = 0.0
    # the style of the last font and flags seen (consecutive chars mostly share them)
    last_font: str | None = None
    last_bold: bool | None = None
    last_italic: bool | None = None
    bold = italic = False
    for c in chars:
        if not c.upright:
            continue  # rotated margin text (e.g. vertical labels) is not body text
        raw = c.text
        if raw in texts:
            text = texts[raw]
        else:
            text = texts[raw] = _glyph_text(raw)
            removed = sum(ch in BIDI_CONTROLS for ch in raw)
            if removed:
                bidi[raw] = removed
        if text is None:
            unmapped += 1
            continue
        if bidi and raw in bidi:
            stats.bidi_removed += bidi[raw]
        if not text:
            continue
        fontname = c.fontname
        if fontname is not last_font or c.bold is not last_bold or c.italic is not last_italic:
            last_font, last_bold, last_italic = fontname, c.bold, c.italic
            style = font_styles.get(fontname)
            if style is None:
                style = font_styles[fontname] = font_style(fontname)
            bold = style.bold or bool(last_bold)
            italic = style.italic or bool(last_italic)
        size = c.size
        if size != last_size or not size:  # 0.0 and -0.0 are equal but round apart
            last_size = size
            rounded = round(size, 2)
        # a Glyph built slot by slot: its __init__ call would cost as much again (the
        # fields set here are all of Glyph's; test_reader_units checks that they stay so)
        g = new(Glyph)
        g.text = text
        g.x0 = c.x0
        g.top = c.top
        g.x1 = c.x1
        g.bottom = c.bottom
        g.size = rounded
        g.baseline = c.baseline
        g.bold = bold
        g.italic = italic
        g.font = fontname
        g.link = None
        g.superscript = False
        g.space = text == " "
        append(g)
    stats.unmapped += unmapped
    return out


def _row_major(rows: list[int], xs: list[float]) -> list[int]:
    """Return the positions of ``rows``/``xs`` sorted by row, then x, ties in input order.

    Input in reading order is nearly sorted by row already, so this sorts by row and then
    each row by x (two cheap stable sorts) rather than on (row, x) pairs.
    """
    by_row = sorted(range(len(rows)), key=rows.__getitem__)
    out: list[int] = []
    for _row, same in groupby(by_row, rows.__getitem__):
        out.extend(sorted(same, key=xs.__getitem__))
    return out


def _drop_copy(
    glyphs: list[Glyph], order: list[int], texts: list[str], n: int, drop: set[int],
    params: LayoutParams,
) -> None:
    """Compare the ``n``-th glyph in row order with its few predecessors of the same text.

    The first one within the tolerance is its original (or its copy): the later-drawn of
    the two goes into ``drop`` and the earlier is marked bold. The tolerance is
    ``overprint_em`` of the glyph's size (at least ``overprint_min_pt``) and at most
    ``overprint_width_share`` of its width (at least ``overprint_min_width_pt``).
    """
    text = texts[n]
    i = order[n]
    g = glyphs[i]
    by_size = params.overprint_em * g.size
    min_pt = params.overprint_min_pt
    by_size = by_size if by_size > min_pt else min_pt
    width = g.x1 - g.x0
    min_width = params.overprint_min_width_pt
    by_width = params.overprint_width_share * (min_width if width < min_width else width)
    tol = by_width if by_width < by_size else by_size
    for m in range(max(0, n - params.overprint_lookback), n):
        if texts[m] != text:
            continue
        j = order[m]
        o = glyphs[j]
        if j not in drop and abs(o.x0 - g.x0) <= tol and abs(o.baseline - g.baseline) <= tol:
            first, copy = (j, i) if j < i else (i, j)
            drop.add(copy)
            glyphs[first].bold = True
            return


def remove_overprint(
    glyphs: list[Glyph], stats: GlyphStats, *, params: LayoutParams
) -> list[Glyph]:
    """Given glyphs, return them without "fake bold" copies; survivors are marked bold.

    A copy is the same text drawn again within a fraction of its own width and height.
    Sorted by row and x, a copy lands next to its original (other glyphs of the row are a
    glyph's width apart), so each glyph is compared with its few predecessors only
    (``params.overprint_lookback``), and only where one of them has the same text (a
    double letter, or a copy).
    """
    solid = [i for i, g in enumerate(glyphs) if not g.space]
    baselines = [glyphs[i].baseline for i in solid]
    row_of = {b: round(b) for b in set(baselines)}  # a page has few distinct baselines
    rows = [row_of[b] for b in baselines]
    x0s = [glyphs[i].x0 for i in solid]
    order = [solid[k] for k in _row_major(rows, x0s)]
    texts = [glyphs[i].text for i in order]
    drop: set[int] = set()
    recent: deque[str] = deque(maxlen=params.overprint_lookback)  # the texts just before
    remember = recent.append
    for n, text in enumerate(texts):
        if text in recent:  # a double letter, or a copy
            _drop_copy(glyphs, order, texts, n, drop, params)
        remember(text)
    stats.overprinted += len(drop)
    if not drop:
        return glyphs
    return [g for i, g in enumerate(glyphs) if i not in drop]


def attach_links(
    glyphs: list[Glyph], links: Sequence[RawLink], *, params: LayoutParams
) -> None:
    """Set ``glyph.link`` to the URI of the link rectangle holding the glyph's centre.

    Rectangles rarely line up with glyph boxes, so each is widened by
    ``params.link_margin_pt`` and a glyph belongs to it when its centre falls inside.
    Internal links (no URI) are ignored. Where rectangles overlap, the first one listed
    wins. Glyphs are sorted by the height of their centre once, so each rectangle looks
    only at the glyphs of its own rows.
    """
    m = params.link_margin_pt
    rects = [
        (r[0] - m, r[1] - m, r[2] + m, r[3] + m, link.uri)
        for link in links
        if link.uri
        for r in link.rects
    ]
    if not rects or not glyphs:
        return
    cys = [(g.top + g.bottom) / 2 for g in glyphs]
    kept: Sequence[int] = range(len(glyphs))
    if any(map(ne, cys, cys)):  # a NaN centre is in no rectangle (and cannot be sorted)
        kept = [i for i in kept if cys[i] == cys[i]]
    order = sorted(kept, key=cys.__getitem__)
    sorted_cys = [cys[i] for i in order]
    hit: dict[int, str] = {}
    for x0, top, x1, bottom, uri in rects:
        lo = bisect.bisect_left(sorted_cys, top)
        hi = bisect.bisect_right(sorted_cys, bottom)
        for i in order[lo:hi]:
            if i in hit:
                continue  # an earlier rectangle holds it
            g = glyphs[i]
            if x0 <= (g.x0 + g.x1) / 2 <= x1:
                hit[i] = uri
    for i, uri in hit.items():
        glyphs[i].link = uri
