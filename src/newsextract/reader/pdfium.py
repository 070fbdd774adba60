"""The pdfium backend: chars, fonts and links through ``pypdfium2.raw``, one page at a time.

Given PDF bytes, return :class:`~newsextract.reader.backend.RawPage` objects that line up
with what :class:`~newsextract.reader.plumber.PdfplumberBackend` reports for the same file:

* Coordinates use pdfplumber's frame: points, top-left origin, the page's MediaBox turned by
  its ``/Rotate`` (pdfium itself works in unrotated PDF user space).
* Char boxes follow pdfminer's construction: ``x0``/``x1`` span the glyph's advance width
  (pdfium's "loose" box), ``bottom``/``top`` are the font's descent below the origin and one
  font size above it. pdfium's own ascent/descent come from a substitute font for the
  standard 14 fonts, so the descents pdfminer uses for those are built in here.
* ``baseline`` is pdfium's glyph origin, so it includes the text rise (``Ts``).
* Chars pdfium generates itself (spaces for gaps between text objects and in TJ arrays,
  line breaks) are dropped: the reader derives spaces from gaps by the same rule for both
  backends. The exception is a generated break-hyphen marker (U+0002 without a glyph),
  emitted as :data:`BREAK_HYPHEN` (U+00AD) so the reader joins the word.
* Every space glyph the PDF draws is kept, also where pdfium's text page loses it: a text
  object whose glyphs have no ink (a space shown on its own, as Chromium shows every
  space) is left out of the text page and put back as a space
  (:meth:`_PageReader._inkless_spaces`), and a drawn space right after a TJ gap, which
  pdfium removes as the second of two spaces, is put back
  (:meth:`_PageReader._gap_spaces`).
* A *drawn* line-end hyphen that pdfium has flagged as a break (it then reports U+0002
  instead of the glyph's "-" or soft hyphen) is emitted as the hyphen the PDF drew (read
  again with its text object alone, :meth:`_PageReader._unflag`): a soft hyphen as
  U+00AD, a "-" as :data:`FLAGGED_HYPHEN`, "-": pdfium flags every hyphen between letters
  at a line end, compounds too ("state-" / "owned"), so it is left to the reader's
  hyphenation rules, exactly as with pdfplumber.
* A glyph with no Unicode mapping whose fallback code is a control or private-use code
  point is written ``(cid:N)``, as pdfminer does (see :meth:`_PageReader._odd_char`).
* Ligatures that pdfium splits ("ﬁ" → "f", "i") are joined again into one char "fi".
* Text pdfium drops as overprinted ("fake bold": a text object repeating one just drawn,
  a fraction of a point away) is put back, as pdfplumber has it; the reader reads it as
  bold. Glyph-level repeats pdfium drops inside partly kept objects cannot be restored.
* Simple fonts' names come without the subset tag (pdfium strips ``ABCDEF+``).
* A page that has text in a font the PDF does not embed, where that text is not plain
  Latin or pdfium left some of it out, is read with pdfminer instead: its chars are then
  exactly the pdfplumber backend's (links and image count stay pdfium's). pdfium measures
  an unembedded font with a substitute from the machine's fonts, falling back to built-in
  Latin-only fonts, and its text page drops every text object whose glyphs have no ink
  width. So a lone Chinese glyph in reportlab's unembedded ``STSong-Light`` (the "－" of
  "2022－2035", a text object of its own) exists on a machine with a Chinese font and is
  gone on one without; pdfminer decodes and measures it from the PDF alone. The rule and
  its cost are in :meth:`_PageReader._machine_dependent`; the output no longer depends on
  the machine's fonts (tests/test_backend_pdfium.py runs pdfium with none and with one).

Known limits (pdfium's, not fixable through its API): glyph advances are kept as whole
thousandths of an em, so where a PDF's /Widths are fractional, x drifts by up to 1/1000 em
per glyph along a text object (~1 pt at the end of a long line); the advance edge ``x1``
of a glyph whose ink overhangs it is only known when another glyph follows on the line.

Thread safety: pdfium is not thread-safe, not even across separate documents. Every call
into pdfium made here holds one process-wide lock, so concurrent use from several threads
is serialised (and therefore gains nothing); nothing else in the process may call pdfium
concurrently. Use one thread at a time per process; batch extraction uses processes.
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Final

from newsextract.errors import (
    EncryptedPDFError,
    MalformedPDFError,
    NewsExtractError,
    NotAPDFError,
)
from newsextract.reader.backend import Box, RawChar, RawLink, RawPage, RawShape, make_raw_char

__all__ = [
    "BREAK_HYPHEN", "BUILTIN_REPERTOIRE", "FLAGGED_HYPHEN", "PdfiumBackend", "classify_load_error",
]

_log = logging.getLogger(__name__)

#: What a break hyphen pdfium *generates* (a U+0002 with no glyph behind it) is emitted as.
BREAK_HYPHEN: Final = "\u00ad"

#: What a *drawn* line-end hyphen is emitted as when pdfium has flagged it as a word break
#: (pdfium then reports U+0002 for it, whether the PDF drew "-" or U+00AD). pdfium flags
#: every letter-hyphen-letter line end, compounds included ("state-" + "owned"), so the
#: glyph is emitted as the "-" pdfplumber reports and the reader's document-level
#: hyphenation rules decide, the same for both backends. Set this to BREAK_HYPHEN to have
#: such words joined unconditionally instead.
FLAGGED_HYPHEN: Final = "-"

#: Held around every sequence of pdfium calls (pdfium is not thread-safe).
_LOCK: Final = threading.RLock()

_FXFONT_ITALIC: Final = 0x40
_FXFONT_FORCE_BOLD: Final = 0x40000

# pdfium error codes (FPDF_GetLastError).
_ERR_FILE: Final = 2
_ERR_FORMAT: Final = 3
_ERR_PASSWORD: Final = 4
_ERR_SECURITY: Final = 5
_ERR_PAGE: Final = 6
_ERR_TEXT: Final = {
    1: "unknown error",
    _ERR_FILE: "file access error",
    _ERR_FORMAT: "data format error",
    _ERR_PASSWORD: "incorrect or missing password",
    _ERR_SECURITY: "unsupported security scheme",
    _ERR_PAGE: "page not found or content error",
}

_PAGEOBJ_TEXT: Final = 1
_PAGEOBJ_PATH: Final = 2
#: Most shapes read from one page (a chart draws hundreds; a hostile page millions).
MAX_SHAPES: Final = 5000
#: Most path segments read from one page (see :meth:`_PageReader.shapes`).
MAX_SEGMENTS: Final = 50_000
_SEGMENT_BEZIERTO: Final = 1
_SEGMENT_MOVETO: Final = 2
_IDENTITY: Final = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PAGEOBJ_IMAGE: Final = 3
_PAGEOBJ_FORM: Final = 5
_PDFACTION_URI: Final = 3
_SPACE: Final = 0x20
#: Two glyph origins closer than this (points, both ways) are one place.
_SAME_POINT: Final = 0.01
#: Stands for a drawn line-end hyphen pdfium flagged (reported as U+0002) until
#: :meth:`_PageReader._unflag` finds out which hyphen the PDF drew.
_FLAGGED: Final = "\x02"
#: The hyphens pdfium may flag as a line-end word break (its IsHyphenCode).
_HYPHEN_MINUS: Final = 0x2D
_SOFT_HYPHEN: Final = 0xAD
_MAX_FORM_DEPTH: Final = 32

# Descent (per em) of the standard 14 fonts and their TrueType aliases as pdfminer takes it
# from the AFM files (Symbol and ZapfDingbats have none there). pdfium measures these
# fonts, when not embedded, with a substitute whose descent differs.
_STANDARD_DESCENT: Final[dict[str, float]] = {
    **{
        f"{base}{style}": descent
        for base, styles, descent in (
            ("Courier", ("", "-Bold", "-Oblique", "-BoldOblique"), -0.194),
            ("Helvetica", ("", "-Bold", "-Oblique", "-BoldOblique"), -0.207),
            ("Times", ("-Roman", "-Bold", "-Italic", "-BoldItalic"), -0.217),
            ("CourierNew", ("", ",Bold", ",Italic", ",BoldItalic"), -0.194),
            ("Arial", ("", ",Bold", ",Italic", ",BoldItalic"), -0.207),
            ("TimesNewRoman", ("", ",Bold", ",Italic", ",BoldItalic"), -0.217),
        )
        for style in styles
    },
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}

#: The linear part of pdfminer's page CTM per /Rotate (to decide ``upright`` as it does).
_ROTATION_MATRIX: Final[dict[int, tuple[int, int, int, int]]] = {
    0: (1, 0, 0, 1),
    90: (0, -1, 1, 0),
    180: (-1, 0, 0, -1),
    270: (0, 1, -1, 0),
}


#: The characters pdfium's built-in fonts have (read from the glyph names of the twelve
#: Chrome Sans/Serif/Fixed faces in pdfium's core/fxge/fontdata: each has exactly these):
#: printable ASCII, Latin-1 and the rest of the standard Latin character set. pdfium
#: measures a font the PDF does not embed with a substitute, a system font when the machine
#: has a fitting one, else one of these; text outside this set may have no glyph in it.
BUILTIN_REPERTOIRE: Final = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x100)]
    + list("ıŁłŒœŠšŸŽžƒˆˇ˘˙˚˛˜˝–—‘’‚“”„†‡•…‰‹›⁄€™−ﬁﬂ")
)


#: :data:`BUILTIN_REPERTOIRE` and the stand-in for a hyphen pdfium flagged (a "-" or U+00AD).
_DRAWN_LATIN: Final = BUILTIN_REPERTOIRE | {_FLAGGED}


def classify_load_error(code: int, data: bytes, display_name: str) -> NewsExtractError:
    """Given pdfium's ``FPDF_GetLastError`` code after a failed load, return our typed error."""
    text = _ERR_TEXT.get(code, f"error code {code}")
    if code == _ERR_PASSWORD:
        return EncryptedPDFError(
            display_name,
            f"the PDF is encrypted and could not be opened ({text}); "
            "pass the password if you have it",
        )
    if code == _ERR_SECURITY:
        return EncryptedPDFError(display_name, f"the PDF is encrypted ({text})")
    if b"%PDF" not in data[:1024]:
        return NotAPDFError(display_name, "not a PDF file (no %PDF- header)")
    return MalformedPDFError(
        display_name, f"the PDF is damaged and cannot be read (pdfium: {text})"
    )


