"""A char-level text map of a zone: every character of its text keeps the PDF char it came from.

In the spirit of pdfplumber's ``TextMap`` (each character of ``as_string`` maps to its
``char`` object, or to ``None`` for layout-implied whitespace): :class:`TextMap` is built
from the reader's blocks, glyph by glyph, so any stretch of its text gives back the pages
and boxes it was printed at. :meth:`TextMap.find` matches a value's text tolerant of
whitespace and hyphenation (both sides compared without spaces and dashes, NFKC-folded),
:meth:`TextMap.find_date` finds a printed date (the vocabulary's date patterns) and
:meth:`TextMap.find_link` the glyphs the reader attached a link target to.
"""

from __future__ import annotations

import bisect
import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

from newsextract.fields.dates import parse_partial_date
from newsextract.reader.backend import Box
from newsextract.reader.types import Block, Glyph, Line, connected_groups
from newsextract.vocabulary import DATE_PATTERNS

__all__ = ["CharBox", "PageBox", "Span", "TextMap", "normalise"]

#: Characters the matching ignores besides whitespace and dashes (category Pd).
_IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

#: Any printed date the vocabulary knows, unanchored, most specific first.
_ANY_DATE = regex.compile(
    "|".join(rf"(?<!\w)(?:{p.pattern.removeprefix('^').removesuffix('$')})(?!\w)"
             for _name, p in DATE_PATTERNS),
    regex.IGNORECASE,
)


class CharBox(NamedTuple):
    """Where one character of the map was printed: page, glyph box and its line's index."""

    page: int
    box: Box
    line: int


class PageBox(NamedTuple):
    """A box on a page (PDF points, top-left origin, as the reader measures)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


class Span(NamedTuple):
    """A stretch ``[start, end)`` of a map's text."""

    start: int
    end: int


def normalise(text: str) -> str:
    """Return ``text`` as the matching compares it: NFKC, case-folded, without spaces or dashes."""
    return "".join(_normalise_char(ch) for ch in text)


def _normalise_char(ch: str) -> str:
    """Return one character as :func:`normalise` compares it.

    NFKC of a single character can differ from NFKC of it in context only for combining
    sequences, which the matching compares char by char on both sides alike.
    """
    out: list[str] = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        if c.isspace() or c in _IGNORED or unicodedata.category(c) == "Pd":
            continue
        out.append(c)
    return "".join(out)


@dataclass(slots=True)
class TextMap:
    """The text of some blocks with, per character, its :class:`CharBox` (None: a space).

    ``links`` holds the link target of each character's glyph; ``block_starts`` where each
    block's text begins. ``norm`` is the normalised text (:func:`normalise`) and
    ``norm_at[i]`` the index in ``text`` of its ``i``-th character.
    """

    text: str
    chars: list[CharBox | None]
    links: list[str | None]
    block_starts: list[int]
    norm: str
    norm_at: list[int]

    @classmethod
    def of(cls, blocks: Iterable[Block]) -> TextMap:
        """Given blocks, return their map: every glyph of every line, a space between lines."""
        text: list[str] = []
        chars: list[CharBox | None] = []
        links: list[str | None] = []
        starts: list[int] = []
        norm: list[str] = []
        norm_at: list[int] = []
        seen: dict[str, str] = {}  # each character's normal form, worked out once per map
        line_no = 0
        for block in blocks:
            starts.append(len(text))
            for line in block.lines:
                for ch, glyph in _aligned(line):
                    folded = seen.get(ch)
                    if folded is None:
                        folded = seen[ch] = _normalise_char(ch)
                    for n in folded:
                        norm.append(n)
                        norm_at.append(len(text))
                    text.append(ch)
                    keep = glyph is not None and not glyph.space and not ch.isspace()
                    chars.append(CharBox(line.page, glyph.box, line_no)
                                 if keep and glyph is not None else None)
                    links.append(glyph.link if glyph is not None else None)
                text.append(" ")
                chars.append(None)
                links.append(None)
                line_no += 1
        return cls("".join(text), chars, links, starts, "".join(norm), norm_at)

    def _norm_index(self, pos: int) -> int:
        return bisect.bisect_left(self.norm_at, pos)

    def find(self, value: str, lo: int = 0, hi: int | None = None) -> Span | None:
        """Return the first stretch of text in ``[lo, hi)`` that reads ``value``, or None.

        Spaces, dashes and soft hyphens are ignored on both sides, so a value the reader
        joined over a line break ("inter-" + "national", "pre-" + "commercial") is found.
        """
        key = normalise(value)
        if not key:
            return None
        a = self._norm_index(lo)
        z = self._norm_index(len(self.text) if hi is None else hi)
        at = self.norm.find(key, a, z)
        if at < 0:
            return None
        return Span(self.norm_at[at], self.norm_at[at + len(key) - 1] + 1)

    def find_date(self, value: dt.date, lo: int = 0, hi: int | None = None) -> Span | None:
        """Return the first printed date in ``[lo, hi)`` that reads ``value``, or None.

        A date printed without a year matches on month and day.
        """
        for m in _ANY_DATE.finditer(self.text, lo, len(self.text) if hi is None else hi):
            part = parse_partial_date(m.group(0))
            if (part is not None and (part.month, part.day) == (value.month, value.day)
                    and part.year in (None, value.year)):
                return Span(m.start(), m.end())
        return None

    def find_link(self, url: str, lo: int = 0, hi: int | None = None) -> Span | None:
        """Return the first stretch in ``[lo, hi)`` whose glyphs link to ``url``, or None.

        The stretch runs on over spaces (a link wrapping onto the next line) while the
        glyphs after them link to ``url`` too.
        """
        end = len(self.text) if hi is None else hi
        start = next((i for i in range(lo, end) if self.links[i] == url), None)
        if start is None:
            return None
        last = start
        for i in range(start, end):
            if self.links[i] == url:
                last = i
            elif self.chars[i] is not None:
                break
        return Span(start, last + 1)

    def block_span(self, index: int) -> Span:
        """Return the stretch of text of the ``index``-th block."""
        end = self.block_starts[index + 1] if index + 1 < len(self.block_starts) else len(self.text)
        return Span(self.block_starts[index], end)

    def boxes(self, span: Span) -> list[PageBox]:
        """Return the boxes of a stretch: one per line it touches, in reading order."""
        return line_boxes(c for c in self.chars[span.start:span.end] if c is not None)


