"""Page tracking and read-back checks for the renderer's paragraphs.

Every text-bearing paragraph of a rendered issue is a :class:`TrackedParagraph`. When it (or
a part of it, after a page break) is drawn, it reports ``(tag, page)`` to a
:class:`Recorder`, which is how :func:`newsextract.testing.render.render_issue` learns real
page numbers, and checks with :func:`read_back` that its printed lines continue its source
text exactly (line breaks only at spaces, or inside a word marked with U+00AD).
"""

from __future__ import annotations

import copy
from typing import Any

from reportlab.platypus import Paragraph

__all__ = [
    "BREAK_MARK",
    "Cursor",
    "Recorder",
    "TrackedParagraph",
    "first_line_text",
    "last_line_room",
    "overflows",
    "read_back",
]


class Recorder:
    """What one pass learns while drawing: pages per tag, and lines that cannot be read back."""

    def __init__(self) -> None:
        self.pages: dict[str, set[int]] = {}
        self.problems: list[str] = []
        #: each paragraph part's drawn pieces in order: (page, free width in points after
        #: the piece's last line, the piece's first line)
        self.pieces: dict[str, list[tuple[int, float, str]]] = {}

    def seen(self, tag: str, page: int) -> None:
        """Note that something tagged ``tag`` was drawn on ``page``."""
        self.pages.setdefault(tag, set()).add(page)


def last_line_room(para: Any) -> float:
    """Return the free width (points) left on the last line of a wrapped Paragraph."""
    bl = getattr(para, "blPara", None)
    if bl is None or not bl.lines:
        return 0.0
    line = bl.lines[-1]
    return float(line[0] if isinstance(line, tuple) else line.extraSpace)


def first_line_text(para: Any) -> str:
    """Return the text of the first wrapped line of a Paragraph ("" when it has none)."""
    bl = getattr(para, "blPara", None)
    if bl is None or not bl.lines:
        return ""
    return " ".join(_line_text(bl, bl.lines[0]).split())


def overflows(para: Any) -> bool:
    """Return True when a wrapped Paragraph has a line wider than its width (a long word)."""
    bl = getattr(para, "blPara", None)
    if bl is None:
        return False
    for line in bl.lines:
        extra = line[0] if isinstance(line, tuple) else line.extraSpace
        if extra < -0.01:
            return True
    return False


#: Drawn in place of the hyphen reportlab adds when it breaks a word (U+00AD SOFT HYPHEN).
BREAK_MARK = "\xad"


class Cursor:
    """Reading position in a paragraph's plain text, shared by all parts of a split."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0


def _line_text(bl: Any, line: Any) -> str:
    if bl.kind == 0:
        return " ".join(str(w) for w in line[1])
    return "".join(str(getattr(w, "text", "") or "") for w in line.words)


def _mark_last_hyphen(bl: Any, line: Any) -> None:
    """Replace the hyphen reportlab appended to the line's last word by BREAK_MARK."""
    if bl.kind == 0:
        words = line[1]
        words[-1] = str(words[-1])[:-1] + BREAK_MARK
        return
    for w in reversed(line.words):
        text = str(getattr(w, "text", "") or "")
        core = text.rstrip()
        if core:
            if core.endswith("-"):
                w.text = core[:-1] + BREAK_MARK + text[len(core):]
            return


def read_back(para: Any, cur: Cursor) -> str | None:
    """Check the wrapped lines of ``para`` against the text it must print; mark breaks.

    Every line must continue the plain text at ``cur.pos`` (after one space): either
    verbatim, or a word head plus the hyphen reportlab adds when it hyphenates, which is
    swapped for :data:`BREAK_MARK`. Returns a problem description, or None.
    """
    bl = para.blPara
    text = cur.text
    for line in bl.lines:
        t = " ".join(_line_text(bl, line).split())
        if not t:
            continue
        pos = cur.pos
        if text.startswith(" ", pos):
            pos += 1
        if text.startswith(t, pos):
            cur.pos = pos + len(t)
        elif t.endswith("-") and text.startswith(t[:-1], pos):
            _mark_last_hyphen(bl, line)
            cur.pos = pos + len(t) - 1
        else:
            return f"printed line {t[:50]!r} does not continue {text[pos:pos + 50]!r}"
    return None


class TrackedParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph that reports its page when drawn and checks its own line breaks.

    Every part of a split paragraph reports ``(nx_tag, page)`` to ``nx_recorder`` and
    verifies its lines with :func:`read_back` (overflowing lines and lines that would not
    read back as the source text are recorded as problems). A paragraph with an
    ``nx_part`` (one comment paragraph, say) also reports that tag and the room left on its
    last line.
    """

    nx_tag: str | None = None
    nx_part: str | None = None
    nx_recorder: Recorder | None = None
    nx_cursor: Cursor | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """Split as reportlab does, handing tag, recorder and cursor on to both halves."""
        parts: list[Any] = super().split(availWidth, availHeight)
        for p in parts:
            if isinstance(p, TrackedParagraph):
                p.nx_tag, p.nx_part, p.nx_recorder, p.nx_cursor = (
                    self.nx_tag, self.nx_part, self.nx_recorder, self.nx_cursor,
                )
        return parts

    def deepcopy(self) -> TrackedParagraph:
        """Deep-copy for trial splits (reportlab's ``cdeepcopy``), sharing recorder and cursor.

        ``BalancedColumns`` splits copies to find its column heights; the parts it finally
        draws must still report to this pass's recorder and advance the one cursor.
        """
        memo: dict[int, Any] = {}
        for shared in (self.nx_recorder, self.nx_cursor):
            if shared is not None:
                memo[id(shared)] = shared
        return copy.deepcopy(self, memo)

    def draw(self) -> None:
        """Report the page, check the lines, then draw."""
        rec = self.nx_recorder
        if rec is not None:
            if self.nx_tag is not None:
                rec.seen(self.nx_tag, int(self.canv.getPageNumber()))
            if self.nx_part is not None:
                page = int(self.canv.getPageNumber())
                rec.seen(self.nx_part, page)
                rec.pieces.setdefault(self.nx_part, []).append(
                    (page, last_line_room(self), first_line_text(self)))
            if self.nx_cursor is None:
                self.nx_cursor = Cursor(" ".join(self.getPlainText().split()))
            problem = "a word is wider than the line" if overflows(self) else None
            problem = problem or read_back(self, self.nx_cursor)
            if problem:
                rec.problems.append(f"{problem} (in {self.nx_cursor.text[:60]!r})")
        super().draw()
