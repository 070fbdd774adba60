"""The pdfplumber backend: pdfminer's chars and pdfplumber's annots, each page read once.

Given PDF bytes, return :class:`~newsextract.reader.backend.RawPage` objects. pdfminer's many
exception types (and pdfplumber's empty-message ``PdfminerException`` wrapper) are translated
here into :mod:`newsextract.errors` classes.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final

from newsextract.errors import EncryptedPDFError, MalformedPDFError, NewsExtractError
from newsextract.reader.backend import Box, RawChar, RawLink, RawPage, RawShape, make_raw_char

__all__ = ["PdfplumberBackend", "classify_open_error"]

_log = logging.getLogger(__name__)
# pdfminer and pdfplumber log font, xref and metadata complaints at WARNING; with no
# handler configured anywhere,
# Python's last-resort handler would print them to stderr. A NullHandler on pdfminer's
# logger stops that printing and still lets an application's own handlers receive them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
logging.getLogger("pdfplumber").addHandler(logging.NullHandler())


def _unwrap(exc: BaseException) -> BaseException:
    """Return the innermost meaningful exception of pdfplumber's wrapper chain."""
    seen = 0
    while seen < 8:
        seen += 1
        if type(exc).__name__ == "PdfminerException" and exc.args:
            inner = exc.args[0]
            if isinstance(inner, BaseException):
                exc = inner
                continue
        break
    return exc