class _Api:
    """The pdfium functions used here, bound once per process.

    Each function is a fresh ctypes function object for the same symbol (same calling
    convention), so the prototypes set here never alter pypdfium2's own. The per-char
    functions (``h_*``) have no ``argtypes`` at all: they are called only with pointer
    arguments (:data:`_Arg`) and ints, which skips ctypes' per-argument conversion and
    makes each call about twice as cheap. Everything else is fully typed.
    """

    def __init__(self) -> None:
        import pypdfium2  # noqa: F401  (importing the package initialises the library)
        import pypdfium2.raw as raw

        vp, ci, cu, cf = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong, ctypes.c_float

        def bind(name: str, restype: Any, argtypes: list[Any] | None) -> Any:
            original = getattr(raw, name)
            fn: Any = type(original)(ctypes.cast(original, vp).value)
            fn.restype = restype
            fn.argtypes = argtypes
            return fn

        # Hot per-char calls: untyped arguments (pointer arguments and ints only).
        self.h_unicode = bind("FPDFText_GetUnicode", ci, None)
        self.h_text_object = bind("FPDFText_GetTextObject", vp, None)
        self.h_map_error = bind("FPDFText_HasUnicodeMapError", ci, None)
        self.h_is_hyphen = bind("FPDFText_IsHyphen", ci, None)
        self.h_loose_box = bind("FPDFText_GetLooseCharBox", ci, None)
        self.h_char_box = bind("FPDFText_GetCharBox", ci, None)
        self.h_origin = bind("FPDFText_GetCharOrigin", ci, None)
        self.h_get_object = bind("FPDFPage_GetObject", vp, None)
        self.h_object_type = bind("FPDFPageObj_GetType", ci, None)
        self.h_obj_font = bind("FPDFTextObj_GetFont", vp, None)
        self.h_obj_font_size = bind("FPDFTextObj_GetFontSize", ci, None)
        self.h_char_matrix = bind("FPDFText_GetMatrix", ci, None)
        self.h_is_generated = bind("FPDFText_IsGenerated", ci, None)
        # Everything else: typed.
        self.count_chars = bind("FPDFText_CountChars", ci, [vp])
        self.unicode = bind("FPDFText_GetUnicode", ctypes.c_uint, [vp, ci])
        self.origin = bind("FPDFText_GetCharOrigin", ci,
                           [vp, ci, ctypes.POINTER(ctypes.c_double),
                            ctypes.POINTER(ctypes.c_double)])
        self.count_marks = bind("FPDFPageObj_CountMarks", ci, [vp])
        self.get_mark = bind("FPDFPageObj_GetMark", vp, [vp, cu])
        self.remove_mark = bind("FPDFPageObj_RemoveMark", ci, [vp, vp])
        # pdfium from 2024 on; None before (see _PageReader._unflag)
        self.set_active = (bind("FPDFPageObj_SetIsActive", ci, [vp, ci])
                           if hasattr(raw, "FPDFPageObj_SetIsActive") else None)
        size_t = ctypes.c_size_t
        self.font_name = bind("FPDFFont_GetBaseFontName", size_t, [vp, vp, size_t])
        self.font_weight = bind("FPDFFont_GetWeight", ci, [vp])
        self.font_flags = bind("FPDFFont_GetFlags", ci, [vp])
        self.obj_font_size = bind("FPDFTextObj_GetFontSize", ci, [vp, vp])
        self.obj_font = bind("FPDFTextObj_GetFont", vp, [vp])
        self.font_embedded = bind("FPDFFont_GetIsEmbedded", ci, [vp])
        self.font_data = bind("FPDFFont_GetFontData", ci, [vp, vp, size_t, vp])
        self.font_descent = bind("FPDFFont_GetDescent", ci, [vp, cf, vp])
        self.glyph_width = bind("FPDFFont_GetGlyphWidth", ci, [vp, ctypes.c_uint32, cf, vp])
        self.load_document = bind(
            "FPDF_LoadMemDocument64", vp, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p]
        )
        self.last_error = bind("FPDF_GetLastError", cu, [])
        self.close_document = bind("FPDF_CloseDocument", None, [vp])
        self.page_count = bind("FPDF_GetPageCount", ci, [vp])
        self.load_page = bind("FPDF_LoadPage", vp, [vp, ci])
        self.close_page = bind("FPDF_ClosePage", None, [vp])
        self.load_text_page = bind("FPDFText_LoadPage", vp, [vp])
        self.close_text_page = bind("FPDFText_ClosePage", None, [vp])
        self.rotation = bind("FPDFPage_GetRotation", ci, [vp])
        self.media_box = bind("FPDFPage_GetMediaBox", ci, [vp, vp, vp, vp, vp])
        self.bounding_box = bind("FPDF_GetPageBoundingBox", ci, [vp, vp])
        self.page_width = bind("FPDF_GetPageWidthF", cf, [vp])
        self.page_height = bind("FPDF_GetPageHeightF", cf, [vp])
        self.count_objects = bind("FPDFPage_CountObjects", ci, [vp])
        self.object_type = bind("FPDFPageObj_GetType", ci, [vp])
        self.object_matrix = bind("FPDFPageObj_GetMatrix", ci, [vp, vp])
        self.object_bounds = bind("FPDFPageObj_GetBounds", ci, [vp, vp, vp, vp, vp])
        self.form_count_objects = bind("FPDFFormObj_CountObjects", ci, [vp])
        self.form_get_object = bind("FPDFFormObj_GetObject", vp, [vp, cu])
        self.path_draw_mode = bind("FPDFPath_GetDrawMode", ci, [vp, vp, vp])
        self.path_count_segments = bind("FPDFPath_CountSegments", ci, [vp])
        self.path_segment = bind("FPDFPath_GetPathSegment", vp, [vp, ci])
        self.segment_point = bind("FPDFPathSegment_GetPoint", ci, [vp, vp, vp])
        self.segment_type = bind("FPDFPathSegment_GetType", ci, [vp])
        self.link_enumerate = bind("FPDFLink_Enumerate", ci, [vp, vp, vp])
        self.link_action = bind("FPDFLink_GetAction", vp, [vp])
        self.link_annot_rect = bind("FPDFLink_GetAnnotRect", ci, [vp, vp])
        self.link_count_quads = bind("FPDFLink_CountQuadPoints", ci, [vp])
        self.link_quad = bind("FPDFLink_GetQuadPoints", ci, [vp, ci, vp])
        self.action_type = bind("FPDFAction_GetType", cu, [vp])
        self.action_uri = bind("FPDFAction_GetURIPath", cu, [vp, vp, vp, cu])


#: A pointer argument for the untyped ``h_*`` calls: a ``c_void_p`` object, or (cheaper)
#: a ``ctypes.byref`` one, made by :func:`_pointer_arg` or of a buffer.
_Arg = Any


