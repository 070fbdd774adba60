"""News-list zone to :class:`NewsItem` objects: date, text, inline links, sources.

An item reads ``January 4: text (MIIT notice (CN); Reuters article (EN))``: an (italic)
date prefix, the text, and a trailing bracketed source list whose labels carry the links.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from newsextract.fields.brackets import split_detached_group
from newsextract.fields.common import Join, links_in, safe_url
from newsextract.fields.dates import DateWindow, parse_date
from newsextract.fields.diagnostics import Diagnostics
from newsextract.models import NewsItem, NewsSource
from newsextract.reader.types import Block
from newsextract.vocabulary import LANGUAGE_TAGS, NEWS_DATE, SOURCE_TAG

__all__ = ["item_groups", "parse_news", "parse_sources"]


def _split_top_level(text: str, sep: str = ";") -> list[tuple[int, str]]:
    """Split on ``sep`` outside brackets; return (offset, part) pairs."""
    parts: list[tuple[int, str]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append((start, text[start:i]))
            start = i + 1
    parts.append((start, text[start:]))
    return parts


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
    for offset, part in _split_top_level(inside):
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
        text = block.text
        date = None
        start = 0
        m = NEWS_DATE.match(text)
        if m:
            start = m.end()
            date = parse_date(m.group("date"), anchor, window)
            if date is None:
                diag.warn("unparseable_date", f"news date {m.group('date')!r} unreadable",
                          block.page, at=("date",))
        else:
            diag.warn("missing_field", f"news item without a date: {text[:40]!r}", block.page,
                      at=("date",))
        body = text[start:].rstrip()
        end = len(body) + start
        sources: list[NewsSource] = []
        trailing = split_detached_group(body)
        if trailing is not None:
            inner_start = start + body.rfind(trailing.inside, len(trailing.before))
            parsed = parse_sources(block, inner_start, trailing.inside, diag)
            if parsed is not None:
                sources = parsed
                end = start + len(trailing.before)
        item_text = text[start:end].strip()
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
