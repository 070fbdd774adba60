"""The field picture: a page with every extracted value boxed, drawn from the provenance.

:func:`render_fields_page` extracts the issue with ``provenance=True`` (or takes one that
has it) and draws, on the rendered page, a box in its kind's colour around every story
field, point, paragraph, news item, back-page person and the other values of
:data:`FIELD_KINDS`. Labels go into white strips added left and right of the page, each
beside the value it names with a thin leader line to its box, so no label covers the
page's text; a legend under the page lists the kinds drawn.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from newsextract.backends import DEFAULT_BACKEND
from newsextract.models import Issue, SourceBox
from newsextract.profiles import ProfileSpec

__all__ = [
    "FIELD_KINDS",
    "LEFT_SHARE",
    "FieldKind",
    "FieldMark",
    "LabelSpot",
    "field_marks",
    "layout_labels",
    "render_fields_page",
]

RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class FieldKind:
    """A kind of value the picture boxes: its legend name, label, colour and pointers."""

    name: str
    label: str
    color: RGB
    pointer: regex.Pattern[str]


def _kind(name: str, label: str, color: RGB, pattern: str) -> FieldKind:
    return FieldKind(name, label, color, regex.compile(pattern))


#: The kinds of value drawn, one colour each (pointers with indices as ``\d+``).
FIELD_KINDS: tuple[FieldKind, ...] = (
    _kind("publication date", "published", (31, 119, 180), r"^/publication_date$"),
    _kind("reporting period", "period", (60, 150, 210), r"^/reporting_period/(?:start|end)$"),
    _kind("issue title", "issue title", (23, 100, 150), r"^/issue_title$"),
    _kind("contents entry", "entry", (148, 103, 189), r"^/contents/(\d+)$"),
    _kind("story title", "title", (214, 39, 40), r"^/top_stories/(\d+)/title$"),
    _kind("at a glance", "glance", (255, 127, 14),
          r"^/top_stories/(\d+)/at_a_glance/groups/(\d+)/text$"),
    _kind("point", "point", (188, 140, 0),
          r"^/top_stories/(\d+)/at_a_glance/groups/\d+/points/(\d+)$"),
    _kind("comment paragraph", "comment", (44, 160, 44), r"^/top_stories/(\d+)/comment/(\d+)$"),
    _kind("document title", "doc title", (23, 160, 180),
          r"^/top_stories/(\d+)/documents/(\d+)/title$"),
    _kind("document title, Chinese", "zh title", (20, 120, 120),
          r"^/top_stories/(\d+)/documents/(\d+)/title_zh$"),
    _kind("document link", "link", (0, 90, 200), r"^/top_stories/(\d+)/documents/(\d+)/url$"),
    _kind("issuing body", "body", (120, 60, 160),
          r"^/top_stories/(\d+)/documents/\d+/issuing_bodies/(\d+)$"),
    _kind("document date", "date", (200, 60, 120), r"^/top_stories/(\d+)/documents/(\d+)/date$"),
    _kind("figure caption", "figure", (90, 90, 160), r"^/top_stories/(\d+)/figures/(\d+)/caption$"),
    _kind("policy news item", "policy", (150, 150, 20), r"^/policy_news/(\d+)$"),
    _kind("corporate news item", "corporate", (140, 86, 75), r"^/corporate_news/(\d+)$"),
    _kind("person", "person", (227, 80, 170), r"^/(?:authors|editors)/(\d+)$"),
    _kind("contact", "contact", (127, 60, 60), r"^/contact_email$"),
    _kind("publisher", "publisher", (90, 90, 90), r"^/publisher_info$"),
    _kind("acknowledgements", "thanks", (60, 120, 60), r"^/acknowledgements$"),
)


@dataclass(frozen=True, slots=True)
class FieldMark:
    """One value to draw on a page: its kind, label and boxes there (lines merged)."""

    kind: FieldKind
    label: str
    pointer: str
    boxes: tuple[SourceBox, ...]


def _merge_lines(boxes: Sequence[SourceBox]) -> list[SourceBox]:
    """Merge a value's line boxes into one box per column stretch (lines one under another)."""
    out: list[SourceBox] = []
    for b in boxes:
        last = out[-1] if out else None
        if (last is not None and last.page == b.page and b.x0 < last.x1 and last.x0 < b.x1
                and -2 <= b.top - last.bottom <= (b.bottom - b.top)):
            out[-1] = last.model_copy(update={
                "x0": min(last.x0, b.x0), "top": min(last.top, b.top),
                "x1": max(last.x1, b.x1), "bottom": max(last.bottom, b.bottom)})
        else:
            out.append(b)
    return out


