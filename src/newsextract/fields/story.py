"""Story zone to a :class:`TopStory`: labelled paragraphs, bullets, article, bodies, date.

Each body block either opens with a label from the vocabulary (bold in print; matched on
the plain text too, for producers that lose the bold) or continues the field opened last:
bullets after *At a glance* are its points, unlabelled paragraphs after *MERICS comment*
are further comment paragraphs.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from newsextract.fields.bodies import parse_issuing_bodies
from newsextract.fields.brackets import split_detached_group
from newsextract.fields.common import links_in, safe_url
from newsextract.fields.dates import parse_date
from newsextract.fields.diagnostics import Diagnostics
from newsextract.models import Article, AtAGlance, IssuingBody, Paragraph, TopStory
from newsextract.reader.script import HAN
from newsextract.reader.types import Block
from newsextract.sections import StoryZone
from newsextract.vocabulary import ARTICLE_LINK_WORD, STORY_TITLE, match_label

__all__ = ["parse_story", "split_article_titles"]

def _label_at(block: Block) -> tuple[str, int] | None:
    bold_lead = block.leading(bold=True)
    if bold_lead.strip():
        hit = match_label(bold_lead)
        if hit:
            # the label may end inside the bold part; skip the space after it too
            end = hit[1]
            while end < len(block.text) and block.text[end] == " ":
                end += 1
            return hit[0].key, end
    hit = match_label(block.text)
    return (hit[0].key, hit[1]) if hit else None


def _article(block: Block, start: int, diag: Diagnostics) -> Article:
    rest = block.text[start:].strip()
    url: str | None = None
    links = list(block.links())
    for s, e, link in links:
        if s >= start and block.text[s:e].strip().lower() == "link":
            url = link
    if url is None and links:
        url = links[-1][2]
    url = safe_url(url, diag, block.page)
    title, title_zh = split_article_titles(ARTICLE_LINK_WORD.sub("", rest).strip())
    return Article(title=title or None, title_zh=title_zh, url=url)


def split_article_titles(text: str) -> tuple[str, str | None]:
    """Given an article line without its label and link, return (title, Chinese title).

    The Chinese title is a bracketed group of its own at the end ("Plan (关于…的通知)"); a
    bracket glued to the word before it ("加快（2024年版）") is part of the title.
    """
    group = split_detached_group(text)
    if group is not None and HAN.search(group[1]):
        return group[0], group[1]
    return text, None


def parse_story(
    zone: StoryZone, anchor: dt.date | None, diag: Diagnostics
) -> TopStory | None:
    """Given one story zone, return the story (None, with a warning, if it is unusable)."""
    title_text = " ".join(b.text for b in zone.title)
    m = STORY_TITLE.match(title_text)
    title = m.group("title").strip() if m else title_text.strip()
    page = zone.title[0].page
    glance_text = ""
    points: list[str] = []
    comment: list[Paragraph] = []
    article = Article()
    bodies: list[IssuingBody] = []
    complete = True
    date: dt.date | None = None
    seen: set[str] = set()
    current: str | None = None
    bare = False  # the block before was a label alone: this block carries its value
    for block in zone.body:
        label = _label_at(block)
        if label is not None:
            current, start = label
        else:
            start = 0
        rest = block.text[start:].strip()
        if label is not None and not rest:
            # A bold label on a line of its own (its value's first word did not fit
            # beside it) is a block of its own: its value is the next block.
            bare = True
            continue
        opens = label is not None or bare
        bare = False
        if opens and current is not None:
            seen.add(current)  # a label with no value at all is a missing field
        if current == "at_a_glance":
            if label is not None:
                glance_text = rest
            elif block.bullet is not None or glance_text:
                points.append(rest)
            else:
                glance_text = rest
        elif current == "comment":
            links = links_in(block, start, len(block.text), diag)
            comment.append(Paragraph(text=rest, links=links))
        elif current == "article" and opens:
            article = _article(block, start, diag)
        elif current == "issuing_bodies" and opens:
            bodies, complete, unknown = parse_issuing_bodies(rest)
            for name in unknown:
                diag.warn("unknown_issuing_body", f"unknown issuing body {name!r}", block.page)
        elif current == "date" and opens:
            date = parse_date(rest, anchor)
            if date is None:
                diag.warn("unparseable_date", f"story {zone.rank}: date {rest!r} unreadable",
                          block.page)
        else:
            diag.warn("unexpected_block",
                      f"story {zone.rank}: skipped text {rest[:40]!r}", block.page)
    for key, what in (
        ("at_a_glance", "At a glance"),
        ("comment", "MERICS comment"),
        ("article", "Article"),
        ("issuing_bodies", "Issuing bodies"),
        ("date", "Date"),
    ):
        if key not in seen:
            diag.warn("missing_field", f"story {zone.rank}: no '{what}' found", page)
    pages = sorted({ln.page for b in (*zone.title, *zone.body) for ln in b.lines})
    try:
        return TopStory(
            rank=zone.rank,
            title=title,
            at_a_glance=AtAGlance(text=glance_text, points=points),
            comment=comment,
            article=article,
            issuing_bodies=bodies,
            issuing_bodies_complete=complete,
            date=date,
            pages=pages,
        )
    except ValidationError as exc:
        diag.warn("invalid_value", f"story {zone.rank} dropped: {exc.errors()[0]['msg']}", page)
        return None
