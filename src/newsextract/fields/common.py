"""Helpers shared by the field parsers: link slices and line texts of a block."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from newsextract.fields.diagnostics import Diagnostics, Path
from newsextract.models import Link
from newsextract.reader.types import Block
from newsextract.urls import MAX_URL_LENGTH, UnsafeURLError, URLTooLongError, clean_url

__all__ = ["BoldLine", "Join", "bold_lines", "links_in", "safe_url"]

#: Joins blocks into one as the reader does (:class:`~newsextract.reader.join.BlockJoiner`).
Join = Callable[[Sequence[Block]], Block]


def safe_url(url: str | None, diag: Diagnostics, page: int | None, *, at: Path) -> str | None:
    """Return ``url`` made safe (:func:`newsextract.urls.clean_url`), or warn and return None.

    A link over :data:`~newsextract.urls.MAX_URL_LENGTH` characters is dropped with
    ``link_too_long``, any other that no safe URL can be made of with ``unsafe_link``; the
    warning is about ``at`` and shows the target's first 60 characters (as ``repr``).
    """
    if url is None:
        return None
    try:
        return clean_url(url)
    except UnsafeURLError as exc:
        if isinstance(exc, URLTooLongError):
            diag.warn("link_too_long", f"dropped a link of {len(url)} characters (over the "
                      f"{MAX_URL_LENGTH} a URL may have, encoded): {url[:60]!r}", page, at=at)
        else:
            diag.warn("unsafe_link", f"dropped a link with an unsafe target {url[:60]!r}: "
                      f"{exc.reason}", page, at=at)
        return None


def links_in(block: Block, start: int, end: int, diag: Diagnostics, *, at: Path) -> list[Link]:
    """Return the links of ``block.text[start:end]`` (text clipped to the range, stripped).

    ``at`` is the value the links belong to (an unsafe link dropped is warned about there).
    """
    out: list[Link] = []
    for link in block.links():
        s, e = max(link.start, start), min(link.end, end)
        if s >= e:
            continue
        text = block.text[s:e].strip()
        safe = safe_url(link.url, diag, block.page, at=at)
        if text and safe is not None:
            out.append(Link(text=text, url=safe))
    return out


class BoldLine(NamedTuple):
    """A line's text (stripped) and whether all of it is bold."""

    text: str
    bold: bool


def bold_lines(block: Block) -> list[BoldLine]:
    """Return each non-empty line of the block with whether it is all bold."""
    bounds = [*block.line_starts, len(block.text)]
    out: list[BoldLine] = []
    for a, z in zip(bounds, bounds[1:]):
        text = block.text[a:z].strip()
        if text:
            bold = all(s.bold for s in block.spans if s.start < z and s.end > a
                       and block.text[max(s.start, a):min(s.end, z)].strip())
            out.append(BoldLine(text, bold))
    return out