def field_marks(issue: Issue, page: int) -> list[FieldMark]:
    """Return the values of :data:`FIELD_KINDS` drawn on ``page`` (1-based), in print order."""
    if issue.provenance is None:
        raise ValueError("the issue has no provenance: extract it with provenance=True")
    marks: list[FieldMark] = []
    for pointer, boxes in issue.provenance.boxes.items():
        kind = next((k for k in FIELD_KINDS if k.pointer.match(pointer)), None)
        on_page = [b for b in boxes if b.page == page]
        if kind is None or not on_page:
            continue
        m = kind.pointer.match(pointer)
        numbers = ".".join(str(int(g) + 1) for g in m.groups()) if m else ""
        label = f"{kind.label} {numbers}".strip()
        marks.append(FieldMark(kind, label, pointer, tuple(_merge_lines(on_page))))
    marks.sort(key=lambda mk: (mk.boxes[0].top, mk.boxes[0].x0))
    return marks


def _font(size: int) -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # pragma: no cover - Pillow < 10.1
        return ImageFont.load_default()


def _issue_of_page(issues: Iterable[Issue], page: int) -> Issue:
    """Given a PDF's issues in page order, return the one whose pages hold ``page``.

    The first issue where none does (a page before it, or an issue without a page range).
    """
    first: Issue | None = None
    for issue in issues:
        first = first or issue
        pages = issue.source.pages if issue.source is not None else None
        if pages is not None and pages.first <= page <= pages.last:
            return issue
    if first is None:  # pragma: no cover - extract_issues raises rather than yield nothing
        raise ValueError("the PDF holds no issue")
    return first


def render_fields_page(
    source: str | os.PathLike[str] | bytes,
    page: int,
    *,
    resolution: int = 110,
    password: str | None = None,
    issue: Issue | None = None,
    legend: bool = True,
    backend: str = DEFAULT_BACKEND,
    profile: ProfileSpec | None = None,
) -> bytes:
    """Return a PNG of page ``page`` (1-based) with every value of :data:`FIELD_KINDS` boxed.

    ``issue`` (with provenance) defaults to the issue holding that page, read with
    ``backend`` and ``profile`` (:func:`~newsextract.api.extract_issues` with
    ``provenance=True``: in a bundle, the issue whose pages include ``page``). Raises
    ``ValueError`` for a page outside the document and a
    :class:`~newsextract.errors.NewsExtractError` for a file that cannot be read.
    """
    from PIL import Image, ImageDraw

    from newsextract.api import extract_issues
    from newsextract.batch.debug import open_page_image

    if issue is None:
        issue = _issue_of_page(
            extract_issues(source, password=password, backend=backend, profile=profile,
                           provenance=True),
            page,
        )
    marks = field_marks(issue, page)
    image, width_pt = open_page_image(source, page, resolution, password)
    scale = image.size[0] / width_pt
    font = _font(max(9, int(resolution / 10)))
    pad = int(resolution * 1.6)  # the label strips' width: 1.6 inches
    canvas = Image.new("RGB", (image.size[0] + 2 * pad, image.size[1]), (255, 255, 255))
    canvas.paste(image.convert("RGB"), (pad, 0))
    draw = ImageDraw.Draw(canvas, "RGBA")
    for mark in marks:
        r, g, b = mark.kind.color
        for box in mark.boxes:
            draw.rectangle(_px(box, scale, pad), fill=(r, g, b, 40), outline=(r, g, b, 230),
                           width=2)
    _labels(draw, marks, font, scale, pad, image.size[0])
    if legend:
        canvas = _with_legend(canvas, marks, font, page)
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def _px(box: SourceBox, scale: float, pad: int) -> tuple[float, float, float, float]:
    return (pad + box.x0 * scale, box.top * scale, pad + box.x1 * scale, box.bottom * scale)


