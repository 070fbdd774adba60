"""The reader's only contact with a PDF library: raw chars, fonts and links per page.

A backend turns PDF bytes into :class:`RawPage` objects, one page at a time, and translates
its library's exceptions into :mod:`newsextract.errors` classes itself (it is the only code
that knows which exceptions its library raises). Everything after this module works on the
plain data classes below and knows nothing of pdfplumber or pdfium.

Coordinates are PDF points with the origin at the top-left of the page (pdfplumber's
convention): ``top`` grows downwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, fields
from typing import Any, Final, Protocol

__all__ = [
    "Backend",
    "Box",
    "PageSource",
    "RawChar",
    "RawLink",
    "RawPage",
    "RawShape",
    "make_raw_char",
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


class _RawCharSlots:
    """RawChar's slots without RawChar's frozen ``__init__`` (see :func:`_raw_char_maker`)."""

    __slots__ = tuple(f.name for f in fields(RawChar))


def _raw_char_maker() -> Callable[..., RawChar]:
    """Return the fastest correct ``RawChar(text, x0, ..., bold, italic)`` (positional only).

    RawChar is frozen: its ``__init__`` sets each of the 11 fields through
    ``object.__setattr__``, ~1.7 µs a char, more than a backend's own work per char. An
    object of :class:`_RawCharSlots` (the same slots, plainly assignable) whose class is
    then set to RawChar is the same object in ~0.3 µs. Checked once against the real
    constructor; if RawChar ever stops being a plain slotted dataclass, that is returned.
    """
    new = object.__new__
    raw_char = RawChar

    def make(
        text: str, x0: float, top: float, x1: float, bottom: float, size: float,
        fontname: str, baseline: float, upright: bool = True, bold: bool | None = None,
        italic: bool | None = None,
    ) -> RawChar:
        c: Any = new(_RawCharSlots)
        c.text = text
        c.x0 = x0
        c.top = top
        c.x1 = x1
        c.bottom = bottom
        c.size = size
        c.fontname = fontname
        c.baseline = baseline
        c.upright = upright
        c.bold = bold
        c.italic = italic
        c.__class__ = raw_char
        made: RawChar = c
        return made

    sample = ("x", 1.0, 2.0, 3.0, 4.0, 5.0, "F", 6.0, False, True, None)
    try:
        made = make(*sample)
        sound = (
            type(made) is RawChar
            and made == RawChar(*sample)
            and _RawCharSlots.__slots__ == RawChar.__slots__
            and not hasattr(RawChar, "__post_init__")
        )
    except TypeError:  # pragma: no cover - only if RawChar changes shape
        sound = False
    return make if sound else RawChar


#: Builds a :class:`RawChar` from positional arguments, as the constructor does, faster.
make_raw_char: Final = _raw_char_maker()


@dataclass(frozen=True, slots=True)
class RawLink:
    """A link annotation: its target and the areas it covers.

    ``rects`` holds one box per QuadPoints quadrilateral when the annotation has them (a
    link whose rectangle spans two lines), otherwise the annotation's Rect. ``uri`` is None
    for internal (GoTo) links.
    """

    uri: str | None
    rects: tuple[Box, ...]


@dataclass(frozen=True, slots=True)
class RawShape:
    """A vector path the page draws (a rectangle, a rule, a curve), as its bounding box.

    ``box`` encloses the path's points (control points included, the line width not), in
    the page frame like a char's box. ``filled`` and ``stroked`` say how it is painted. A
    page's shapes tell what its text alone does not: a bullet drawn as a dot or a square, a
    rule, the axes and bars of a chart.
    """

    box: Box
    filled: bool
    stroked: bool


@dataclass(slots=True)
class RawPage:
    """Everything the reader needs from one page."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[RawChar] = field(default_factory=list)
    links: list[RawLink] = field(default_factory=list)
    image_count: int = 0
    shapes: list[RawShape] = field(default_factory=list)


class PageSource(Protocol):
    """An open document: a page count and an iterator of pages (each read once)."""

    @property
    def page_count(self) -> int:
        """Number of pages in the document."""
        ...

    def pages(self) -> Iterator[RawPage]:
        """Yield the pages in order; each page's resources are freed after it is yielded."""
        ...

    def release(self) -> None:
        """Drop what the library keeps for the pages read so far (fonts, parsed objects).

        Called between the issues of a bundle, so memory does not grow with the page
        count; :meth:`pages` carries on with the next page.
        """
        ...


class Backend(Protocol):
    """Opens PDF bytes. Raises only :class:`~newsextract.errors.NewsExtractError` subclasses."""

    name: str

    def open(
        self, data: bytes, display_name: str, password: str | None = None
    ) -> AbstractContextManager[PageSource]:
        """Open ``data`` (named ``display_name`` in errors) as a :class:`PageSource`."""
        ...