def _pointer_arg(address: int) -> _Arg:
    """Return a reusable argument that passes ``address`` as a pointer to an untyped call.

    ctypes converts a ``c_void_p`` argument into a new argument object on every call; a
    ``byref`` object is passed as it is, which saves 50-200 ns a call. ``byref`` takes
    the address of a ctypes object, so it is given one placed at ``address`` (never read
    or written here).
    """
    return ctypes.byref(ctypes.c_char.from_address(address))


_api_lock = threading.Lock()
_api_instance: _Api | None = None


def _api() -> _Api:
    """Return the process-wide :class:`_Api` (imports and initialises pdfium on first use)."""
    global _api_instance
    with _api_lock:
        if _api_instance is None:
            _api_instance = _Api()
        return _api_instance


class _Frame:
    """pdfium user space → pdfplumber's page frame (rotated MediaBox, top-left origin).

    ``x' = ax*x + bx*y + cx`` and ``top = ay*x + by*y + cy``: pdfminer's page CTM for the
    rotation followed by pdfplumber's MediaBox adjustments (which, for a MediaBox whose
    origin is not (0, 0), are quirky; they are reproduced as they are).
    """

    __slots__ = ("ax", "ay", "bx", "by", "cx", "cy", "height", "rotation", "width")

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        x0, x1 = sorted((box[0], box[2]))
        y0, y1 = sorted((box[1], box[3]))
        self.rotation = rotation
        if rotation == 90:
            coeffs = (0.0, 1.0, 0.0, 1.0, 0.0, -2.0 * x0)
        elif rotation == 180:
            coeffs = (-1.0, 0.0, x0 + x1, 0.0, 1.0, -2.0 * y0)
        elif rotation == 270:
            coeffs = (0.0, -1.0, y0 + y1, -1.0, 0.0, x1 - x0)
        else:
            coeffs = (1.0, 0.0, 0.0, 0.0, -1.0, y1 - y0)
        self.ax, self.bx, self.cx, self.ay, self.by, self.cy = coeffs
        if rotation in (90, 270):
            self.width, self.height = y1 - y0, x1 - x0
        else:
            self.width, self.height = x1 - x0, y1 - y0

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Return ``(x, top)`` of a user-space point."""
        return (
            self.ax * x + self.bx * y + self.cx,
            self.ay * x + self.by * y + self.cy,
        )

    def box(self, left: float, bottom: float, right: float, top: float) -> Box:
        """Return ``(x0, top, x1, bottom)`` of a user-space rectangle."""
        xa, ta = self.point(left, bottom)
        xb, tb = self.point(right, top)
        return (min(xa, xb), min(ta, tb), max(xa, xb), max(ta, tb))


# Per font (keyed by the FPDF_FONT handle): fontname, bold, italic, descent per em, and
# whether it is a Type3 font (glyphs drawn by content procedures, no font program).
_Font = tuple[str, "bool | None", "bool | None", float, bool]
# Per text object: fontname, bold, italic, size, upright, mode, lo, hi, advance font, x scale.
#   mode 0: text runs along +x in user space; x0 is the origin, x1 the loose box's right
#           edge, and the y extent is origin.y + [lo, hi] (pdfminer's descent .. +size).
#   mode 1: text runs along ±y; the y extent is the loose box's, the x extent
#           origin.x + [lo, hi].
#   mode 2: any other direction: pdfium's loose box as it is.
#   mode 3: as mode 0, mirrored (text runs along -x): x1 is the origin, x0 the box's left.
# advance font: in mode 0, the font handle whose glyphs' advances pdfium's loose box does not
#   give (a Type3 font: see _PageReader._type3_right), else 0; x scale: user-space length of
#   one glyph unit (1/1000 em) along the line (font size times the char matrix's a / 1000).
_Style = tuple[str, "bool | None", "bool | None", float, bool, int, float, float, int, float]


class _PageReader:
    """Reads one loaded page's chars, links and image count (the caller holds the lock)."""

    def __init__(self, api: _Api, doc: int, page: int) -> None:
        self.api = api
        self.doc = doc
        self.page = page
        self.frame = self._frame()
        self._fonts: dict[int, _Font] = {}
        self._embedded: dict[int, bool] = {}  # font handle -> the PDF embeds it
        self._unembedded: set[str] = set()  # names of fonts read that the PDF does not embed
        self._seen: set[int] = set()
        self._objects: list[tuple[int, int, int]] | None = None
        self._nested: list[tuple[int, int]] | None = None
        self._texts: set[int] = set()  # every text object, inside forms too (_all_objects)
        self._form_of: dict[int, tuple[float, ...]] = {}  # nested text object -> form matrix
        self._flagged: list[tuple[int, float, float]] = []  # see _chars
        self._widths: dict[int, bool] = {}
        self._name_buf = ctypes.create_string_buffer(256)
        self._int = ctypes.c_int()
        self._float = ctypes.c_float()
        self._float_p = ctypes.byref(self._float)
        self._matrix = (ctypes.c_float * 6)()
        self._matrix_p = ctypes.byref(self._matrix)
        self._styles: dict[tuple[int, float, float, float, float, float], _Style] = {}
        self._tight = (ctypes.c_double * 4)()
        self._tight_ptrs = tuple(ctypes.byref(self._tight, 8 * k) for k in range(4))
        self._quad = (ctypes.c_float * 4)()  # reused by _bounds
        self._quad_at = ctypes.addressof(self._quad)
        self._space_widths: dict[tuple[int, float], float] = {}  # (font, size) -> advance

    def _frame(self) -> _Frame:
        api = self.api
        rotation = (int(api.rotation(self.page)) % 4) * 90
        quad = (ctypes.c_float * 4)()
        base = ctypes.addressof(quad)
        if api.media_box(self.page, base, base + 4, base + 8, base + 12):  # l, b, r, t
            return _Frame((quad[0], quad[1], quad[2], quad[3]), rotation)
        # No MediaBox in the page dictionary itself (it is inherited): the bounding box is
        # the effective MediaBox, clipped by any CropBox.
        if api.bounding_box(self.page, base):  # FS_RECTF: left, top, right, bottom
            return _Frame((quad[0], quad[3], quad[2], quad[1]), rotation)
        w, h = float(api.page_width(self.page)), float(api.page_height(self.page))
        if rotation in (90, 270):
            w, h = h, w
        return _Frame((0.0, 0.0, w, h), rotation)

    # -- fonts -------------------------------------------------------------------------

    def _font(self, font: int | None) -> _Font:
        """Return name, bold, italic and descent (per em) of ``font`` (an FPDF_FONT handle)."""
        api = self.api
        buf = self._name_buf
        need = int(api.font_name(font, buf, len(buf))) if font else 0
        if need > len(buf):
            buf = ctypes.create_string_buffer(need)
            need = int(api.font_name(font, buf, len(buf)))
        name = buf.raw[: need - 1].decode("utf-8", "replace") if need > 0 else ""
        weight = int(api.font_weight(font)) if font else -1
        flags = int(api.font_flags(font)) if font else 0
        embedded = self._is_embedded(font)
        if not embedded:
            self._unembedded.add(name)
        # pdfium counts a Type3 font as embedded; it is the embedded font without a program
        size = ctypes.c_size_t(0)
        type3 = embedded and bool(api.font_data(font, None, 0, ctypes.byref(size))) \
            and size.value == 0
        # pdfium's weight comes from the descriptor's FontWeight or, without one, from its
        # StemV, which producers fill in loosely (Ghostscript writes StemV 150 for regular
        # faces: weight 740); its flags are made up for the standard 14 fonts. Only the
        # ForceBold flag is a verdict; otherwise the font name decides, as with pdfminer.
        known = embedded or weight > 0
        bold: bool | None = True if flags & _FXFONT_FORCE_BOLD else None
        italic: bool | None = True if flags & _FXFONT_ITALIC else (False if known else None)
        # pdfminer uses the AFM metrics for a font *named* like a standard one, but pdfium
        # strips subset tags, and a subset ("ABCDEF+Arial") is measured by pdfminer with
        # its descriptor: only unembedded fonts (never subsets) take the table's value.
        descent = None if embedded else _STANDARD_DESCENT.get(name)
        if descent is None:
            descent = 0.0
            if font and api.font_descent(font, 1000.0, ctypes.addressof(self._float)):
                descent = -abs(float(self._float.value)) / 1000.0
        return (name, bold, italic, descent, type3)

    def _is_embedded(self, font: int | None) -> bool:
        """Say whether the PDF embeds ``font`` (an FPDF_FONT handle; cached per page)."""
        if not font:
            return False
        found = self._embedded.get(font)
        if found is None:
            found = self._embedded[font] = self.api.font_embedded(font) == 1
        return found

    def _style(self, tpc: _Arg, index: int, obj: int) -> _Style:
        """Return what every char of text object ``obj`` shares (see :data:`_Style`).

        ``index`` is the object's first char on text page ``tp`` (passed as ``tpc``).
        Three pdfium calls give
        the font, font size and char matrix; the style follows from them alone and is
        cached per page (objects of one line or paragraph mostly share it).
        """
        api = self.api
        objc = ctypes.c_void_p(obj)
        font = api.h_obj_font(objc)
        fs = 1.0
        if api.h_obj_font_size(objc, self._float_p):
            fs = abs(self._float.value)
        m = self._matrix
        if api.h_char_matrix(tpc, index, self._matrix_p):
            a, b, c, d = m[0], m[1], m[2], m[3]
        else:
            a, b, c, d = 1.0, 0.0, 0.0, 1.0
        # the sign of a zero in the key never matters: zeros only enter abs(), products
        # compared with 0 and the tests ``!= 0``
        key = (font or 0, fs, a, b, c, d)
        found = self._styles.get(key)
        if found is None:
            found = self._styles[key] = self._shape(font, fs, a, b, c, d)
        return found

    def _shape(self, font: int | None, fs: float, a: float, b: float, c: float,
               d: float) -> _Style:
        """Return the style of text in ``font`` at size ``fs`` under char matrix a, b, c, d."""
        key = font or 0
        found = self._fonts.get(key)
        if found is None:
            found = self._fonts[key] = self._font(font)
        name, bold, italic, descent, type3 = found
        eps = 1e-4 * max(abs(a), abs(b), abs(c), abs(d), 1e-9)
        # pdfminer's size is the box's extent across the baseline: the y scale for text
        # along x (skewed or not), the x scale for text along y.
        if abs(b) <= eps:
            size = fs * abs(d)
        elif abs(d) <= eps:
            size = fs * abs(c)
        else:
            size = fs * math.hypot(c, d)
        ra, rb, rc, rd = _ROTATION_MATRIX.get(self.frame.rotation, (1, 0, 0, 1))
        a2, b2 = a * ra + b * rc, a * rb + b * rd
        c2, d2 = c * ra + d * rc, c * rb + d * rd
        upright = a2 * d2 > 0 and b2 * c2 <= 0
        lo_t, hi_t = descent * fs, (descent + 1.0) * fs
        if abs(b) <= eps and abs(c) <= eps and a != 0 and d != 0:
            mode, lo, hi = (0 if a > 0 else 3), d * lo_t, d * hi_t
        elif abs(a) <= eps and abs(d) <= eps and c != 0:
            mode, lo, hi = 1, c * lo_t, c * hi_t
        else:
            mode, lo, hi = 2, 0.0, 0.0
        advance_font = (font or 0) if type3 and mode == 0 else 0
        return (name, bold, italic, size, upright, mode, min(lo, hi), max(lo, hi), advance_font,
                fs * a / 1000.0)

    # -- chars -------------------------------------------------------------------------

    def chars(self) -> list[RawChar] | None:
        """Return the page's chars (drawn glyphs and break hyphens) in pdfium's order.

        None when what pdfium reads of the page depends on the machine's fonts
        (:meth:`_machine_dependent`): the caller reads that page's chars with pdfminer.
        """
        api = self.api
        textpage = api.load_text_page(self.page)
        if not textpage:
            raise RuntimeError("pdfium could not load the text layer")
        try:
            owners: list[int] = []
            chars = self._chars(textpage, owners)
            if self._machine_dependent(chars, owners):
                return None
            if self._flagged:
                chars = self._unflag(chars)
            chars = self._restore_overprints(chars, owners)
            chars.extend(self._inkless_spaces())
            return chars
        finally:
            api.close_text_page(textpage)

    def _unflag(self, chars: list[RawChar]) -> list[RawChar]:
        """Return ``chars`` with each :data:`_FLAGGED` hyphen as the hyphen the PDF drew.

        pdfium replaces a drawn "-" or soft hyphen (U+00AD) at a line end, between a letter
        and the next line's first letter, by U+0002, and its API has no char codes to tell
        which one it was; the two differ for the reader (a soft hyphen always joins the
        word, a "-" is judged by the hyphenation rules), and pdfminer reports the one
        drawn. pdfium flags only a hyphen followed by another text object, so each text
        object holding one is read again on its own: every other text object is set
        inactive (pdfium's text page skips those), a text page is loaded, the char at the
        flagged one's origin gives its code point, and the objects are set active again.
        The object's marked-content marks are removed first: pdfium reads a span's
        /ActualText instead of its glyphs (Typst marks its break hyphens so, as U+00AD),
        pdfminer the glyphs. Where pdfium cannot do that (``FPDFPageObj_SetIsActive``
        missing), or the char is not found, it stays :data:`FLAGGED_HYPHEN`.
        """
        api = self.api
        found: dict[tuple[int, float, float], str] = {}
        if api.set_active is not None:
            self._all_objects()
            texts = self._texts
            for obj in texts:
                api.set_active(obj, 0)
            try:
                for obj in dict.fromkeys(owner for owner, _x, _y in self._flagged):
                    self._drop_marks(obj)
                    api.set_active(obj, 1)
                    try:
                        found.update(self._hyphens_of(obj))
                    finally:
                        api.set_active(obj, 0)
            finally:
                for obj in texts:
                    api.set_active(obj, 1)
        texts_of = iter([found.get(key, FLAGGED_HYPHEN) for key in self._flagged])
        return [c if c.text != _FLAGGED else make_raw_char(
            next(texts_of), c.x0, c.top, c.x1, c.bottom, c.size, c.fontname, c.baseline,
            c.upright, c.bold, c.italic) for c in chars]

    def _drop_marks(self, obj: int) -> None:
        """Remove the content marks of page object ``obj`` (this page only; see _unflag)."""
        api = self.api
        for _ in range(max(int(api.count_marks(obj)), 0)):
            mark = api.get_mark(obj, 0)
            if not mark or not api.remove_mark(obj, mark):
                break

    def _hyphens_of(self, obj: int) -> dict[tuple[int, float, float], str]:
        """Return the hyphens of the text page read now (``obj`` alone), by origin.

        A "-" is :data:`FLAGGED_HYPHEN` (the setting for hyphens pdfium flags), a soft
        hyphen itself.
        """
        api = self.api
        out: dict[tuple[int, float, float], str] = {}
        textpage = api.load_text_page(self.page)
        if not textpage:
            return out
        try:
            x, y = ctypes.c_double(), ctypes.c_double()
            for i in range(max(int(api.count_chars(textpage)), 0)):
                u = int(api.unicode(textpage, i))
                if u in (_HYPHEN_MINUS, _SOFT_HYPHEN) and api.origin(
                        textpage, i, ctypes.byref(x), ctypes.byref(y)):
                    out[(obj, x.value, y.value)] = (FLAGGED_HYPHEN if u == _HYPHEN_MINUS
                                                    else chr(u))
        finally:
            api.close_text_page(textpage)
        return out

    def _machine_dependent(self, chars: list[RawChar], owners: list[int]) -> bool:
        """Say whether what pdfium read of this page depends on the machine's fonts.

        pdfium decodes text from the PDF alone, but measures the glyphs of a font the PDF
        does not embed with a substitute: a system font that fits (by name, or for Chinese,
        Japanese and Korean by code page), else a built-in one with Latin glyphs only
        (:data:`BUILTIN_REPERTOIRE`). A glyph the substitute lacks has an empty ink box and
        stands at its origin, and pdfium's text page leaves out every text object whose
        glyphs span no width: one of a *single* glyph the substitute lacks. Such an object
        is gone on a machine without a fitting font and there on a machine with one (an
        object of two or more glyphs spans the advance between them either way). So the
        page depends on the machine when, in a font the PDF does not embed, pdfium read a
        text object of one char outside :data:`BUILTIN_REPERTOIRE` (it may have no glyph
        elsewhere), or it left out a text object without width (it may have a glyph
        elsewhere; a lone space is one too, on every machine). Each test sees what the
        other misses, and together they decide from the PDF alone. ``owners``: each char's
        text object. Cost on a page in embedded fonts: the font of each text object pdfium
        left out (one pdfium call each; Chromium leaves out an empty object per space),
        about 40 µs a page or 0.6 % of the backend's time on the fixtures and engine
        renderings; the object list is read anyway for the image count.
        """
        names = self._unembedded
        if names:
            counts: dict[int, int] = {}
            for c, obj in zip(chars, owners):
                if c.fontname in names:
                    counts[obj] = counts.get(obj, 0) + 1
            if any(counts[obj] == 1 and any(ch not in _DRAWN_LATIN for ch in c.text)
                   for c, obj in zip(chars, owners) if c.fontname in names):
                return True
        self._all_objects()
        obj_font = self.api.obj_font
        embedded = self._is_embedded
        return any(not embedded(obj_font(obj)) and not self._has_width(obj)
                   for obj in self._texts.difference(self._seen))

    def _chars(self, tp: int, owners: list[int]) -> list[RawChar]:
        """Read the chars of text page ``tp``: 4 pdfium calls a char, fonts once per object.

        This is the hot loop, kept flat on purpose.

        A char is held back ("pending") until the next one is seen, because the next
        glyph's origin settles two things: ligature pieces (pdfium splits "ﬁ" into "f" and
        "i" at one origin; they are joined again into one char, as pdfminer has it) and the
        advance edge of a glyph whose ink overhangs it (see :meth:`_advance_edge`).
        ``owners`` receives each returned char's text object.
        """
        api = self.api
        n = int(api.count_chars(tp))
        out: list[RawChar] = []
        self._seen = set()
        if n <= 0:
            return out
        tpc = _pointer_arg(tp)
        rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
        rect_p = ctypes.byref(rect)
        org = (ctypes.c_double * 2)()
        ox_p = ctypes.byref(org)
        oy_p = ctypes.byref(org, ctypes.sizeof(ctypes.c_double))
        get_unicode = api.h_unicode
        get_object = api.h_text_object
        get_box = api.h_loose_box
        get_origin = api.h_origin
        is_generated = api.h_is_generated
        gaps: list[int] = []  # spaces pdfium generated for TJ kerning gaps
        flagged = self._flagged  # object and origin of each _FLAGGED char, in order
        flagged.clear()
        styles: dict[int, _Style] = {}
        append = out.append
        own = owners.append
        emit = self._emitter(out)
        make = make_raw_char
        rot0 = self.frame.rotation == 0
        cy = self.frame.cy
        hyphen = BREAK_HYPHEN

        cur_obj: int | None = None
        type3 = 0
        style: _Style = ("", None, None, 0.0, True, 2, 0.0, 0.0, 0, 1.0)
        mode = 2
        lo_off = hi_off = 0.0
        # The pending char.
        p_obj: int | None = None
        p_text = ""
        p_index = 0
        p_ox = p_oy = p_x0 = p_x1 = p_lo = p_hi = p_right = 0.0
        p_style = style

        for i in range(n):
            u = get_unicode(tpc, i)
            obj = get_object(tpc, i)
            if obj is None:  # generated by pdfium: a space, a line break, or a break hyphen
                if u == 2 and p_obj is not None:
                    emit(p_text, p_x0, p_lo, p_x1, p_hi, p_ox, p_oy, p_style)
                    emit(hyphen, p_x1, p_lo, p_x1, p_hi, p_x1, p_oy, p_style)
                    own(p_obj)
                    own(p_obj)
                    p_obj = None
                continue
            if obj != cur_obj:
                found = styles.get(obj)
                if found is None:
                    found = styles[obj] = self._style(tpc, i, obj)
                style = found
                mode = style[5]
                lo_off = style[6]
                hi_off = style[7]
                type3 = style[8]
                cur_obj = obj
            if u == 32 and is_generated(tpc, i) == 1:
                gaps.append(i)  # the reader decides from the gap itself (_drawn_spaces)
                continue
            if (32 <= u < 127 and u != 45) or 160 <= u < 0xD800 or 0xF900 <= u <= 0x10FFFF:
                text = chr(u)
            else:  # hyphens, controls, surrogates, private use: settle them off the fast path
                odd = self._odd_char(tpc, i, u)
                if odd is None:
                    continue
                if odd == _FLAGGED:
                    get_origin(tpc, i, ox_p, oy_p)
                    flagged.append((obj, org[0], org[1]))
                text = odd
            get_origin(tpc, i, ox_p, oy_p)
            get_box(tpc, i, rect_p)
            ox = org[0]
            oy = org[1]
            right = rect[2]
            if (ox == p_ox and oy == p_oy and obj == p_obj
                    and text != " " and p_text != " "):
                # a piece of a ligature: same glyph origin in the same text object (pdfium
                # gives the pieces of "ﬃ" the glyph's box or growing slices of it)
                p_text += text
                if right > p_right and mode in (0, 2):
                    p_right = right
                    p_x1 = max(p_x1, right)
                continue
            if mode == 0:
                x0 = ox
                x1 = self._type3_right(type3, u, style, ox, right) if type3 else right
                lo = oy + lo_off
                hi = oy + hi_off
            elif mode == 1:
                x0 = ox + lo_off
                x1 = ox + hi_off
                lo = rect[3]
                hi = rect[1]
            elif mode == 3:
                x0 = rect[0]
                x1 = ox
                lo = oy + lo_off
                hi = oy + hi_off
            else:
                x0 = rect[0]
                x1 = rect[2]
                lo = rect[3]
                hi = rect[1]
            if p_obj is not None:
                if (p_x0 < ox < p_x1 - 0.01 and oy == p_oy and mode == 0 and p_style[5] == 0
                        and p_text != " "):  # a space has no ink: its box is its advance
                    p_x1 = self._advance_edge(tpc, p_index, p_x1, ox)
                if rot0:
                    s = p_style
                    append(make(p_text, p_x0, cy - p_hi, p_x1, cy - p_lo, s[3], s[0], cy - p_oy,
                                s[4], s[1], s[2]))
                else:
                    emit(p_text, p_x0, p_lo, p_x1, p_hi, p_ox, p_oy, p_style)
                own(p_obj)
            p_obj = obj
            p_text = text
            p_index = i
            p_right = right
            p_ox = ox
            p_oy = oy
            p_x0 = x0
            p_x1 = x1
            p_lo = lo
            p_hi = hi
            p_style = style
        if p_obj is not None:
            emit(p_text, p_x0, p_lo, p_x1, p_hi, p_ox, p_oy, p_style)
            own(p_obj)
        self._seen = set(styles)
        if gaps:
            self._gap_spaces(tpc, n, gaps, styles, out, owners)
        return out

    def _gap_spaces(self, tpc: _Arg, n: int, gaps: list[int], styles: dict[int, _Style],
                    out: list[RawChar], owners: list[int]) -> None:
        """Put back the drawn spaces pdfium removed after the TJ gaps ``gaps`` (char indices).

        Where a TJ array moves the pen by more than about half a space, pdfium generates a
        space at the origin of the glyph after the gap, and of two spaces in a row it
        keeps only the first: a space the PDF draws right after such a gap is removed.
        The generated space stands where that glyph was drawn, so a space was removed
        unless the next char is of the same text object and starts there; it is appended
        (at that origin, in the object's font).
        """
        api = self.api
        org = (ctypes.c_double * 2)()
        ox_p = ctypes.byref(org)
        oy_p = ctypes.byref(org, ctypes.sizeof(ctypes.c_double))
        for i in gaps:
            obj = api.h_text_object(tpc, i)
            if not obj or obj not in styles:
                continue
            api.h_origin(tpc, i, ox_p, oy_p)
            gx, gy = org[0], org[1]
            if i + 1 < n and api.h_text_object(tpc, i + 1) == obj:
                api.h_origin(tpc, i + 1, ox_p, oy_p)
                if abs(org[0] - gx) <= _SAME_POINT and abs(org[1] - gy) <= _SAME_POINT:
                    continue  # the glyph after the gap follows: nothing was removed
            out.append(self._space(obj, gx, gy, styles[obj]))
            owners.append(obj)

    def _inkless_spaces(self) -> list[RawChar]:
        """Return the spaces of the text objects pdfium left out that draw no ink at all.

        pdfium's text page skips every text object whose ink has no width (a space shown
        on its own: Chromium shows every space so, reportlab a space between two fonts),
        and of two spaces in a row it keeps only the first, so an object of spaces that
        follows a space is lost as well (LibreOffice draws runs of them). pdfminer reports
        these spaces, and the reader needs them (a drawn space tells a word space from a
        narrow gap, say between Chinese and Latin text). pdfium's API gives no char codes
        of a text object, but its bounds say enough: they enclose the ink of each glyph
        at its place along the object, so bounds without height mean glyphs without ink,
        which are spaces (a blank, a no-break or an ideographic space: the reader takes
        all as a space), the first at the object's origin and the last at the far end of
        the bounds. A space is emitted at each of the two places (at one where they
        coincide), one space of the object's font wide; spaces between the two are not
        seen.
        """
        out: list[RawChar] = []
        seen = self._seen
        for obj, kind in self._all_objects():
            if kind != _PAGEOBJ_TEXT or obj in seen:
                continue
            bounds = self._bounds(obj)
            if bounds is None or bounds[3] - bounds[1] > _SAME_POINT:
                continue  # it has ink: not made of spaces
            font = self.api.obj_font(obj)
            if not font or not self.api.obj_font_size(obj, ctypes.addressof(self._float)):
                continue
            fs = abs(self._float.value)
            own = self._matrix_of(obj)
            outer = self._form_of.get(obj)
            a, b, c, d, e, f = own if outer is None else _compose(own, outer)
            key = (font, fs, a, b, c, d)
            style = self._styles.get(key)
            if style is None:
                style = self._styles[key] = self._shape(font, fs, a, b, c, d)
            out.append(self._space(obj, e, f, style, (a, b), (font, fs)))
            width = bounds[2] - bounds[0]
            if width > _SAME_POINT and style[5] in (0, 3):
                # the last glyph, ``width`` further along the line (in the object's space)
                last = (1.0, 0.0, 0.0, 1.0, own[4] + math.copysign(width, own[0]), own[5])
                *_m, lx, ly = last if outer is None else _compose(last, outer)
                out.append(self._space(obj, lx, ly, style, (a, b), (font, fs)))
        return out

    def _space(self, obj: int, ox: float, oy: float, style: _Style,
               direction: tuple[float, float] | None = None,
               font_size: tuple[int, float] | None = None) -> RawChar:
        """Return a space glyph of text object ``obj`` at user-space origin ``ox``, ``oy``.

        It is one space of the object's font wide (pdfium's width of the font's space,
        cached per font and size) along the text direction ``direction`` (the char
        matrix's a, b; read from the object when not given), its other extent that of
        every glyph of ``style``. ``font_size``: the object's font handle and size, when
        the caller has read them.
        """
        api = self.api
        if font_size is None:
            font = api.obj_font(obj)
            api.obj_font_size(obj, ctypes.addressof(self._float))
            fs = abs(self._float.value)
        else:
            font, fs = font_size
        advance = self._space_widths.get((font or 0, fs))
        if advance is None:
            advance = 0.0
            if font and api.glyph_width(font, _SPACE, fs, ctypes.addressof(self._float)):
                advance = max(float(self._float.value), 0.0)
            self._space_widths[(font or 0, fs)] = advance
        da, db = direction if direction is not None else self._matrix_of(obj)[:2]
        dx, dy = advance * da, advance * db
        mode, lo_off, hi_off = style[5], style[6], style[7]
        if mode in (0, 3):
            x0, x1, lo, hi = min(ox, ox + dx), max(ox, ox + dx), oy + lo_off, oy + hi_off
        elif mode == 1:
            x0, x1, lo, hi = ox + lo_off, ox + hi_off, min(oy, oy + dy), max(oy, oy + dy)
        else:
            x0, x1, lo, hi = ox, ox, oy, oy
        made: list[RawChar] = []
        self._emitter(made)(" ", x0, lo, x1, hi, ox, oy, style)
        return made[0]

    def _restore_overprints(self, chars: list[RawChar], owners: list[int]) -> list[RawChar]:
        """Return ``chars`` with the text pdfium dropped as overprinted put back.

        pdfium's text page silently drops a text object that repeats one of the 7 objects
        before it at (nearly) the same place ("fake bold": the same text drawn twice, a
        fraction of a point apart). pdfplumber keeps both copies, and the reader takes
        them as a bold signal, so they are restored here: each dropped object gets a copy
        of the chars of the object it repeats, moved by the difference of the two
        objects' positions, right after the originals. Only objects placed directly on the
        page are checked (not those inside form XObjects).
        """
        api = self.api
        page = self.page
        seen = self._seen
        total = int(api.count_objects(page))
        if total <= 0 or len(seen) >= total:
            return chars
        texts = self._text_objects()
        if all(obj in seen for _, obj in texts):
            return chars
        by_owner: dict[int, list[int]] = {}  # object -> indices of its chars, when needed
        copies: dict[int, list[RawChar]] = {}  # index of an original's last char -> copies
        restored: dict[int, list[RawChar]] = {}  # restored object -> its chars
        for n, (k, obj) in enumerate(texts):
            if obj in seen or not self._may_repeat(obj):
                continue  # kept by pdfium, or nothing a repeat could be (see _may_repeat)
            for k2, other in reversed(texts[max(0, n - 7):n]):
                if k - k2 > 7:
                    break
                if other not in seen and other not in restored:
                    continue
                if not self._repeats(obj, other):
                    continue
                if not by_owner:
                    for i, owner in enumerate(owners):
                        by_owner.setdefault(owner, []).append(i)
                dx, dy = self._offset(obj, other)
                frame = self.frame
                dxf = frame.ax * dx + frame.bx * dy
                dtf = frame.ay * dx + frame.by * dy
                source = ([chars[i] for i in by_owner.get(other, ())] if other in seen
                          else restored[other])
                moved = [
                    make_raw_char(c.text, c.x0 + dxf, c.top + dtf, c.x1 + dxf, c.bottom + dtf,
                               c.size, c.fontname, c.baseline + dtf, c.upright, c.bold,
                               c.italic)
                    for c in source
                ]
                if moved:
                    restored[obj] = moved
                    anchor_index = (by_owner[other][-1] if other in seen else
                                    self._anchor_of(other, restored, by_owner, texts, seen))
                    copies.setdefault(anchor_index, []).extend(moved)
                break
        if not copies:
            return chars
        out: list[RawChar] = []
        for i, c in enumerate(chars):
            out.append(c)
            extra = copies.get(i)
            if extra:
                out.extend(extra)
        return out

    def _top_objects(self) -> list[tuple[int, int, int]]:
        """Return ``(index, object, type)`` of the objects placed directly on the page.

        Read once per page (the overprint check and the image count both need them).
        """
        if self._objects is None:
            api = self.api
            get_object, object_type, vp = api.h_get_object, api.h_object_type, ctypes.c_void_p
            page_p = _pointer_arg(self.page)
            found: list[tuple[int, int, int]] = []
            for k in range(max(int(api.count_objects(self.page)), 0)):
                obj = get_object(page_p, k)
                if obj:
                    found.append((k, obj, object_type(vp(obj))))
            self._objects = found
        return self._objects

    def _text_objects(self) -> list[tuple[int, int]]:
        """Return ``(index in the page's object list, object)`` of the page's text objects."""
        return [(k, obj) for k, obj, kind in self._top_objects() if kind == _PAGEOBJ_TEXT]

    def _has_width(self, obj: int) -> bool:
        """Say whether text object ``obj`` has bounds of positive width.

        One that has none never :meth:`_repeats` another object (their overlap across
        cannot be positive), so it is not compared at all. pdfium leaves many such objects
        out of the text page (Chromium writes an empty text object per space).
        """
        found = self._widths.get(obj)
        if found is None:
            bounds = self._bounds(obj)
            found = self._widths[obj] = bounds is not None and bounds[2] > bounds[0]
        return found

    def _may_repeat(self, obj: int) -> bool:
        """Say whether text object ``obj`` could be a copy :meth:`_repeats` finds.

        Only one with width (:meth:`_has_width`); the others are not compared at all.
        """
        return self._has_width(obj)

    def _anchor_of(self, obj: int, restored: dict[int, list[RawChar]],
                   by_owner: dict[int, list[int]], texts: list[tuple[int, int]],
                   seen: set[int]) -> int:
        """Return the output index after which a restored object's copies were placed."""
        for i, (_, other) in enumerate(texts):
            if other == obj:
                for _, prev in reversed(texts[:i]):
                    if prev in seen and by_owner.get(prev):
                        return by_owner[prev][-1]
        return -1  # pragma: no cover - a restored object always follows a seen one

    def _repeats(self, obj: int, other: int) -> bool:
        """Say whether text object ``obj`` looks like a copy of ``other`` (pdfium's test).

        Same font and size, overlapping bounds of about the same width, and an offset of
        less than one glyph across and an eighth of the height up or down.
        """
        api = self.api
        if api.obj_font(obj) != api.obj_font(other):
            return False
        size = ctypes.c_float()
        api.obj_font_size(obj, ctypes.addressof(size))
        fs1 = size.value
        api.obj_font_size(other, ctypes.addressof(size))
        if abs(fs1 - size.value) > 1e-6:
            return False
        a, b = self._bounds(obj), self._bounds(other)
        if a is None or b is None:
            return False
        width = a[2] - a[0]
        overlap = min(a[2], b[2]) - max(a[0], b[0])
        if overlap <= 0 or min(a[3], b[3]) - max(a[1], b[1]) <= 0:
            return False
        if abs(width - (b[2] - b[0])) > width / 2:
            return False
        dx, dy = self._offset(obj, other)
        height = max(a[3] - a[1], b[3] - b[1], 1e-6)
        return abs(dx) <= max(width, 1e-6) and abs(dy) <= height / 8 + 1e-6

    def _bounds(self, obj: int) -> tuple[float, float, float, float] | None:
        quad = self._quad
        base = self._quad_at
        if not self.api.object_bounds(obj, base, base + 4, base + 8, base + 12):
            return None
        return (quad[0], quad[1], quad[2], quad[3])  # left, bottom, right, top

    def _offset(self, obj: int, other: int) -> tuple[float, float]:
        """Return the user-space offset of ``obj``'s position from ``other``'s."""
        m = (ctypes.c_float * 6)()
        if not self.api.object_matrix(obj, ctypes.addressof(m)):
            return (0.0, 0.0)
        e, f = m[4], m[5]
        if not self.api.object_matrix(other, ctypes.addressof(m)):
            return (0.0, 0.0)
        return (e - m[4], f - m[5])

    def _odd_char(self, tpc: _Arg, index: int, u: int) -> str | None:
        """Return the text of an unusual char ``index`` with code point ``u`` (None: drop it).

        * A drawn hyphen pdfium classified as a line-end word break: reported as U+0002, it
          is returned as :data:`_FLAGGED` for :meth:`_unflag` to settle; a "-" flagged by
          ``FPDFText_IsHyphen`` becomes :data:`FLAGGED_HYPHEN`.
        * A glyph without a Unicode mapping makes pdfium fall back to its char code. Where
          that code is a control, private-use or invalid code point, the char is written
          ``(cid:N)``, pdfminer's notation, so the reader can tell a missing ToUnicode map;
          an ordinary-looking code point is kept (pdfium's fallback is often right: fonts
          whose codes are ASCII or Unicode).
        * NUL and unpaired surrogates are dropped.
        """
        api = self.api
        if u == 45:
            return FLAGGED_HYPHEN if api.h_is_hyphen(tpc, index) == 1 else "-"
        if api.h_map_error(tpc, index) == 1:
            return f"(cid:{u})"
        if u == 2:
            return _FLAGGED
        if u <= 0 or 0xD800 <= u <= 0xDFFF or u > 0x10FFFF:
            return None
        return chr(u)

    def _advance_edge(self, tpc: _Arg, index: int, loose_right: float,
                      next_x: float) -> float:
        """Return the right edge of char ``index``'s advance, given where the next glyph starts.

        pdfium's loose box spans the union of the advance and the glyph's ink. When the next
        glyph on the line starts inside it, either the pair is kerned (the loose edge is the
        advance: keep it) or the ink overhangs the advance (italics, "f", substituted fonts:
        the advance ends about where the next glyph starts).
        """
        box = self._tight  # left, right, bottom, top
        if not self.api.h_char_box(tpc, index, *self._tight_ptrs):
            return loose_right
        if loose_right > box[1] + 0.01:  # ink ends before the advance: a kerned pair
            return loose_right
        return next_x

    def _type3_right(self, font: int, u: int, style: _Style, ox: float, right: float) -> float:
        """Return the right edge of the advance of a Type3 glyph (code point ``u``) at ``ox``.

        pdfium builds a char's loose box from its advance only when the font's bounding box
        places the glyph; for a Type3 font it often falls back to the glyph's ink box, which
        for a narrow glyph ends short of the advance and opens a gap the reader would take
        for a space (Chromium draws each Chinese glyph of a title from a Type3 font of its
        own). The advance is the font's width for the glyph (its /Widths, through
        ``FPDFFont_GetGlyphWidth``) times the char matrix's x scale; where pdfium has no
        width, the loose box's edge ``right`` stays.
        """
        if not self.api.glyph_width(font, u, 1000.0, ctypes.addressof(self._float)):
            return right
        width = float(self._float.value) * style[9]  # glyph units (1/1000 em) to user space
        return ox + width if width > 0 else right

    def _emitter(self, out: list[RawChar]) -> Callable[..., None]:
        """Return ``emit(text, x0, lo, x1, hi, origin_x, origin_y, style)`` appending to ``out``.

        Takes user-space coordinates; used for rotated pages and the rare paths of the
        loop (which inlines the unrotated case).
        """
        frame = self.frame
        make = make_raw_char
        append = out.append
        rot0 = frame.rotation == 0
        cy = frame.cy

        def emit(text: str, x0: float, lo: float, x1: float, hi: float, ox: float, oy: float,
                 s: _Style) -> None:
            if rot0:
                append(make(text, x0, cy - hi, x1, cy - lo, s[3], s[0], cy - oy, s[4], s[1],
                            s[2]))
                return
            bx0, btop, bx1, bbottom = frame.box(x0, lo, x1, hi)
            base = frame.point(ox, oy)[1]
            append(make(text, bx0, btop, bx1, bbottom, s[3], s[0], base, s[4], s[1], s[2]))

        return emit

    # -- links and images ----------------------------------------------------------------

    def links(self) -> list[RawLink]:
        """Return the page's link annotations (URI links with their target, others None)."""
        api = self.api
        frame = self.frame
        out: list[RawLink] = []
        pos = ctypes.c_int(0)
        link = ctypes.c_void_p()
        rect = (ctypes.c_float * 4)()
        quad = (ctypes.c_float * 8)()
        for _ in range(10_000):
            if not api.link_enumerate(self.page, ctypes.addressof(pos), ctypes.addressof(link)):
                break
            handle = link.value
            if not handle:
                continue
            uri = self._uri(handle)
            rects: list[Box] = []
            for q in range(max(int(api.link_count_quads(handle)), 0)):
                if api.link_quad(handle, q, ctypes.addressof(quad)):
                    xs, ys = quad[0::2], quad[1::2]
                    rects.append(frame.box(min(xs), min(ys), max(xs), max(ys)))
            if not rects:
                if not api.link_annot_rect(handle, ctypes.addressof(rect)):
                    continue
                left, top, right, bottom = rect[0], rect[1], rect[2], rect[3]
                rects.append(
                    frame.box(min(left, right), min(top, bottom), max(left, right),
                              max(top, bottom))
                )
            out.append(RawLink(uri=uri, rects=tuple(rects)))
        return out

    def _uri(self, link: int) -> str | None:
        """Return the target of a URI link action (None for GoTo and other actions)."""
        api = self.api
        action = api.link_action(link)
        if not action or api.action_type(action) != _PDFACTION_URI:
            return None
        need = int(api.action_uri(self.doc, action, None, 0))
        if need <= 1:
            return None
        buf = ctypes.create_string_buffer(need)
        api.action_uri(self.doc, action, buf, need)
        raw = buf.raw[: need - 1]
        if raw.startswith((b"\xfe\xff", b"\xff\xfe")):  # a UTF-16 text string
            return raw.decode("utf-16", "replace")
        for enc in ("utf-8", "latin-1"):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                continue
        return None  # pragma: no cover - latin-1 decodes anything

    def shapes(self, limit: int = MAX_SHAPES) -> list[RawShape]:
        """Return the page's paths (inside form XObjects too), one :class:`RawShape` a subpath.

        As pdfminer does, a path is cut into its subpaths (each opened by a move) and each
        subpath's box encloses its points with a Bézier curve's control points left out, in
        the page frame (the path's own matrix and those of the forms around it applied).
        At most ``limit`` shapes and :data:`MAX_SEGMENTS` path segments are read (a hostile
        page may draw millions).
        """
        api = self.api
        out: list[RawShape] = []
        budget = [MAX_SEGMENTS]
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        stack: list[tuple[list[int], tuple[float, ...], int]] = [
            ([obj for _k, obj, kind in self._top_objects()
              if kind in (_PAGEOBJ_PATH, _PAGEOBJ_FORM)], _IDENTITY, 0)]
        while stack and len(out) < limit and budget[0] > 0:
            objects, outer, depth = stack.pop()
            for obj in objects:
                kind = api.object_type(obj)
                if kind == _PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                    inner = [api.form_get_object(obj, k)
                             for k in range(max(int(api.form_count_objects(obj)), 0))]
                    stack.append(([o for o in inner if o],
                                  _compose(self._matrix_of(obj), outer), depth + 1))
                elif kind == _PAGEOBJ_PATH and api.path_draw_mode(
                        obj, ctypes.addressof(fill_mode), ctypes.addressof(stroke)):
                    matrix = _compose(self._matrix_of(obj), outer)
                    for left, bottom, right, top in self._subpaths(obj, matrix, budget):
                        out.append(RawShape(self.frame.box(left, bottom, right, top),
                                            fill_mode.value != 0, bool(stroke.value)))
                if len(out) >= limit or budget[0] <= 0:
                    break
        return out[:limit]

    def _subpaths(self, obj: int, matrix: tuple[float, ...],
                  budget: list[int]) -> list[tuple[float, float, float, float]]:
        """Return the user-space box of each subpath of path ``obj`` (see :meth:`shapes`).

        ``budget`` holds the number of segments still to be read on this page.
        """
        api = self.api
        a, b, c, d, e, f = matrix
        x, y = ctypes.c_float(), ctypes.c_float()
        xp, yp = ctypes.addressof(x), ctypes.addressof(y)
        boxes: list[tuple[float, float, float, float]] = []
        points: list[tuple[float, float]] = []
        curve = 0  # Bézier segments come in threes: two control points, then the end point
        n = min(max(int(api.path_count_segments(obj)), 0), budget[0])
        budget[0] -= n
        for k in range(n):
            segment = api.path_segment(obj, k)
            if not segment or not api.segment_point(segment, xp, yp):
                continue
            kind = api.segment_type(segment)
            if kind == _SEGMENT_MOVETO:
                if len(points) > 1:
                    boxes.append(_points_box(points))
                points, curve = [], 0
            elif kind == _SEGMENT_BEZIERTO:
                curve += 1
                if curve % 3:
                    continue
            px, py = float(x.value), float(y.value)
            points.append((a * px + c * py + e, b * px + d * py + f))
        if len(points) > 1:
            boxes.append(_points_box(points))
        return boxes

    def _matrix_of(self, obj: int) -> tuple[float, ...]:
        """Return an object's matrix (a, b, c, d, e, f), the identity when pdfium has none."""
        m = (ctypes.c_float * 6)()
        if not self.api.object_matrix(obj, ctypes.addressof(m)):
            return _IDENTITY
        return tuple(float(v) for v in m)

    def _all_objects(self) -> list[tuple[int, int]]:
        """Return ``(object, type)`` of every object on the page, inside form XObjects too.

        Read once per page (the image count and :meth:`_machine_dependent` both need it);
        the matrix of the forms around each nested text object goes to ``_form_of``.
        """
        if self._nested is None:
            api = self.api
            found: list[tuple[int, int]] = []
            stack: list[tuple[int, int, tuple[float, ...]]] = []
            for _k, obj, kind in self._top_objects():
                found.append((obj, kind))
                if kind == _PAGEOBJ_FORM:
                    stack.append((obj, 1, self._matrix_of(obj)))
            while stack:
                holder, depth, outer = stack.pop()
                for k in range(max(int(api.form_count_objects(holder)), 0)):
                    obj = api.form_get_object(holder, k)
                    if not obj:
                        continue
                    kind = api.object_type(obj)
                    found.append((obj, kind))
                    if kind == _PAGEOBJ_TEXT:
                        self._form_of[obj] = outer
                    elif kind == _PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                        stack.append((obj, depth + 1, _compose(self._matrix_of(obj), outer)))
            self._nested = found
            self._texts = {obj for obj, kind in found if kind == _PAGEOBJ_TEXT}
        return self._nested

    def image_count(self) -> int:
        """Return the number of image objects on the page, inside form XObjects too."""
        return sum(kind == _PAGEOBJ_IMAGE for _obj, kind in self._all_objects())


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """Return the matrix applying ``inner`` first, then ``outer`` (PDF's row-vector order)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806 - the usual names of a second matrix
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _points_box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """Return the bounds (left, bottom, right, top) of ``points``."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


