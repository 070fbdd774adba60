"""Drawn shapes: both backends report a page's paths alike, in the page frame, capped.

A bullet drawn as a dot, a rule, the bars and axes of a chart are vector paths; the reader
keeps each subpath's box (``RawPage.shapes`` → ``Document.shapes``) so later steps can use
what the text alone does not show.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsextract.reader import get_backend, page_shapes, read_document
from newsextract.reader.backend import RawPage, RawShape
from newsextract.reader.params import LayoutParams

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "fixtures").glob("*.pdf")) + sorted(
    (ROOT / "fixtures" / "engines").glob("*.pdf"))

Key = tuple[tuple[float, float, float, float], bool, bool]


def _shapes(backend: str, data: bytes) -> list[list[RawShape]]:
    with get_backend(backend).open(data, "x.pdf") as source:
        return [page.shapes for page in source.pages()]


def _same(a: RawShape, b: RawShape, tol: float = 0.6) -> bool:
    return (max(abs(x - y) for x, y in zip(a.box, b.box)) <= tol
            and a.filled == b.filled and a.stroked == b.stroked)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_both_backends_draw_the_same_shapes(pdf: Path) -> None:
    data = pdf.read_bytes()
    plumber, pdfium = _shapes("pdfplumber", data), _shapes("pdfium", data)
    assert len(plumber) == len(pdfium)
    assert sum(len(p) for p in plumber) > 0  # every rendering draws rules or bullets
    for number, (a, b) in enumerate(zip(plumber, pdfium), start=1):
        key = lambda s: (round(s.box[1]), round(s.box[0]), s.box)  # noqa: E731
        a, b = sorted(a, key=key), sorted(b, key=key)
        assert len(a) == len(b), f"page {number}: {len(a)} shapes vs {len(b)}"
        bad = [(x, y) for x, y in zip(a, b) if not _same(x, y)]
        assert not bad, f"page {number}: {bad[:3]}"


def _drawing() -> bytes:
    """A page with a filled dot, a stroked rule, a rectangle of two subpaths, and a dot
    inside a form XObject drawn under a scale and a shift."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(600, 800), invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(100, 700, "Text so the page has some.")
    c.circle(60, 700, 2, stroke=0, fill=1)               # a bullet dot: box 58..62
    c.setLineWidth(4)
    c.line(100, 650, 300, 650)                           # a thick rule: no width in the box
    p = c.beginPath()
    p.rect(100, 500, 50, 20)
    p.rect(200, 500, 30, 30)                             # two subpaths, one path
    c.drawPath(p, stroke=0, fill=1)
    c.beginForm("dot")
    c.circle(10, 10, 1, stroke=0, fill=1)
    c.endForm()
    c.saveState()
    c.translate(300, 300)
    c.scale(2, 2)
    c.doForm("dot")                                      # box (318..322, 318..322) user space
    c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_shapes_are_subpath_boxes_in_the_page_frame(backend: str) -> None:
    (page,) = _shapes(backend, _drawing())
    boxes = sorted((tuple(round(v, 1) for v in s.box), s.filled, s.stroked) for s in page)
    # top-left origin: top = 800 - y
    assert boxes == [
        ((58.0, 98.0, 62.0, 102.0), True, False),
        ((100.0, 150.0, 300.0, 150.0), False, True),
        ((100.0, 280.0, 150.0, 300.0), True, False),
        ((200.0, 270.0, 230.0, 300.0), True, False),
        ((318.0, 478.0, 322.0, 482.0), True, False),
    ]


def test_the_reader_keeps_shapes_per_page_and_caps_them() -> None:
    doc = read_document(_drawing(), "x.pdf", get_backend("pdfplumber"))
    assert len(doc.page_shapes(1)) == 5 and doc.page_shapes(2) == []
    raw = RawPage(1, 600.0, 800.0, shapes=[
        RawShape((10.0 + i, 10.0, 12.0 + i, 12.0), True, False) for i in range(50)
    ] + [RawShape((-5000.0, 10.0, -4000.0, 12.0), True, False)])
    assert len(page_shapes(raw, params=LayoutParams(max_shapes_per_page=7))) == 7
    kept = page_shapes(raw, params=LayoutParams())
    assert len(kept) == 50 and all(s.page == 1 for s in kept)  # the far-off one dropped
