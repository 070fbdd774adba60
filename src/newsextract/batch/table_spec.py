"""Which lists of an :class:`~newsextract.models.Issue` are tables, and their key columns.

This is the one hand-written part of the tables of ``convert --format csv|parquet``; the
columns follow from the models (:mod:`newsextract.batch.tables`). When the schema moves a
list (say, a story's issuing bodies into a list of documents), the edit is here: one more
:class:`Table`, or a table moved under another.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from newsextract.models import (
    ContentsEntry,
    ExtractionWarning,
    Figure,
    IssuingBody,
    NewsItem,
    NewsSource,
    Paragraph,
    Person,
    PolicyDocument,
    TopStory,
)

__all__ = ["TABLE_TREE", "Table"]


@dataclass(frozen=True, slots=True)
class Table:
    """One child table: rows taken from list fields of the parent table's rows.

    ``sources`` names the parent's list fields the rows come from, each with the value of
    the ``discriminator`` key column that tells them apart (``news_section`` is ``policy``
    or ``corporate``); with one source there is no discriminator. ``position`` is the key
    column numbering a row within its parent: the model field ``position_field`` when
    given (a story's ``rank``), else the row's 1-based place in its list.
    """

    name: str
    model: type[BaseModel]
    one_row_per: str
    sources: tuple[tuple[str, str], ...]
    position: str
    position_description: str
    discriminator: str | None = None
    discriminator_description: str = ""
    position_field: str | None = None
    children: tuple[Table, ...] = ()


#: Which lists of an :class:`Issue` are tables, and their keys (the issue table is the root).
TABLE_TREE: tuple[Table, ...] = (
    Table(
        "people",
        Person,
        "author or editor",
        sources=(("authors", "author"), ("editors", "editor")),
        discriminator="person_kind",
        discriminator_description="`author` or `editor`.",
        position="person_position",
        position_description="Place in the issue's list of authors or editors, from 1.",
    ),
    Table(
        "contents",
        ContentsEntry,
        "line of the table of contents",
        sources=(("contents", ""),),
        position="contents_position",
        position_description="Place in the table of contents, from 1.",
    ),
    Table(
        "stories",
        TopStory,
        "top story",
        sources=(("top_stories", ""),),
        position="story_rank",
        position_description="The story's rank in the top list (`TopStory.rank`).",
        position_field="rank",
        children=(
            Table(
                "comment_paragraphs",
                Paragraph,
                "paragraph of a story's comment",
                sources=(("comment", ""),),
                position="paragraph_position",
                position_description="Place in the story's comment, from 1.",
            ),
            Table(
                "documents",
                PolicyDocument,
                "policy document a story cites",
                sources=(("documents", ""),),
                position="document_position",
                position_description="Place among the story's documents, in print order, "
                "from 1.",
                children=(
                    Table(
                        "issuing_bodies",
                        IssuingBody,
                        "body that issued a policy document",
                        sources=(("issuing_bodies", ""),),
                        position="body_position",
                        position_description="Place in the printed list of bodies, from 1.",
                    ),
                ),
            ),
            Table(
                "figures",
                Figure,
                "chart or figure a story prints",
                sources=(("figures", ""),),
                position="figure_position",
                position_description="Place among the story's figures, from 1.",
            ),
        ),
    ),
    Table(
        "news",
        NewsItem,
        "Noteworthy news item",
        sources=(("policy_news", "policy"), ("corporate_news", "corporate")),
        discriminator="news_section",
        discriminator_description="`policy` or `corporate`.",
        position="news_position",
        position_description="Place in its section, from 1.",
        children=(
            Table(
                "news_sources",
                NewsSource,
                "source cited by a news item",
                sources=(("sources", ""),),
                position="source_position",
                position_description="Place among the item's sources, from 1.",
            ),
        ),
    ),
    Table(
        "warnings",
        ExtractionWarning,
        "extraction warning",
        sources=(("warnings", ""),),
        position="warning_position",
        position_description="Place in the issue's warnings, from 1.",
    ),
)
