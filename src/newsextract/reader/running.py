"""Running headers, footers and page numbers: lines repeated at one height, set apart.

* :func:`find_running_lines` — given every page's lines, return those that are running
  headers, footers or page numbers (by repetition and position, never by their text).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import regex

from newsextract.reader.types import Line

__all__ = ["MARGIN_BAND", "RUNNING_MAX_SIZE_RATIO", "find_running_lines"]

#: Share of the page height at top and bottom where running lines live.
MARGIN_BAND = 0.09
#: A running line is set at most this many times the body text size (a heading is larger).
RUNNING_MAX_SIZE_RATIO = 1.15
DIGITS = regex.compile(r"\d+")
PAGE_NUMBER = regex.compile(
    r"^(?:page\s*)?[-–—\s]*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$", regex.I
)


def find_running_lines(
    pages: Sequence[Sequence[Line]], heights: Sequence[float]
) -> set[int]:
    """Given each page's lines and page heights, return ``id()`` of running lines.

    A line is running when it sits in the top or bottom margin band, is set no larger than
    the body text (headers and footers never are; a heading is), stands where no body text
    stands on other pages (:func:`_in_text_area`), has no body text beyond it (above a
    header, below a footer: :func:`_outermost`), stands apart from the body text
    (:func:`_set_apart`) and either (a) the same text, digits ignored, stands at
    about the same height on at least two pages and on at least a quarter of all pages, or
    (b) it is a bare page number.
    """
    keyed: dict[tuple[str, int, str], list[Line]] = defaultdict(list)
    running: set[int] = set()
    top_band: set[int] = set()
    largest = RUNNING_MAX_SIZE_RATIO * _body_size(pages)
    for lines, height in zip(pages, heights):
        for ln in lines:
            _x0, top, _x1, bottom = ln.box
            if top > height * MARGIN_BAND and bottom < height * (1 - MARGIN_BAND):
                continue
            if ln.size > largest:
                continue
            band = "top" if top <= height * MARGIN_BAND else "bottom"
            if band == "top":
                top_band.add(id(ln))
            text = ln.text.strip()
            if PAGE_NUMBER.match(text):
                running.add(id(ln))
                continue
            pos = round((top if band == "top" else height - bottom) / 6)
            key = (band, pos, DIGITS.sub("#", " ".join(text.split())).casefold())
            keyed[key].append(ln)
    need = max(2, len(pages) // 4)
    for lines in keyed.values():
        if len({ln.page for ln in lines}) >= need:
            running.update(id(ln) for ln in lines)
    running -= _in_text_area(pages, running)
    return {i for lines in pages for i in _set_apart(lines, _outermost(lines, running, top_band))}


#: A line standing where body text stands on at least this many other pages is in the
#: text area (a cover may have text at the height of the other pages' header).
TEXT_AREA_PAGES = 2
#: Vertical positions are compared in steps of this many points.
_STEP = 2.0


def _cells(box: tuple[float, float, float, float]) -> range:
    """Given a line box, return the steps of height it covers (a point in from each edge)."""
    return range(int((box[1] + 1.0) // _STEP), int((box[3] - 1.0) // _STEP) + 1)


def _in_text_area(pages: Sequence[Sequence[Line]], running: set[int]) -> set[int]:
    """Given each page's lines and the running candidates, return those in the text area.

    Headers and footers stand outside the text frame, where no body text ever stands. A
    candidate at a height where lines that are not candidates stand on other pages is the
    first or last line of the text (the last line of a story carried to the top of two
    pages: "Date: November 26, 2029" and "Date: November 30, 2029").
    """
    pages_at: dict[int, set[int]] = defaultdict(set)  # step of height -> pages with body text
    for k, lines in enumerate(pages):
        for ln in lines:
            if id(ln) not in running:
                for cell in _cells(ln.box):
                    pages_at[cell].add(k)
    out: set[int] = set()
    for k, lines in enumerate(pages):
        for ln in lines:
            if id(ln) in running:
                others = set().union(*(pages_at.get(c, set()) for c in _cells(ln.box))) - {k}
                if len(others) >= TEXT_AREA_PAGES:
                    out.add(id(ln))
    return out


def _outermost(lines: Sequence[Line], running: set[int], top_band: set[int]) -> set[int]:
    """Given one page's lines, return the running ones with no body text beyond them.

    A header has nothing but other running lines above it, a footer nothing but running
    lines below it; a line with body text above it in the top band is body text (a bare
    label under a story title, where every story opens a page).
    """
    body = [ln for ln in lines if id(ln) not in running]
    out: set[int] = set()
    for ln in lines:
        if id(ln) not in running:
            continue
        _x0, top, _x1, bottom = ln.box
        if id(ln) in top_band:
            beyond = any(o.box[3] <= top for o in body)
        else:
            beyond = any(o.box[1] >= bottom for o in body)
        if not beyond:
            out.add(id(ln))
    return out


def _body_size(pages: Sequence[Sequence[Line]]) -> float:
    """Given each page's lines, return the size (to 0.5 pt) that sets the most characters."""
    counts: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            counts[round(ln.size * 2) / 2] += len(ln.text)
    return counts.most_common(1)[0][0] if counts else 0.0


def _set_apart(lines: Sequence[Line], running: set[int]) -> set[int]:
    """Given one page's lines, return the running ones not set close to other text.

    A running line stands apart from the body: a line closer to it than half its size,
    above or below, that is not running itself makes it a line of a paragraph (the first
    line of a story title repeated at the top of two pages, a year alone on a last line).
    """
    out: set[int] = set()
    for ln in lines:
        if id(ln) not in running:
            continue
        _x0, top, _x1, bottom = ln.box
        gap = 0.5 * ln.size
        if not any(id(o) not in running and o.box[1] < bottom + gap and o.box[3] > top - gap
                   for o in lines if o is not ln):
            out.add(id(ln))
    return out
