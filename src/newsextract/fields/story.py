"""Story zone to a :class:`TopStory`: labelled paragraphs, bullets, documents, figures.

A label from the vocabulary (bold in print; matched on the plain text too, for producers
that lose the bold) opens a field, and the field owns every block up to the next label or
the story's end (:func:`_fields`): bullets after *At a glance* are its points, grouped with
their lead-ins (:mod:`~newsextract.fields.glance`), paragraphs after *MERICS comment* are
further comment paragraphs, and an *Article*, *Issuing bodies* or *Date* value running on
into further blocks is joined into one (the reader's own join, links gathered across the
blocks) and read into the story's documents (:mod:`~newsextract.fields.documents`). Only
text before the first label is unexpected. A figure's text never reaches the fields (the
segmenter keeps it apart); its caption becomes a :class:`~newsextract.models.Figure`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import ValidationError

from newsextract.fields.article import ArticleLine, parse_articles
from newsextract.fields.common import Join, links_in
from newsextract.fields.diagnostics import Diagnostics
from newsextract.fields.documents import Printed, StoryDocuments, build_documents
from newsextract.fields.glance import glance_groups
from newsextract.models import AtAGlance, Figure, GlanceGroup, Paragraph, TopStory
from newsextract.reader.types import Block
from newsextract.vocabulary import STORY_TITLE, LabelMatch, match_label
from newsextract.zones import StoryZone

__all__ = ["parse_story"]

#: The fields a story prints, by label key, as named in warnings.
FIELD_NAMES = {"at_a_glance": "At a glance", "comment": "MERICS comment", "article": "Article",
               "issuing_bodies": "Issuing bodies", "date": "Date"}


@dataclass(slots=True)
class _Field:
    """A label and the blocks it owns; its value starts at ``start`` in the first block."""

    key: str
    head: Block
    start: int = 0
    blocks: list[Block] = field(default_factory=list)


def _label_at(block: Block) -> LabelMatch | None:
    """Return the story label ``block`` opens with and where its value starts, or None.

    The bold lead is matched first (the label may end inside it: the space after it is
    skipped too), then the plain text, for producers that lose the bold.
    """
    bold_lead = block.leading(bold=True)
    if bold_lead.strip():
        hit = match_label(bold_lead)
        if hit:
            end = hit.end
            while end < len(block.text) and block.text[end] == " ":
                end += 1
            return LabelMatch(hit.label, end)
    return match_label(block.text)


def _fields(zone: StoryZone, diag: Diagnostics) -> list[_Field]:
    """Given a story zone, return its fields in order: each label with the blocks it owns.

    A label alone in its block (its value's first word did not fit beside it) owns the
    blocks after it; text before the first label belongs to no field (a warning).
    """
    out: list[_Field] = []
    for block in zone.body:
        hit = _label_at(block)
        if hit is not None:
            key, start = hit.label.key, hit.end
            has_value = bool(block.text[start:].strip())
            out.append(_Field(key, block, start, [block]) if has_value else _Field(key, block))
        elif out:
            out[-1].blocks.append(block)
        else:
            diag.warn("unexpected_block",
                      f"story {zone.rank}: skipped text {block.text.strip()[:40]!r}",
                      block.page, at=())
    return out


def _figures(zone: StoryZone, join: Join) -> list[Figure]:
    """Return the story's figures that print a caption, in page order."""
    out: list[Figure] = []
    for fig in zone.figures:
        if fig.caption:
            caption = " ".join(join(fig.caption).text.split())
            out.append(Figure(caption=caption, page=fig.region.page))
    return out


def parse_story(
    zone: StoryZone, anchor: dt.date | None, diag: Diagnostics, join: Join
) -> TopStory | None:
    """Given one story zone, return the story (None, with a warning, if it is unusable).

    ``join`` joins blocks the way the reader does (:class:`~newsextract.reader.join.
    BlockJoiner`): a wrapped title, a summary, and values running on into further blocks.
    ``diag`` points at the story. A field printed twice keeps its last value (the glance
    and the comment keep every one).
    """
    title_text = join(zone.title).text
    m = STORY_TITLE.match(title_text)
    title = m.group("title").strip() if m else title_text.strip()
    page = zone.title[0].page
    groups: list[GlanceGroup] = []
    comment: list[Paragraph] = []
    articles: list[ArticleLine] = []
    printed = {"issuing_bodies": Printed("", None), "date": Printed("", None)}
    seen: set[str] = set()
    fields = [f for f in _fields(zone, diag) if f.blocks]  # a bare label alone: missing
    last = {f.key: f for f in fields}
    for f in fields:
        seen.add(f.key)
        if f.key == "at_a_glance":
            left = f.head.lines[0].x0 if f.head.lines else None
            groups.extend(glance_groups(f.blocks, f.start, left, join))
            continue
        if f.key == "comment":
            for k, block in enumerate(f.blocks):
                start = f.start if k == 0 else 0
                links = links_in(block, start, len(block.text), diag, at=("comment", len(comment)))
                comment.append(Paragraph(text=block.text[start:].strip(), links=links))
            continue
        if last[f.key] is not f:
            continue  # overridden by the same label further down
        value = join(f.blocks)
        if f.key == "article":
            articles = parse_articles(value, f.start, diag)
        else:
            printed[f.key] = Printed(value.text[f.start:].strip(), value.page)
    for key, what in FIELD_NAMES.items():
        if key not in seen:
            at = (key,) if key in ("at_a_glance", "comment") else ("documents",)
            diag.warn("missing_field", f"story {zone.rank}: no '{what}' found", page, at=at)
    pages = sorted({ln.page for b in (*zone.title, *zone.body) for ln in b.lines}
                   | {f.region.page for f in zone.figures})
    documents = []
    if seen & {"article", "issuing_bodies", "date"}:  # a document's label was printed
        documents = build_documents(
            StoryDocuments(articles, printed["issuing_bodies"], printed["date"]),
            zone.rank, anchor, diag)
    try:
        return TopStory(
            rank=zone.rank,
            title=title,
            at_a_glance=AtAGlance(groups=groups),
            comment=comment,
            documents=documents,
            figures=_figures(zone, join),
            pages=pages,
        )
    except ValidationError as exc:
        diag.warn("invalid_value", f"story {zone.rank} dropped: {exc.errors()[0]['msg']}", page,
                  at=())  # never placed: points at the list
        return None
