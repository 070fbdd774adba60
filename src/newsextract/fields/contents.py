"""Contents zone to entries: title, page number and level per printed line group.

An entry may wrap over several lines; it ends at the line that carries the dot leaders and
the page number, or at a line ending in a bare number unless the next line continues its
title (indented further, like a wrapped title with a hanging indent). Level 2 entries are
indented (or numbered) relative to level 1.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationError

from newsextract.fields.diagnostics import Diagnostics
from newsextract.models import ContentsEntry
from newsextract.reader.types import Block
from newsextract.vocabulary import CONTENTS_ENTRY, STORY_TITLE, Vocabulary, default_vocabulary

__all__ = ["parse_contents"]


def _title_goes_on(rows: list[tuple[str, float, bool]], k: int, entry_x: float) -> bool:
    """Return True when row ``k``, ending in a bare number ("... top 10"), is not an entry.

    Its title goes on when the next row is indented past the entry's first line (a wrapped
    title's hanging indent) and opens no numbered entry.
    """
    if k + 1 >= len(rows):
        return False
    text, x0, _bold = rows[k + 1]
    return x0 > entry_x + 1.0 and not STORY_TITLE.match(text)


def parse_contents(
    blocks: list[Block], diag: Diagnostics, vocab: Vocabulary | None = None
) -> list[ContentsEntry]:
    """Given the contents zone (heading included), return its entries in order.

    ``vocab`` spells the contents heading (default: the first built-in profile's).
    """
    vocab = vocab or default_vocabulary()
    rows: list[tuple[str, float, bool]] = []  # text, x0, bold
    for b in blocks:
        heading = vocab.heading(b.text)
        if heading and heading.heading.key == "contents":
            continue
        bounds = [*b.line_starts, len(b.text)]
        for ln, (a, z) in zip(b.lines, zip(bounds, bounds[1:])):
            text = b.text[a:z].strip()
            if text:
                bold = all(s.bold for s in b.spans if s.start < z and s.end > a
                           and b.text[max(s.start, a):min(s.end, z)].strip())
                rows.append((text, ln.x0, bold))
    if not rows:
        diag.warn("missing_field", "contents page not found or empty", None, at=("contents",))
        return []
    left = min(x for _t, x, _b in rows)
    entries: list[ContentsEntry] = []
    pending: list[str] = []
    pending_x: float | None = None
    for k, (text, x0, _bold) in enumerate(rows):
        if pending_x is None:
            pending_x = x0
        m = CONTENTS_ENTRY.match(text)
        if not m or (not m.group("page") and _title_goes_on(rows, k, pending_x)):
            pending.append(text)
            continue
        title = m.group("title") if m.group("title") is not None else m.group("title2")
        page = m.group("page") or m.group("page2")
        full = " ".join([*pending, title]).strip()
        numbered = STORY_TITLE.match(full)
        level: Literal[1, 2] = 2 if (pending_x > left + 4.0 or numbered) else 1
        if numbered:
            full = numbered.group("title").strip()
        if full:
            try:
                entries.append(ContentsEntry(title=full, page=int(page), level=level))
            except ValidationError as exc:  # page 0, say: the models decide what is valid
                diag.warn("invalid_value",
                          f"contents entry {full[:40]!r} dropped: {exc.errors()[0]['msg']}",
                          blocks[0].page, at=("contents",))
        pending, pending_x = [], None
    if pending:
        diag.warn("unexpected_block", f"contents line without page number: {' '.join(pending)!r}",
                  blocks[0].page, at=("contents",))
    return entries
