"""The reader's output: glyphs, runs, lines and blocks, each keeping page and box.

Every object here remembers where it came from (page number and box in points, top-left
origin), so any value extracted from it can be traced back to the PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from newsextract.reader.backend import Box
from newsextract.reader.hyphenation import Lexicon
from newsextract.reader.params import DEFAULT_PARAMS, LayoutParams

__all__ = [
    "Block",
    "Document",
    "Glyph",
    "Line",
    "LinkSpan",
    "OrderedLine",
    "PageSize",
    "ReaderNote",
    "Run",
    "Shape",
    "Span",
    "connected_groups",
    "glyph_box",
    "union_box",
]


def union_box(boxes: Iterable[Box]) -> Box:
    """Given boxes, return the smallest box enclosing them all."""
    bs = list(boxes)
    if not bs:
        return (float("inf"), float("inf"), float("-inf"), float("-inf"))
    x0s, tops, x1s, bottoms = zip(*bs)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


def connected_groups(count: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Given ``count`` items and pairs of linked items, return the groups linked together.

    Two items are in one group when a chain of links joins them. Each group lists its
    items in index order; the groups come in the order of their first item.
    """
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def glyph_box(glyphs: Sequence[Glyph]) -> Box:
    """Given glyphs (at least one), return the smallest box enclosing them all.

    One pass with plain comparisons (as ``min``/``max`` compare, so the same values come
    out), which costs a third of four ``min``/``max`` passes.
    """
    g = glyphs[0]
    x0, top, x1, bottom = g.x0, g.top, g.x1, g.bottom
    for g in glyphs:
        if g.x0 < x0:
            x0 = g.x0
        if g.top < top:
            top = g.top
        if g.x1 > x1:
            x1 = g.x1
        if g.bottom > bottom:
            bottom = g.bottom
    return (x0, top, x1, bottom)


@dataclass(slots=True)
class Glyph:
    """One character after clean-up (ligatures expanded, duplicates removed, link attached).

    ``text`` may hold more than one character (an expanded ligature) and is empty for
    nothing. ``space`` marks a space glyph the PDF drew itself.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    baseline: float
    bold: bool
    italic: bool
    font: str
    link: str | None = None
    superscript: bool = False
    space: bool = False

    @property
    def box(self) -> Box:
        """The glyph's box."""
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one style and one link target, on one page."""

    text: str
    bold: bool
    italic: bool
    size: float
    superscript: bool
    link: str | None
    page: int
    box: Box



@dataclass(slots=True)
class Line:
    """Glyphs sharing a baseline within one column, left to right."""

    page: int
    glyphs: list[Glyph]
    baseline: float
    size: float  # dominant (non-superscript) font size
    runs: list[Run] = field(default_factory=list)
    drawn_bullet: bool = False  # a bullet drawn as a shape opens it (reader.bullets)
    _box: Box | None = field(default=None, repr=False, compare=False)

    @property
    def box(self) -> Box:
        """The line's box (computed once: a line's glyphs do not move)."""
        if self._box is None:
            self._box = glyph_box(self.glyphs)
        return self._box

    @property
    def text(self) -> str:
        """The line's text."""
        return "".join(r.text for r in self.runs)

    @property
    def x0(self) -> float:
        """Left edge."""
        return self.box[0]


class OrderedLine(NamedTuple):
    """A line in reading order with the index of the column it was read in (0: full width)."""

    column: int
    line: Line


@dataclass(frozen=True, slots=True)
class Span:
    """A slice ``[start, end)`` of a block's text with the style of the runs below it."""

    start: int
    end: int
    bold: bool
    italic: bool
    superscript: bool
    link: str | None


class LinkSpan(NamedTuple):
    """A linked stretch ``[start, end)`` of a block's text and its target."""

    start: int
    end: int
    url: str