def classify_open_error(exc: BaseException, display_name: str) -> NewsExtractError:
    """Given an exception raised while opening or reading a PDF, return our typed error."""
    inner = _unwrap(exc)
    kind = type(inner).__name__
    text = str(inner) or kind
    if kind in {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"}:
        return EncryptedPDFError(
            display_name, f"the PDF is encrypted and could not be opened ({text}); "
            "pass the password if you have it"
        )
    if "encrypt" in text.lower() or "password" in text.lower():
        return EncryptedPDFError(display_name, f"the PDF is encrypted ({text})")
    if isinstance(inner, RecursionError):
        text = "object structure nests too deeply"
    return MalformedPDFError(
        display_name, f"the PDF is damaged and cannot be read ({kind}: {text})"
    )


def _decode(v: object) -> str | None:
    if isinstance(v, bytes):
        for enc in ("utf-8", "utf-16", "latin-1"):
            try:
                return v.decode(enc)
            except UnicodeDecodeError:
                continue
    return v if isinstance(v, str) else None


def _quad_rects(quads: object, page_height: float) -> tuple[Box, ...]:
    """Given a QuadPoints array (PDF space), return one top-left-origin box per quad."""
    if not isinstance(quads, list | tuple) or len(quads) < 8:
        return ()
    try:
        nums = [float(q) for q in quads]
    except (TypeError, ValueError):
        return ()
    out: list[Box] = []
    for i in range(0, len(nums) - 7, 8):
        xs = nums[i : i + 8 : 2]
        ys = nums[i + 1 : i + 8 : 2]
        out.append((min(xs), page_height - max(ys), max(xs), page_height - min(ys)))
    return tuple(out)


def _links(annots: list[Mapping[str, Any]], page_height: float) -> list[RawLink]:
    links: list[RawLink] = []
    for a in annots:
        data = a.get("data")
        uri: str | None = None
        if isinstance(data, Mapping):
            if data.get("Subtype") is not None and "Link" not in str(data.get("Subtype")):
                continue
            action = data.get("A")
            if isinstance(action, Mapping):
                uri = _decode(action.get("URI"))
                if uri is None and action.get("S") is not None and "URI" not in str(
                    action.get("S")
                ):
                    # GoTo / Launch / JavaScript actions: keep the scheme visible for the
                    # safety filter when there is a target string.
                    js = _decode(action.get("JS"))
                    uri = f"javascript:{js}" if js is not None else None
        if uri is None:
            uri = _decode(a.get("uri"))
        rects: tuple[Box, ...] = ()
        if isinstance(data, Mapping):
            rects = _quad_rects(data.get("QuadPoints"), page_height)
        if not rects:
            rects = ((float(a["x0"]), float(a["top"]), float(a["x1"]), float(a["bottom"])),)
        links.append(RawLink(uri=uri, rects=rects))
    return links


#: The most char codes the width tables of one CID font (/W, /W2) may span: CIDs are 16-bit
#: numbers, so a wider range is damage, and pdfminer would expand it one code at a time (a
#: mutated "0 99999999 1000" takes minutes and gigabytes). Not a layout threshold.
MAX_WIDTH_CODES: Final = 65_536

#: How deep form XObjects nested in a page's resources are searched for fonts.
_MAX_FORM_DEPTH: Final = 8


class FontTableError(ValueError):
    """A font's width table spans more char codes than any font has (a damaged PDF)."""


def _width_codes(table: object, group: int) -> int:
    """Given a CID font's /W (``group`` 3) or /W2 (``group`` 5) array, return the codes it spans.

    ``c [w ...]`` spans the list's length (/W2: a third of it), ``c1 c2 w`` (/W2:
    ``c1 c2 w vx vy``) spans c2 - c1 + 1; values that are no finite numbers span nothing
    (pdfminer skips them too), an impossible range spans more than :data:`MAX_WIDTH_CODES`.
    """
    from pdfminer.pdftypes import resolve1

    items = resolve1(table)
    if not isinstance(items, list):
        return 0
    total, run = 0, list[float]()
    for item in items:
        value = resolve1(item)
        if isinstance(value, list):
            if run:
                total += len(value) if group == 3 else len(value) // 3
            run = []
        elif isinstance(value, int | float) and not isinstance(value, bool):
            run.append(value)
            if len(run) == group:
                first, last = run[0], run[1]
                span = last - first + 1
                if span != span or span > MAX_WIDTH_CODES:  # NaN or beyond 16 bits
                    return MAX_WIDTH_CODES + 1
                total += max(int(span), 0)
                run = []
    return total


def _check_width_tables(resources: object, depth: int = 0, seen: set[int] | None = None) -> None:
    """Raise :class:`FontTableError` where a CID font's width tables span too many codes.

    The fonts of ``resources`` and of the forms in them (to ``_MAX_FORM_DEPTH``); too many
    is more than :data:`MAX_WIDTH_CODES`. Checked before pdfminer lays out a page, which
    would expand them code by code.
    """
    from pdfminer.pdftypes import PDFStream, resolve1

    res = resolve1(resources)
    if not isinstance(res, dict) or depth > _MAX_FORM_DEPTH:
        return
    seen = set() if seen is None else seen
    fonts = resolve1(res.get("Font"))
    for ref in fonts.values() if isinstance(fonts, dict) else ():
        font = resolve1(ref)
        kids = resolve1(font.get("DescendantFonts")) if isinstance(font, dict) else None
        for kid in kids if isinstance(kids, list) else ():
            desc = resolve1(kid)
            if not isinstance(desc, dict):
                continue
            for key, group in (("W", 3), ("W2", 5)):
                codes = _width_codes(desc.get(key), group)
                if codes > MAX_WIDTH_CODES:
                    raise FontTableError(
                        f"a font's width table (/{key}) spans more than {MAX_WIDTH_CODES} "
                        "char codes")
    forms = resolve1(res.get("XObject"))
    for ref in forms.values() if isinstance(forms, dict) else ():
        form = resolve1(ref)
        if isinstance(form, PDFStream) and id(form) not in seen:
            seen.add(id(form))
            _check_width_tables(form.attrs.get("Resources"), depth + 1, seen)


def _layout_chars(page: Any) -> tuple[list[RawChar], list[RawShape], int]:
    """Given a pdfplumber page, return its chars, shapes and image count from pdfminer.

    This reads pdfminer's ``LTChar`` objects directly instead of ``page.chars``: the same
    glyphs with the same coordinates (pdfplumber's top-left conversion, MediaBox offset
    included), without pdfplumber turning every attribute of every char into a dict,
    which is two thirds of the cost of ``page.chars``. Paths (``LTCurve``, and its
    ``LTRect`` and ``LTLine``) become :class:`RawShape` boxes in the same frame. Raises
    :class:`FontTableError` before pdfminer expands an impossible font width table.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage

    _check_width_tables(page.page_obj.resources)
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    out: list[RawChar] = []
    append = out.append
    make = make_raw_char
    images = 0
    shapes: list[RawShape] = []
    stack = [iter(page.layout._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTChar):
            x0, y0, x1, y1 = obj.bbox
            fontname = obj.fontname
            if isinstance(fontname, bytes):
                fontname = fontname.decode("latin-1")
            append(
                make(  # RawChar(text, x0, top, x1, bottom, size, fontname, baseline, upright)
                    obj.get_text(),
                    x0 + mb_x0,
                    height - y1 + mb_top,
                    x1 + mb_x0,
                    height - y0 + mb_top,
                    obj.size,
                    str(fontname),
                    height - obj.matrix[5] + mb_top,
                    bool(obj.upright),
                )
            )
        elif isinstance(obj, LTCurve):
            x0, y0, x1, y1 = obj.bbox
            shapes.append(RawShape(
                (x0 + mb_x0, height - y1 + mb_top, x1 + mb_x0, height - y0 + mb_top),
                bool(obj.fill), bool(obj.stroke),
            ))
        elif isinstance(obj, LTImage):
            images += 1
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
    return out, shapes, images


class _PlumberSource:
    def __init__(self, pdf: Any, display_name: str) -> None:
        self._pdf = pdf
        self._name = display_name

    @property
    def page_count(self) -> int:
        return len(self._pdf.pages)

    def release(self) -> None:
        """Empty pdfminer's document-wide caches: parsed fonts and resolved objects.

        Each page is closed (its cache flushed) once read, but pdfminer keeps every font
        and object it resolved for the document; they are parsed again if a later page
        needs them. (Private attributes of pdfminer, so each is looked up first.)
        """
        pdf = self._pdf
        for holder, name in ((getattr(pdf, "rsrcmgr", None), "_cached_fonts"),
                             (getattr(pdf, "doc", None), "_cached_objs"),
                             (getattr(pdf, "doc", None), "_parsed_objs")):
            cache = getattr(holder, name, None)
            if isinstance(cache, dict):
                cache.clear()

    def pages(self) -> Iterator[RawPage]:
        """Yield the pages in order; each page is closed once the next is asked for."""
        for index, page in enumerate(self._pdf.pages, start=1):
            try:
                try:
                    width, height = float(page.width), float(page.height)
                    chars, shapes, images = _layout_chars(page)
                    try:
                        links = _links(page.annots, height)
                    except Exception as exc:  # a broken annotation must not lose the text
                        _log.debug("annotations unreadable on page %d: %r", index, exc)
                        links = []
                    yield RawPage(index, width, height, chars, links, images, shapes)
                except NewsExtractError:
                    raise
                except (Exception, RecursionError) as exc:
                    raise classify_open_error(exc, self._name) from exc
            finally:
                try:
                    page.close()
                except Exception:  # pragma: no cover - closing must never mask the result
                    _log.debug("page.close failed", exc_info=True)


class PdfplumberBackend:
    """Read pages with pdfplumber (pdfminer.six underneath)."""

    name = "pdfplumber"

    @contextmanager
    def open(
        self, data: bytes, display_name: str, password: str | None = None
    ) -> Iterator[_PlumberSource]:
        """Open ``data`` and yield a page source; every failure becomes a typed error."""
        import pdfplumber

        try:
            pdf = pdfplumber.open(io.BytesIO(data), password=password)
            _ = pdf.pages  # page tree errors surface here, not mid-iteration
        except NewsExtractError:
            raise
        except (Exception, RecursionError) as exc:
            raise classify_open_error(exc, display_name) from exc
        try:
            yield _PlumberSource(pdf, display_name)
        finally:
            try:
                pdf.close()
            except Exception:  # pragma: no cover
                _log.debug("pdf.close failed", exc_info=True)
