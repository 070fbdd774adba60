"""A story's *Article*, *Issuing bodies* and *Date* values to its policy documents.

The article value names the documents (:func:`~newsextract.fields.article.parse_articles`);
the bodies and the date are assigned to them by their ";" groups
(:func:`groups_per_document`): "Issuing bodies: MOT; MOT, NDRC, MIIT" gives the first of two
documents MOT and the second MOT, NDRC and MIIT ("," separates the bodies of one
document). Only when the number of groups equals the number of documents, and that number
exceeds one: a single document takes the whole list whatever its separators (the 2022
format mixes ", " and "; " in one document's list), and any other mismatch keeps the whole
list on the first document with an ``ambiguous_documents`` warning naming the story.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from newsextract.fields.article import ArticleLine
from newsextract.fields.bodies import parse_issuing_bodies
from newsextract.fields.brackets import split_outside_brackets
from newsextract.fields.dates import parse_date
from newsextract.fields.diagnostics import Diagnostics
from newsextract.models import PolicyDocument

__all__ = ["PerDocument", "Printed", "StoryDocuments", "build_documents", "groups_per_document"]


class PerDocument(NamedTuple):
    """A value cut for ``count`` documents.

    One text per document, the number of ";" groups printed, and whether the groups did
    not fit the documents.
    """

    texts: list[str]
    groups: int
    ambiguous: bool


def groups_per_document(text: str, count: int) -> PerDocument:
    """Given a printed list and the number of documents, return each document's part."""
    groups = [p.text.strip() for p in split_outside_brackets(text, ";")]
    groups = [g for g in groups if g]
    if not groups:  # nothing printed: nothing to assign
        return PerDocument([""] * max(1, count), 0, False)
    if count <= 1:
        return PerDocument([text.strip()], len(groups), False)
    if len(groups) == count:
        return PerDocument(groups, len(groups), False)
    return PerDocument([text.strip()] + [""] * (count - 1), len(groups), True)


class Printed(NamedTuple):
    """A value as printed and the page it starts on."""

    text: str
    page: int | None


class StoryDocuments(NamedTuple):
    """What a story prints about its documents.

    The article value read, and the bodies' and the date's printed values (empty where
    the label was not printed).
    """

    articles: list[ArticleLine]
    bodies: Printed
    dates: Printed


def build_documents(
    printed: StoryDocuments, rank: int, anchor: dt.date | None, diag: Diagnostics
) -> list[PolicyDocument]:
    """Given what a story prints about its documents, return them in print order.

    ``diag`` points at the story; warnings point at ``documents/<d>/...``.
    """
    count = max(1, len(printed.articles))
    bodies = groups_per_document(printed.bodies.text, count)
    dates = groups_per_document(printed.dates.text, count)
    for what, cut, key, page in (("issuing-body", bodies, "issuing_bodies", printed.bodies.page),
                                 ("date", dates, "date", printed.dates.page)):
        if cut.ambiguous:
            diag.warn("ambiguous_documents",
                      f"story {rank}: {cut.groups} ';'-separated {what} groups for {count} "
                      "documents; all kept on the first document", page,
                      at=("documents", 0, key))
    out: list[PolicyDocument] = []
    for d in range(count):
        article = printed.articles[d] if d < len(printed.articles) else ArticleLine(None, None,
                                                                                     None)
        parsed = parse_issuing_bodies(bodies.texts[d])
        for i in parsed.unknown:
            name = parsed.bodies[i].acronym or parsed.bodies[i].name
            diag.warn("unknown_issuing_body", f"unknown issuing body {name!r}",
                      printed.bodies.page,
                      at=("documents", d, "issuing_bodies", i))
        date = parse_date(dates.texts[d], anchor) if dates.texts[d] else None
        if dates.texts[d] and date is None:
            diag.warn("unparseable_date", f"story {rank}: date {dates.texts[d]!r} unreadable",
                      printed.dates.page, at=("documents", d, "date"))
        out.append(PolicyDocument(
            title=article.title, title_zh=article.title_zh, url=article.url,
            issuing_bodies=parsed.bodies, issuing_bodies_complete=parsed.complete, date=date))
    return out
