"""Column gutters: vertical white channels that several consecutive rows leave open.

Given a page's baseline rows (glyphs sorted by x), :func:`find_gutters` returns the
gutters between text columns, each with the vertical range where it holds. A fixed gap
threshold cannot find them: justified text in a narrow column stretches word gaps to
several ems, while a gutter may be barely one em wide. What tells them apart is alignment:
a gutter is open at the same x in many consecutive rows, a stretched word gap is not.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from newsextract.reader.types import Glyph

__all__ = ["GUTTER_MIN_ROWS", "GUTTER_MIN_WIDTH_EM", "Gutter", "find_gutters", "split_at_gutters"]

#: A gutter is at least this wide (in ems of the body text) ...
GUTTER_MIN_WIDTH_EM = 0.9
#: ... and open in at least this many consecutive rows.
GUTTER_MIN_ROWS = 4
#: Word gaps narrower than this (in ems) join glyphs into one word.
WORD_GAP_EM = 0.15
#: Grid step (points) at which candidate gutter positions are tried.
STEP = 2.0


@dataclass(frozen=True, slots=True)
class Gutter:
    """An open vertical channel at ``x`` from ``top`` to ``bottom`` (points)."""

    x: float
    top: float
    bottom: float


def _words(row: Sequence[Glyph]) -> list[tuple[float, float]]:
    """Given glyphs sorted by x, return the x-extents of their words."""
    out: list[tuple[float, float]] = []
    for g in row:
        if out and g.x0 - out[-1][1] <= WORD_GAP_EM * g.size:
            out[-1] = (out[-1][0], max(out[-1][1], g.x1))
        else:
            out.append((g.x0, g.x1))
    return out


def _runs_at(
    x: float,
    words: list[list[tuple[float, float]]],
    starts: list[list[float]],
    widths: list[list[float]],
    half: float,
    column_text: float,
) -> list[tuple[int, int]]:
    """Return the qualifying runs ``(first_row, last_row + 1)`` of rows open at ``x``."""
    runs: list[tuple[int, int]] = []
    run_start = -1
    n_left = n_right = 0
    for i in range(len(words) + 1):
        blocked = True
        side_l = side_r = False
        if i < len(words):
            ws = words[i]
            k = bisect.bisect_left(starts[i], x + half)  # words starting before x+half
            blocked = k > 0 and ws[k - 1][1] > x - half
            acc = widths[i]
            side_l = acc[k] >= column_text
            side_r = acc[-1] - acc[k] >= column_text
        if not blocked:
            if run_start < 0:
                run_start, n_left, n_right = i, 0, 0
            n_left += side_l
            n_right += side_r
            continue
        if run_start >= 0 and i - run_start >= GUTTER_MIN_ROWS and min(n_left, n_right) >= 2:
            runs.append((run_start, i))
        run_start = -1
    return runs


def _candidates(
    words: list[list[tuple[float, float]]], xs: list[float], half: float, size: float
) -> list[int]:
    """Grid indices worth testing: inside a wide gap of some row, or just past a row's end.

    A gutter is open in every row of its run, so it lies in a gap at least as wide as a
    gutter in rows with text on both sides, or within a few ems after the end of rows
    that hold only the left column.
    """
    if not xs:
        return []
    first = xs[0]
    out: set[int] = set()

    def add(a: float, b: float) -> None:
        lo = max(0, int((a - first) // STEP))
        hi = min(len(xs) - 1, int((b - first) // STEP) + 1)
        out.update(range(lo, hi + 1))

    # rows holding only a right-hand column start well inside the text area
    right_starts = [ws[0][0] for ws in words if ws and ws[0][0] > first]
    reach = max(right_starts, default=first) - half
    for ws in words:
        for (_a0, a1), (b0, _b1) in zip(ws, ws[1:]):
            if b0 - a1 >= 2 * half:
                add(a1 + half, b0 - half)
        if ws and ws[-1][1] + half < reach:
            add(ws[-1][1] + half, min(ws[-1][1] + half + 3 * size, reach))
    return sorted(out)


def find_gutters(rows: Sequence[Sequence[Glyph]], size: float) -> list[Gutter]:
    """Given rows (top to bottom, glyphs sorted by x) and the body size, return gutters.

    A position ``x`` is open over a run of consecutive rows when no word of those rows
    comes within half the minimum gutter width of it, and at least two of those rows have
    a column's worth of text (three ems) on each side. The position with the longest run
    is a gutter when that run has at least :data:`GUTTER_MIN_ROWS` rows; the cut goes
    through the middle of the neighbouring positions open as long. The search then
    repeats away from it (three columns have two gutters). A river of white in justified
    text stays open for a few rows; a gutter for the whole column.
    """
    if len(rows) < GUTTER_MIN_ROWS:
        return []
    half = GUTTER_MIN_WIDTH_EM * size / 2
    words = [_words(r) for r in rows]
    starts = [[w[0] for w in ws] for ws in words]
    widths = [[0.0] for _ in words]  # prefix sums of word widths per row
    for ws, acc in zip(words, widths):
        for a, b in ws:
            acc.append(acc[-1] + b - a)
    column_text = 3.0 * size  # a side counts when it holds this much text
    left = min(ws[0][0] for ws in words if ws)
    right = max(ws[-1][1] for ws in words if ws)
    steps = int(max(0.0, (right - left - 6 * size)) // STEP)
    xs = [left + 3 * size + i * STEP for i in range(steps)]
    best: dict[int, tuple[int, int]] = {}  # grid index -> longest run
    for i in _candidates(words, xs, half, size):
        runs = _runs_at(xs[i], words, starts, widths, half, column_text)
        if runs:
            best[i] = max(runs, key=lambda r: r[1] - r[0])
    tops = [min(g.top for g in r) for r in rows]
    bottoms = [max(g.bottom for g in r) for r in rows]
    reach = int(3 * size // STEP)
    found: list[Gutter] = []
    while best:
        i_best, (a, b) = max(best.items(), key=lambda kv: (kv[1][1] - kv[1][0], -kv[0]))
        length = b - a
        lo = hi = i_best
        while lo - 1 in best and best[lo - 1][1] - best[lo - 1][0] >= length:
            lo -= 1
        while hi + 1 in best and best[hi + 1][1] - best[hi + 1][0] >= length:
            hi += 1
        found.append(Gutter((xs[lo] + xs[hi]) / 2, tops[a], bottoms[b - 1]))
        best = {i: r for i, r in best.items() if not lo - reach <= i <= hi + reach}
    return found


def split_at_gutters(row: list[Glyph], gutters: Sequence[Gutter]) -> list[list[Glyph]]:
    """Given one row's glyphs sorted by x, cut it where a gutter crosses the row in a gap.

    A row that covers the gutter (a full-width heading over two columns) stays whole.
    """
    if not gutters or not row:
        return [row]
    top = min(g.top for g in row)
    bottom = max(g.bottom for g in row)
    cuts = sorted(gt.x for gt in gutters if gt.top <= bottom and gt.bottom >= top)
    if not cuts:
        return [row]
    parts: list[list[Glyph]] = [[row[0]]]
    for a, b in zip(row, row[1:]):
        if any(a.x1 <= x <= b.x0 for x in cuts):
            parts.append([b])
        else:
            parts[-1].append(b)
    return parts
