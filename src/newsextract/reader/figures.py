"""Drawn figures on a page: clusters of shapes and the text lines that label them.

Named transforms:

* :func:`shape_clusters` — given one page's shapes, return the groups whose boxes come
  within a gap of each other;
* :func:`figure_extents` — given one page's shapes and lines, return the box of each
  figure (a cluster of ``figure_min_shapes`` shapes covering ``figure_min_width_em`` ×
  ``figure_min_height_em`` of the body size) with the lines that label it: level with its
  shapes within ``figure_side_margin_em``, or set smaller than the body text within
  ``figure_edge_margin_em`` of what it holds so far (values over bars, category labels,
  an axis title).

The reader orders a figure's text with the figure (:func:`~newsextract.reader.layout.
order_lines`): a column gutter found among the lines around a chart does not run through
it. The segmenter's figure regions (:mod:`newsextract.drawings`) use the same clusters.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsextract.reader.backend import Box
from newsextract.reader.params import LayoutParams
from newsextract.reader.types import Line, Shape, connected_groups, union_box

__all__ = ["boxes_meet", "boxes_overlap", "figure_extents", "shape_clusters"]


def boxes_meet(a: Box, b: Box, gap: float) -> bool:
    """Say whether boxes ``a`` and ``b`` come within ``gap`` of each other."""
    return (a[0] - gap <= b[2] and b[0] - gap <= a[2]
            and a[1] - gap <= b[3] and b[1] - gap <= a[3])


def boxes_overlap(a: Box, b: Box) -> bool:
    """Say whether boxes ``a`` and ``b`` share some area (touching is not overlapping)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def shape_clusters(shapes: Sequence[Shape], gap: float) -> list[list[Shape]]:
    """Given one page's shapes, return the groups connected by boxes within ``gap``."""
    order = sorted(range(len(shapes)), key=lambda i: shapes[i].box[1])

    def links() -> Iterator[tuple[int, int]]:
        for k, i in enumerate(order):
            for j in order[k + 1:]:
                if shapes[j].box[1] - gap > shapes[i].box[3]:
                    break  # sorted by top: nothing further down reaches shape i
                if boxes_meet(shapes[i].box, shapes[j].box, gap):
                    yield i, j

    return [[shapes[i] for i in group] for group in connected_groups(len(shapes), links())]


def figure_extents(shapes: Sequence[Shape], lines: Sequence[Line], body: float, *,
                   params: LayoutParams) -> list[tuple[Box, list[Line]]]:
    """Given one page's shapes and lines and the body size, return each figure and its text.

    Each figure is the box of its shapes and text together, with its text lines (see the
    module docstring); lines set smaller than the body text are those below it by more
    than ``size_tolerance_pt``.
    """
    if body <= 0 or len(shapes) < params.figure_min_shapes:
        return []
    small = body - params.size_tolerance_pt
    side, edge = params.figure_side_margin_em * body, params.figure_edge_margin_em * body
    out: list[tuple[Box, list[Line]]] = []
    for group in shape_clusters(shapes, params.figure_cluster_gap_em * body):
        box = union_box(s.box for s in group)
        if (len(group) < params.figure_min_shapes
                or box[2] - box[0] < params.figure_min_width_em * body
                or box[3] - box[1] < params.figure_min_height_em * body):
            continue
        level = (box[0] - side, box[1], box[2] + side, box[3])
        held = [ln for ln in lines if boxes_overlap(ln.box, level)]
        ids = {id(ln) for ln in held}
        grown = True
        while grown:
            ex0, etop, ex1, ebottom = union_box([box, *(ln.box for ln in held)])
            around = (ex0 - edge, etop - edge, ex1 + edge, ebottom + edge)
            more = [ln for ln in lines if id(ln) not in ids and ln.size < small
                    and boxes_overlap(ln.box, around)]
            held.extend(more)
            ids.update(id(ln) for ln in more)
            grown = bool(more)
        out.append((union_box([box, *(ln.box for ln in held)]), held))
    return out
