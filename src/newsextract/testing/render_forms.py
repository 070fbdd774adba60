"""The printed forms of an issue's parts, independent of the typesetter.

The reportlab renderer (:mod:`newsextract.testing.render_flow`) and the engine page plan of
``tools/engines`` print the same text; both take it from here as lists of :class:`Piece`
(a bold label, model text with its links, literal furniture, a linked span, an italic
date), so that an era's printed form is decided in one place:

* a story's policy documents (:func:`document_lines`): one document as
  ``Article: Title (中文标题) (Link)`` / ``Issuing bodies: A; B`` / ``Date: March 3, 2025``;
  several as ``Articles: T1 (中文1) (Link), T2 (中文2) (Link)`` /
  ``Issuing bodies: A; B, C`` (";" between documents, "," inside one) /
  ``Date: March 3, 2025; April 18, 2025``; in a story of ``Layout.glued_title_zh`` the
  Chinese title follows the English one with no bracket and no space;
* a news item (:func:`news_pieces`): ``*April 2:* text (Label (CN); Label)`` and, with
  ``Layout.news_source_stop``, a full stop after the sources' closing bracket;
* the headings that vary by era (:func:`top_heading`, :func:`cover_title`) and the order
  of the news lists (:func:`news_sections`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from newsextract.models import Issue, NewsItem, PolicyDocument, TopStory
from newsextract.testing.render_text import format_long_date, format_month_day
from newsextract.testing.render_types import Layout

__all__ = [
    "Piece",
    "cover_title",
    "document_lines",
    "label_text",
    "news_pieces",
    "news_sections",
    "top_heading",
]

PieceKind = Literal["label", "text", "plain", "link", "date"]


class Piece(NamedTuple):
    """A stretch of printed text.

    ``label``: a bold inline label; ``text``: model text (ordinals raised, Chinese in the
    CJK font) with ``links`` ((text, url) pairs) inside it; ``plain``: furniture printed as
    is (brackets, separators, dates); ``link``: model text covered by one link to ``url``;
    ``date``: a news item's italic date.
    """

    kind: PieceKind
    text: str
    url: str | None = None
    links: tuple[tuple[str, str], ...] = ()


def label_text(layout: Layout, rank: int, key: str) -> str:
    """Return the label printed for ``key`` in story ``rank`` (its override, else the layout's)."""
    return layout.story_labels.get(rank, {}).get(key) or layout.labels[key]


def top_heading(layout: Layout, count: int) -> str | None:
    """Return the top-list heading for ``count`` stories, or None where none is printed."""
    if layout.top_heading is None:
        return None
    return layout.top_heading.format(n=count)


def cover_title(issue: Issue, layout: Layout) -> str:
    """Return the title printed on the cover: ``Layout.cover_title`` or the newsletter's name."""
    return layout.cover_title if layout.cover_title is not None else issue.newsletter


def news_sections(issue: Issue, layout: Layout) -> list[tuple[str, str, list[NewsItem]]]:
    """Return (key, heading, items) of the news lists that have items, in print order."""
    lists = [("policy", "Policy news", issue.policy_news),
             ("corporate", "Corporate news", issue.corporate_news)]
    if layout.corporate_first:
        lists.reverse()
    return [(key, title, items) for key, title, items in lists if items]


def _titles(doc: PolicyDocument, glued: bool) -> list[Piece]:
    """Return the document's English and Chinese titles as printed (without the link)."""
    if glued and doc.title and doc.title_zh:
        return [Piece("text", doc.title + doc.title_zh)]
    out: list[Piece] = []
    if doc.title:
        out.append(Piece("text", doc.title))
    if doc.title_zh:
        out += [Piece("plain", " (" if out else "("), Piece("text", doc.title_zh),
                Piece("plain", ")")]
    return out


def _body_names(doc: PolicyDocument) -> list[str]:
    names = [b.acronym or b.name or "" for b in doc.issuing_bodies]
    if not doc.issuing_bodies_complete:
        names.append("etc.")
    return names


def _has_bodies(doc: PolicyDocument) -> bool:
    return bool(doc.issuing_bodies) or not doc.issuing_bodies_complete


def _one_document(story: TopStory, doc: PolicyDocument, layout: Layout) -> list[list[Piece]]:
    rank = story.rank
    lines: list[list[Piece]] = []
    if doc.title or doc.title_zh or doc.url:
        line = [Piece("label", label_text(layout, rank, "article"))]
        titles = _titles(doc, rank in layout.glued_title_zh)
        if titles:
            line += [Piece("plain", " "), *titles]
        if doc.url:
            line += [Piece("plain", " ("), Piece("link", "Link", doc.url), Piece("plain", ")")]
        lines.append(line)
    if _has_bodies(doc):
        key = "issuing_body" if len(doc.issuing_bodies) == 1 else "issuing_bodies"
        lines.append([Piece("label", label_text(layout, rank, key)), Piece("plain", " "),
                      Piece("text", layout.issuing_body_separator.join(_body_names(doc)))])
    if doc.date:
        lines.append([Piece("label", label_text(layout, rank, "date")),
                      Piece("plain", " " + format_long_date(doc.date))])
    return lines


def _grouped(docs: Sequence[PolicyDocument], present: Sequence[bool], what: str,
             rank: int) -> int:
    """How many documents print a group of ``what``: all, none, or only the first.

    A printed list cannot leave a gap for one document in the middle of others (a list
    printed for the first document alone reads as the first document's).
    """
    count = sum(present)
    if count in (0, len(docs)) or (count == 1 and present[0]):
        return count
    raise ValueError(f"story {rank}: {what} of several documents must be given for all of "
                     "them, for none or for the first only")


def _several_documents(story: TopStory, layout: Layout) -> list[list[Piece]]:
    rank, docs = story.rank, story.documents
    glued = rank in layout.glued_title_zh
    line = [Piece("label", label_text(layout, rank, "articles")), Piece("plain", " ")]
    for k, doc in enumerate(docs):
        if not doc.url or not (doc.title or doc.title_zh):
            raise ValueError(f"story {rank}: in a story citing several documents each needs "
                             "a title and a link (its '(Link)' closes it)")
        if k:
            line.append(Piece("plain", ", "))
        line += [*_titles(doc, glued), Piece("plain", " ("), Piece("link", "Link", doc.url),
                 Piece("plain", ")")]
    lines = [line]
    if _grouped(docs, [_has_bodies(d) for d in docs], "issuing bodies", rank):
        groups = [", ".join(_body_names(d)) for d in docs if _has_bodies(d)]
        lines.append([Piece("label", label_text(layout, rank, "issuing_bodies")),
                      Piece("plain", " "), Piece("text", "; ".join(groups))])
    if _grouped(docs, [d.date is not None for d in docs], "dates", rank):
        dates = [format_long_date(d.date) for d in docs if d.date is not None]
        lines.append([Piece("label", label_text(layout, rank, "date")),
                      Piece("plain", " " + "; ".join(dates))])
    return lines


def document_lines(story: TopStory, layout: Layout) -> list[list[Piece]]:
    """Return the printed lines (article, issuing bodies, date) of the story's documents.

    ValueError where several documents cannot be printed so that they read back: each
    needs a title and a link, and bodies or dates go to all of them, none or the first only.
    """
    if len(story.documents) == 1:
        return _one_document(story, story.documents[0], layout)
    if story.documents:
        return _several_documents(story, layout)
    return []


def news_pieces(item: NewsItem, layout: Layout) -> list[Piece]:
    """Return a news item as printed: italic date, text with links, sources in brackets."""
    out: list[Piece] = []
    if item.date:
        out.append(Piece("date", format_month_day(item.date) + ":"))
    if item.text:
        if out:
            out.append(Piece("plain", " "))
        out.append(Piece("text", item.text, links=tuple((ln.text, ln.url) for ln in item.links)))
    if item.sources:
        out.append(Piece("plain", " (" if out else "("))
        for k, src in enumerate(item.sources):
            if k:
                out.append(Piece("plain", "; "))
            tag = {"zh": " (CN)", "en": " (EN)", None: ""}[src.language]
            if src.url:
                out.append(Piece("link", src.label + tag, src.url))
            else:
                out.append(Piece("text", src.label + tag))
        out.append(Piece("plain", ")." if layout.news_source_stop else ")"))
    return out
