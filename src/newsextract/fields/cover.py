"""Cover zone to fields: publication date, reporting period, newsletter, topic title, names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsextract.fields.dates import PartialDate, infer_year, parse_partial_date
from newsextract.fields.diagnostics import Diagnostics
from newsextract.models import DateRange
from newsextract.reader.types import Block
from newsextract.vocabulary import COVER_DATE_ONLY, EDITION_LINE, Vocabulary, default_vocabulary

__all__ = ["CoverFields", "parse_cover"]


@dataclass(slots=True)
class CoverFields:
    """What the cover tells."""

    publication_date: dt.date | None = None
    period: DateRange = field(default_factory=DateRange)
    titled: bool = False
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


def _same_style(a: Block, b: Block) -> bool:
    """Say whether two blocks are set alike: one size (to a tenth of a point), one weight."""
    return round(a.size, 1) == round(b.size, 1) and a.is_bold() == b.is_bold()


def _title_lines(blocks: list[Block], vocab: Vocabulary) -> list[int]:
    """Given the cover's blocks, return the indices of the blocks that print its title.

    A cover title set large can wrap so that a line stands apart ("Supply Chain Monitor" /
    "Monthly"), and the reader may give each line a block of its own. The title is the
    first block, joined with as many following blocks set like it as keep it one, that the
    title pattern accepts (the longest such join); empty when no block prints it.
    """
    for i, first in enumerate(blocks):
        text = " ".join(first.text.split())
        found = [i] if vocab.is_title(text) else []
        for j in range(i + 1, len(blocks)):
            if not _same_style(first, blocks[j]):
                break
            text = f"{text} {' '.join(blocks[j].text.split())}"
            if vocab.is_title(text):
                found = list(range(i, j + 1))
        if found:
            return found
    return []


def parse_cover(
    blocks: list[Block], diag: Diagnostics, vocab: Vocabulary | None = None
) -> CoverFields:
    """Given the cover's blocks, return its fields; warn about what is missing.

    ``vocab`` is the newsletter's (default: the first built-in profile's). The title line
    may print any of its variants (the profile's title pattern; ``titled`` says it was found)
    and may wrap over blocks set alike (:func:`_title_lines`);
    the first block after it that is neither a date line, a wordmark, an edition line
    ("January 2021") nor the author line is the issue's topic title. A cover with a date
    and no reporting period is a format of its own (2025): the period is null, no warning.
    """
    vocab = vocab or default_vocabulary()
    out = CoverFields(page=blocks[0].page if blocks else None)
    title = _title_lines(blocks, vocab)
    for i, b in enumerate(blocks):
        text = " ".join(b.text.split())
        if out.publication_date is None:
            m = vocab.cover_line.search(text) or COVER_DATE_ONLY.match(text)
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
        if i in title:
            out.titled = True
            continue
        wordmark = text.upper() in vocab.wordmarks
        if not out.titled or wordmark or COVER_DATE_ONLY.match(text) or not text:
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
