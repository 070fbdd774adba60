"""The layout-aware reader: PDF bytes to blocks of styled text. Knows nothing about newsletters.

Given PDF bytes and a backend, :func:`read_document` returns a :class:`Document`: every
page's chars read once, cleaned into glyphs, grouped into lines, running headers and footers
removed, lines put in reading order and joined into blocks with style spans and links.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field

from newsextract.backends import BACKENDS, DEFAULT_BACKEND
from newsextract.errors import MalformedPDFError, NoTextLayerError
from newsextract.reader.backend import Backend, RawChar, RawLink, RawPage, RawShape
from newsextract.reader.bullets import mark_drawn_bullets
from newsextract.reader.figures import figure_extents
from newsextract.reader.glyphs import GlyphStats, attach_links, raw_to_glyphs, remove_overprint
from newsextract.reader.gutters import Gutter
from newsextract.reader.hyphenation import Lexicon
from newsextract.reader.join import BlockJoiner, join_blocks
from newsextract.reader.layout import (
    lines_to_blocks,
    merge_page_breaks,
    order_lines,
    text_frame_right,
)
from newsextract.reader.lines import PageRows, glyphs_to_lines
from newsextract.reader.params import DEFAULT_PARAMS, LayoutParams
from newsextract.reader.plumber import PdfplumberBackend
from newsextract.reader.running import find_running_lines
from newsextract.reader.spacing import body_size, tall_lines_push, typical_pitch
from newsextract.reader.types import (
    Block,
    Document,
    Glyph,
    Line,
    LinkSpan,
    OrderedLine,
    PageSize,
    ReaderNote,
    Run,
    Shape,
    Span,
)

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "Backend",
    "Block",
    "BlockJoiner",
    "Document",
    "Glyph",
    "LayoutParams",
    "Line",
    "LinkSpan",
    "OpensDocument",
    "OrderedLine",
    "PageSize",
    "RawChar",
    "RawLink",
    "RawPage",
    "RawShape",
    "Run",
    "Shape",
    "Span",
    "get_backend",
    "join_blocks",
    "on_page",
    "page_lines",
    "page_shapes",
    "read_document",
    "read_documents",
]



def get_backend(name: str) -> Backend:
    """Return a new backend instance by name (see :data:`BACKENDS`)."""
    if name == "pdfplumber":
        return PdfplumberBackend()
    if name == "pdfium":
        from newsextract.reader.pdfium import PdfiumBackend

        backend: Backend = PdfiumBackend()
        return backend
    raise ValueError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")


def on_page(
    chars: list[RawChar], width: float, height: float, *, params: LayoutParams
) -> list[RawChar]:
    """Given a page's chars, return those drawn on the page at a sane size.

    Glyphs far off the page (``off_page_share``) or of absurd size (damaged or hostile
    files) carry no text a reader sees, and would stretch every geometric search over the
    page. Page sides are taken between ``min_page_side_pt`` and ``max_page_side_pt``.
    """
    lo, hi = params.min_page_side_pt, params.max_page_side_pt
    w = min(max(width, lo), hi)
    h = min(max(height, lo), hi)
    off = params.off_page_share
    x_lo, x_hi, y_lo, y_hi = -w * off, w * (1 + off), -h * off, h * (1 + off)
    return [
        c
        for c in chars
        if x_lo <= c.x0 <= x_hi
        and y_lo <= c.top <= y_hi
        and c.x1 - c.x0 <= w
        and 0 < c.size <= h
    ]


def page_shapes(raw: RawPage, *, params: LayoutParams) -> list[Shape]:
    """Given one raw page, return its drawn shapes that lie on the page.

    As :func:`on_page` keeps glyphs; at most ``max_shapes_per_page`` of them, the first drawn.
    """
    lo, hi = params.min_page_side_pt, params.max_page_side_pt
    w = min(max(raw.width, lo), hi)
    h = min(max(raw.height, lo), hi)
    off = params.off_page_share
    x_lo, x_hi, y_lo, y_hi = -w * off, w * (1 + off), -h * off, h * (1 + off)
    out: list[Shape] = []
    for s in raw.shapes:
        x0, top, x1, bottom = s.box
        if x_lo <= x0 <= x1 <= x_hi and y_lo <= top <= bottom <= y_hi:
            out.append(Shape(raw.number, s.box, s.filled, s.stroked))
            if len(out) >= params.max_shapes_per_page:
                break
    return out


def page_lines(
    page: RawPage, stats: GlyphStats, hints: Sequence[float] = (),
    found: list[Gutter] | None = None, *, params: LayoutParams, rows_out: PageRows | None = None,
) -> list[Line]:
    """Given one raw page, return its lines (glyphs cleaned, links attached).

    ``hints``, ``found`` and ``rows_out`` are passed on to :func:`glyphs_to_lines` (gutter
    positions of the page before; the gutters this page's lines were cut at; its rows).
    """
    chars = on_page(page.chars, page.width, page.height, params=params)
    glyphs: list[Glyph] = raw_to_glyphs(chars, stats)
    glyphs = remove_overprint(glyphs, stats, params=params)
    attach_links(glyphs, page.links, params=params)
    return glyphs_to_lines(glyphs, page.number, hints, found, params=params,
                           rows_out=rows_out)


#: Called with the lines of the first pages; may raise to stop reading early.
EarlyCheck = Callable[[Sequence[Sequence[Line]]], None]

#: Called with every page's lines and size, in page order; True when that page opens a new
#: document (the next issue of a bundle). The caller decides what opens one.
OpensDocument = Callable[[Sequence[Line], PageSize], bool]

#: How many pages with text :func:`read_document`'s early check sees by default (not a
#: layout decision: the caller's check decides what those pages show).
EARLY_PAGES = 3


def read_document(
    data: bytes,
    display_name: str,
    backend: Backend | None = None,
    password: str | None = None,
    *,
    early_check: EarlyCheck | None = None,
    early_pages: int = EARLY_PAGES,
    params: LayoutParams = DEFAULT_PARAMS,
) -> Document:
    """Given PDF bytes, return the document's blocks in reading order.

    ``params`` holds every threshold the reader decides with (:class:`LayoutParams`,
    the defaults unless given); each step below receives it. ``early_check`` (if given)
    sees the lines of the first ``early_pages`` pages that have text and may raise to
    abandon a document that is clearly of the wrong kind, so a 500-page report is not read
    to the end. Raises
    :class:`~newsextract.errors.NoTextLayerError` when no page has any text,
    :class:`~newsextract.errors.MalformedPDFError` when the page tree holds no page (empty
    or cyclic: pdfminer skips a cycle, pdfium fails to load its page), and whatever typed
    error the backend raises for unreadable input.
    """
    parts = read_documents(data, display_name, backend, password, early_check=early_check,
                           early_pages=early_pages, params=params)
    return next(iter(parts))


@dataclass(slots=True)
class _Part:
    """The pages read so far of one document (one issue of a bundle)."""

    first_page: int
    pages: list[list[Line]] = field(default_factory=list)
    gutters: list[list[Gutter]] = field(default_factory=list)  # per page, cut at
    sizes: list[PageSize] = field(default_factory=list)
    notes: list[ReaderNote] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    by_page: list[list[Shape]] = field(default_factory=list)  # the shapes of each page
    images: int = 0


def read_documents(
    data: bytes,
    display_name: str,
    backend: Backend | None = None,
    password: str | None = None,
    *,
    opens_document: OpensDocument | None = None,
    early_check: EarlyCheck | None = None,
    early_pages: int = EARLY_PAGES,
    params: LayoutParams = DEFAULT_PARAMS,
) -> Generator[Document, None, None]:
    """Given PDF bytes, yield its documents in page order: one, or one per part of a bundle.

    Each page is read once and released before the next; a page for which
    ``opens_document`` returns True (once the current document has text) ends the current
    document, which is finished (running lines, reading order, blocks, as
    :func:`read_document` does) and yielded before the next page is read, so only one
    document's lines are held at a time. Each :class:`Document` has its
    ``first_page``/``last_page`` in the PDF; pages keep their numbers in the PDF.
    ``early_check`` sees the first document's first pages (see :func:`read_document`).
    """
    checked = early_check is None
    backend = backend or PdfplumberBackend()
    with backend.open(data, display_name, password) as source:
        page_count = source.page_count
        if page_count == 0:  # an empty page tree, or one whose every branch is a cycle
            raise MalformedPDFError(
                display_name, "the PDF is damaged and cannot be read (its page tree holds "
                "no page: empty, or every branch leads back to itself)"
            )
        part = _Part(first_page=1)
        prev_raw: RawPage | None = None
        prev_rows = PageRows()  # prev_raw's rows, when its lines were cut at no gutter
        for raw in source.pages():
            stats = GlyphStats()
            # the page before's gutters: a column's last lines on a page of their own
            hints = [g.x for g in part.gutters[-1]] if part.gutters else []
            found: list[Gutter] = []
            rows = PageRows()
            lines = page_lines(raw, stats, hints, found, params=params, rows_out=rows)
            size = PageSize(raw.width, raw.height)
            if opens_document is not None and opens_document(lines, size) and any(part.pages):
                yield _finish(part, display_name, page_count, raw.number - 1, params)
                part, prev_raw = _Part(first_page=raw.number), None
                source.release()
                if hints:  # read again without the last issue's gutters
                    stats, found, rows = GlyphStats(), [], PageRows()
                    lines = page_lines(raw, stats, (), found, params=params, rows_out=rows)
            part.pages.append(lines)
            part.gutters.append(found)
            back = [g.x for g in found]
            # read again only where the hints open a gutter (the rows tell without reading)
            if found and prev_raw is not None and not part.gutters[-2] and prev_rows.hinted(
                    back, params=params):
                # and back: a section's first rows at the foot of the page before
                redo: list[Gutter] = []
                again = page_lines(prev_raw, GlyphStats(), back, redo, params=params)
                if redo:
                    part.pages[-2], part.gutters[-2] = again, redo
            prev_raw, prev_rows = raw, rows
            part.sizes.append(size)
            part.by_page.append(page_shapes(raw, params=params))
            part.shapes.extend(part.by_page[-1])
            if not checked and early_check is not None:
                with_text = [page for page in part.pages if page]
                if len(with_text) >= early_pages:
                    early_check(with_text)
                    checked = True
            part.images += raw.image_count
            if stats.unmapped:
                part.notes.append(
                    ReaderNote(
                        "unmapped_glyphs",
                        f"{stats.unmapped} glyph(s) without a Unicode mapping were dropped",
                        raw.number,
                    )
                )
            if stats.bidi_removed:
                part.notes.append(
                    ReaderNote(
                        "bidi_control_removed",
                        f"{stats.bidi_removed} bidirectional control character(s) (U+202A-"
                        "U+202E, U+2066-U+2069, LRM, RLM, ALM) were removed from the text",
                        raw.number,
                    )
                )
            del raw, lines
        last = part.first_page + len(part.pages) - 1
    yield _finish(part, display_name, page_count, last, params)


def _finish(
    part: _Part, display_name: str, page_count: int, last_page: int, params: LayoutParams
) -> Document:
    """Given one document's pages of lines, return it as blocks in reading order."""
    pages, gutters = part.pages, part.gutters
    if not any(pages):
        what = "only images (a scan without OCR?)" if part.images else "no text at all"
        raise NoTextLayerError(
            display_name, f"no extractable text on any of {page_count} page(s): it has {what}"
        )
    heights = [size.height for size in part.sizes]
    running = find_running_lines(pages, heights, params=params)
    removed = [ln for lines in pages for ln in lines if id(ln) in running]
    kept = [[ln for ln in lines if id(ln) not in running] for lines in pages]
    for lines, drawn in zip(kept, part.by_page):
        mark_drawn_bullets(lines, drawn, params=params)
    body = body_size((ln for lines in kept for ln in lines), params=params)
    ordered = [order_lines(lines, hints=[g.x for g in cut], params=params,
                           figures=figure_extents(drawn, lines, body, params=params))
               for lines, cut, drawn in zip(kept, gutters, part.by_page)]
    lexicon = Lexicon(ln.text for page in ordered for _col, ln in page)
    pitch = typical_pitch(ordered, params=params)
    tall_push = tall_lines_push(ordered, pitch, params=params)
    blocks: list[Block] = []
    frame_right = text_frame_right(ordered)
    for page in ordered:
        blocks.extend(lines_to_blocks(page, pitch, lexicon, tall_push, frame_right,
                                      params=params))
    blocks = merge_page_breaks(blocks, lexicon, heights, params=params)
    return Document(
        name=display_name,
        page_count=page_count,
        page_sizes=part.sizes,
        blocks=blocks,
        removed=removed,
        notes=part.notes,
        params=params,
        lexicon=lexicon,
        shapes=part.shapes,
        first_page=part.first_page,
        last_page=max(last_page, part.first_page),
    )
