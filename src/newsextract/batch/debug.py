"""The zone picture: a rendered page with every layout zone drawn in its label's colour.

``newsextract debug --zones`` draws it (the segmenter's view, for debugging the reader);
the default picture boxes the extracted values instead
(:mod:`newsextract.batch.debug_fields`).

Zones come from :func:`newsextract.api.layout_zones` (imported when needed) or are passed
in. Each zone is a translucent box with an outline and its label written at its top-left
corner; a legend under the page lists the labels present. Rendering uses pdfplumber's
``Page.to_image`` (pypdfium2 underneath).
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from newsextract.backends import DEFAULT_BACKEND
from newsextract.errors import NewsExtractError
from newsextract.profiles import ProfileSpec

__all__ = [
    "LABEL_COLORS",
    "DebugUnavailableError",
    "ZoneLike",
    "color_for",
    "load_zones",
    "open_page_image",
    "render_debug_page",
]

RGB = tuple[int, int, int]

#: Colours of the known zone labels; other labels get a stable colour from their name.
LABEL_COLORS: dict[str, RGB] = {
    "cover": (31, 119, 180),
    "contents": (148, 103, 189),
    "contents.heading": (98, 53, 139),
    "stories.heading": (150, 20, 20),
    "story.title": (214, 39, 40),
    "story.body": (44, 160, 44),
    "story.at_a_glance": (255, 127, 14),
    "story.comment": (44, 160, 44),
    "story.article": (23, 190, 207),
    "news.heading": (120, 120, 10),
    "news.policy.heading": (130, 130, 20),
    "news.policy": (188, 189, 34),
    "news.corporate.heading": (100, 56, 45),
    "news.corporate": (140, 86, 75),
    "back": (227, 119, 194),
    "back.authors": (227, 119, 194),
    "running": (127, 127, 127),
    "header": (127, 127, 127),
    "footer": (90, 90, 90),
    "unassigned": (0, 0, 0),
}

_PALETTE: tuple[RGB, ...] = (
    (57, 59, 121),
    (99, 121, 57),
    (140, 109, 49),
    (132, 60, 57),
    (123, 65, 115),
    (82, 84, 163),
    (181, 207, 107),
    (231, 186, 82),
    (214, 97, 107),
    (206, 109, 189),
)


class ZoneLike(Protocol):
    """What the drawing needs of a zone (``newsextract.api.ZoneBox`` has it)."""

    @property
    def page(self) -> int:
        """1-based page number."""
        ...

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) in PDF points, top-left origin."""
        ...

    @property
    def label(self) -> str:
        """Section or field the zone was assigned to."""
        ...


class DebugUnavailableError(RuntimeError):
    """The installed extractor does not provide ``layout_zones`` yet."""


def color_for(label: str) -> RGB:
    """Return the colour of ``label`` (fixed for known labels, stable for the others)."""
    if label in LABEL_COLORS:
        return LABEL_COLORS[label]
    digest = hashlib.sha256(label.encode("utf-8")).digest()
    return _PALETTE[digest[0] % len(_PALETTE)]


def load_zones(
    source: str | os.PathLike[str] | bytes,
    *,
    password: str | None = None,
    backend: str = DEFAULT_BACKEND,
    profile: ProfileSpec | None = None,
) -> Sequence[ZoneLike]:
    """Call :func:`newsextract.api.layout_zones` (:class:`DebugUnavailableError` if missing).

    ``profile`` as for :func:`newsextract.extract_issue` (None: detected).
    """
    from newsextract import api

    layout_zones: Any = getattr(api, "layout_zones", None)
    if layout_zones is None:
        raise DebugUnavailableError(
            "this version of newsextract has no newsextract.api.layout_zones yet"
        )
    zones: Sequence[ZoneLike] = layout_zones(source, password=password, backend=backend,
                                             profile=profile)
    return zones


def _font(size: int) -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # pragma: no cover - Pillow < 10.1
        return ImageFont.load_default()


@contextmanager
def _pdfplumber_page(
    source: str | os.PathLike[str] | bytes, page: int, password: str | None
) -> Iterator[Any]:
    """Open ``source`` with pdfplumber and give its page ``page`` (1-based), then close it.

    Raises ``ValueError`` for a page outside the document and a
    :class:`~newsextract.errors.NewsExtractError` for a file pdfplumber cannot open.
    """
    import pdfplumber

    from newsextract.reader.plumber import classify_open_error

    name = os.fspath(source) if not isinstance(source, bytes) else "<bytes>"
    stream: Any = io.BytesIO(source) if isinstance(source, bytes) else Path(source)
    try:
        pdf = pdfplumber.open(stream, password=password)
        page_count = len(pdf.pages)
    except NewsExtractError:
        raise
    except Exception as exc:
        raise classify_open_error(exc, name) from exc
    try:
        if not 1 <= page <= page_count:
            raise ValueError(f"page {page} is outside the document (1 to {page_count})")
        yield pdf.pages[page - 1]
    finally:
        pdf.close()


