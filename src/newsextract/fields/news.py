"""News-list zone to :class:`NewsItem` objects: date, text, inline links, sources.

An item reads ``January 4: text (MIIT notice (CN); Reuters article (EN))``: an (italic)
date prefix, the text, and a trailing bracketed source list whose labels carry the links;
from 2025 also ``April 2: text (NDRC action plan).``, one linked source without a language
tag and a full stop after it. The text ends where the sources begin; the full stop belongs
to neither. A date without a year that cannot be placed is left out with a warning.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import regex
from pydantic import ValidationError

from newsextract.fields.brackets import split_detached_group, split_outside_brackets
from newsextract.fields.common import Join, links_in, safe_url
from newsextract.fields.dates import DateWindow, parse_date, parse_partial_date
from newsextract.fields.diagnostics import Diagnostics
from newsextract.models import NewsItem, NewsSource
from newsextract.reader.types import Block
from newsextract.vocabulary import LANGUAGE_TAGS, NEWS_DATE, SOURCE_TAG

__all__ = ["AFTER_SOURCES", "item_groups", "parse_news", "parse_sources"]

#: A full stop printed after the sources' closing bracket: part of neither.
AFTER_SOURCES = regex.compile(r"(?<=[)）])\s*[.。]$")


def parse_sources(
    block: Block, start: int, inside: str, diag: Diagnostics
) -> list[NewsSource] | None:
    """Given the bracketed source list starting at ``start`` in ``block.text``, return sources.

    Returns None when the group does not look like a source list (an empty part, or no part
    with a language tag or a link), so an ordinary closing parenthesis stays in the text;
    one tagged or linked part makes the bare labels beside it sources too ("(Caixin; MIIT
    notice (CN))"). ``diag`` points at the news item: an unsafe link is dropped from its
    source (``sources/<k>/url``) once the list is known to be sources.
    """
    links = list(block.links())
    found: list[tuple[str, str | None, str | None]] = []  # label, language, link as drawn
    marked = False
    for offset, part in split_outside_brackets(inside):
        label = part.strip()
        if not label:
            return None
        lead = len(part) - len(part.lstrip())
        a = start + offset + lead
        z = a + len(label)
        url = next((link.url for link in links if link.start < z and link.end > a), None)
        tag = SOURCE_TAG.search(label)
        language = None
        if tag and tag.group("tag") in LANGUAGE_TAGS:
            language = LANGUAGE_TAGS[tag.group("tag")]
            label = label[: tag.start()].strip()
        marked = marked or tag is not None or url is not None
        try:
            NewsSource(label=label, language=language)  # type: ignore[arg-type]
        except ValidationError:
            return None
        found.append((label, language, url))
    if not marked:
        return None
    return [NewsSource(label=label, language=language,  # type: ignore[arg-type]
                       url=safe_url(url, diag, block.page, at=("sources", k, "url")))
            for k, (label, language, url) in enumerate(found)]


def item_groups(blocks: list[Block]) -> list[list[Block]]:
    """Group blocks into items: a block without bullet or date continues the item before."""
    items: list[list[Block]] = []
    for b in blocks:
        if items and b.bullet is None and not NEWS_DATE.match(b.text):
            items[-1].append(b)
        else:
            items.append([b])
    return items


class _Dated(NamedTuple):
    """An item's date (None where missing or not placed) and where its text starts."""

    date: dt.date | None
    start: int


def _date(block: Block, anchor: dt.date | None, window: DateWindow, diag: Diagnostics) -> _Dated:
    """Read the item's date prefix; warn about a missing, unreadable or unplaced date."""
    m = NEWS_DATE.match(block.text)
    if not m:
        diag.warn("missing_field", f"news item without a date: {block.text[:40]!r}", block.page,
                  at=("date",))
        return _Dated(None, 0)
    printed = m.group("date")
    date = parse_date(printed, anchor, window)
    if date is None and parse_partial_date(printed) is not None:
        where = "outside the reporting period" if any(window) else "no publication date"
        diag.warn("unplaced_date", f"news date {printed!r} has no year and cannot be placed "
                  f"({where})", block.page, at=("date",))
    elif date is None:
        diag.warn("unparseable_date", f"news date {printed!r} unreadable", block.page,
                  at=("date",))
    return _Dated(date, m.end())


class _Sourced(NamedTuple):
    """An item's sources and where its text ends (where the sources begin)."""

    sources: list[NewsSource]
    end: int


def _sources(block: Block, start: int, diag: Diagnostics) -> _Sourced:
    """Read the trailing source list of the item text starting at ``start``.

    The text ends where the sources' bracket opens; a full stop printed after the closing
    bracket belongs to neither. Without a source list the text runs to the end.
    """
    body = block.text[start:].rstrip()
    stop = AFTER_SOURCES.search(body)
    for candidate in ((body[:stop.start()],) if stop else ()) + (body,):
        trailing = split_detached_group(candidate)
        if trailing is None:
            continue
        inner = start + candidate.rfind(trailing.inside, len(trailing.before))
        parsed = parse_sources(block, inner, trailing.inside, diag)
        if parsed is not None:
            return _Sourced(parsed, start + len(trailing.before))
    return _Sourced([], start + len(body))


def parse_news(
    blocks: list[Block], anchor: dt.date | None,
    window: DateWindow, diag: Diagnostics, join: Join,
) -> list[NewsItem]:
    """Given one news list's blocks, return its items in order.

    An item's blocks (:func:`item_groups`) are joined as the reader joins a paragraph
    (``join``, a :class:`~newsextract.reader.join.BlockJoiner`). ``diag`` points at the
    list; each item's warnings point at the item once it is kept.
    """
    items: list[NewsItem] = []
    lst = diag
    for group in item_groups(blocks):
        diag = lst.item()
        block = join(group)
        date, start = _date(block, anchor, window, diag)
        sources, end = _sources(block, start, diag)
        item_text = block.text[start:end].strip()
        links = links_in(block, start, end, diag, at=("links",))
        try:
            item = NewsItem(date=date, text=item_text, links=links, sources=sources,
                            page=block.page)
        except ValidationError as exc:
            diag.warn("invalid_value", f"news item dropped: {exc.errors()[0]['msg']}",
                      block.page, at=())  # never placed: points at the list
            continue
        diag.place(len(items))
        items.append(item)
    return items
