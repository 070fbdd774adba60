"""Joining text: lines into a block, and blocks into one block. The one way text is joined.

* :func:`join_lines` — given a paragraph's lines, return its block: each line's runs
  read, a leading bullet glyph removed, invisible soft hyphens dropped, and between two
  lines what the break stands for (:func:`_join_break`);
* :func:`join_blocks` — given blocks, return the joined block, deciding each break
  between them the same way. The reader joins a paragraph split by a page or column break
  with it, and the field parsers join a value that runs on into further blocks (a news
  item, a story's article line) with it too (:class:`BlockJoiner`).

What a break stands for: nothing after a soft hyphen (dropped) or between two CJK
characters; a line-end hyphen between letters is dropped, kept, or kept with a space after
it (a suspended compound, "medium- and") as
:func:`~newsextract.reader.hyphenation.line_end_hyphen` decides; nothing after a
"/" or a hyphen otherwise, or after an unspaced dash ("2024—"); a space elsewhere, styled
as both sides share (a link running on across the break stays one link).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, groupby

import regex

from newsextract.reader.hyphenation import (
    SOFT_HYPHEN,
    WORD,
    HyphenBreak,
    Lexicon,
    line_end_hyphen,
)
from newsextract.reader.params import LayoutParams
from newsextract.reader.script import is_cjk
from newsextract.reader.types import Block, Line, Span

__all__ = ["LOWER_START", "SOFT_HYPHEN", "BlockJoiner", "join_blocks", "join_lines"]

#: Text starting with a lower-case letter (a sentence going on).
LOWER_START = regex.compile(r"^\p{Ll}")

Attr = tuple[bool, bool, bool, str | None]  # bold, italic, superscript, link
_PLAIN: Attr = (False, False, False, None)


def join_lines(
    lines: list[Line], *, column: int, bullet: str | None, lexicon: Lexicon,
    params: LayoutParams,
) -> Block:
    """Given a paragraph's lines (at least one) in reading order, return its block.

    ``bullet`` is the bullet glyph opening the first line (removed from the text; a bullet
    drawn as a shape, :attr:`Line.drawn_bullet`, is no text to remove);
    ``column`` is the block's column index. A soft hyphen ending the last line shows as
    "-" and sets :attr:`Block.break_hyphen`.
    """
    chars: list[str] = []
    attrs: list[Attr] = []
    starts: list[int] = []
    for i, ln in enumerate(lines):
        line_chars: list[str] = []
        line_attrs: list[Attr] = []
        for r in ln.runs:
            a: Attr = (r.bold, r.italic, r.superscript, r.link)
            line_chars.extend(r.text)
            line_attrs.extend([a] * len(r.text))
        if (i == 0 and bullet is not None and not ln.drawn_bullet and line_chars
                and line_chars[0] == bullet):
            del line_chars[0], line_attrs[0]
        if lexicon.soft_hyphen_drawn and SOFT_HYPHEN in line_chars:
            # the document draws U+00AD as its hyphen glyph: an ordinary hyphen here
            line_chars = ["-" if ch == SOFT_HYPHEN else ch for ch in line_chars]
        # soft hyphens inside a line are invisible break opportunities
        if SOFT_HYPHEN in line_chars[:-1]:
            for k in range(len(line_chars) - 2, -1, -1):
                if line_chars[k] == SOFT_HYPHEN:
                    del line_chars[k], line_attrs[k]
        while line_chars and line_chars[0] == " ":
            del line_chars[0], line_attrs[0]
        while line_chars and line_chars[-1] == " ":
            del line_chars[-1], line_attrs[-1]
        if not line_chars:
            continue
        if chars:
            _join_break(chars, attrs, line_chars, line_attrs, lexicon, params)
        starts.append(len(chars))
        chars.extend(line_chars)
        attrs.extend(line_attrs)
    soft = bool(chars) and chars[-1] == SOFT_HYPHEN
    if soft:
        chars[-1] = "-"
    text, spans = _spans(chars, attrs)
    return Block(page=lines[0].page, lines=lines, text=text, spans=spans, line_starts=starts,
                 bullet=bullet, column=column, break_hyphen=soft)


def join_blocks(blocks: Sequence[Block], *, lexicon: Lexicon, params: LayoutParams) -> Block:
    """Given blocks (at least one) in reading order, return the joined block.

    The joined block keeps every block's lines (so each character keeps its page and box,
    and :attr:`Block.pages` spans all pages), their style spans and links, and line starts;
    page, column and bullet are the first block's. Each break between two blocks is
    decided as a break between two lines (:func:`_join_break`, the module docstring),
    looking at the text before it and the next block's first line. One block comes back
    as it is.
    """
    if not blocks:
        raise ValueError("join_blocks needs at least one block")
    first = blocks[0]
    if len(blocks) == 1:
        return first
    chars: list[str] = []
    attrs: list[Attr] = []
    starts: list[int] = []
    soft = False
    for b in blocks:
        b_chars = list(b.text)
        if not b_chars:
            continue
        b_attrs = _attrs(b)
        b_starts = b.line_starts or [0]
        if chars:
            if soft:
                chars[-1] = SOFT_HYPHEN  # the break the PDF marked: dropped below
            end = b_starts[1] if len(b_starts) > 1 else len(b_chars)
            _join_break(chars, attrs, b_chars[:end], b_attrs[:end], lexicon, params)
        offset = len(chars)
        starts.extend(offset + s for s in b_starts)
        chars.extend(b_chars)
        attrs.extend(b_attrs)
        soft = b.break_hyphen
    text, spans = _spans(chars, attrs)
    return Block(page=first.page, lines=[ln for b in blocks for ln in b.lines], text=text,
                 spans=spans, line_starts=starts, bullet=first.bullet, column=first.column,
                 break_hyphen=soft)


@dataclass(frozen=True, slots=True)
class BlockJoiner:
    """:func:`join_blocks` with a document's lexicon and thresholds, for the field parsers.

    Called with blocks, returns the joined block exactly as the reader joins a paragraph
    over a page break.
    """

    lexicon: Lexicon
    params: LayoutParams

    def __call__(self, blocks: Sequence[Block]) -> Block:
        """Return the blocks joined into one (see :func:`join_blocks`)."""
        return join_blocks(blocks, lexicon=self.lexicon, params=self.params)


def _attrs(block: Block) -> list[Attr]:
    """Return the style and link of each character of ``block.text``, from its spans."""
    out = [_PLAIN] * len(block.text)
    for s in block.spans:
        out[s.start:s.end] = [(s.bold, s.italic, s.superscript, s.link)] * (s.end - s.start)
    return out[:len(block.text)]


def _join_break(chars: list[str], attrs: list[Attr], nxt: list[str], nxt_attrs: list[Attr],
                lexicon: Lexicon, params: LayoutParams) -> None:
    """Append what goes between the text so far and the next line (in place).

    The words beside a line-end hyphen are looked for within ``hyphen_context_chars``.
    """
    last = chars[-1]
    first = nxt[0]
    if last == SOFT_HYPHEN:
        chars.pop()
        attrs.pop()
        return
    if last in "-‐" and len(chars) > 1 and chars[-2].isalpha() and LOWER_START.match(first):
        reach = params.hyphen_context_chars
        left_m = WORD.search("".join(chars[-reach:-1])[::-1])
        left = left_m.group(0)[::-1] if left_m else ""
        right_m = WORD.match("".join(nxt[:reach]))
        right = right_m.group(0) if right_m else ""
        verdict = line_end_hyphen(left, right, last, lexicon, params=params)
        if verdict is HyphenBreak.DROP:
            chars.pop()
            attrs.pop()
        elif verdict is HyphenBreak.KEEP_SPACED:  # "medium-" / "and long-term"
            _space(chars, attrs, nxt_attrs)
        return
    if last in "-‐/" or (is_cjk(last) and is_cjk(first)):
        return
    if last in "—–" and len(chars) > 1 and chars[-2] != " " and not _opens(chars[-2]):
        return  # an unspaced dash ("2024—2026") stays unspaced across the break
    _space(chars, attrs, nxt_attrs)


def _space(chars: list[str], attrs: list[Attr], nxt_attrs: list[Attr]) -> None:
    """Append the space a line break stands for, styled as both sides share (in place)."""
    a, b = attrs[-1], nxt_attrs[0]
    chars.append(" ")
    attrs.append((a[0] and b[0], a[1] and b[1], False, a[3] if a[3] == b[3] else None))


def _opens(ch: str) -> bool:
    """Say whether ``ch`` is an opening bracket or quote.

    A dash after one ("(–") opens an aside instead of joining two words, so a line break
    after it stands for a space.
    """
    return unicodedata.category(ch) in ("Ps", "Pi")


def _spans(chars: list[str], attrs: list[Attr]) -> tuple[str, list[Span]]:
    """Collapse runs of spaces and cut the per-character attributes into spans."""
    text = "".join(chars)
    if "  " in text:  # keep the first space of each run of spaces
        keep = [ch != " " or prev != " " for prev, ch in zip(["", *chars], chars)]
        chars = list(compress(chars, keep))
        attrs = list(compress(attrs, keep))
        text = "".join(chars)
    spans: list[Span] = []
    start = 0
    for a, same in groupby(attrs):
        end = start + len(list(same))
        spans.append(Span(start, end, a[0], a[1], a[2], a[3]))
        start = end
    return text, spans
