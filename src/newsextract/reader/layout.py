"""Lines to blocks: reading order, paragraphs, hyphenation, page breaks.

Named transforms, each "given X, return Y" (running lines are found first, by
:mod:`newsextract.reader.running`; line spacing is measured by
:mod:`newsextract.reader.spacing`):

* :func:`order_lines` — given one page's lines, return them in reading order with a column
  index (one or more columns, full-width lines between them);
* :func:`lines_to_blocks` — given ordered lines, return paragraph blocks with their text
  joined (single spaces, line-break hyphens resolved) and style spans kept per character.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

import regex

from newsextract.reader.backend import Box
from newsextract.reader.bullets import BULLETS, DRAWN_BULLET, opens_item
from newsextract.reader.gutters import find_gutters
from newsextract.reader.hyphenation import Lexicon
from newsextract.reader.join import LOWER_START, join_blocks, join_lines
from newsextract.reader.params import LayoutParams
from newsextract.reader.script import is_cjk
from newsextract.reader.spacing import TALL_KINDS, tall_kinds, usual_pitch
from newsextract.reader.types import Block, Glyph, Line, OrderedLine

__all__ = [
    "BULLETS",
    "lines_to_blocks",
    "merge_page_breaks",
    "order_lines",
    "text_frame_right",
]

_X0 = attrgetter("x0")


#: A column gutter: its x-range and the vertical range (top, bottom) of the columns.
GutterBox = tuple[float, float, float, float]


def _aligned_gutter(lines: Sequence[Line], params: LayoutParams) -> GutterBox | None:
    """Given lines, return the gutter that the most rows leave open at one x, or None.

    Alignment (:func:`~newsextract.reader.gutters.find_gutters`) finds a gutter even where a
    heading above the columns reaches across it or the gutter is narrow; lines crossing it
    outside its rows then cut the page into bands like any full-width line. Lines whose
    baselines lie within ``baseline_tolerance_em`` form one row.
    """
    rows: list[list[Glyph]] = []
    last = float("-inf")
    sizes: Counter[float] = Counter()
    tol = params.baseline_tolerance_em
    for ln in sorted(lines, key=lambda ln: ln.baseline):
        if rows and abs(ln.baseline - last) <= tol * ln.size:
            rows[-1].extend(ln.glyphs)
        else:
            rows.append(list(ln.glyphs))
            last = ln.baseline
        sizes[round(ln.size, 1)] += len(ln.glyphs)
    for row in rows:
        row.sort(key=_X0)
    found = find_gutters(rows, sizes.most_common(1)[0][0], params=params)
    if not found:
        return None
    best = max(found, key=lambda g: g.bottom - g.top)
    # The columns start at the first row with text right of the gutter: rows above it with
    # text on the left only are short lines of what comes before (a paragraph's last line,
    # a heading), not the left column.
    x = best.x
    slack = params.column_top_slack_pt
    top = next((min(g.top for g in row) for row in rows
                if min(g.top for g in row) >= best.top - slack and any(g.x0 >= x for g in row)),
               best.top)
    return x, x, top, best.bottom


def _find_gutter(lines: Sequence[Line], params: LayoutParams) -> GutterBox | None:
    """Given lines, return a column gutter (x-range and vertical range), or None.

    An aligned gutter (:func:`_aligned_gutter`) wins; else the widest gap (at least
    ``gap_gutter_min_pt``) between the narrow lines (``narrow_line_share``), when lines on
    both sides of it overlap vertically (its vertical range then spans those lines, from
    the top of the right-hand ones). Either needs ``gutter_min_rows`` lines.
    """
    min_rows = params.gutter_min_rows
    if len(lines) < min_rows:
        return None
    aligned = _aligned_gutter(lines, params)
    if aligned is not None:
        return aligned
    boxes = [ln.box for ln in lines]
    left = min(b[0] for b in boxes)
    right = max(b[2] for b in boxes)
    width = right - left
    narrow = [b for b in boxes if b[2] - b[0] < params.narrow_line_share * width]
    if len(narrow) < min_rows:
        return None
    spans = sorted((b[0], b[2]) for b in narrow)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    min_gap = params.gap_gutter_min_pt
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_gap and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    if best is None:
        return None
    tol = params.edge_tolerance_pt
    lefts = [b for b in narrow if b[2] <= best[0] + tol]
    rights = [b for b in narrow if b[0] >= best[1] - tol]
    if len(lefts) < 2 or len(rights) < 2:
        return None
    overlap = min(max(b[3] for b in lefts), max(b[3] for b in rights)) - max(
        min(b[1] for b in lefts), min(b[1] for b in rights)
    )
    if overlap <= 0:
        return None
    return best[0], best[1], *_column_range(lefts, rights, params)


def _column_range(
    lefts: Sequence[Box], rights: Sequence[Box], params: LayoutParams
) -> tuple[float, float]:
    """Given the boxes left and right of a gutter, return the columns' (top, bottom).

    As for an aligned gutter, the columns start with the right-hand column (within
    ``column_top_slack_pt``): short lines above it (a story's last lines over a two-column
    section) are not its left column.
    """
    sides = [*lefts, *rights]
    top = max(min(b[1] for b in sides), min(b[1] for b in rights) - params.column_top_slack_pt)
    return top, max(b[3] for b in sides)


def _hinted_gutter(
    lines: Sequence[Line], hints: Sequence[float], params: LayoutParams
) -> GutterBox | None:
    """Given lines and gutter positions they were cut at, return the gutter they show.

    A hint holds when lines lie wholly left and wholly right of it side by side; as for a
    gutter found by a gap, the columns start with the right-hand one.
    """
    for x in hints:
        lefts = [ln.box for ln in lines if ln.box[2] <= x]
        rights = [ln.box for ln in lines if ln.box[0] >= x]
        if not lefts or not rights:
            continue
        if any(b[3] > min(b[1] for b in rights) for b in lefts):
            return x, x, *_column_range(lefts, rights, params)
    return None


def _rows(lines: Sequence[Line], params: LayoutParams) -> list[Line]:
    """Order lines top to bottom; lines sharing a baseline go left to right.

    Lines share a baseline within ``baseline_tolerance_em``.
    """
    ordered = sorted(lines, key=lambda ln: ln.baseline)
    rows: list[list[Line]] = []
    tol = params.baseline_tolerance_em
    for ln in ordered:
        if rows and abs(ln.baseline - rows[-1][0].baseline) <= tol * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda x: x.x0)]


def _columns_end(lines: Sequence[Line], gutter: GutterBox, tol: float) -> float:
    """Given a page's lines and a gutter among them, return where its columns end.

    At the gutter's bottom, or above it at the first line crossing the gutter below the
    right-hand column's last line: text on the left below such a line (the short lines of
    paragraphs after a chart whose labels left the gutter open) is no left column, since
    a column is not interrupted by a line across the page and then continued.
    """
    g0, g1, top, bottom = gutter
    rights = [ln.box[3] for ln in lines
              if ln.box[0] >= g1 - tol and top - tol <= ln.box[1] and ln.box[3] <= bottom + tol]
    if not rights:
        return bottom
    last = max(rights)
    crossing = [ln.box[1] for ln in lines
                if ln.box[0] < g0 - tol and ln.box[2] > g1 + tol and ln.box[1] >= last]
    return min([bottom, *crossing])


def _through_figures(
    figures: Sequence[tuple[Box, Sequence[Line]]], gutter: GutterBox, tol: float,
) -> set[int]:
    """Return ``id()`` of the lines of the figures that a gutter would run through.

    A figure crosses the gutter when its box reaches across the gutter's x-range within
    the gutter's vertical range: its labels are no column text.
    """
    g0, g1, top, bottom = gutter
    return {id(ln) for box, held in figures
            if box[0] < g0 - tol and box[2] > g1 + tol and box[1] < bottom and box[3] > top
            for ln in held}


def order_lines(
    lines: Sequence[Line], _depth: int = 0, hints: Sequence[float] = (), *,
    params: LayoutParams, figures: Sequence[tuple[Box, Sequence[Line]]] = (),
) -> list[OrderedLine]:
    """Given one page's lines, return them in reading order with their column index.

    A gutter found among the lines makes two columns; full-width lines crossing it, and
    lines above or below the columns (a paragraph's short last line over them), cut the
    page into bands, read in turn (each band: left column, then right column); the columns
    end at a line across the gutter below the right column (:func:`_columns_end`). ``hints``
    are gutter positions the page's lines were cut at (:func:`~newsextract.reader.lines.
    glyphs_to_lines`), used where too few lines show a gutter by themselves. Columns are
    looked for inside columns down to ``max_column_depth``. ``figures``: the page's drawn
    figures with their text lines (:func:`~newsextract.reader.figures.figure_extents`);
    their text does not show a gutter, and the text of a figure reaching across the gutter
    is read like full-width lines, in rows, where it stands.
    """
    gutter = None
    held = {id(ln) for _box, figure in figures for ln in figure}
    if _depth < params.max_column_depth:
        search = [ln for ln in lines if id(ln) not in held] if held else lines
        gutter = _find_gutter(search, params)
        if gutter is None and _depth == 0 and hints:
            gutter = _hinted_gutter(search, hints, params)
    if gutter is None:
        return [OrderedLine(0, ln) for ln in _rows(lines, params)]
    g0, g1, top, bottom = gutter
    tol = params.edge_tolerance_pt
    across = _through_figures(figures, gutter, tol) if held else set()
    plain = [ln for ln in lines if id(ln) not in across] if across else lines
    bottom = _columns_end(plain, gutter, tol)

    def spans(ln: Line) -> bool:
        x0, y0, x1, y1 = ln.box
        return ((x0 < g0 - tol and x1 > g1 + tol) or y1 <= top or y0 >= bottom
                or id(ln) in across)

    spanners = sorted((ln for ln in lines if spans(ln)), key=lambda ln: ln.box[1])
    out: list[OrderedLine] = []
    rest = [ln for ln in lines if not spans(ln)]
    cuts = [*(s.box[1] for s in spanners), float("inf")]
    prev_cut = float("-inf")
    spanner_iter = iter(spanners)
    for cut in cuts:
        band = [ln for ln in rest if prev_cut <= ln.box[1] < cut]
        left = [ln for ln in band if (ln.box[0] + ln.box[2]) / 2 < (g0 + g1) / 2]
        right = [ln for ln in band if (ln.box[0] + ln.box[2]) / 2 >= (g0 + g1) / 2]
        out.extend(OrderedLine(1 + 2 * _depth + c, ln)
                   for c, ln in order_lines(left, _depth + 1, params=params))
        out.extend(OrderedLine(2 + 2 * _depth + c, ln)
                   for c, ln in order_lines(right, _depth + 1, params=params))
        nxt = next(spanner_iter, None)
        if nxt is not None:
            out.append(OrderedLine(0, nxt))
        prev_cut = cut
    return out


def _text_x(ln: Line) -> float:
    """Given a line opening a list item, return where its text starts (the hanging indent).

    That is the line's start after a drawn bullet, the first glyph after a bullet glyph.
    """
    if ln.drawn_bullet:
        return ln.x0
    return next((g.x0 for g in ln.glyphs[1:] if g.text.strip()), ln.box[2])


def _line_bold(ln: Line) -> bool:
    return all(r.bold for r in ln.runs if r.text.strip())


def _first_word(ln: Line, params: LayoutParams) -> list[Glyph]:
    """Return the glyphs of the line's first word (up to the first gap of ``word_gap_em``)."""
    glyphs = ln.glyphs
    gap = params.word_gap_em * ln.size
    for k, (a, b) in enumerate(zip(glyphs, glyphs[1:]), 1):
        if b.x0 - a.x1 > gap:
            return glyphs[:k]
    return list(glyphs)


def _first_word_width(ln: Line, params: LayoutParams) -> float:
    """Width of the line's first word (its first glyph for CJK, which breaks anywhere)."""
    first = ln.glyphs[0]
    if is_cjk(first.text):
        return first.x1 - first.x0
    word = _first_word(ln, params)
    return word[-1].x1 - first.x0


def _wrapped(prev: Line, ln: Line, right_edge: float, params: LayoutParams) -> bool:
    """Return True when ``ln``'s first word could not have fitted at the end of ``prev``.

    It would have needed ``wrap_space_em`` of room before it.
    """
    room = right_edge - prev.box[2]
    return _first_word_width(ln, params) + params.wrap_space_em * ln.size > room


@dataclass(frozen=True, slots=True)
class SplitContext:
    """What every block split on one page is judged against.

    ``pitch`` is the usual line pitch per size (:func:`~newsextract.reader.spacing.
    typical_pitch`), ``tall_push`` what makes a line taller in this document
    (:func:`~newsextract.reader.spacing.tall_lines_push`), ``right_edges`` the right edge
    of each column of the page, ``params`` the thresholds.
    """

    pitch: dict[float, float]
    tall_push: frozenset[str]
    right_edges: dict[int, float]
    params: LayoutParams


def _starts_block(
    prev: OrderedLine, cur: OrderedLine, list_text_x: float | None, ctx: SplitContext
) -> bool:
    """Say whether the line ``cur`` opens a new block after the line ``prev``.

    ``list_text_x`` is where the text of the list item
    being read starts (None outside a list). A new block opens at a change of column, page,
    size (``size_tolerance_pt``) or boldness, at a bullet, at a line left of the list's
    text (``indent_tolerance_em``), at a baseline that does not go down, at paragraph
    spacing (``paragraph_gap_em`` above the usual pitch, unless a taller line box pushed
    it: :func:`_pushed`), or after a line that left room for this line's first word
    (:func:`_room_left`).
    """
    prev_col, prev_ln = prev
    col, ln = cur
    params = ctx.params
    if col != prev_col or ln.page != prev_ln.page:
        return True
    if abs(ln.size - prev_ln.size) > params.size_tolerance_pt:
        return True
    if _line_bold(ln) != _line_bold(prev_ln):
        return True
    if opens_item(ln):
        return True
    if list_text_x is not None and ln.x0 < list_text_x - params.indent_tolerance_em * ln.size:
        return True
    delta = ln.baseline - prev_ln.baseline
    usual = usual_pitch(ctx.pitch, ln.size, params)
    if delta <= 0:
        return True
    right_edge = ctx.right_edges[col]
    if delta > usual + max(params.paragraph_gap_em * ln.size, params.paragraph_gap_min_pt):
        return not _pushed(prev_ln, ln, delta - usual, right_edge, ctx)
    return _room_left(prev_ln, ln, right_edge, params)


def _pushed(prev: Line, ln: Line, extra: float, right_edge: float, ctx: SplitContext) -> bool:
    """Say whether ``extra`` space above ``ln`` is a taller line box's push, not a paragraph.

    A taller line box (a CJK font's larger ascent, a raised superscript) pushes the
    baseline down inside a paragraph (LibreOffice): a wrapped line (the next word did not
    fit on the line before) with such text continues the paragraph unless the extra space
    is more than such a push (``max_push_em``), or the producer keeps a fixed leading
    (``ctx.tall_push`` lacks the kind of text).
    """
    tall = bool((tall_kinds(prev) | tall_kinds(ln)) & ctx.tall_push)
    same_style = ln.runs[0].bold == prev.runs[-1].bold  # a bold lead-in opens a block
    pushed = extra <= ctx.params.max_push_em * ln.size
    return tall and same_style and pushed and _wrapped(prev, ln, right_edge, ctx.params)


def _room_left(prev: Line, ln: Line, right_edge: float, params: LayoutParams) -> bool:
    """Say whether ``ln``'s first word would clearly have fitted at the end of ``prev``.

    Then ``prev`` ended its paragraph, however close the next line follows (one-line
    paragraphs with no spacing between them). Clearly is with ``room_left_em`` to spare.
    Not judged after a break hyphen, nor before Chinese (a renderer that breaks only at
    spaces moves a whole run of it to the next line, where a real typesetter would have
    started it on this one).
    """
    if right_edge <= 0.0 or prev.glyphs[-1].text in ("-", "\u00ad"):
        return False
    word = _first_word(ln, params)
    if any(is_cjk(g.text) for g in word):
        return False
    width = word[-1].x1 - word[0].x0
    return width + params.room_left_em * ln.size < right_edge - prev.box[2]


def _right_edges(ordered: Sequence[OrderedLine]) -> dict[int, float]:
    """Given a page's ordered lines, return each column's right edge.

    That is the second largest right end of the column's lines (the largest for a column
    of one line): one line sticking out past the others (a run of Chinese a typesetter let
    protrude, an overhanging glyph) does not set it, as for :func:`text_frame_right`.
    """
    ends: dict[int, list[float]] = defaultdict(list)
    for col, ln in ordered:
        ends[col].append(ln.box[2])
    right: dict[int, float] = defaultdict(float)
    for col, xs in ends.items():
        xs.sort(reverse=True)
        right[col] = xs[1] if len(xs) > 1 else xs[0]
    return right


def lines_to_blocks(
    ordered: Sequence[OrderedLine], pitch: dict[float, float], lexicon: Lexicon,
    tall_push: frozenset[str] = TALL_KINDS, frame_right: float = 0.0, *,
    params: LayoutParams,
) -> list[Block]:
    """Given one page's ordered lines, return its blocks.

    ``pitch`` is the usual line pitch per size (:func:`typical_pitch`); ``tall_push``
    what makes a line taller in this document (:func:`tall_lines_push`); ``frame_right``
    the right edge of the document's single-column text (:func:`text_frame_right`), which
    a single-column page of short lines does not show. Where a block splits is decided by
    :func:`_starts_block`.
    """
    groups: list[tuple[int, list[Line], str | None]] = []
    prev: OrderedLine | None = None
    right = _right_edges(ordered)
    if set(right) == {0}:
        right[0] = max(right[0], frame_right)
    ctx = SplitContext(pitch, tall_push, right, params)
    list_text_x = 0.0
    for cur in ordered:
        col, ln = cur
        in_list = bool(groups) and groups[-1][2] is not None
        if prev is None or _starts_block(prev, cur, list_text_x if in_list else None, ctx):
            bullet = (ln.glyphs[0].text if ln.glyphs[0].text in BULLETS
                      else DRAWN_BULLET if ln.drawn_bullet else None)
            groups.append((col, [ln], bullet))
            if bullet is not None and (len(ln.glyphs) > 1 or ln.drawn_bullet):
                list_text_x = _text_x(ln)
        else:
            groups[-1][1].append(ln)
        prev = cur
    return [join_lines(lns, column=col, bullet=bullet, lexicon=lexicon, params=params)
            for col, lns, bullet in groups]


def text_frame_right(pages: Sequence[Sequence[OrderedLine]]) -> float:
    """Given every page's ordered lines, return the right edge of single-column text.

    That is the largest, over the pages of one column, of a page's second largest right
    end of a line (one line sticking out past the others on a page, as a line ending in
    Chinese that a typesetter let protrude, does not set it), or 0.0 without a page of two
    such lines.
    """
    edges = [_right_edges(page)[0] for page in pages
             if len(page) > 1 and all(col == 0 for col, _ln in page)]
    return max(edges, default=0.0)


TERMINAL = regex.compile(r"[.!?:;][\"”’)]?$")


def merge_page_breaks(
    blocks: list[Block], lexicon: Lexicon, heights: Sequence[float] = (), *,
    params: LayoutParams,
) -> list[Block]:
    """Given all blocks in reading order, return them with split paragraphs joined again.

    A block continues onto the next one when the break lies between them (the next page,
    or the next column of the same page: there only inside a word or sentence, the first
    ending in a hyphen, the second starting lower-case, or in justified text the first's
    last line full without a sentence end (:func:`_flush_unended`), since a list without
    bullets shows no other sign of a new item), the first ends at the bottom of the text
    frame (for a page break), both share a size, neither is a heading (all bold), the
    second opens with neither a bold lead-in nor a list item and starts at the first's
    left edge within its column (its hanging indent for a list item; a column's left edge
    is its leftmost text on any page, unknown for a column of one block), the second's
    first word would not have fitted on the first's last line, and the first does not
    visibly end (no final punctuation, a lower-case start after it, or a full last line).
    In ragged-right text a last line the next word would not have fitted on is as full as
    a line gets; in justified text (:func:`_justified`) it is full when it reaches the edge.

    The text frame's bottom is the lowest text of the document (:func:`_frame_bottom`).
    """
    if len(blocks) < 2:
        return blocks
    justified = _justified(blocks, params)
    frame_bottom = _frame_bottom(blocks, heights, params)
    right_edge: dict[tuple[int, int], float] = defaultdict(float)
    left_edge: dict[int, float] = {}  # per column, all pages
    count: Counter[int] = Counter()
    for b in blocks:
        key = (b.page, b.column)
        right_edge[key] = max(right_edge[key], b.box[2])
        left_edge[b.column] = min(left_edge.get(b.column, b.box[0]), b.box[0])
        count[b.column] += 1
    # a column holding one block tells nothing about its edge
    left_edge = {col: x for col, x in left_edge.items() if count[col] > 1}
    out: list[Block] = [blocks[0]]
    tail = blocks[0]  # the last part of out[-1], in the column where that block ends
    for b in blocks[1:]:
        a = out[-1]
        last_page = tail.page
        page_break = b.page == last_page + 1
        column_break = b.page == last_page and tail.column > 0 and b.column == tail.column + 1
        if (page_break or column_break) and _continues(
            tail, b, frame_bottom if page_break else None, left_edge, right_edge, justified,
            params,
        ) and (page_break or a.text.endswith(("-", "\u00ad")) or LOWER_START.match(b.text)
               or (justified and _flush_unended(tail, right_edge, params))):
            out[-1] = join_blocks([a, b], lexicon=lexicon, params=params)
        else:
            out.append(b)
        tail = b
    return out


def _flush_unended(block: Block, right_edge: dict[tuple[int, int], float],
                   params: LayoutParams) -> bool:
    """Say whether justified ``block`` visibly goes on: its last line is full, no sentence end.

    In justified text a paragraph's last line is short; one that reaches the column's right
    edge (within ``full_line_em``) and ends without final punctuation was cut by the
    column break, whatever the next column starts with (a name, a number).
    """
    last = block.lines[-1]
    edge = right_edge[(last.page, block.column)]
    full = last.box[2] >= edge - params.full_line_em * last.size
    return full and not TERMINAL.search(block.text)


def _justified(blocks: Sequence[Block], params: LayoutParams) -> bool:
    """Say whether the text is justified: most lines inside paragraphs end at one edge.

    Only lines followed by another line of their paragraph count (a last line is short in
    any setting), in paragraphs of ``justified_min_block_lines`` lines or more; a line ends
    at the edge within ``justified_tolerance_pt`` of its paragraph's widest line. The text
    is justified when ``justified_share`` of at least ``justified_min_lines`` such lines
    do.
    """
    flush = inner = 0
    tol = params.justified_tolerance_pt
    for b in blocks:
        if len(b.lines) < params.justified_min_block_lines:
            continue
        edge = max(ln.box[2] for ln in b.lines)
        for ln in b.lines[:-1]:
            inner += 1
            flush += ln.box[2] >= edge - tol
    return inner >= params.justified_min_lines and flush >= params.justified_share * inner


def _frame_bottom(
    blocks: Sequence[Block], heights: Sequence[float], params: LayoutParams
) -> float:
    """Given all blocks and the page heights, return the bottom of the text frame.

    That is the lowest text of the document when it lies below
    ``frame_bottom_min_share`` of the page. Otherwise no page shows where the frame
    ends (a document of short pages, every story opening one: the lowest text is where the
    longest page happens to stop; two pages may stop at one height by chance), and
    infinity is returned: no paragraph goes on over a page break.
    """
    bottom = max(b.box[3] for b in blocks)
    if not heights or bottom >= params.frame_bottom_min_share * min(heights):
        return bottom
    return math.inf


def _continues(a: Block, b: Block, frame_bottom: float | None, left_edge: dict[int, float],
               right_edge: dict[tuple[int, int], float], justified: bool,
               params: LayoutParams) -> bool:
    """Say whether block ``b`` continues block ``a`` over a page or column break.

    See :func:`merge_page_breaks`; ``frame_bottom`` is None at a column break. The
    thresholds are ``size_tolerance_pt``, ``frame_bottom_reach_em``,
    ``indent_tolerance_em`` and ``full_line_em``.
    """
    last, first = a.lines[-1], b.lines[0]
    size = last.size
    if abs(first.size - size) > params.size_tolerance_pt or b.bullet is not None:
        return False
    if a.is_bold() or b.is_bold() or not a.text or not b.text:
        return False
    if b.spans[0].bold and not a.spans[-1].bold:
        return False  # a bold lead-in ("Issuing bodies:") opens a paragraph
    if frame_bottom is not None and (
            last.box[3] < frame_bottom - params.frame_bottom_reach_em * size):
        return False
    # a list item continues at its hanging indent, where a one-line item shows only its text
    left = _text_x(last) if a.bullet is not None and len(a.lines) == 1 else last.x0
    if a.column != b.column:  # compare indents within each column (same edges on all pages)
        known = a.column in left_edge and b.column in left_edge
        left = first.x0 if not known else left + left_edge[b.column] - left_edge[a.column]
    if abs(first.x0 - left) > params.indent_tolerance_em * size:
        return False
    edge = right_edge[(last.page, a.column)]
    if not _wrapped(last, first, edge, params):
        return False  # the next page's first word would have fitted: the paragraph ended
    full = not justified or last.box[2] >= edge - params.full_line_em * size
    return not TERMINAL.search(a.text) or bool(LOWER_START.match(b.text)) or full
