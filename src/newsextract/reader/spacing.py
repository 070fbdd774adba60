"""Line spacing and sizes: the usual pitch, the body size, what makes a line taller.

* :func:`typical_pitch` — given every page's ordered lines, return the usual baseline
  pitch per font size;
* :func:`tall_lines_push` — given those lines and pitches, return what (Chinese text, a
  superscript) pushes a line's baseline down in this document;
* :func:`body_size` — given lines, return the size that sets the most characters.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from newsextract.reader.params import LayoutParams
from newsextract.reader.script import CJK
from newsextract.reader.types import Line, OrderedLine

__all__ = [
    "TALL_KINDS",
    "body_size",
    "tall_kinds",
    "tall_lines_push",
    "typical_pitch",
    "usual_pitch",
]


def body_size(lines: Iterable[Line], *, params: LayoutParams) -> float:
    """Given lines, return the size (to ``body_size_step_pt``) that sets the most characters.

    On a tie the size seen first wins; 0.0 for no line.
    """
    step = params.body_size_step_pt
    counts: Counter[float] = Counter()
    for ln in lines:
        counts[round(round(ln.size / step) * step, 2)] += len(ln.text)
    return counts.most_common(1)[0][0] if counts else 0.0


def usual_pitch(pitch: dict[float, float], size: float, params: LayoutParams) -> float:
    """Return the usual line pitch of ``size`` (``default_pitch_em`` where none was seen)."""
    return pitch.get(round(size, 1), params.default_pitch_em * size)


def typical_pitch(
    lines: Sequence[Sequence[OrderedLine]], *, params: LayoutParams
) -> dict[float, float]:
    """Given ordered lines of every page, return the usual baseline pitch per font size.

    A pitch is measured between neighbouring lines of one column whose sizes differ by at
    most ``pitch_size_tolerance_pt`` and lies between ``pitch_min_em`` and
    ``pitch_max_em``; it is counted to half a point.
    """
    seen: dict[float, Counter[float]] = defaultdict(Counter)
    pages: dict[float, Counter[float]] = defaultdict(Counter)
    tol, lo, hi = params.pitch_size_tolerance_pt, params.pitch_min_em, params.pitch_max_em
    for page in lines:
        on_page: set[tuple[float, float]] = set()
        for (c0, a), (c1, b) in zip(page, page[1:]):
            if c0 != c1 or abs(a.size - b.size) > tol:
                continue
            pitch = b.baseline - a.baseline
            if lo * a.size <= pitch <= hi * a.size:
                seen[round(a.size, 1)][round(pitch * 2) / 2] += 1
                on_page.add((round(a.size, 1), round(pitch * 2) / 2))
        for size, pitch in on_page:
            pages[size][pitch] += 1
    return {size: _line_pitch(c, pages[size], params.pitch_min_share)
            for size, c in seen.items()}


def _line_pitch(pitches: Counter[float], pages: Counter[float], min_share: float) -> float:
    """Given how often each (rounded) pitch occurs at one size, return the line pitch.

    Paragraph and list spacing only ever add to the line pitch, so it is the smallest
    pitch seen often: at least ``min_share`` (``pitch_min_share``) as often as the most
    common pitch (which, in a document of many one-line paragraphs, is their spacing),
    and on at least ``min_share`` as many pages (``pages``: on how many pages each pitch
    occurs) as the most widespread one -- a contents page set tighter than the stories
    is not the stories' leading.
    """
    top = pitches.most_common(1)[0][1]
    widest = pages.most_common(1)[0][1]
    return min(p for p, n in pitches.items()
               if n >= min_share * top and pages[p] >= min_share * widest)


def tall_kinds(ln: Line) -> frozenset[str]:
    """Given a line, return what in it may make its line box taller: "cjk", "sup" (superscript)."""
    glyphs = ln.glyphs
    if "".join([g.text for g in glyphs]).isascii():  # ASCII is never CJK (the common case)
        return _SUP if any([g.superscript for g in glyphs]) else _NONE
    kinds = set()
    cjk = CJK.match  # is_cjk without a call per glyph
    for g in glyphs:
        if g.superscript:
            kinds.add("sup")
        elif not g.text.isascii() and cjk(g.text):  # skip the regex for ASCII
            kinds.add("cjk")
    return frozenset(kinds)


_SUP = frozenset({"sup"})
_NONE = frozenset[str]()


#: What may make a line taller (see :func:`tall_lines_push`).
TALL_KINDS = frozenset({"cjk", "sup"})


def _neighbours(
    lines: Sequence[Sequence[OrderedLine]], pitch: dict[float, float], params: LayoutParams
) -> Iterator[tuple[Line, Line, float, float]]:
    """Given ordered lines of every page and the usual pitches, yield neighbouring lines.

    Each line after the line before it in one column, page and size (within
    ``pitch_size_tolerance_pt``) comes as ``(before, line, size, extra)``: ``size`` is the
    rounded font size and ``extra`` the space beyond the usual pitch.
    """
    tol = params.pitch_size_tolerance_pt
    for page in lines:
        for (c0, a), (c1, b) in zip(page, page[1:]):
            if c0 != c1 or abs(a.size - b.size) > tol or a.page != b.page:
                continue
            size = round(a.size, 1)
            yield a, b, size, b.baseline - a.baseline - usual_pitch(pitch, a.size, params)


def _paragraph_gaps(
    pairs: Sequence[tuple[Line, Line, float, float]], params: LayoutParams,
    kinds: Callable[[Line], frozenset[str]] = tall_kinds,
) -> dict[float, list[float]]:
    """Given neighbouring lines (:func:`_neighbours`), return the usual gaps per font size.

    Those are the extra spaces (beyond the usual pitch, from ``paragraph_gap_em`` up to
    ``paragraph_gap_max_em``) seen often (at least ``usual_gap_min_count`` times, and at
    least ``pitch_min_share`` as often as the most common) between two lines of one size
    and column where neither holds anything that may make a line taller: space between
    paragraphs, between list items, after a heading. ``kinds`` is :func:`tall_kinds` (or
    a cache of it).
    """
    seen: dict[float, Counter[float]] = defaultdict(Counter)
    lo, hi = params.paragraph_gap_em, params.paragraph_gap_max_em
    for a, b, size, extra in pairs:
        if (lo * a.size < extra < hi * a.size
                and not kinds(a) and not kinds(b)):
            seen[size][round(extra, 1)] += 1
    out: dict[float, list[float]] = {}
    for size, c in seen.items():
        top = c.most_common(1)[0][1]
        least = max(params.usual_gap_min_count, params.pitch_min_share * top)
        out[size] = [g for g, n in c.items() if n >= least]
    return out


def tall_lines_push(
    lines: Sequence[Sequence[OrderedLine]], pitch: dict[float, float], *, params: LayoutParams
) -> frozenset[str]:
    """Given ordered lines of every page, return what makes a line taller in this document.

    Some producers make a line holding CJK text (LibreOffice) or a superscript (WeasyPrint)
    taller, pushing its baseline down; others keep a fixed leading. A line holding some of
    these kinds at exactly the usual pitch below the line before, or at the usual pitch
    plus exactly one of the document's usual gaps (:func:`_paragraph_gaps`, measured
    between plain lines), shows that none of them pushes: any one would have moved it
    further down (``pitch_match_em``, ``gap_match_pt``). Extra space above such a line is
    then paragraph spacing.
    """
    push = set(TALL_KINDS)
    pairs = list(_neighbours(lines, pitch, params))
    seen: dict[int, frozenset[str]] = {}  # tall_kinds by id() of the line (this call only)

    def kinds_of(ln: Line) -> frozenset[str]:
        found = seen.get(id(ln))
        if found is None:
            found = seen[id(ln)] = tall_kinds(ln)
        return found

    gaps = _paragraph_gaps(pairs, params, kinds_of)
    match_em, match_pt = params.pitch_match_em, params.gap_match_pt
    for a, b, size, extra in pairs:
        kinds = kinds_of(b)
        if kinds and (abs(extra) <= match_em * a.size
                      or any(abs(extra - g) <= match_pt for g in gaps.get(size, ()))):
            push -= kinds
    return frozenset(push)
