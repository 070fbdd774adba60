"""The stories' part of the segmenter: titles, bodies, figure text and captions.

:class:`StoryBuilder` takes the blocks of the stories in reading order. A bold numbered
title opens a story (a title wrapped into a second block stays the title); any other block
goes to the open story's body, except text inside a figure (:mod:`newsextract.drawings`):
such lines are cut out of their block, even where the reader joined them to a paragraph,
and kept as the figure's text. :func:`attach_captions` then gives each figure its caption.

**The caption** of a figure is the block that opens with a figure label ("Figure 1:",
"Chart 2.": :data:`~newsextract.vocabulary.FIGURE_CAPTION`) inside the figure (a caption
printed in the chart's frame), else directly above it, else directly below it (at most
``CAPTION_GAP_EM`` body sizes away, overlapping it across), as printed. A "Source: ..."
or "Note: ..." block next to the figure is figure text, never the caption and never
running text. A figure without a labelled caption is kept out of the running text but not
reported (``TopStory.figures`` lists captions).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsextract.drawings import FigureRegion
from newsextract.reader.join import join_lines
from newsextract.reader.types import Block, Document, Line
from newsextract.vocabulary import FIGURE_CAPTION, FIGURE_NOTE, STORY_TITLE, match_label
from newsextract.zones import FigureZone, Segments, StoryZone, ZonedBlock

__all__ = ["CAPTION_GAP_EM", "StoryBuilder", "attach_captions", "is_heading_like"]

#: A caption or note stands at most this many body sizes above or below its figure.
CAPTION_GAP_EM = 3.0


def is_heading_like(block: Block, body: float) -> bool:
    """Return True when the block is set apart as a heading: all bold, or larger than body."""
    return block.is_bold() or block.size > body + 0.5


@dataclass(slots=True)
class StoryBuilder:
    """Builds the story zones of :class:`Segments` from blocks handed over in order."""

    seg: Segments
    doc: Document
    body: float
    regions: list[FigureRegion]
    _open: dict[FigureRegion, FigureZone] = field(default_factory=dict)

    def _rebuild(self, lines: list[Line], block: Block, first: bool) -> Block:
        return join_lines(lines, column=block.column, bullet=block.bullet if first else None,
                          lexicon=self.doc.lexicon, params=self.doc.params)

    def take_figure_text(self, block: Block) -> list[Block]:
        """Keep the block's lines inside a figure as its text; return what is left.

        The figure belongs to the open story; what is left comes back as blocks in reading
        order.
        """
        regions = [r for r in self.regions if r.page in block.pages]
        if not regions or not self.seg.stories:
            return [block]
        owner = [next((r for r in regions if r.holds(ln)), None) for ln in block.lines]
        if all(r is None for r in owner):
            return [block]
        left: list[Block] = []
        k = 0
        while k < len(owner):
            end = k
            while end < len(owner) and owner[end] == owner[k]:
                end += 1
            region = owner[k]
            piece = block if (k, end) == (0, len(owner)) else self._rebuild(
                block.lines[k:end], block, k == 0)
            if region is None:
                left.append(piece)
            else:
                self._figure(region).text.append(piece)
                self.seg.zones.append(ZonedBlock(piece, "story.figure"))
            k = end
        return left

    def _figure(self, region: FigureRegion) -> FigureZone:
        zone = self._open.get(region)
        if zone is None:
            zone = self._open[region] = FigureZone(region)
            self.seg.stories[-1].figures.append(zone)
        return zone

    def add(self, block: Block) -> None:
        """Place one block: a numbered heading opens a story, else the open story takes it."""
        seg = self.seg
        m = STORY_TITLE.match(block.text)
        if m and is_heading_like(block, self.body) and block.bullet is None:
            seg.stories.append(StoryZone(rank=int(m.group("rank")), title=[block]))
            seg.zones.append(ZonedBlock(block, "story.title"))
            return
        if not seg.stories:
            seg.unassigned.append(block)
            seg.zones.append(ZonedBlock(block, "unassigned"))
            return
        story = seg.stories[-1]
        same_size = abs(block.size - story.title[0].size) <= 0.5
        if (not story.body and is_heading_like(block, self.body)
                and (block.is_bold() or same_size) and match_label(block.text) is None):
            # a title wrapped into a second block (after a size change, or a line of
            # Chinese in a CJK font without a bold face); a bold label standing alone ("At
            # a glance:" before its bullets) opens the body instead
            story.title.append(block)
            seg.zones.append(ZonedBlock(block, "story.title"))
            return
        story.body.append(block)
        seg.zones.append(ZonedBlock(block, "story.body"))


def _extent(block: Block, page: int) -> tuple[float, float, float, float] | None:
    """Return the box of the block's lines on ``page`` (None when it has none there)."""
    boxes = [ln.box for ln in block.lines if ln.page == page]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _distance(block: Block, region: FigureRegion, gap: float) -> float | None:
    """Return how far above (negative) or below (positive) the figure the block stands.

    Measured from the figure's extent (its shapes and text), only for a block next to it
    (within ``gap``, overlapping it across); else None.
    """
    box = _extent(block, region.page)
    x0, top, x1, bottom = region.extent
    if box is None or box[2] <= x0 or box[0] >= x1:
        return None
    centre = (box[1] + box[3]) / 2
    if centre < top and top - box[3] <= gap:
        return -(top - centre)
    if centre > bottom and box[1] - bottom <= gap:
        return centre - bottom
    return None


def _figure_of(story: StoryZone, region: FigureRegion) -> FigureZone:
    zone = FigureZone(region)
    story.figures.append(zone)
    return zone


def attach_captions(seg: Segments, body: float, regions: list[FigureRegion]) -> None:
    """Give each story's figures their captions and notes, taken out of the running text.

    A figure of a story is one whose text the story holds, or one next to which the story
    prints a labelled caption (a chart drawn without any text).
    """
    gap = CAPTION_GAP_EM * body
    relabel: dict[int, str] = {}
    for story in seg.stories:
        for region in regions:
            held = next((f for f in story.figures if f.region == region), None)
            near = {id(b): d for b in story.body
                    if (d := _distance(b, region, gap)) is not None}
            inside = [b for b in (held.text if held else ()) if FIGURE_CAPTION.match(b.text)]
            labelled = [b for b in story.body if FIGURE_CAPTION.match(b.text) and id(b) in near]
            if held is None and not labelled:
                continue
            zone = held or _figure_of(story, region)
            above = [b for b in labelled if near[id(b)] < 0]
            below = [b for b in labelled if near[id(b)] > 0]
            caption = (min(inside, key=lambda b: b.box[1]) if inside
                       else max(above, key=lambda b: near[id(b)]) if above
                       else min(below, key=lambda b: near[id(b)]) if below else None)
            if caption is not None:
                _take(story, zone, caption)
                zone.caption = [caption]
                relabel[id(caption)] = "story.figure.caption"
            for b in list(story.body):
                if id(b) in near and match_label(b.text, (FIGURE_NOTE,)) is not None:
                    _take(story, zone, b)
                    zone.text.append(b)
                    relabel[id(b)] = "story.figure"
        story.figures.sort(key=lambda f: (f.region.page, f.region.box[1]))
    seg.zones[:] = [ZonedBlock(z.block, relabel.get(id(z.block), z.label)) for z in seg.zones]


def _take(story: StoryZone, zone: FigureZone, block: Block) -> None:
    """Remove ``block`` (by identity) from the story's body and the figure's text."""
    story.body[:] = [b for b in story.body if b is not block]
    zone.text[:] = [b for b in zone.text if b is not block]
