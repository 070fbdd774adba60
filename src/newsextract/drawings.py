"""What the drawn shapes say about the text: figure regions.

The reader hands over every vector path it saw (:attr:`Document.shapes`: each subpath's
box in the page frame, filled and/or stroked) and knows nothing of what they mean. Two
things in a newsletter are drawn, not written, figures and bullets:

* **figures** (charts): bars, axes, grid lines and markers lying close together. Shapes
  are clustered (:func:`find_figures`, with the reader's
  :func:`~newsextract.reader.figures.shape_clusters`: two shapes belong together when
  their boxes come within ``figure_cluster_gap_em`` of each other); a cluster of at least
  ``figure_min_shapes`` shapes covering at least ``figure_min_width_em`` ×
  ``figure_min_height_em`` is a figure (the reader's
  :class:`~newsextract.reader.params.LayoutParams`). A rule (one long
  thin path), an underline, a bullet or a bar along the page edge never makes one: each is
  a cluster of one or two shapes, and underlines and bullets of successive lines stand
  further apart than the gap. Text lines next to the figure (its axis labels, values,
  legend, an axis title or source line set smaller than the body text below them) are
  *figure text* (:meth:`FigureRegion.holds`), never running text;
* **bullets** drawn as a small dot, square or short rule left of a list item's first line
  are the reader's (:mod:`newsextract.reader.bullets`): it marks the line and opens the
  block with a bullet as for a "•" glyph, so nothing here looks at them.

All sizes are in ems of the document's body size (the size that sets most characters).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsextract.reader.backend import Box
from newsextract.reader.figures import boxes_overlap, shape_clusters
from newsextract.reader.params import LayoutParams
from newsextract.reader.types import Block, Document, Line, Shape, union_box

__all__ = ["FigureRegion", "find_figures"]


@dataclass(frozen=True, slots=True)
class FigureRegion:
    """A figure drawn on a page: the box its shapes cover and the boxes of its text lines."""

    page: int
    box: Box
    text: frozenset[Box] = frozenset()

    def holds(self, line: Line) -> bool:
        """Return True when ``line`` is text of this figure."""
        return line.page == self.page and line.box in self.text

    @property
    def extent(self) -> Box:
        """The box of the figure's shapes and text together."""
        return union_box([self.box, *self.text])


def _figure_text(box: Box, blocks: Sequence[Block], page: int, body: float,
                 small: float, params: LayoutParams) -> frozenset[Box]:
    """Return the boxes of the lines of ``page`` that are text of the figure at ``box``.

    Level with its shapes and within ``figure_side_margin_em`` across: every line (axis
    labels). Above or below them within ``figure_edge_margin_em``: a line set smaller than
    the body text (``small``) whose whole block lies that close (the last line of a paragraph, or a
    one-line paragraph, printed just above stays running text). Then,
    until nothing changes, any line set smaller than the body text (``small``) within
    ``figure_edge_margin_em`` of what the figure holds so far (an axis title under the category
    labels, a source line).
    """
    side, edge = params.figure_side_margin_em * body, params.figure_edge_margin_em * body
    x0, top, x1, bottom = box
    level = (x0 - side, top, x1 + side, bottom)
    reach = (x0 - side, top - edge, x1 + side, bottom + edge)
    lines = [(ln, b) for b in blocks for ln in b.lines if ln.page == page]
    found = {ln.box for ln, b in lines
             if boxes_overlap(ln.box, level)
             or (boxes_overlap(ln.box, reach) and ln.size < small
                 and all(boxes_overlap(other.box, reach)
                         for other in b.lines if other.page == page))}
    grown = True
    while grown:
        ex0, etop, ex1, ebottom = union_box([box, *found])
        around = (ex0 - edge, etop - edge, ex1 + edge, ebottom + edge)
        more = {ln.box for ln, _b in lines
                if ln.box not in found and ln.size < small and boxes_overlap(ln.box, around)}
        found |= more
        grown = bool(more)
    return frozenset(found)


def find_figures(doc: Document, body: float) -> list[FigureRegion]:
    """Given a document and its body size, return its figure regions with their text.

    The thresholds are the reader's (``doc.params``: the ``figure_*`` fields, the clusters
    of :func:`~newsextract.reader.figures.shape_clusters`, with which the reader orders a
    figure's text). A line is "set smaller than the body text" when its size is below the
    body size by more than the reader's ``size_tolerance_pt``.
    """
    params = doc.params
    if body <= 0:
        return []
    by_page: dict[int, list[Shape]] = {}
    for s in doc.shapes:
        by_page.setdefault(s.page, []).append(s)
    small = body - doc.params.size_tolerance_pt
    out: list[FigureRegion] = []
    for page in sorted(by_page):
        blocks = [b for b in doc.blocks if page in b.pages]
        for group in shape_clusters(by_page[page], params.figure_cluster_gap_em * body):
            box = union_box(s.box for s in group)
            if (len(group) >= params.figure_min_shapes
                    and box[2] - box[0] >= params.figure_min_width_em * body
                    and box[3] - box[1] >= params.figure_min_height_em * body):
                text = _figure_text(box, blocks, page, body, small, params)
                out.append(FigureRegion(page, box, text))
    return sorted(out, key=lambda r: (r.page, r.box[1], r.box[0]))