def _aligned(line: Line) -> Iterator[tuple[str, Glyph | None]]:
    """Yield each character of the line's text with the glyph it came from.

    The line's text is its glyphs' texts with the spaces the reader inserted between
    words (no glyph: None); a character no glyph accounts for gets None too.
    """
    glyphs = [g for g in line.glyphs if g.text]
    gi = gk = 0
    for ch in line.text:
        if gi < len(glyphs) and glyphs[gi].text[gk:gk + 1] == ch:
            yield ch, glyphs[gi]
            gk += 1
            if gk == len(glyphs[gi].text):
                gi, gk = gi + 1, 0
        else:
            yield ch, None


def line_boxes(chars: Iterable[CharBox]) -> list[PageBox]:
    """Given chars, return one box per line they lie on (the union of theirs), in order."""
    out: dict[int, list[float]] = {}
    pages: dict[int, int] = {}
    for c in chars:
        x0, top, x1, bottom = c.box
        edges = out.get(c.line)
        if edges is None:
            out[c.line] = [x0, top, x1, bottom]
            pages[c.line] = c.page
            continue
        if x0 < edges[0]:
            edges[0] = x0
        if top < edges[1]:
            edges[1] = top
        if x1 > edges[2]:
            edges[2] = x1
        if bottom > edges[3]:
            edges[3] = bottom
    return [PageBox(pages[line], *edges) for line, edges in out.items()]


def _together(a: PageBox, b: PageBox) -> bool:
    """Tell whether two boxes of one page belong to one column stretch.

    They do when their horizontal extents overlap (lines one under another), or when they
    share a line and the gap between them is at most a line's height (words of one line).
    """
    if a.page != b.page:
        return False
    if a.x0 < b.x1 and b.x0 < a.x1:
        return True
    same_line = a.top < b.bottom and b.top < a.bottom
    gap = max(a.x0, b.x0) - min(a.x1, b.x1)
    return same_line and gap <= max(a.bottom - a.top, b.bottom - b.top)


def union_per_column(boxes: Sequence[PageBox]) -> list[PageBox]:
    """Given boxes, return one box per page and column stretch enclosing those in it.

    Boxes joined by :func:`_together` (directly or through others) are one stretch: an item
    running from the foot of one column to the head of the next gets a box in each, not
    one over both columns and the text between. In page order, then left to right.
    """
    links = ((i, j) for i, a in enumerate(boxes) for j in range(i) if _together(a, boxes[j]))
    out = [PageBox(boxes[group[0]].page, min(boxes[i].x0 for i in group),
                   min(boxes[i].top for i in group), max(boxes[i].x1 for i in group),
                   max(boxes[i].bottom for i in group))
           for group in connected_groups(len(boxes), links)]
    return sorted(out, key=lambda b: (b.page, b.x0))
