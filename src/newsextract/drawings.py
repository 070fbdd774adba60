"""What the drawn shapes say about the text: figure regions and bullets drawn as shapes.

The reader hands over every vector path it saw (:attr:`Document.shapes`: each subpath's
box in the page frame, filled and/or stroked) and knows nothing of what they mean. Two
things in a newsletter are drawn, not written:

* **figures** (charts): bars, axes, grid lines and markers lying close together. Shapes
  are clustered (:func:`find_figures`: two shapes belong together when their boxes come
  within ``cluster_gap_em`` of each other); a cluster of at least ``min_shapes`` shapes
  covering at least ``min_width_em`` × ``min_height_em`` is a figure. A rule (one long
  thin path), an underline, a bullet or a bar along the page edge never makes one: each is
  a cluster of one or two shapes, and underlines and bullets of successive lines stand
  further apart than the gap. Text lines touching the figure (its axis labels, values,
  legend) are *figure text* (:meth:`FigureRegion.holds`), never running text;
* **bullets** drawn as a small dot or square left of a list item's first line (browsers do
  this: :func:`drawn_bullet`), where other producers print the "•" glyph the reader sees.

All sizes are in ems of the document's body size (the size that sets most characters).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsextract.reader.backend import Box
from newsextract.reader.types import Block, Line, Shape, union_box

__all__ = ["DRAWING_PARAMS", "DrawingParams", "FigureRegion", "drawn_bullet", "find_figures"]


@dataclass(frozen=True, slots=True)
class DrawingParams:
    """The thresholds of this module, in ems of the body size (counts where named so)."""

    #: shapes closer than this belong to one cluster (bars standing on one axis, a grid)
    cluster_gap_em: float = 0.5
    #: a figure is drawn with at least this many shapes (count)
    min_shapes: int = 3
    #: ... and covers at least this width and height
    min_width_em: float = 6.0
    min_height_em: float = 4.0
    #: text this close beside the figure (axis labels) belongs to it
    side_margin_em: float = 1.5
    #: text this close above or below the figure (values over bars, axis labels under the
    #: axis) belongs to it when its whole block lies that close
    edge_margin_em: float = 1.5
    #: a drawn bullet is at most this wide and tall ...
    bullet_max_em: float = 0.7
    #: ... and ends at most this far left of its line's text
    bullet_reach_em: float = 2.5


#: The thresholds used unless a caller passes others.
DRAWING_PARAMS = DrawingParams()


def _near(a: Box, b: Box, gap: float) -> bool:
    return (a[0] - gap <= b[2] and b[0] - gap <= a[2]
            and a[1] - gap <= b[3] and b[1] - gap <= a[3])


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clusters(shapes: Sequence[Shape], gap: float) -> list[list[Shape]]:
    """Given one page's shapes, return the groups connected by boxes within ``gap``."""
    parent = list(range(len(shapes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(shapes)), key=lambda i: shapes[i].box[1])
    for k, i in enumerate(order):
        for j in order[k + 1:]:
            if shapes[j].box[1] - gap > shapes[i].box[3]:
                break  # sorted by top: nothing further down reaches shape i
            if _near(shapes[i].box, shapes[j].box, gap):
                parent[root(i)] = root(j)
    groups: dict[int, list[Shape]] = {}
    for i, s in enumerate(shapes):
        groups.setdefault(root(i), []).append(s)
    return list(groups.values())


@dataclass(frozen=True, slots=True)
class FigureRegion:
    """A figure drawn on a page: the box its shapes cover, and the margins its text uses."""

    page: int
    box: Box
    side: float  # side margin in points
    edge: float  # top and bottom margin in points

    @property
    def reach(self) -> Box:
        """The box widened by the margins: text inside it may belong to the figure."""
        x0, top, x1, bottom = self.box
        return (x0 - self.side, top - self.edge, x1 + self.side, bottom + self.edge)

    def touches(self, line: Line) -> bool:
        """Return True when ``line`` lies on this figure's page and within its reach."""
        return line.page == self.page and _overlaps(line.box, self.reach)

    def holds(self, line: Line, block: Block) -> bool:
        """Return True when ``line`` (of ``block``) is text of this figure.

        Beside the figure (level with its shapes, within the side margin): always. Above or
        below it within the edge margin: when every line of the block lies within reach,
        so the last line of a paragraph printed just above a figure stays running text.
        """
        if line.page != self.page:
            return False
        x0, top, x1, bottom = self.box
        if _overlaps(line.box, (x0 - self.side, top, x1 + self.side, bottom)):
            return True
        return self.touches(line) and all(self.touches(ln) for ln in block.lines)


def find_figures(
    shapes: Sequence[Shape], body: float, params: DrawingParams = DRAWING_PARAMS
) -> list[FigureRegion]:
    """Given a document's shapes and its body size, return its figure regions by page."""
    if body <= 0:
        return []
    by_page: dict[int, list[Shape]] = {}
    for s in shapes:
        by_page.setdefault(s.page, []).append(s)
    out: list[FigureRegion] = []
    for page in sorted(by_page):
        for group in _clusters(by_page[page], params.cluster_gap_em * body):
            x0, top, x1, bottom = union_box(s.box for s in group)
            if (len(group) >= params.min_shapes and x1 - x0 >= params.min_width_em * body
                    and bottom - top >= params.min_height_em * body):
                out.append(FigureRegion(page, (x0, top, x1, bottom),
                                        params.side_margin_em * body,
                                        params.edge_margin_em * body))
    return sorted(out, key=lambda r: (r.page, r.box[1], r.box[0]))


def drawn_bullet(
    block: Block, shapes: Sequence[Shape], body: float, params: DrawingParams = DRAWING_PARAMS
) -> bool:
    """Return True when a bullet is drawn left of the block's first line.

    A drawn bullet is a small filled shape level with the line, ending at most
    ``bullet_reach_em`` before its text.
    """
    if not block.lines or body <= 0:
        return False
    first = block.lines[0]
    x0, top, _x1, bottom = first.box
    small = params.bullet_max_em * body
    for s in shapes:
        sx0, stop, sx1, sbottom = s.box
        if (s.page == first.page and s.filled and sx1 - sx0 <= small and sbottom - stop <= small
                and x0 - params.bullet_reach_em * body <= sx1 <= x0
                and top <= (stop + sbottom) / 2 <= bottom):
            return True
    return False
