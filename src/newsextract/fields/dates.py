"""Dates as printed to ISO dates, with year inference.

Given a printed date ("December 28, 2021", "January 4", "4 Jan 2022"), return a
:class:`datetime.date`. A date printed without a year takes the year that puts it inside the
reporting period (with a week's slack); where no period is printed, the publication date's
year, or the year before for a month after the publication month (:func:`infer_year`). A
date no year places is left out (the caller warns), never guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from newsextract.vocabulary import DATE_PATTERNS, MONTHS

__all__ = [
    "NO_WINDOW", "DateWindow", "PartialDate", "infer_year", "parse_date", "parse_partial_date",
]


class PartialDate(NamedTuple):
    """A printed date: its year (None when not printed), month and day."""

    year: int | None
    month: int
    day: int


class DateWindow(NamedTuple):
    """The period dates without a year should fall in (either end may be unknown)."""

    start: dt.date | None = None
    end: dt.date | None = None


#: No period known.
NO_WINDOW = DateWindow()

_SLACK = dt.timedelta(days=7)


def parse_partial_date(text: str) -> PartialDate | None:
    """Given a printed date, return its year (None if not printed), month and day, or None."""
    s = " ".join(text.replace("\u00a0", " ").split()).strip(" .:;,")
    for _name, pattern in DATE_PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("mnum"):
            month = int(groups["mnum"])
        else:
            month = MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        year = int(groups["year"]) if groups.get("year") else None
        try:
            dt.date(year or 2000, month, day)  # 2000 is a leap year: Feb 29 stays possible
        except ValueError:
            return None
        return PartialDate(year, month, day)
    return None


def infer_year(
    month: int,
    day: int,
    anchor: dt.date,
    window: DateWindow = NO_WINDOW,
) -> dt.date | None:
    """Given a month and day without year, return the full date (None if none fits).

    With a reporting period (either end known): the year, among the anchor's and the years
    either side, that puts the date inside the period (±7 days; the nearest its end, or the
    anchor's, wins); None when no year does. Without one, the publication month decides:
    the anchor's year, or the year before for a month after the anchor's month (news of
    December in an issue of February). None for a day the year lacks (February 29).
    """
    start, end = window
    if start is not None or end is not None:
        candidates: list[dt.date] = []
        for year in (anchor.year, anchor.year - 1, anchor.year + 1):
            try:
                candidates.append(dt.date(year, month, day))
            except ValueError:
                continue
        lo = (start or dt.date.min + _SLACK) - _SLACK
        hi = (end or anchor) + _SLACK
        inside = [c for c in candidates if lo <= c <= hi]
        if not inside:
            return None
        return min(inside, key=lambda c: abs((c - (end or anchor)).days))
    year = anchor.year if month <= anchor.month else anchor.year - 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(
    text: str,
    anchor: dt.date | None = None,
    window: DateWindow = NO_WINDOW,
) -> dt.date | None:
    """Given a printed date, return it as a date; a missing year is inferred from ``anchor``.

    Returns None when ``text`` is not a date, or has no year and none can be inferred (no
    anchor, or outside ``window``: :func:`infer_year`).
    """
    parts = parse_partial_date(text)
    if parts is None:
        return None
    year, month, day = parts
    if year is not None:
        return dt.date(year, month, day)
    if anchor is None:
        return None
    return infer_year(month, day, anchor, window)
