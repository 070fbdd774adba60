"""An article line to a document's English title, Chinese title and link.

The line reads ``English title (中文标题) (Link)``: the Chinese title is a bracketed group
of its own, the link sits on the word "Link".
"""

from __future__ import annotations

from typing import NamedTuple

from newsextract.fields.brackets import split_detached_group
from newsextract.fields.common import safe_url
from newsextract.fields.diagnostics import Diagnostics
from newsextract.reader.script import HAN
from newsextract.reader.types import Block
from newsextract.vocabulary import ARTICLE_LINK_WORD

__all__ = ["ArticleLine", "ArticleTitles", "parse_article", "split_article_titles"]


class ArticleLine(NamedTuple):
    """What an article line tells of its document: both titles and the link."""

    title: str | None
    title_zh: str | None
    url: str | None


def parse_article(block: Block, start: int, diag: Diagnostics) -> ArticleLine:
    """Given the block holding an article line and where its value starts, return it.

    The link is the one on the word "Link" (else the last link of the value); the titles
    are split by :func:`split_article_titles`. ``diag`` points at the article.
    """
    rest = block.text[start:].strip()
    url: str | None = None
    links = list(block.links())
    for link in links:
        if link.start >= start and block.text[link.start:link.end].strip().lower() == "link":
            url = link.url
    if url is None and links:
        url = links[-1].url
    url = safe_url(url, diag, block.page, at=("url",))
    titles = split_article_titles(ARTICLE_LINK_WORD.sub("", rest).strip())
    return ArticleLine(titles.title or None, titles.title_zh, url)


class ArticleTitles(NamedTuple):
    """An article's English title and its Chinese title (None when none is printed)."""

    title: str
    title_zh: str | None


def split_article_titles(text: str) -> ArticleTitles:
    """Given an article line without its label and link, return its two titles.

    The Chinese title is a bracketed group of its own at the end ("Plan (关于…的通知)"); a
    bracket glued to the word before it ("加快（2024年版）") is part of the title.
    """
    group = split_detached_group(text)
    if group is not None and HAN.search(group.inside):
        return ArticleTitles(group.before, group.inside)
    return ArticleTitles(text, None)
