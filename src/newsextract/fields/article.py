"""An *Article* value to the documents it cites: titles and link of each.

The value reads ``English title (中文标题) (Link)``, and from 2025 several such documents in
a row: ``Notice on A (关于…) (Link), Guidelines on B, C and D (…) (Link)``. A document ends
where its link closes it (:func:`split_documents`): at each printed "(Link)", or, where
none is printed, at the end of each link annotation that a separator (",", ";") or the end
of the value follows. A comma inside a title therefore never splits it. Each document's
titles are split by :func:`~newsextract.fields.titles.split_article_titles`.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from newsextract.fields.common import safe_url
from newsextract.fields.diagnostics import Diagnostics
from newsextract.fields.titles import ArticleTitles, split_article_titles
from newsextract.reader.types import Block, LinkSpan
from newsextract.vocabulary import ARTICLE_LINK_MARK

__all__ = [
    "ArticleLine",
    "ArticleTitles",
    "DocumentText",
    "parse_articles",
    "split_article_titles",
    "split_documents",
]

#: What may stand between two documents: spaces and list separators.
SEPARATORS = regex.compile(r"[\s,;，；、]+")
#: After a link annotation: closing brackets, then a separator or the end of the value.
_AFTER_LINK = regex.compile(r"^[)）]*\s*(?:[,;，；]|$)")
_LETTER = regex.compile(r"\p{L}")


class ArticleLine(NamedTuple):
    """What an article value tells of one document: both titles and the link."""

    title: str | None
    title_zh: str | None
    url: str | None


class DocumentText(NamedTuple):
    """One document's stretch ``[start, end)`` of a block's text and its link.

    The stretch leaves out the link mark; ``url`` is the link that closes the document
    (None where none is drawn).
    """

    start: int
    end: int
    url: str | None


def _last_link(links: list[LinkSpan], start: int, end: int) -> str | None:
    inside = [link for link in links if link.start < end and link.end > start]
    return inside[-1].url if inside else None


def split_documents(block: Block, start: int) -> list[DocumentText]:
    """Given the block holding an *Article* value at ``start``, return its documents.

    In print order, at least one.
    """
    text = block.text
    links = [link for link in block.links() if link.end > start]
    closers: list[tuple[int, int, str | None]] = []  # text end, closer end, url
    prev = start
    for m in ARTICLE_LINK_MARK.finditer(text, start):
        url = next((link.url for link in links if link.start < m.end() and link.end > m.start()),
                   None) or _last_link(links, prev, m.start())
        closers.append((m.start(), m.end(), url))
        prev = m.end()
    if not closers:
        for link in links:
            tail = _AFTER_LINK.match(text[link.end:])
            if tail is not None and link.start >= prev:
                end = link.end + len(tail.group(0).rstrip(",;，； "))
                closers.append((end, end, link.url))
                prev = end
    out: list[DocumentText] = []
    prev = start
    for end, after, url in closers:
        lead = SEPARATORS.match(text, prev, end)
        out.append(DocumentText(lead.end() if lead else prev, end, url))
        prev = after
    rest = text[prev:]
    if _LETTER.search(rest) or not out:
        lead = SEPARATORS.match(text, prev)
        out.append(DocumentText(lead.end() if lead else prev, len(text),
                                None if out else _last_link(links, start, len(text))))
    return out


def parse_articles(block: Block, start: int, diag: Diagnostics) -> list[ArticleLine]:
    """Given the block holding an *Article* value and where it starts, return its documents.

    ``diag`` points at the story (an unsafe link: ``documents/<d>/url``).
    """
    out: list[ArticleLine] = []
    for d, doc in enumerate(split_documents(block, start)):
        titles = split_article_titles(block.text[doc.start:doc.end].strip(" ,;"))
        url = safe_url(doc.url, diag, block.page, at=("documents", d, "url"))
        out.append(ArticleLine(titles.title or None, titles.title_zh, url))
    return out
