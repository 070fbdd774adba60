"""The reader's only contact with a PDF library: raw chars, fonts and links per page.

A backend turns PDF bytes into :class:`RawPage` objects, one page at a time, and translates
its library's exceptions into :mod:`newsextract.errors` classes itself (it is the only code
that knows which exceptions its library raises). Everything after this module works on the
plain data classes below and knows nothing of pdfplumber or pdfium.

Coordinates are PDF points with the origin at the top-left of the page (pdfplumber's
convention): ``top`` grows downwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

__all__ = [
    "Backend",
    "Box",
    "PageSource",
    "RawChar",
    "RawLink",
    "RawPage",
]

#: (x0, top, x1, bottom) in points, top-left origin.
Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class RawChar:
    """One glyph as the PDF draws it.

    ``baseline`` is the y of the glyph origin (top-left origin), which tells superscripts
    from normal text better than the box. ``bold``/``italic`` are the font descriptor's
    verdict where the backend knows it (``None`` where it does not); the reader falls back
    to the font name.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    fontname: str
    baseline: float
    upright: bool = True
    bold: bool | None = None
    italic: bool | None = None


@dataclass(frozen=True, slots=True)
class RawLink:
    """A link annotation: its target and the areas it covers.

    ``rects`` holds one box per QuadPoints quadrilateral when the annotation has them (a
    link whose rectangle spans two lines), otherwise the annotation's Rect. ``uri`` is None
    for internal (GoTo) links.
    """

    uri: str | None
    rects: tuple[Box, ...]


@dataclass(slots=True)
class RawPage:
    """Everything the reader needs from one page."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[RawChar] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    image_count: int = 0


class PageSource(Protocol):
    """An open document: a page count and an iterator of pages (each read once)."""

    @property
    def page_count(self) -> int:
        """Number of pages in the document."""
        ...

    def pages(self) -> Iterator[RawPage]:
        """Yield the pages in order; each page's resources are freed after it is yielded."""
        ...


class Backend(Protocol):
    """Opens PDF bytes. Raises only :class:`~newsextract.errors.NewsExtractError` subclasses."""

    name: str

    def open(
        self, data: bytes, display_name: str, password: str | None = None
    ) -> AbstractContextManager[PageSource]:
        """Open ``data`` (named ``display_name`` in errors) as a :class:`PageSource`."""
        ...
