"""Cover zone to fields: publication date, reporting period, newsletter title, cover names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsextract.fields.dates import infer_year, parse_partial_date
from newsextract.fields.diagnostics import Diagnostics
from newsextract.models import DateRange
from newsextract.reader.types import Block
from newsextract.vocabulary import COVER_DATE_ONLY, COVER_LINE, PROFILES, Profile

__all__ = ["CoverFields", "parse_cover"]


@dataclass(slots=True)
class CoverFields:
    """What the cover tells."""

    publication_date: dt.date | None = None
    period: DateRange = field(default_factory=DateRange)
    profile: Profile | None = None
    names: list[str] = field(default_factory=list)
    page: int | None = None


def _period(start: str, end: str, pub: dt.date) -> DateRange | None:
    s, e = parse_partial_date(start), parse_partial_date(end)
    if s is None or e is None:
        return None
    end_date = dt.date(e[0], e[1], e[2]) if e[0] else infer_year(e[1], e[2], pub)
    if end_date is None:
        return None
    start_date = dt.date(s[0], s[1], s[2]) if s[0] else infer_year(s[1], s[2], end_date)
    if start_date is None or start_date > end_date:
        return None
    return DateRange(start=start_date, end=end_date)


def parse_cover(blocks: list[Block], diag: Diagnostics) -> CoverFields:
    """Given the cover's blocks, return its fields; warn about what is missing."""
    out = CoverFields(page=blocks[0].page if blocks else None)
    for b in blocks:
        text = " ".join(b.text.split())
        if out.publication_date is None:
            m = COVER_LINE.search(text) or COVER_DATE_ONLY.match(text)
            if m:
                pub = parse_partial_date(m.group("pub"))
                if pub and pub[0]:
                    out.publication_date = dt.date(pub[0], pub[1], pub[2])
                    if "start" in m.groupdict():
                        period = _period(m.group("start"), m.group("end"), out.publication_date)
                        if period is None:
                            diag.warn("unparseable_date",
                                      f"reporting period {m.group(0)!r} unreadable", b.page)
                        else:
                            out.period = period
                continue
        if out.profile is None:
            for p in PROFILES:
                if p.title_pattern.match(text):
                    out.profile = p
                    break
            if out.profile is not None:
                continue
        wordmark = any(text.upper() == w for p in PROFILES for w in p.wordmarks)
        if out.profile is not None and not out.names and text.isupper() and not wordmark:
            out.names = [n.strip() for n in text.split(",") if n.strip()]
    if out.publication_date is None:
        diag.warn("missing_field", "publication date not found on the cover", out.page)
    elif out.period.start is None and COVER_LINE.pattern:
        diag.warn("missing_field", "reporting period not found on the cover", out.page)
    return out
