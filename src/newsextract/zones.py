"""The zones the segmenter cuts a document into, as plain data.

:func:`newsextract.sections.segment` fills a :class:`Segments`; the field parsers
(:mod:`newsextract.fields`) read its parts. Both import this module, neither the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsextract.drawings import FigureRegion
from newsextract.reader.types import Block
from newsextract.vocabulary import COVER_DATE_ONLY, COVER_LINE

__all__ = ["FigureZone", "Segments", "StoryZone", "ZonedBlock"]


@dataclass(slots=True)
class FigureZone:
    """A figure printed in a story: its region, the text inside it, and its caption."""

    region: FigureRegion
    text: list[Block] = field(default_factory=list)
    caption: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class StoryZone:
    """One top story: its numbered title block(s), the blocks under it and its figures.

    ``body`` holds the story's running text only: a figure's text and caption are in
    ``figures``.
    """

    rank: int
    title: list[Block]
    body: list[Block] = field(default_factory=list)
    figures: list[FigureZone] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ZonedBlock:
    """One block with the zone the segmenter put it in (``"cover"``, ``"story.body"``, ...)."""

    block: Block
    label: str


@dataclass(slots=True)
class Segments:
    """The zones of one document.

    ``zones`` holds every block of the document once, in reading order, with its zone
    label (for debug pictures: :func:`newsextract.api.layout_zones`).
    """

    cover: list[Block] = field(default_factory=list)
    contents: list[Block] = field(default_factory=list)
    top_heading: Block | None = None
    top_count: int | None = None
    stories: list[StoryZone] = field(default_factory=list)
    intro: list[Block] = field(default_factory=list)
    noteworthy_heading: Block | None = None
    policy: list[Block] = field(default_factory=list)
    corporate: list[Block] = field(default_factory=list)
    back: list[Block] = field(default_factory=list)
    acknowledgements: list[Block] = field(default_factory=list)
    unassigned: list[Block] = field(default_factory=list)
    zones: list[ZonedBlock] = field(default_factory=list)

    def anchors(self) -> int:
        """Return how many structural landmarks were found (for the not-a-newsletter test)."""
        found = [
            any(COVER_LINE.search(b.text) or COVER_DATE_ONLY.match(b.text.strip())
                for b in self.cover),
            bool(self.contents),
            self.top_heading is not None or bool(self.stories),
            self.noteworthy_heading is not None,
            bool(self.back),
        ]
        return sum(found)