@dataclass(slots=True)
class Block:
    """A paragraph-like group of lines in reading order.

    ``text`` is the joined text (single spaces, line-break hyphens resolved); ``spans``
    maps every character of ``text`` back to its style and link, and ``line_starts`` gives
    the offset in ``text`` where each line begins. ``page`` and ``column`` are where the
    block starts (a paragraph joined over a page break goes on on the next page: see
    :attr:`pages`). ``break_hyphen`` is True when ``text`` ends in a "-" the PDF marked
    as a break (a soft hyphen), which a join drops.
    """

    page: int
    lines: list[Line]
    text: str
    spans: list[Span]
    line_starts: list[int]
    bullet: str | None = None  # the bullet glyph that opened the block, removed from text
    column: int = 0
    break_hyphen: bool = False
    _box: Box | None = field(default=None, repr=False, compare=False)

    @property
    def box(self) -> Box:
        """The block's box (computed once; over all its lines, whatever their page)."""
        if self._box is None:
            self._box = union_box(ln.box for ln in self.lines)
        return self._box

    @property
    def size(self) -> float:
        """Dominant font size."""
        return max((ln.size for ln in self.lines), default=0.0)

    @property
    def pages(self) -> list[int]:
        """Pages the block's lines lie on, ascending (more than one after a join)."""
        return sorted({ln.page for ln in self.lines})

    def is_bold(self) -> bool:
        """Return True when every non-space character is bold."""
        return all(s.bold for s in self.spans if self.text[s.start : s.end].strip())

    def is_italic(self) -> bool:
        """Return True when every non-space character is italic."""
        return all(s.italic for s in self.spans if self.text[s.start : s.end].strip())

    def leading(self, *, bold: bool | None = None, italic: bool | None = None) -> str:
        """Return the text of the leading spans matching the given style flags."""
        end = 0
        for s in self.spans:
            piece = self.text[s.start : s.end]
            if piece.strip() and (
                (bold is not None and s.bold != bold)
                or (italic is not None and s.italic != italic)
            ):
                break
            end = s.end
        return self.text[:end]

    def links(self) -> Iterator[LinkSpan]:
        """Yield each maximal linked stretch of text with its URL.

        Adjacent spans with the same URL are one link even across a line break, which is
        how a link wrapping onto the next line stays one link.
        """
        cur: LinkSpan | None = None
        for s in self.spans:
            if s.link is not None and cur is not None and cur.url == s.link and s.start <= cur.end:
                cur = LinkSpan(cur.start, s.end, s.link)
                continue
            if cur is not None:
                yield cur
            cur = LinkSpan(s.start, s.end, s.link) if s.link is not None else None
        if cur is not None:
            yield cur


@dataclass(frozen=True, slots=True)
class ReaderNote:
    """Something the reader noticed that a caller may want to report as a warning."""

    code: str
    message: str
    page: int | None


class PageSize(NamedTuple):
    """A page's width and height in points."""

    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Shape:
    """A vector path drawn on a page, as its box in the page frame and how it is painted.

    A bullet dot or square, a rule, a chart's bars and axes.
    """

    page: int
    box: Box
    filled: bool
    stroked: bool


@dataclass(slots=True)
class Document:
    """The reader's result for one PDF.

    ``params`` are the thresholds it was read with and ``lexicon`` the words its text
    uses: stages after the reader that measure the same things (the body size) or join
    text (:class:`~newsextract.reader.join.BlockJoiner`) use them too.
    """

    name: str
    page_count: int
    page_sizes: list[PageSize]
    blocks: list[Block]
    removed: list[Line]  # running headers, footers and page numbers that were dropped
    notes: list[ReaderNote] = field(default_factory=list)
    params: LayoutParams = DEFAULT_PARAMS
    lexicon: Lexicon = field(default_factory=lambda: Lexicon(()))
    shapes: list[Shape] = field(default_factory=list)  # every page's, in page order
    first_page: int = 1  # this document's pages in the PDF (a bundle holds several)
    last_page: int = 0  # 0: up to page_count

    def page_blocks(self, page: int) -> list[Block]:
        """Return the blocks of one page in reading order."""
        return [b for b in self.blocks if b.page == page]

    def page_shapes(self, page: int) -> list[Shape]:
        """Return the shapes drawn on one page."""
        return [s for s in self.shapes if s.page == page]