def open_page_image(
    source: str | os.PathLike[str] | bytes, page: int, resolution: int, password: str | None
) -> tuple[Any, float]:
    """Return page ``page`` (1-based) rendered at ``resolution`` dpi and its width in points.

    Rendered by pdfplumber (pypdfium2 underneath). Raises ``ValueError`` for a page outside
    the document and a :class:`~newsextract.errors.NewsExtractError` for a file pdfplumber
    cannot open.
    """
    with _pdfplumber_page(source, page, password) as pg:
        return pg.to_image(resolution=resolution).original.copy(), float(pg.width)


def render_debug_page(
    source: str | os.PathLike[str] | bytes,
    page: int,
    *,
    resolution: int = 110,
    password: str | None = None,
    zones: Sequence[ZoneLike] | None = None,
    legend: bool = True,
    backend: str = DEFAULT_BACKEND,
    profile: ProfileSpec | None = None,
) -> bytes:
    """Return a PNG of page ``page`` (1-based) of ``source`` with its zones drawn on it.

    ``zones`` defaults to :func:`load_zones` of the same file (read with ``backend`` and
    ``profile``; the
    picture itself is always rendered by pdfplumber/pypdfium2). Raises ``ValueError`` for a
    page outside the document and a :class:`~newsextract.errors.NewsExtractError` for a
    file pdfplumber cannot open.
    """
    from PIL import ImageDraw

    if zones is None:
        zones = load_zones(source, password=password, backend=backend, profile=profile)
    with _pdfplumber_page(source, page, password) as pg:
        image = pg.to_image(resolution=resolution)
        scale = image.scale
        origin_x, origin_top = float(image.bbox[0]), float(image.bbox[1])
        on_page = [z for z in zones if z.page == page]
        for zone in on_page:
            r, g, b = color_for(zone.label)
            x0, top, x1, bottom = (float(v) for v in zone.bbox)
            image.draw_rect(
                (x0, top, x1, bottom),
                fill=(r, g, b, 50),
                stroke=(r, g, b, 230),
                stroke_width=2,
            )
        canvas: Any = image.annotated
        draw = ImageDraw.Draw(canvas, "RGBA")
        font = _font(max(9, int(resolution / 10)))
        for zone in on_page:
            # The label sits in the zone's top-right corner, where text lines end early.
            r, g, b = color_for(zone.label)
            right = (float(zone.bbox[2]) - origin_x) * scale
            y = (float(zone.bbox[1]) - origin_top) * scale
            left, top, end, bottom = draw.textbbox((0, 0), zone.label, font=font)
            x = max(0.0, right - (end - left) - 3)
            draw.rectangle((x - 1, y, right, y + (bottom - top) + 3), fill=(r, g, b, 200))
            draw.text((x, y + 1 - top), zone.label, fill=(255, 255, 255, 255), font=font)
        if legend:
            labels = sorted({z.label for z in on_page})
            canvas = _with_legend(canvas, labels, font, page, len(on_page))
        out = io.BytesIO()
        canvas.convert("RGB").save(out, format="PNG")
        return out.getvalue()


def _with_legend(canvas: Any, labels: Sequence[str], font: Any, page: int, count: int) -> Any:
    from PIL import Image, ImageDraw

    width, height = canvas.size
    line_h = int(font.size * 1.6) if hasattr(font, "size") else 16
    rows = [f"page {page}: {count} zones" if count else f"page {page}: no zones"]
    rows.extend(labels)
    strip = Image.new("RGB", (width, line_h * len(rows) + 8), (255, 255, 255))
    draw = ImageDraw.Draw(strip)
    draw.line((0, 0, width, 0), fill=(160, 160, 160), width=1)
    y = 4
    draw.text((8, y), rows[0], fill=(0, 0, 0), font=font)
    for label in labels:
        y += line_h
        r, g, b = color_for(label)
        draw.rectangle((8, y + 2, 8 + line_h - 4, y + line_h - 2), fill=(r, g, b))
        draw.text((8 + line_h + 4, y), label, fill=(0, 0, 0), font=font)
    out = Image.new("RGB", (width, height + strip.size[1]), (255, 255, 255))
    out.paste(canvas.convert("RGB"), (0, 0))
    out.paste(strip, (0, height))
    return out
