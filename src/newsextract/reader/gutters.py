"""Column gutters: vertical white channels that several consecutive rows leave open.

Given a page's baseline rows (glyphs sorted by x), :func:`find_gutters` returns the
gutters between text columns, each with the vertical range where it holds. A fixed gap
threshold cannot find them: justified text in a narrow column stretches word gaps to
several ems, while a gutter may be barely one em wide. What tells them apart is alignment:
a gutter is open at the same x in many consecutive rows, a stretched word gap is not.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from newsextract.reader.params import LayoutParams
from newsextract.reader.types import Glyph

__all__ = [
    "Gutter",
    "find_gutters",
    "hinted_gutters",
    "split_at_gutters",
]

_TOP = attrgetter("top")
_X0 = attrgetter("x0")
_X1 = attrgetter("x1")
_BOTTOM = attrgetter("bottom")


@dataclass(frozen=True, slots=True)
class Gutter:
    """An open vertical channel at ``x`` from ``top`` to ``bottom`` (points)."""

    x: float
    top: float
    bottom: float


def _words(row: Sequence[Glyph], word_gap_em: float) -> list[tuple[float, float]]:
    """Given glyphs sorted by x, return the x-extents of their words.

    Glyphs closer than ``word_gap_em`` (of the later glyph's size) are one word.
    """
    out: list[tuple[float, float]] = []
    if not row:
        return out
    start = row[0].x0
    end = row[0].x1
    for g in row[1:]:
        x0 = g.x0
        if x0 - end <= word_gap_em * g.size:
            x1 = g.x1
            if x1 > end:  # as max(end, x1)
                end = x1
        else:
            out.append((start, end))
            start, end = x0, g.x1
    out.append((start, end))
    return out


class _Row(NamedTuple):
    """One row's words as :func:`_runs_at` reads them.

    ``starts`` are the words' left edges; ``ends[k]`` is the right edge of word ``k - 1``
    (``ends[0]`` is minus infinity: no word); ``widths[k]`` is the total width of the
    first ``k`` words.
    """

    starts: list[float]
    ends: list[float]
    widths: list[float]


def _row(words: list[tuple[float, float]]) -> _Row:
    """Given a row's words (sorted by x), return them as a :class:`_Row`."""
    widths = [0.0]
    acc = 0.0
    for a, b in words:
        acc = acc + b - a
        widths.append(acc)
    return _Row([w[0] for w in words], [float("-inf"), *(w[1] for w in words)], widths)


def _runs_at(
    x: float, rows: list[_Row], half: float, column_text: float, min_rows: int, min_sides: int
) -> list[tuple[int, int]]:
    """Return the qualifying runs ``(first_row, last_row + 1)`` of rows open at ``x``.

    A row is open at ``x`` when no word comes within ``half`` of it; a run qualifies when
    it has ``min_rows`` rows, ``min_sides`` of them with ``column_text`` of words on the
    left and as many on the right.
    """
    runs: list[tuple[int, int]] = []
    run_start = -1
    n_left = n_right = 0
    x_hi = x + half
    x_lo = x - half
    bisect_left = bisect.bisect_left
    for i, (starts, ends, acc) in enumerate(rows):
        k = bisect_left(starts, x_hi)  # words starting before x + half
        if ends[k] > x_lo:  # the last of them reaches past x - half: blocked
            if run_start >= 0:
                if i - run_start >= min_rows and min(n_left, n_right) >= min_sides:
                    runs.append((run_start, i))
                run_start = -1
            continue
        if run_start < 0:
            run_start, n_left, n_right = i, 0, 0
        if acc[k] >= column_text:
            n_left += 1
        if acc[-1] - acc[k] >= column_text:
            n_right += 1
    n = len(rows)
    if run_start >= 0 and n - run_start >= min_rows and min(n_left, n_right) >= min_sides:
        runs.append((run_start, n))
    return runs


def _open_runs(
    rows: list[_Row], xs: list[float], candidates: list[int], half: float, column_text: float,
    params: LayoutParams,
) -> dict[int, list[tuple[int, int]]] | None:
    """Return :func:`_runs_at` for every candidate grid index (those with runs only).

    Rather than testing every row at every candidate, each gap between two words of a row
    (and the margins before its first and after its last word) gives the range of grid
    positions open there, found by bisection; a row is open at ``x`` exactly when ``x``
    lies in one such range, and the words left of the gap are those starting before
    ``x + half``. Candidates that no range starts or ends between are open in the same
    rows, so the runs are found once per such segment of candidates, not once per
    candidate. Returns None when the words do not allow this (a word of negative width,
    ends out of order, a coordinate that is not finite, a gap below float resolution); the
    caller then tests position by position.
    """
    x_lo = [x - half for x in xs]
    x_hi = [x + half for x in xs]
    if not x_lo or not all(a < b for a, b in zip(x_lo, x_hi)):
        return None
    # a gap narrower than every position's open span holds none of them
    narrowest = min([b - a for a, b in zip(x_lo, x_hi)])
    bisect_left = bisect.bisect_left
    n_grid = len(xs)
    # each row's open stretches as (first, last) positions in ``candidates``, with sides
    spans: list[tuple[int, int, tuple[int, bool, bool]]] = []
    for r, (starts, ends, acc) in enumerate(rows):
        if not _orderly(starts, ends):
            return None
        total = acc[-1]
        n = len(starts)
        wide = [k for k in range(1, n) if starts[k] - ends[k] >= narrowest]
        for k in (0, *wide, n):  # the gap after word k - 1, before word k
            lo = bisect_left(x_lo, ends[k])  # first position at least half past word k - 1
            hi = bisect.bisect_right(x_hi, starts[k]) if k < n else n_grid
            if lo >= hi:
                continue
            first = bisect_left(candidates, lo)
            last = bisect_left(candidates, hi)
            if first == last:
                continue
            spans.append((first, last, (r, acc[k] >= column_text, total - acc[k] >= column_text)))
    # Candidates between two consecutive ends of stretches are open in the very same rows:
    # their runs are found once for that segment (not once per candidate).
    bounds = sorted({b for first, last, _s in spans for b in (first, last)})
    segment_rows: list[list[tuple[int, bool, bool]]] = [[] for _ in bounds]
    for first, last, sides in spans:  # by row, so each segment's rows come in order
        for m in range(bisect_left(bounds, first), bisect_left(bounds, last)):
            segment_rows[m].append(sides)
    min_rows, min_sides = params.gutter_min_rows, params.gutter_min_sided_rows
    out: dict[int, list[tuple[int, int]]] = {}
    for m, found in enumerate(segment_rows):
        if found and (runs := _qualifying(found, min_rows, min_sides)):
            for c in candidates[bounds[m]:bounds[m + 1]]:
                out[c] = runs
    return out


def _orderly(starts: list[float], ends: list[float]) -> bool:
    """Return True when a row's words are finite, of non-negative width and in order."""
    if not math.isfinite(sum(starts) + sum(ends[1:])):
        return False  # some coordinate is not finite (or they are beyond all measure)
    return all(a <= b <= c for a, b, c in zip(ends, starts, ends[1:]))


def _qualifying(
    open_rows: list[tuple[int, bool, bool]], min_rows: int, min_sides: int
) -> list[tuple[int, int]]:
    """Given the rows open at one position, return their qualifying runs (as `_runs_at`).

    ``open_rows`` holds ``(row, text on the left, text on the right)`` by ascending row.
    """
    runs: list[tuple[int, int]] = []
    run_start = prev = -2
    n_left = n_right = 0
    for r, left, right in open_rows:
        if r != prev + 1:
            if prev - run_start + 1 >= min_rows and min(n_left, n_right) >= min_sides:
                runs.append((run_start, prev + 1))
            run_start, n_left, n_right = r, 0, 0
        n_left += left
        n_right += right
        prev = r
    if prev - run_start + 1 >= min_rows and min(n_left, n_right) >= min_sides:
        runs.append((run_start, prev + 1))
    return runs


def _candidates(
    words: list[list[tuple[float, float]]], xs: list[float], half: float, column: float,
    step: float,
) -> list[int]:
    """Grid indices worth testing: inside a wide gap of some row, or just past a row's end.

    A gutter is open in every row of its run, so it lies in a gap at least as wide as a
    gutter in rows with text on both sides, or within a column's width (``column``, in
    points) after the end of rows that hold only the left column. ``step`` is the grid's.
    """
    if not xs:
        return []
    first = xs[0]
    out: set[int] = set()

    def add(a: float, b: float) -> None:
        lo = max(0, int((a - first) // step))
        hi = min(len(xs) - 1, int((b - first) // step) + 1)
        out.update(range(lo, hi + 1))

    # rows holding only a right-hand column start well inside the text area
    right_starts = [ws[0][0] for ws in words if ws and ws[0][0] > first]
    reach = max(right_starts, default=first) - half
    for ws in words:
        for (_a0, a1), (b0, _b1) in zip(ws, ws[1:]):
            if b0 - a1 >= 2 * half:
                add(a1 + half, b0 - half)
        if ws and ws[-1][1] + half < reach:
            add(ws[-1][1] + half, min(ws[-1][1] + half + column, reach))
    return sorted(out)


def find_gutters(
    rows: Sequence[Sequence[Glyph]], size: float, *, params: LayoutParams
) -> list[Gutter]:
    """Given rows (top to bottom, glyphs sorted by x) and the body size, return gutters.

    A position ``x`` is open over a run of consecutive rows when no word of those rows
    comes within half the minimum gutter width (``gutter_min_width_em``) of it, and at
    least ``gutter_min_sided_rows`` of those rows have a column's worth of text
    (``column_min_em``) on each side. The position with the longest run is a gutter when
    that run has at least ``gutter_min_rows`` rows; the cut goes through the middle of the
    neighbouring positions open as long. The search then repeats away from it (three
    columns have two gutters). A river of white in justified text stays open for a few
    rows; a gutter for the whole column.
    """
    if len(rows) < params.gutter_min_rows:
        return []
    half = params.gutter_min_width_em * size / 2
    words = [_words(r, params.word_gap_em) for r in rows]
    column_text = params.column_min_em * size  # a side counts when it holds this much text
    step = params.gutter_grid_step_pt
    max_steps = int(params.max_page_side_pt // step)
    left = min(ws[0][0] for ws in words if ws)
    right = max(ws[-1][1] for ws in words if ws)
    steps = min(int(max(0.0, (right - left - 2 * column_text)) // step), max_steps)
    xs = [left + column_text + i * step for i in range(steps)]
    candidates = _candidates(words, xs, half, column_text, step)
    if not candidates:
        return []
    word_rows = [_row(ws) for ws in words]
    found_runs = _open_runs(word_rows, xs, candidates, half, column_text, params)
    if found_runs is None:
        found_runs = {}
        for i in candidates:
            runs = _runs_at(xs[i], word_rows, half, column_text, params.gutter_min_rows,
                            params.gutter_min_sided_rows)
            if runs:
                found_runs[i] = runs
    best: dict[int, tuple[int, int]] = {}  # grid index -> longest run
    for i in candidates:
        if i in found_runs:
            best[i] = max(found_runs[i], key=lambda r: r[1] - r[0])
    if not best:
        return []
    tops = [min(map(_TOP, r)) for r in rows]
    bottoms = [max(map(_BOTTOM, r)) for r in rows]
    reach = int(column_text // step)
    found: list[tuple[Gutter, int, int]] = []  # with its first and last row + 1
    while best:
        lo, hi = _widest_longest(best)
        a, b = best[lo]
        x = (xs[lo] + xs[hi]) / 2
        if all(_column_between(words[a:b], x, other.x, column_text)
               for other, oa, ob in found if oa < b and a < ob):
            found.append((Gutter(x, tops[a], bottoms[b - 1]), a, b))
        best = {i: r for i, r in best.items() if not lo - reach <= i <= hi + reach}
    return [g for g, _a, _b in found]


def _column_between(
    words: Sequence[list[tuple[float, float]]], x: float, other: float, column_text: float
) -> bool:
    """Say whether at least two rows hold a column's text between two gutter positions.

    A second gutter beside a first one stands for a third column: the rows where it is open
    hold text between the two. A channel open only where one column's lines are short
    (its rows holding nothing between it and the real gutter) is not a gutter.
    """
    lo, hi = min(x, other), max(x, other)
    rows = 0
    for ws in words:
        if sum(max(0.0, min(b, hi) - max(a, lo)) for a, b in ws) >= column_text:
            rows += 1
            if rows >= 2:
                return True
    return False


def _widest_longest(best: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """Given each grid index's longest run, return the widest range of longest runs.

    That is the widest range of adjacent indices whose runs are the longest of all (the
    leftmost of equally wide ranges).

    Two channels can be open equally long: a centred page number closes the middle of a
    gutter in its own row, leaving a sliver beside it open one row further down than the
    gutter proper. The gutter is the wide channel, not the sliver.
    """
    length = max(b - a for a, b in best.values())
    longest = sorted(i for i, (a, b) in best.items() if b - a == length)
    ranges: list[tuple[int, int]] = []
    for i in longest:
        if ranges and i == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], i)
        else:
            ranges.append((i, i))
    return max(ranges, key=lambda r: (r[1] - r[0], -r[0]))


def hinted_gutters(
    rows: Sequence[Sequence[Glyph]], size: float, hints: Sequence[float], *,
    params: LayoutParams,
) -> list[Gutter]:
    """Given rows, the body size and another page's gutter positions, return those open.

    ``rows`` are as for :func:`find_gutters`. The last lines of two columns carried onto
    a page of their own are too few rows to show a gutter by alignment; where the
    document's columns stand, a run of ``hinted_min_rows`` open rows, one of them with
    a word (``hinted_side_em``) on each side (``hinted_min_sided_rows``), is enough.
    """
    if not hints or not rows:
        return []
    half = params.gutter_min_width_em * size / 2
    word_rows = [_row(_words(r, params.word_gap_em)) for r in rows]
    side = params.hinted_side_em * size
    found: list[Gutter] = []
    for x in sorted(set(hints)):
        runs = _runs_at(x, word_rows, half, side, params.hinted_min_rows,
                        params.hinted_min_sided_rows)
        if runs:
            a, b = max(runs, key=lambda r: r[1] - r[0])
            found.append(Gutter(x, min(map(_TOP, rows[a])), max(map(_BOTTOM, rows[b - 1]))))
    return found


def split_at_gutters(row: list[Glyph], gutters: Sequence[Gutter]) -> list[list[Glyph]]:
    """Given one row's glyphs sorted by x, cut it where a gutter crosses the row in a gap.

    A row that covers the gutter (a full-width heading over two columns) stays whole.
    """
    if not gutters or not row:
        return [row]
    top = min(map(_TOP, row))
    bottom = max(map(_BOTTOM, row))
    cuts = sorted(gt.x for gt in gutters if gt.top <= bottom and gt.bottom >= top)
    if not cuts:
        return [row]
    pairs = enumerate(zip(map(_X1, row), map(_X0, row[1:])), 1)
    if len(cuts) == 1:
        (x,) = cuts
        breaks = [k for k, (a1, b0) in pairs if a1 <= x <= b0]
    else:
        breaks = [k for k, (a1, b0) in pairs if any(a1 <= x <= b0 for x in cuts)]
    return [row[a:b] for a, b in zip([0, *breaks], [*breaks, len(row)])]
