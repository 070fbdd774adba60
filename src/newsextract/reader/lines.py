"""Glyphs to lines: baseline clustering, superscripts, column splits, spaces and runs.

Given one page's glyphs, return :class:`Line` objects, each with its styled runs. Spaces are
derived from gaps relative to the font size (justified text stretches them), or from a space
glyph the PDF drew; superscripts (smaller and raised) join their word without a space.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

from newsextract.reader.backend import Box
from newsextract.reader.gutters import (
    Gutter,
    find_gutters,
    hinted_gutters,
    split_at_gutters,
)
from newsextract.reader.hyphenation import SOFT_HYPHEN
from newsextract.reader.params import LayoutParams
from newsextract.reader.script import is_cjk
from newsextract.reader.types import Glyph, Line, Run, glyph_box

__all__ = [
    "PageRows",
    "build_runs",
    "cluster_baselines",
    "glyphs_to_lines",
]

_X0 = attrgetter("x0")
_BASELINE = attrgetter("baseline")
_BASELINE_X0 = attrgetter("baseline", "x0")

#: Size counts of glyphs: size -> number of non-space glyphs of that size.
SizeCounts = dict[float, int]
#: Above this many distinct sizes, counting goes through a Counter.
_FEW_SIZES = 8


def _size_counts(glyphs: Sequence[Glyph]) -> SizeCounts:
    """Given glyphs, count the sizes of the non-space ones."""
    sizes = [g.size for g in glyphs if not g.space]
    distinct = set(sizes)
    if len(distinct) > _FEW_SIZES:
        return dict(Counter(sizes))
    return {size: sizes.count(size) for size in distinct}


def _dominant(counts: SizeCounts, glyphs: Sequence[Glyph], params: LayoutParams) -> float:
    """Given the size counts of glyphs, return the most common size (to 0.1 pt).

    On a tie the larger size wins; with nothing counted, the first glyph's size (0 for no
    glyph). Each distinct size is rounded once.
    """
    if not counts:
        return glyphs[0].size if glyphs else 0.0
    if len(counts) == 1:
        return round(next(iter(counts)), 1)
    rounded: dict[float, int] = {}
    for size, n in counts.items():
        key = round(size, 1)
        rounded[key] = rounded.get(key, 0) + n
    best = max(rounded.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return _under_superscripts(best, rounded, glyphs, params)


def _under_superscripts(
    best: float, rounded: dict[float, int], glyphs: Sequence[Glyph], params: LayoutParams
) -> float:
    """Return the text size when the most common size ``best`` is that of superscripts.

    On a short line superscripts can outnumber the text they follow ("1st 2nd.", "3rd"): a
    larger size whose glyphs sit lower than the raised ``best`` ones is the line's text
    size (the rise decides; superscripts may be only a point or two smaller).
    """
    larger = [s for s in rounded if s >= best + params.size_tolerance_pt]
    if not larger:
        return best
    # size -> lowest baseline and bottom (largest y, top-down); a rise may show in either
    low = _lowest_by_size(glyphs, {best, *larger})
    if best not in low:
        return best
    sup_base, sup_bottom = low[best]
    rise, box_rise = params.superscript_rise_em, params.superscript_box_rise_em
    lower = [s for s in larger if s in low and (
        low[s][0] - sup_base > rise * s or low[s][1] - sup_bottom > box_rise * s)]
    return max(lower, key=lambda s: (rounded[s], s)) if lower else best


def _lowest_by_size(
    glyphs: Sequence[Glyph], keys: set[float]
) -> dict[float, tuple[float, float]]:
    """Given glyphs and sizes (to 0.1 pt), return each size's largest baseline and bottom.

    Only non-space glyphs count, and sizes without any glyph are left out. Each distinct
    size is rounded once, and each wanted size's glyphs are gathered in one pass.
    """
    sizes = {g.size for g in glyphs if not g.space}
    low: dict[float, tuple[float, float]] = {}
    for key in keys:
        raw = {s for s in sizes if round(s, 1) == key}
        if not raw:
            continue
        members = [g for g in glyphs if g.size in raw and not g.space]
        low[key] = (max([g.baseline for g in members]), max([g.bottom for g in members]))
    return low


def _add_counts(into: SizeCounts, more: SizeCounts) -> None:
    """Add the size counts ``more`` to ``into`` (in place)."""
    for size, n in more.items():
        into[size] = into.get(size, 0) + n


def _near_baseline(ref: Glyph, g: Glyph, tol_em: float, min_pt: float) -> bool:
    """Return True when ``g`` sits close enough to ``ref``'s baseline to share its line.

    Close is within ``tol_em`` of the smaller size (``baseline_tolerance_em``), never less
    than ``min_pt`` (``baseline_tolerance_min_pt``).
    """
    tol = tol_em * (g.size if g.size < ref.size else ref.size)
    return abs(g.baseline - ref.baseline) <= (min_pt if tol < min_pt else tol)


def _baseline_groups(ordered: Sequence[Glyph], params: LayoutParams) -> list[list[Glyph]]:
    """Given glyphs sorted by baseline, group each with the one before it when near it."""
    groups: list[list[Glyph]] = []
    tol_em, min_pt = params.baseline_tolerance_em, params.baseline_tolerance_min_pt
    for g in ordered:
        if groups and _near_baseline(groups[-1][-1], g, tol_em, min_pt):
            groups[-1].append(g)
        else:
            groups.append([g])
    return groups


def _baseline_groups_by_value(
    ordered: Sequence[Glyph], params: LayoutParams
) -> tuple[list[list[Glyph]], list[SizeCounts]] | None:
    """Given non-space glyphs sorted by baseline, return :func:`_baseline_groups` and counts.

    The glyphs of each baseline value are sorted by x here, which completes the order by
    (baseline, x). Glyphs on one (finite) baseline value always join, so only the first
    glyph of each value is compared with the glyph before it. Returns None where that
    shortcut does not hold (a baseline that is not finite, a size that is not a number).
    """
    groups: list[list[Glyph]] = []
    counts: list[SizeCounts] = []
    tol_em, min_pt = params.baseline_tolerance_em, params.baseline_tolerance_min_pt
    for base, same in groupby(ordered, _BASELINE):
        run = sorted(same, key=_X0)
        run_counts = _size_counts(run)
        if not math.isfinite(base) or any(size != size for size in run_counts):
            return None
        if groups and _near_baseline(groups[-1][-1], run[0], tol_em, min_pt):
            groups[-1].extend(run)
            _add_counts(counts[-1], run_counts)
        else:
            groups.append(run)
            counts.append(run_counts)
    return groups, counts


def _cluster(
    glyphs: Sequence[Glyph], spaceless: bool, params: LayoutParams
) -> tuple[list[list[Glyph]], list[SizeCounts], SizeCounts]:
    """Given glyphs, return baseline groups with their size counts, and all glyphs' counts.

    The groups are :func:`cluster_baselines`'; ``spaceless`` says no glyph is a space.
    """
    ordered = sorted(glyphs, key=_BASELINE)  # and by x within a baseline value below
    found = _baseline_groups_by_value(ordered, params) if spaceless else None
    if found is None:
        groups = _baseline_groups(sorted(glyphs, key=_BASELINE_X0), params)
        counts = [_size_counts(gr) for gr in groups]
    else:
        groups, counts = found
    total: SizeCounts = {}
    for c in counts:
        _add_counts(total, c)
    if len(groups) < 2:
        return groups, counts, total
    sizes = [_dominant(c, gr, params) for c, gr in zip(counts, groups)]
    keep = [True] * len(groups)
    for i, gr in enumerate(groups):
        best = _superscript_home(groups, sizes, i, params)
        if best is not None:
            groups[best].extend(gr)
            _add_counts(counts[best], counts[i])
            keep[i] = False
    kept = [i for i in range(len(groups)) if keep[i]]
    return [groups[i] for i in kept], [counts[i] for i in kept], total


def _superscript_home(
    groups: list[list[Glyph]], sizes: list[float], i: int, params: LayoutParams
) -> int | None:
    """Return the neighbour of group ``i`` that its small raised glyphs belong to, or None.

    That is the first neighbouring group of larger text (by at least ``size_tolerance_pt``:
    a suffix may be only a point or two smaller) whose vertical extent (with
    ``superscript_home_slack_pt``) holds the group's centre and whose glyphs its glyphs
    touch. (A backend that
    puts a raised glyph's origin on its raised baseline, as pdfium does, leaves such a
    suffix a group of its own; pdfminer keeps the line's baseline.)
    """
    gr = groups[i]
    size = sizes[i]
    centre: float | None = None  # computed only when a neighbour is large enough
    best: int | None = None
    slack = params.superscript_home_slack_pt
    for j in (i - 1, i + 1):
        if 0 <= j < len(groups) and sizes[j] - size >= params.size_tolerance_pt:
            if centre is None:
                centre = sum((g.top + g.bottom) / 2 for g in gr) / len(gr)
            top = min(g.top for g in groups[j])
            bottom = max(g.bottom for g in groups[j])
            if (top - slack <= centre <= bottom + slack
                    and _touches(gr, groups[j], params.superscript_reach_em)):
                best = j if best is None else best
    return best


def cluster_baselines(glyphs: Sequence[Glyph], *, params: LayoutParams) -> list[list[Glyph]]:
    """Given non-space glyphs, return groups sharing a baseline, top to bottom.

    Small raised glyphs (superscripts) first form groups of their own; each such group is
    then merged into the larger-text group whose vertical extent holds it.
    """
    return _cluster(glyphs, not any(g.space for g in glyphs), params)[0]


def _touches(small: Sequence[Glyph], big: Sequence[Glyph], reach_em: float) -> bool:
    """Return True when each glyph of ``small`` sits right next to some glyph of ``big``.

    Next to is within ``reach_em`` (``superscript_reach_em``) of the small glyph's size.
    """
    for s in small:
        reach = reach_em * s.size
        near_big = any(
            b.x1 - reach <= s.x0 <= b.x1 + reach or s.x1 - reach <= b.x0 <= s.x1 + reach
            for b in big
        )
        near_small = any(abs(s.x0 - o.x1) < reach for o in small if o is not s)
        if not near_big and not near_small:
            return False
    return True


def _split_columns(
    glyphs: list[Glyph], counts: SizeCounts, gutters: Sequence[Gutter], params: LayoutParams
) -> list[tuple[list[Glyph], float, SizeCounts]]:
    """Given one baseline's glyphs sorted by x and their size counts, cut them into columns.

    Cuts go at the page's gutters and at gaps so wide (``column_gap_em``) that no
    justified line would leave them. Each piece comes with its dominant size and counts.
    """
    parts: list[tuple[list[Glyph], float, SizeCounts]] = []
    min_em = params.min_em_pt
    for piece in split_at_gutters(glyphs, gutters):
        piece_counts = counts if piece is glyphs else _size_counts(piece)
        size = _dominant(piece_counts, piece, params)
        limit = params.column_gap_em * (min_em if size < min_em else size)
        cuts: list[int] = []
        prev = piece[0]
        for k in range(1, len(piece)):
            g = piece[k]
            if g.x0 - prev.x1 > limit:
                cuts.append(k)
            prev = g
        if not cuts:
            parts.append((piece, size, piece_counts))
            continue
        for a, b in zip([0, *cuts], [*cuts, len(piece)]):
            part = piece[a:b]
            part_counts = _size_counts(part)
            parts.append((part, _dominant(part_counts, part, params), part_counts))
    return parts


def _space_before(
    line: Line, spaces: Sequence[Glyph], sizes: Iterable[float], params: LayoutParams
) -> list[int]:
    """Given a line and the space glyphs on its baseline, return where words are spaced.

    The result lists the indices ``k`` of the glyphs that a space precedes (between glyph
    ``k - 1`` and glyph ``k``): a drawn space between glyphs that leave a visible gap
    (``drawn_space_gap_em``), or a gap wider than ``word_gap_em`` (``cjk_latin_gap_em``
    between CJK and Latin text) that is not a superscript hugging its word
    (``superscript_hug_em``) or a line-final hyphen set apart by justification
    (``end_hyphen_gap_em``). ``sizes`` are the sizes of
    the line's glyphs (each distinct one at least once).
    """
    glyphs = line.glyphs
    size = line.size
    word_gap, cjk_gap = params.word_gap_em, params.cjk_latin_gap_em
    drawn_gap = params.drawn_space_gap_em * size
    ordered_spaces = sorted(spaces, key=lambda s: s.x0 + s.x1)
    space_xs = [(s.x0 + s.x1) / 2 for s in ordered_spaces]
    n_spaces = len(space_xs)
    hug = params.superscript_hug_em * size
    last = len(glyphs) - 1
    # no gap up to this is wide, whatever the pair's sizes (when no size is negative)
    smallest = min([size, *sizes])
    narrowest = word_gap * smallest if smallest >= 0 else -math.inf
    out: list[int] = []
    si = 0
    prev = glyphs[0]
    prev_cx = (prev.x0 + prev.x1) / 2
    for k in range(1, last + 1):
        g = glyphs[k]
        gap = g.x0 - prev.x1
        cx = (g.x0 + g.x1) / 2
        explicit = False
        if n_spaces:
            while si < n_spaces and space_xs[si] < prev_cx:
                si += 1
            # a drawn space counts only where its neighbours leave a gap: some producers
            # draw zero-advance spaces on top of the next letter at hyphenation points,
            # and one may shorten a space's advance (its width tells nothing)
            explicit = si < n_spaces and space_xs[si] < cx and gap >= drawn_gap
        if explicit or (
            not gap <= narrowest
            and _wide_gap(gap, prev, g, size, word_gap, cjk_gap)
            # a superscript hugging its digit is never preceded by a space
            and not (g.superscript and gap < hug)
            and not (k == last and _end_hyphen_apart(gap, prev, g, size, params))
        ):
            out.append(k)
        prev, prev_cx = g, cx
    return out


def _end_hyphen_apart(
    gap: float, prev: Glyph, g: Glyph, size: float, params: LayoutParams
) -> bool:
    """Return True for a break hyphen that justification set a little apart from its word."""
    em = min(size, max(g.size, prev.size))
    return g.text in "-‐\u00ad" and gap < params.end_hyphen_gap_em * em


def _wide_gap(
    gap: float, prev: Glyph, g: Glyph, size: float, word_gap_em: float, cjk_gap_em: float
) -> bool:
    """Return True when the gap between ``prev`` and ``g`` is wide enough for a space.

    ``word_gap_em`` and ``cjk_gap_em`` are ``word_gap_em`` and ``cjk_latin_gap_em``.
    """
    em = min(size, max(g.size, prev.size))
    narrow = word_gap_em * em
    wide = cjk_gap_em * em
    if gap > narrow and gap > wide:
        return True
    if not gap > narrow and not gap > wide:
        return False
    mixed = is_cjk(g.text) != is_cjk(prev.text)
    return gap > (wide if mixed else narrow)


def build_runs(
    line: Line, spaces: Sequence[Glyph], sizes: Iterable[float] | None = None, *,
    params: LayoutParams,
) -> list[Run]:
    """Given a line and the space glyphs on its baseline, return its styled runs.

    A space between two glyphs takes only the style both neighbours share, so a link or a
    bold label never swallows the space after it. A run's box encloses its glyphs (and,
    for a run opening with a space, the glyph before that space). ``sizes`` may give the
    distinct sizes of the line's glyphs where the caller knows them.
    """
    glyphs = line.glyphs
    page = line.page
    if not glyphs:
        return []
    if sizes is None:
        sizes = [g.size for g in glyphs]
    spaced = _space_before(line, spaces, sizes, params) if len(glyphs) > 1 else []
    g = glyphs[0]
    tol = params.size_tolerance_pt
    if _one_style(glyphs, g, sizes, tol, bool(spaced)):
        # the whole line is one run: its text is its glyphs' with the spaces put in
        texts = [g.text for g in glyphs]
        if spaced:
            text = " ".join(["".join(texts[a:b])
                             for a, b in zip([0, *spaced], [*spaced, len(glyphs)])])
        else:
            text = "".join(texts)
        return [Run(text, g.bold, g.italic, g.size, g.superscript, g.link, page, line.box)]
    spaced.append(len(glyphs))  # a sentinel: no glyph has this index
    runs: list[Run] = []
    buf: list[str] = []
    first = 0  # index of the first glyph whose box belongs to the current run
    g = glyphs[0]
    bold, italic, size, sup, link = g.bold, g.italic, g.size, g.superscript, g.link
    nxt = spaced[0]
    si = 0
    for k, g in enumerate(glyphs):
        if k == nxt:
            si += 1
            nxt = spaced[si]
            prev = glyphs[k - 1]
            s_bold = prev.bold and g.bold
            s_italic = prev.italic and g.italic
            s_link = prev.link if prev.link == g.link else None
            if (
                s_bold != bold
                or s_italic != italic
                or sup
                or s_link != link
                or abs(prev.size - size) >= tol
            ):
                runs.append(_run(buf, (bold, italic, size, sup, link), page, glyphs[first:k]))
                buf = []
                first = k - 1
                bold, italic, size, sup, link = s_bold, s_italic, prev.size, False, s_link
            buf.append(" ")
        if (
            g.bold != bold
            or g.italic != italic
            or g.superscript != sup
            or g.link != link
            or (apart := g.size - size) >= tol  # abs(apart) >= tol, without the call
            or apart <= -tol
        ):
            runs.append(_run(buf, (bold, italic, size, sup, link), page, glyphs[first:k]))
            buf = []
            first = k
            bold, italic, size, sup, link = g.bold, g.italic, g.size, g.superscript, g.link
        buf.append(g.text)
    last_box = line.box if first == 0 else None  # a run over the whole line has its box
    runs.append(_run(buf, (bold, italic, size, sup, link), page, glyphs[first:], last_box))
    return runs


def _one_style(
    glyphs: list[Glyph], first: Glyph, sizes: Iterable[float], tol: float, spaced: bool
) -> bool:
    """Say whether :func:`build_runs` makes one run of the whole line.

    It does when every glyph has the first one's bold, italic, superscript and link (the
    very objects: anything else takes the general path), every size (``sizes`` holds each
    distinct one) is within ``tol`` of the first glyph's, and no space follows a
    superscript (``spaced``: a space goes in somewhere).
    """
    bold, italic, sup, link = first.bold, first.italic, first.superscript, first.link
    if sup and spaced:
        return False
    size = first.size
    for s in sizes:
        apart = s - size
        if apart >= tol or apart <= -tol:
            return False
    return all([g.bold is bold and g.italic is italic and g.superscript is sup
                and g.link is link for g in glyphs])


def _run(
    buf: list[str],
    key: tuple[bool, bool, float, bool, str | None],
    page: int,
    glyphs: list[Glyph],
    box: Box | None = None,
) -> Run:
    """Return the run of text ``buf`` in style ``key`` whose box encloses ``glyphs``.

    ``box`` is that box when the caller knows it already.
    """
    if box is None:
        box = glyph_box(glyphs)
    return Run("".join(buf), key[0], key[1], key[2], key[3], key[4], page, box)


def _line_shape(
    part: list[Glyph], size: float, counts: SizeCounts, params: LayoutParams
) -> tuple[float, float]:
    """Given a line's glyphs, dominant size and size counts, return its baseline and bottom.

    Both are medians over the glyphs near the dominant size (within ``size_tolerance_pt``;
    all glyphs if none is).
    """
    tol = params.size_tolerance_pt
    if all(abs(s - size) < tol for s in counts):
        main = part
    else:
        main = [g for g in part if abs(g.size - size) < tol] or part
    mid = len(main) // 2
    return sorted([g.baseline for g in main])[mid], sorted([g.bottom for g in main])[mid]


def _mark_superscripts(
    part: list[Glyph], size: float, baseline: float, bottom: float, counts: SizeCounts,
    params: LayoutParams,
) -> None:
    """Set ``superscript`` on the glyphs of a line that are smaller than its text and raised.

    The rise shows in the origin for some producers (``superscript_rise_em``), only in the
    box for others (``superscript_box_rise_em``).
    """
    limit = params.superscript_size_share * size
    if not any(s < limit for s in counts):  # nothing small enough (the common case)
        for g in part:
            g.superscript = False
        return
    low = baseline - params.superscript_rise_em * size
    low_bottom = bottom - params.superscript_box_rise_em * size
    for g in part:
        g.superscript = g.size < limit and (g.baseline < low or g.bottom < low_bottom)


def _assign_spaces(
    lines: list[Line], spaces: Sequence[Glyph], params: LayoutParams
) -> dict[int, list[Glyph]]:
    """Given lines and space glyphs, return the spaces of each line (by line index).

    A space belongs to the nearest line whose baseline is within ``space_baseline_em`` of
    its size and whose x-extent holds the space's centre.
    """
    by_line: dict[int, list[Glyph]] = {}
    order = sorted(range(len(lines)), key=lambda i: lines[i].baseline)
    baselines = [lines[i].baseline for i in order]
    extents = [(ln.glyphs[0].x0, ln.glyphs[-1].x1) for ln in lines]
    em = params.space_baseline_em
    reach = em * max(ln.size for ln in lines)
    for s in spaces:
        best = None
        best_d = 0.0
        base = s.baseline
        lo = bisect.bisect_left(baselines, base - reach)
        hi = bisect.bisect_right(baselines, base + reach)
        if lo == hi:
            continue
        cx = (s.x0 + s.x1) / 2
        for i in order[lo:hi]:
            ln = lines[i]
            d = abs(ln.baseline - base)
            x0, x1 = extents[i]
            if d <= em * ln.size and x0 <= cx <= x1 and (best is None or d < best_d):
                best, best_d = i, d
        if best is not None:
            by_line.setdefault(best, []).append(s)
    return by_line


def _home_raised_parts(
    parts: list[tuple[list[Glyph], float, SizeCounts]], params: LayoutParams
) -> list[tuple[list[Glyph], float, SizeCounts]]:
    """Given a page's line pieces (glyphs by x, size, counts), merge raised ones home.

    A piece of smaller glyphs raised above a line of larger text and touching it joins
    that line, by the rules :func:`_superscript_home` applies to whole baseline groups
    (``size_tolerance_pt``, ``superscript_home_slack_pt``, ``superscript_reach_em``). The
    group-level rule misses raised glyphs whose baseline another column's line shares:
    their group is then not small, and only the column cut sets them apart. That happens
    where the producer writes a superscript's rise into its glyph origins (as pdfium
    reports every text rise, and as producers that move the pen do); pdfminer keeps the
    line's baseline under a text rise.
    """
    if len(parts) < 2:
        return parts
    tol = params.size_tolerance_pt
    largest = max(size for _p, size, _c in parts)
    small = [k for k, (_p, size, _c) in enumerate(parts) if largest - size >= tol]
    if not small:
        return parts
    slack = params.superscript_home_slack_pt
    reach = params.superscript_reach_em
    tops = [min(g.top for g in p) for p, _s, _c in parts]
    bottoms = [max(g.bottom for g in p) for p, _s, _c in parts]
    order = sorted(range(len(parts)), key=tops.__getitem__)
    sorted_tops = [tops[k] for k in order]
    tallest = max(b - t for t, b in zip(tops, bottoms))
    home: dict[int, int] = {}
    for k in small:
        glyphs, size, _counts = parts[k]
        centre = sum((g.top + g.bottom) / 2 for g in glyphs) / len(glyphs)
        hi = bisect.bisect_right(sorted_tops, centre + slack)
        lo = bisect.bisect_left(sorted_tops, centre - slack - tallest)
        for m in range(lo, hi):
            j = order[m]
            if (j != k and j not in home and parts[j][1] - size >= tol
                    and bottoms[j] + slack >= centre
                    and _touches(glyphs, parts[j][0], reach)):
                home[k] = j
                break
    if not home:
        return parts
    merged = {j: (list(parts[j][0]), dict(parts[j][2])) for j in set(home.values())}
    for k, j in home.items():
        merged[j][0].extend(parts[k][0])
        _add_counts(merged[j][1], parts[k][2])
    out: list[tuple[list[Glyph], float, SizeCounts]] = []
    for k, (glyphs, size, counts) in enumerate(parts):
        if k in home:
            continue
        if k in merged:
            glyphs, counts = merged[k]
            glyphs.sort(key=_X0)
        out.append((glyphs, size, counts))
    return out


def _settle_soft_hyphens(part: list[Glyph], params: LayoutParams) -> list[Glyph]:
    """Given one line's glyphs (left to right), return them without invisible soft hyphens.

    A soft hyphen drawn without ink (narrower than ``soft_hyphen_ink_em``) inside a line
    is a break opportunity the producer did not use: left out. One drawn with ink stays:
    some producers map every hyphen glyph to U+00AD (Scribus), which the document then
    shows inside its lines (:attr:`~newsextract.reader.hyphenation.Lexicon.
    soft_hyphen_drawn`); at a line end one stays as it is, a break.
    """
    last = len(part) - 1
    out = [g for k, g in enumerate(part) if g.text != SOFT_HYPHEN or k == last
           or g.x1 - g.x0 >= params.soft_hyphen_ink_em * g.size]
    return out or part


@dataclass(slots=True)
class PageRows:
    """What :func:`glyphs_to_lines` cut a page without gutters from, to try hints on later.

    ``rows`` are the page's baseline rows (glyphs by x), ``body`` its non-space glyphs and
    ``counts`` their size counts. Reading the page again with gutter hints changes its
    lines only where :meth:`hinted` finds a gutter open.
    """

    rows: list[list[Glyph]] = field(default_factory=list)
    body: list[Glyph] = field(default_factory=list)
    counts: SizeCounts = field(default_factory=dict)

    def hinted(self, hints: Sequence[float], *, params: LayoutParams) -> list[Gutter]:
        """Return the gutters :func:`glyphs_to_lines` would cut this page at with ``hints``."""
        if not self.rows or not hints:
            return []
        size = _dominant(self.counts, self.body, params)
        return hinted_gutters(self.rows, size, hints, params=params)


def glyphs_to_lines(
    glyphs: Sequence[Glyph], page: int, hints: Sequence[float] = (),
    found: list[Gutter] | None = None, *, params: LayoutParams, rows_out: PageRows | None = None,
) -> list[Line]:
    """Given a page's glyphs, return its lines (unordered across columns) with runs.

    ``hints`` are x positions of gutters on another page of the document (see
    :func:`~newsextract.reader.gutters.hinted_gutters`), used where this page shows none
    by itself; ``found``, when given, receives the gutters the lines were cut at.
    ``rows_out``, when given and the page has no gutters, receives its rows (see
    :class:`PageRows`).
    """
    body = [g for g in glyphs if not g.space]
    spaces = [g for g in glyphs if g.space]
    lines: list[Line] = []
    rows, counts, total = _cluster(body, True, params)
    for group in rows:
        group.sort(key=_X0)
    gutters: list[Gutter] = []
    enough = len(rows) >= params.gutter_min_rows
    if enough or (hints and rows):
        size = _dominant(total, body, params)
        gutters = find_gutters(rows, size, params=params) if enough else []
        if not gutters and hints:
            gutters = hinted_gutters(rows, size, hints, params=params)
    if found is not None:
        found.extend(gutters)
    if rows_out is not None and not gutters:
        rows_out.rows, rows_out.body, rows_out.counts = rows, body, total
    line_sizes: list[SizeCounts] = []
    soft = any(g.text == SOFT_HYPHEN for g in body)
    parts = [piece for row, row_counts in zip(rows, counts)
             for piece in _split_columns(row, row_counts, gutters, params)]
    for part, size, part_counts in _home_raised_parts(parts, params):
        if soft:
            part = _settle_soft_hyphens(part, params)
        baseline, bottom = _line_shape(part, size, part_counts, params)
        _mark_superscripts(part, size, baseline, bottom, part_counts, params)
        lines.append(Line(page, part, baseline, size))
        line_sizes.append(part_counts)
    by_line = _assign_spaces(lines, spaces, params) if spaces and lines else {}
    for i, ln in enumerate(lines):
        ln.runs = build_runs(ln, by_line.get(i, ()), line_sizes[i], params=params)
    return lines