class _PdfiumSource:
    """An open pdfium document (see :class:`~newsextract.reader.backend.PageSource`)."""

    def __init__(self, api: _Api, doc: int, data: bytes, display_name: str,
                 password: str | None = None) -> None:
        self._api = api
        self._doc: int | None = doc
        self._data = data  # pdfium reads from this buffer until the document is closed
        self._name = display_name
        self._password = password
        self._miner: Any = None  # a pdfplumber PDF, opened for the first page that needs it
        with _LOCK:
            self._count = max(int(api.page_count(doc)), 0)

    @property
    def page_count(self) -> int:
        """Number of pages in the document."""
        return self._count

    def pages(self) -> Iterator[RawPage]:
        """Yield the pages in order; each page is closed before it is yielded."""
        for index in range(self._count):
            yield self._read(index)

    def _read(self, index: int) -> RawPage:
        api = self._api
        number = index + 1
        with _LOCK:
            if self._doc is None:
                raise MalformedPDFError(self._name, "the document was closed while being read")
            try:
                page = api.load_page(self._doc, index)
            except Exception as exc:  # pragma: no cover - ctypes argument errors only
                raise self._error(number, exc) from exc
            if not page:
                raise MalformedPDFError(
                    self._name, f"the PDF is damaged and cannot be read (page {number} "
                    "could not be loaded)"
                )
            try:
                reader = _PageReader(api, self._doc, page)
                chars = reader.chars()
                try:
                    links = reader.links()
                except Exception as exc:  # a broken annotation must not lose the text
                    _log.debug("annotations unreadable on page %d: %r", number, exc)
                    links = []
                images = reader.image_count()
                shapes = reader.shapes()
                width, height = reader.frame.width, reader.frame.height
            except NewsExtractError:
                raise
            except Exception as exc:
                raise self._error(number, exc) from exc
            finally:
                api.close_page(page)
        if chars is None:
            chars = self._miner_chars(index)
        return RawPage(number, float(width), float(height), chars, links, images, shapes)

    def release(self) -> None:
        """Close the document and load it again; the next page is read from the new one.

        pdfium keeps every font, image and object it has parsed until its document is
        closed (about 70 KB a page), and the pdfminer fallback its parsed objects.
        """
        self._close_miner()
        api = self._api
        pw = self._password.encode("utf-8") if self._password is not None else None
        with _LOCK:
            if self._doc is None:
                return
            api.close_document(self._doc)
            self._doc = None
            doc = api.load_document(self._data, len(self._data), pw)
            if not doc:
                raise MalformedPDFError(self._name, "the PDF could not be opened again")
            self._doc = doc

    def _close_miner(self) -> None:
        """Close the pdfminer fallback's document, if one was opened (idempotent)."""
        miner, self._miner = self._miner, None
        if miner is not None:
            try:
                miner.close()
            except Exception:  # pragma: no cover - closing must never mask the result
                _log.debug("pdfplumber close failed", exc_info=True)

    def _miner_chars(self, index: int) -> list[RawChar]:
        """Return page ``index``'s chars as pdfminer reads them (the pdfplumber backend's).

        For the pages whose pdfium reading depends on the machine's fonts
        (:meth:`_PageReader._machine_dependent`): pdfminer decodes and measures text from
        the PDF alone (its /Widths, /W, font descriptor and CMaps), never from a font file.
        """
        from newsextract.reader.plumber import _layout_chars, classify_open_error

        try:
            if self._miner is None:
                import pdfplumber

                self._miner = pdfplumber.open(io.BytesIO(self._data), password=self._password)
            page = self._miner.pages[index]
            try:
                return _layout_chars(page)[0]
            finally:
                page.close()
        except NewsExtractError:
            raise
        except (Exception, RecursionError) as exc:
            raise classify_open_error(exc, self._name) from exc

    def _error(self, number: int, exc: BaseException) -> MalformedPDFError:
        return MalformedPDFError(
            self._name,
            f"the PDF is damaged and cannot be read (page {number}: "
            f"{type(exc).__name__}: {exc})",
        )

    def close(self) -> None:
        """Close the document (idempotent)."""
        self._close_miner()
        with _LOCK:
            doc, self._doc = self._doc, None
            if doc is not None:
                self._api.close_document(doc)


