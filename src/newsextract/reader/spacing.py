"""Line spacing: the usual pitch, and what makes a line taller in a document.

* :func:`typical_pitch` — given every page's ordered lines, return the usual baseline
  pitch per font size;
* :func:`tall_lines_push` — given those lines and pitches, return what (Chinese text, a
  superscript) pushes a line's baseline down in this document.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

import regex

from newsextract.reader.types import Line

__all__ = [
    "CJK",
    "GAP_MATCH_PT",
    "MAX_PUSH_EM",
    "PARAGRAPH_GAP_EM",
    "PITCH_MIN_SHARE",
    "TALL_KINDS",
    "tall_kinds",
    "tall_lines_push",
    "typical_pitch",
]

#: Baselines within a paragraph are regular to a tenth of a point; a pitch larger than the
#: usual one by this many ems (and at least a point) is paragraph spacing.
PARAGRAPH_GAP_EM = 0.12
#: The most a taller line box pushes a baseline down (ems): LibreOffice's CJK lines are
#: pushed by 0.2-0.4 em, and its paragraph spacing starts at 0.7 em.
MAX_PUSH_EM = 0.5
#: How close (points) the space above a tall line must come to the document's paragraph
#: gap to show that the line was not pushed down (LibreOffice pushes a 10 pt line holding
#: CJK by 3.3 pt where its paragraph gap is 3.0: the match must be tight).
GAP_MATCH_PT = 0.1
#: Chinese, Japanese and Korean script, CJK punctuation and full-width forms.
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")


def typical_pitch(lines: Sequence[Sequence[tuple[int, Line]]]) -> dict[float, float]:
    """Given ordered lines of every page, return the usual baseline pitch per font size."""
    seen: dict[float, Counter[float]] = defaultdict(Counter)
    for page in lines:
        for (c0, a), (c1, b) in zip(page, page[1:]):
            if c0 != c1 or abs(a.size - b.size) > 0.2:
                continue
            pitch = b.baseline - a.baseline
            if 0.9 * a.size <= pitch <= 2.5 * a.size:
                seen[round(a.size, 1)][round(pitch * 2) / 2] += 1
    return {size: _line_pitch(c) for size, c in seen.items()}


#: A pitch seen at least this share as often as the most common one may be the line pitch.
PITCH_MIN_SHARE = 0.25


def _line_pitch(pitches: Counter[float]) -> float:
    """Given how often each (rounded) pitch occurs at one size, return the line pitch.

    Paragraph and list spacing only ever add to the line pitch, so it is the smallest
    pitch seen often: at least :data:`PITCH_MIN_SHARE` as often as the most common pitch
    (which, in a document of many one-line paragraphs, is their spacing).
    """
    top = pitches.most_common(1)[0][1]
    return min(p for p, n in pitches.items() if n >= PITCH_MIN_SHARE * top)


def tall_kinds(ln: Line) -> frozenset[str]:
    """Given a line, return what in it may make its line box taller: "cjk", "sup" (superscript)."""
    kinds = set()
    for g in ln.glyphs:
        if g.superscript:
            kinds.add("sup")
        elif not g.text.isascii() and CJK.match(g.text):  # ASCII is never CJK: skip the regex
            kinds.add("cjk")
    return frozenset(kinds)


#: What may make a line taller (see :func:`tall_lines_push`).
TALL_KINDS = frozenset({"cjk", "sup"})


def _neighbours(
    lines: Sequence[Sequence[tuple[int, Line]]], pitch: dict[float, float]
) -> Iterator[tuple[Line, Line, float, float]]:
    """Given ordered lines of every page and the usual pitches, yield neighbouring lines.

    Each line after the line before it in one column, page and size comes as ``(before,
    line, size, extra)``: ``size`` is the rounded font size and ``extra`` the space
    beyond the usual pitch.
    """
    for page in lines:
        for (c0, a), (c1, b) in zip(page, page[1:]):
            if c0 != c1 or abs(a.size - b.size) > 0.2 or a.page != b.page:
                continue
            size = round(a.size, 1)
            yield a, b, size, b.baseline - a.baseline - pitch.get(size, 1.2 * a.size)


def _paragraph_gaps(
    pairs: Sequence[tuple[Line, Line, float, float]],
) -> dict[float, list[float]]:
    """Given neighbouring lines (:func:`_neighbours`), return the usual gaps per font size.

    Those are the extra spaces (beyond the usual pitch) seen often (at least twice, and at
    least :data:`PITCH_MIN_SHARE` as often as the most common) between two lines of one
    size and column where neither holds anything that may make a line taller: space
    between paragraphs, between list items, after a heading.
    """
    seen: dict[float, Counter[float]] = defaultdict(Counter)
    for a, b, size, extra in pairs:
        if (PARAGRAPH_GAP_EM * a.size < extra < 1.5 * a.size
                and not tall_kinds(a) and not tall_kinds(b)):
            seen[size][round(extra, 1)] += 1
    out: dict[float, list[float]] = {}
    for size, c in seen.items():
        top = c.most_common(1)[0][1]
        out[size] = [g for g, n in c.items() if n >= max(2, PITCH_MIN_SHARE * top)]
    return out


def tall_lines_push(
    lines: Sequence[Sequence[tuple[int, Line]]], pitch: dict[float, float]
) -> frozenset[str]:
    """Given ordered lines of every page, return what makes a line taller in this document.

    Some producers make a line holding CJK text (LibreOffice) or a superscript (WeasyPrint)
    taller, pushing its baseline down; others keep a fixed leading. A line holding some of
    these kinds at exactly the usual pitch below the line before, or at the usual pitch
    plus exactly one of the document's usual gaps (:func:`_paragraph_gaps`, measured
    between plain lines), shows that none of them pushes: any one would have moved it
    further down. Extra space above such a line is then paragraph spacing.
    """
    push = set(TALL_KINDS)
    pairs = list(_neighbours(lines, pitch))
    gaps = _paragraph_gaps(pairs)
    for a, b, size, extra in pairs:
        kinds = tall_kinds(b)
        if kinds and (abs(extra) <= 0.05 * a.size
                      or any(abs(extra - g) <= GAP_MATCH_PT for g in gaps.get(size, ()))):
            push -= kinds
    return frozenset(push)
