"""The field picture (``newsextract debug``): drawn from the provenance, labels beside the text.

Counts of what is boxed are taken from the Issue (every point, paragraph, news item and
person on its page), label places are checked to lie in the strips beside the page, and the
rendered PNG is checked for each box's colour at its edge.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from newsextract import Issue, cli, extract_issue
from newsextract.batch.debug_fields import (
    FIELD_KINDS,
    field_marks,
    layout_labels,
    render_fields_page,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").glob("*.pdf"))


@functools.cache
def _issue(pdf: Path) -> Issue:
    return extract_issue(pdf, provenance=True)


def _kinds(issue: Issue, page: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for mark in field_marks(issue, page):
        counts[mark.kind.name] = counts.get(mark.kind.name, 0) + 1
    return counts


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
def test_every_field_point_paragraph_item_and_person_is_boxed(pdf: Path) -> None:
    issue = _issue(pdf)
    assert issue.source is not None
    pages = range(1, issue.source.page_count + 1)
    total: dict[str, int] = {}
    for page in pages:
        for kind, n in _kinds(issue, page).items():
            total[kind] = total.get(kind, 0) + n
    stories = issue.top_stories
    # a value over a page break is boxed on both pages: at least one mark each
    assert total["story title"] >= len(stories)
    assert total["point"] >= sum(len(s.at_a_glance.points) for s in stories)
    assert total["comment paragraph"] >= sum(len(s.comment) for s in stories)
    assert total["document title"] >= sum(1 for s in stories for d in s.documents if d.title)
    assert total["issuing body"] >= sum(len(d.issuing_bodies) for s in stories
                                        for d in s.documents)
    assert total["policy news item"] >= len(issue.policy_news)
    assert total.get("corporate news item", 0) >= len(issue.corporate_news)
    assert total["person"] == len(issue.authors) + len(issue.editors)
    assert total["publication date"] == 1
    for s, story in enumerate(stories):  # each story's points on its own pages
        on = sum(1 for page in story.pages for m in field_marks(issue, page)
                 if m.kind.name == "point" and m.pointer.startswith(f"/top_stories/{s}/"))
        assert on >= len(story.at_a_glance.points)


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
def test_labels_sit_in_the_strips_beside_the_page_never_over_it(pdf: Path) -> None:
    issue = _issue(pdf)
    assert issue.source is not None
    pad, page_px, scale = 176, 935, 110 / 72

    def measure(text: str) -> tuple[float, float]:
        return 6.0 * len(text), 11.0

    for page in range(1, issue.source.page_count + 1):
        spots = layout_labels(field_marks(issue, page), measure, scale, pad, page_px)
        for spot in spots:
            assert spot.x1 <= pad or spot.x0 >= pad + page_px, spot  # never on the page
            assert spot.top >= spot.target[1] - 0.01  # level with its box or pushed below
        for side in ("left", "right"):
            ys = sorted((s.top, s.bottom) for s in spots if s.side == side)
            assert all(b[0] >= a[1] for a, b in zip(ys, ys[1:])), (page, side)


def test_the_picture_shows_each_box_in_its_kind_colour(tmp_path: Path) -> None:
    pdf = ROOT / "fixtures" / "ci-2024-03.pdf"
    issue = _issue(pdf)
    page = issue.top_stories[0].pages[0]
    png = render_fields_page(pdf, page, resolution=72, issue=issue)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pad = int(72 * 1.6)
    with pdfplumber.open(pdf) as doc:
        width = float(doc.pages[page - 1].width)
    assert abs(image.size[0] - (width + 2 * pad)) <= 1  # the page between two label strips
    marks = field_marks(issue, page)
    assert len({m.kind.name for m in marks}) >= 6
    for mark in marks:
        box = mark.boxes[0]
        x, y = round(pad + box.x0), round((box.top + box.bottom) / 2)
        near = [image.getpixel((x + dx, y)) for dx in (-1, 0, 1)]
        assert any(sum(abs(int(a) - b) for a, b in zip(px, mark.kind.color)) < 90  # type: ignore[arg-type]
                   for px in near), (mark.pointer, near, mark.kind.color)
    kinds = {k.name for k in FIELD_KINDS}
    assert len(kinds) == len(FIELD_KINDS)  # one name, one colour per kind
    assert len({k.color for k in FIELD_KINDS}) == len(FIELD_KINDS)
    out = tmp_path / "p.png"
    assert cli.main(["debug", str(pdf), "--page", str(page), "-o", str(out),
                     "--resolution", "72"]) == 0
    assert Image.open(out).size == image.size