class PdfiumBackend:
    """Read pages with pdfium (through ``pypdfium2.raw``).

    Several times faster than pdfplumber. pdfium is not thread-safe: use the backend from
    one thread at a time per process (calls are serialised by a module lock; parallel
    batch runs use processes).
    """

    name = "pdfium"

    @contextmanager
    def open(
        self, data: bytes, display_name: str, password: str | None = None
    ) -> Iterator[_PdfiumSource]:
        """Open ``data`` and yield a page source; every failure becomes a typed error."""
        if not data:
            raise NotAPDFError(display_name, "the file is empty")
        buffer = bytes(data)
        try:
            api = _api()
        except Exception as exc:  # pragma: no cover - broken installation
            raise MalformedPDFError(
                display_name, f"pdfium is unavailable ({type(exc).__name__}: {exc})"
            ) from exc
        pw = password.encode("utf-8") if password is not None else None
        with _LOCK:
            try:
                doc = api.load_document(buffer, len(buffer), pw)
                code = 0 if doc else int(api.last_error())
            except Exception as exc:
                raise MalformedPDFError(
                    display_name,
                    f"the PDF is damaged and cannot be read ({type(exc).__name__}: {exc})",
                ) from exc
        if not doc:
            raise classify_load_error(code, buffer, display_name)
        try:
            source = _PdfiumSource(api, doc, buffer, display_name, password)
        except Exception as exc:  # pragma: no cover - a page count cannot really fail
            with _LOCK:
                api.close_document(doc)
            raise MalformedPDFError(
                display_name, f"the PDF is damaged and cannot be read ({exc})"
            ) from exc
        try:
            yield source
        finally:
            source.close()