#: A box starting in this share of the page's width, from the left, is labelled on the left.
LEFT_SHARE = 0.4


class LabelSpot(NamedTuple):
    """Where a mark's label goes (pixels of the whole picture) and the box it points at."""

    mark: FieldMark
    x0: float
    top: float
    x1: float
    bottom: float
    side: str
    target: tuple[float, float, float, float]


def layout_labels(marks: Iterable[FieldMark], measure: Callable[[str], tuple[float, float]],
                  scale: float, pad: int, page_px: int) -> list[LabelSpot]:
    """Place a label for each box of each mark in the strip on its side, level with the box.

    ``measure`` gives a label's width and height in pixels; the page is drawn ``pad``
    pixels from the left, ``page_px`` wide, at ``scale`` pixels a point. A box starting in
    the left :data:`LEFT_SHARE` of the page is labelled in the left strip, others in the
    right one; a label lower than its box's top was pushed down by the one above it, so
    labels never overlap.
    """
    next_free = {"left": 0.0, "right": 0.0}
    out: list[LabelSpot] = []
    # every box gets its label: a value running on into the next column is named there too
    pieces = sorted(((m, b) for m in marks for b in m.boxes), key=lambda mb: mb[1].top)
    for mark, box in pieces:
        target = _px(box, scale, pad)
        side = "left" if target[0] < pad + page_px * LEFT_SHARE else "right"
        w, h = measure(mark.label)
        w, h = min(w + 6, pad - 8), h + 4
        y = max(target[1], next_free[side])
        next_free[side] = y + h + 2
        lx = pad - w - 4 if side == "left" else pad + page_px + 4
        out.append(LabelSpot(mark, lx, y, lx + w, y + h, side, target))
    return out


def _labels(draw: Any, marks: Iterable[FieldMark], font: Any, scale: float, pad: int,
            page_px: int) -> None:
    """Draw each mark's label (:func:`layout_labels`) with a thin leader line to its box."""
    def measure(text: str) -> tuple[float, float]:
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        return float(right - left), float(bottom - top)

    for spot in layout_labels(marks, measure, scale, pad, page_px):
        r, g, b = spot.mark.kind.color
        draw.rectangle((spot.x0, spot.top, spot.x1, spot.bottom), fill=(r, g, b, 235))
        _l, t, _r, _b = draw.textbbox((0, 0), spot.mark.label, font=font)
        draw.text((spot.x0 + 3, spot.top + 2 - t), spot.mark.label, fill=(255, 255, 255, 255),
                  font=font)
        # the leader runs from the label through the margin to the box's near edge
        ly = (spot.top + spot.bottom) / 2
        x0, top, x1, _bottom = spot.target
        start, end = (spot.x1, x0) if spot.side == "left" else (spot.x0, x1)
        draw.line((start, ly, end, min(max(ly, top), top + 4)), fill=(r, g, b, 160), width=1)


def _with_legend(canvas: Any, marks: Sequence[FieldMark], font: Any, page: int) -> Any:
    from PIL import Image, ImageDraw

    kinds = list(dict.fromkeys(m.kind for m in marks))
    width, height = canvas.size
    line_h = int(font.size * 1.6) if hasattr(font, "size") else 16
    strip = Image.new("RGB", (width, line_h * (len(kinds) + 1) + 8), (255, 255, 255))
    draw = ImageDraw.Draw(strip)
    draw.line((0, 0, width, 0), fill=(160, 160, 160), width=1)
    head = f"page {page}: {len(marks)} values boxed" if marks else f"page {page}: no values"
    draw.text((8, 4), head, fill=(0, 0, 0), font=font)
    for n, kind in enumerate(kinds, start=1):
        y = 4 + n * line_h
        draw.rectangle((8, y + 2, 8 + line_h - 4, y + line_h - 2), fill=kind.color)
        draw.text((8 + line_h + 4, y), f"{kind.name} ({kind.label})", fill=(0, 0, 0), font=font)
    out = Image.new("RGB", (width, height + strip.size[1]), (255, 255, 255))
    out.paste(canvas, (0, 0))
    out.paste(strip, (0, height))
    return out
