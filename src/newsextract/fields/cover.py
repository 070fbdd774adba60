"""Cover zone to fields: publication date, reporting period, newsletter, topic title, names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsextract.fields.dates import PartialDate, infer_year, parse_partial_date
from newsextract.fields.diagnostics import Diagnostics
from newsextract.models import DateRange
from newsextract.reader.types import Block
from newsextract.vocabulary import COVER_DATE_ONLY, COVER_LINE, EDITION_LINE, PROFILES, Profile

__all__ = ["CoverFields", "parse_cover"]


@dataclass(slots=True)
class CoverFields:
    """What the cover tells."""

    publication_date: dt.date | None = None
    period: DateRange = field(default_factory=DateRange)
    profile: Profile | None = None
    issue_title: str | None = None
    names: list[str] = field(default_factory=list)
    page: int | None = None


def _full(part: PartialDate, anchor: dt.date) -> dt.date | None:
    if part.year:
        return dt.date(part.year, part.month, part.day)
    return infer_year(part.month, part.day, anchor)


def _period(start: str | None, end: str | None, pub: dt.date) -> DateRange | None:
    """Read the printed period; an open period ("DECEMBER 28 -") has one side only.

    Missing years come from the publication date (the end) and the end (the start).
    """
    s = parse_partial_date(start) if start else None
    e = parse_partial_date(end) if end else None
    if (start and s is None) or (end and e is None):
        return None
    end_date = _full(e, pub) if e else None
    start_date = _full(s, end_date or pub) if s else None
    if (e and end_date is None) or (s and start_date is None):
        return None
    if start_date and end_date and start_date > end_date:
        return None
    return DateRange(start=start_date, end=end_date)


def _is_names(text: str) -> bool:
    """Return True for the cover's author line: names in capitals ("JANE DOE, JOHN ROE")."""
    return text.isupper()


def parse_cover(blocks: list[Block], diag: Diagnostics) -> CoverFields:
    """Given the cover's blocks, return its fields; warn about what is missing.

    The newsletter title line may print any of its variants (``Profile.title_pattern``);
    the first block after it that is neither a date line, a wordmark, an edition line
    ("January 2021") nor the author line is the issue's topic title. A cover with a date
    and no reporting period is a format of its own (2025): the period is null, no warning.
    """
    out = CoverFields(page=blocks[0].page if blocks else None)
    for b in blocks:
        text = " ".join(b.text.split())
        if out.publication_date is None:
            m = COVER_LINE.search(text) or COVER_DATE_ONLY.match(text)
            if m:
                pub = parse_partial_date(m.group("pub"))
                if pub and pub.year:
                    out.publication_date = dt.date(pub.year, pub.month, pub.day)
                    if "end" in m.groupdict():
                        period = _period(m.group("start"), m.group("end"), out.publication_date)
                        if period is None:
                            diag.warn("unparseable_date",
                                      f"reporting period {m.group(0)!r} unreadable", b.page,
                                      at=("reporting_period",))
                        else:
                            out.period = period
                continue
        if out.profile is None:
            out.profile = next((p for p in PROFILES if p.title_pattern.match(text)), None)
            if out.profile is not None:
                continue
        wordmark = any(text.upper() == w for p in PROFILES for w in p.wordmarks)
        if out.profile is None or wordmark or COVER_DATE_ONLY.match(text) or not text:
            continue
        if _is_names(text):
            if not out.names:
                out.names = [n.strip() for n in text.split(",") if n.strip()]
        elif out.issue_title is None and not out.names and not EDITION_LINE.match(text):
            out.issue_title = text
    if out.publication_date is None:
        diag.warn("missing_field", "publication date not found on the cover", out.page,
                  at=("publication_date",))
    return out
