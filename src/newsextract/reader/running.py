"""Running headers, footers and page numbers: lines repeated at one height, set apart.

* :func:`find_running_lines` — given every page's lines, return those that are running
  headers, footers or page numbers (by repetition and position, never by their text).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import regex

from newsextract.reader.params import LayoutParams
from newsextract.reader.spacing import body_size
from newsextract.reader.types import Line

__all__ = ["find_running_lines"]

DIGITS = regex.compile(r"\d+")
PAGE_NUMBER = regex.compile(
    r"^(?:page\s*)?[-–—\s]*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$", regex.I
)


def find_running_lines(
    pages: Sequence[Sequence[Line]], heights: Sequence[float], *, params: LayoutParams
) -> set[int]:
    """Given each page's lines and page heights, return ``id()`` of running lines.

    A line is running when it sits in the top or bottom margin band
    (``margin_band_share``), is set no larger than the body text
    (``running_max_size_ratio``: headers and footers never are; a heading is), stands
    where no body text stands on other pages (:func:`_in_text_area`), has no body text
    beyond it (above a header, below a footer: :func:`_outermost`), stands apart from the
    body text (:func:`_set_apart`) and either (a) the same text, digits ignored, stands at
    about the same height (``running_position_step_pt``) on at least
    ``running_min_pages`` pages and on at least ``running_page_share`` of all pages, or
    (b) it is a bare page number.
    """
    keyed: dict[tuple[str, int, str], list[Line]] = defaultdict(list)
    running: set[int] = set()
    top_band: set[int] = set()
    band_share = params.margin_band_share
    step = params.running_position_step_pt
    largest = params.running_max_size_ratio * body_size(
        (ln for lines in pages for ln in lines), params=params)
    for lines, height in zip(pages, heights):
        for ln in lines:
            _x0, top, _x1, bottom = ln.box
            if top > height * band_share and bottom < height * (1 - band_share):
                continue
            if ln.size > largest:
                continue
            band = "top" if top <= height * band_share else "bottom"
            if band == "top":
                top_band.add(id(ln))
            text = ln.text.strip()
            if PAGE_NUMBER.match(text):
                running.add(id(ln))
                continue
            pos = round((top if band == "top" else height - bottom) / step)
            key = (band, pos, DIGITS.sub("#", " ".join(text.split())).casefold())
            keyed[key].append(ln)
    need = max(params.running_min_pages, int(len(pages) * params.running_page_share))
    for lines in keyed.values():
        if len({ln.page for ln in lines}) >= need:
            running.update(id(ln) for ln in lines)
    running -= _in_text_area(pages, running, params)
    return {i for lines in pages
            for i in _set_apart(lines, _outermost(lines, running, top_band), params)}


def _cells(box: tuple[float, float, float, float], params: LayoutParams) -> range:
    """Given a line box, return the steps of height it covers (``text_area_step_pt``).

    The box is taken ``text_area_inset_pt`` in from its top and bottom.
    """
    step, inset = params.text_area_step_pt, params.text_area_inset_pt
    return range(int((box[1] + inset) // step), int((box[3] - inset) // step) + 1)


def _in_text_area(
    pages: Sequence[Sequence[Line]], running: set[int], params: LayoutParams
) -> set[int]:
    """Given each page's lines and the running candidates, return those in the text area.

    Headers and footers stand outside the text frame, where no body text ever stands. A
    candidate at a height where lines that are not candidates stand on other pages
    (``text_area_pages`` of them) is the first or last line of the text (the last line of
    a story carried to the top of two pages: "Date: November 26, 2029" and "Date:
    November 30, 2029").
    """
    pages_at: dict[int, set[int]] = defaultdict(set)  # step of height -> pages with body text
    for k, lines in enumerate(pages):
        for ln in lines:
            if id(ln) not in running:
                for cell in _cells(ln.box, params):
                    pages_at[cell].add(k)
    out: set[int] = set()
    for k, lines in enumerate(pages):
        for ln in lines:
            if id(ln) in running:
                cells = _cells(ln.box, params)
                others = set().union(*(pages_at.get(c, set()) for c in cells)) - {k}
                if len(others) >= params.text_area_pages:
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


def _set_apart(lines: Sequence[Line], running: set[int], params: LayoutParams) -> set[int]:
    """Given one page's lines, return the running ones not set close to other text.

    A running line stands apart from the body: a line closer to it than
    ``running_apart_em``, above or below, that is not running itself makes it a line of a
    paragraph (the first line of a story title repeated at the top of two pages, a year
    alone on a last line).
    """
    out: set[int] = set()
    for ln in lines:
        if id(ln) not in running:
            continue
        _x0, top, _x1, bottom = ln.box
        gap = params.running_apart_em * ln.size
        if not any(id(o) not in running and o.box[1] < bottom + gap and o.box[3] > top - gap
                   for o in lines if o is not ln):
            out.add(id(ln))
    return out
