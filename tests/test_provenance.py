"""Provenance: every value of every shipped fixture has a box on its page holding its text.

The check is made against the PDF itself, not against the extractor's own map: pdfplumber's
chars are cropped to each box (a char counts when its centre lies inside) and their text,
compared as :func:`newsextract.textmap.normalise` compares (no spaces or dashes, case
folded), must read the value. Dates must read as the same date, numbers as the same
number, links must lie under an annotation carrying their URL, derived values (a source's
language, an entry's level, a registry name) must point at what they were derived from.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import regex

from newsextract import Issue, cli, extract_issue
from newsextract.backends import DEFAULT_BACKEND
from newsextract.fields.dates import parse_partial_date
from newsextract.models import SourceBox
from newsextract.provenance import NOT_PRINTED, value_pointers
from newsextract.reader.glyphs import clean_text
from newsextract.textmap import normalise
from newsextract.vocabulary import LANGUAGE_TAGS
from test_warnings import resolve

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").glob("*.pdf"))
#: The fixtures as other engines print them (Chromium, LibreOffice, Typst, WeasyPrint).
ENGINES = sorted((ROOT / "fixtures" / "engines").glob("*.pdf"))
BACKENDS = ("pdfplumber", "pdfium")
#: How far (points) the two backends' boxes of one value may differ.
BACKEND_TOLERANCE = 1.0
#: A word (with its full stop, "Feb.") or a number of a printed date.
_DATE_TOKEN = regex.compile(r"[^\W\d_]+\.?|\d+")


@functools.cache
def _issue(pdf: Path, backend: str = "pdfplumber") -> Issue:
    return extract_issue(pdf, provenance=True, backend=backend)


@functools.cache
def _pages(pdf: Path) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """Every page's chars and hyperlinks, as pdfplumber reads them."""
    with pdfplumber.open(pdf) as doc:
        return ([list(p.chars) for p in doc.pages],  # type: ignore[return-value]
                [list(p.hyperlinks) for p in doc.pages])


def _crop_text(pdf: Path, boxes: list[SourceBox]) -> str:
    """The text of the PDF's chars whose centre lies in the boxes, box by box, left to right."""
    chars, _links = _pages(pdf)
    out = []
    for b in boxes:
        inside = [c for c in chars[b.page - 1]
                  if b.x0 <= (c["x0"] + c["x1"]) / 2 <= b.x1
                  and b.top <= (c["top"] + c["bottom"]) / 2 <= b.bottom]
        # a char drawn wholly inside another's box (a half-width bracket set into a
        # full-width one's empty half) cannot be told from it by any box: left out
        inside = [c for c in inside if not any(
            o is not c and o["x0"] <= c["x0"] and c["x1"] <= o["x1"] and o["x1"] - o["x0"] >
            c["x1"] - c["x0"] and o["text"].strip() for o in inside)]
        # the reader's per-character clean-up (ligatures, CJK radicals a font maps its
        # ideographs to) so the PDF's chars compare with the values' characters
        out.append("".join(clean_text(c["text"]) for c in sorted(inside, key=lambda c: c["x0"])))
    return " ".join(out)


def _as_date_text(seen: str) -> str:
    """The crop's words and numbers with single spaces: 'Jan u ary 29' reads 'January 29'."""
    return " ".join(_DATE_TOKEN.findall("".join(seen.split())))


def _under_link(pdf: Path, box: SourceBox, url: str) -> bool:
    _chars, links = _pages(pdf)
    return any(link.get("uri") == url and link["x0"] - 1 <= (box.x0 + box.x1) / 2 <= link["x1"] + 1
               and link["top"] - 1 <= (box.top + box.bottom) / 2 <= link["bottom"] + 1
               for link in links[box.page - 1])


#: Values derived from other printed values: pointer suffix -> the sibling they take boxes of.
DERIVED = {"level": "title", "issuing_bodies_complete": None}


def _problem(pdf: Path, issue: Issue, pointer: str, value: object) -> str | None:
    """Return what is wrong with the boxes of one value, or None."""
    assert issue.provenance is not None
    boxes = issue.provenance.boxes.get(pointer)
    if not boxes:
        return "no box"
    key = pointer.rsplit("/", 1)[-1]
    seen = _crop_text(pdf, boxes)
    if key == "url":
        ok = all(_under_link(pdf, b, str(value)) for b in boxes)
        return None if ok else f"boxes {boxes} not under a link to {value}"
    if key == "language":
        tags = {f"({t})".casefold() for t, lang in LANGUAGE_TAGS.items() if lang == value}
        return None if normalise(seen) in tags else f"reads {seen!r}, not a tag of {value!r}"
    if key in DERIVED:
        return None  # checked by test_derived_values_take_their_sources_boxes
    if isinstance(value, dt.date):
        part = parse_partial_date(_as_date_text(seen))
        ok = part is not None and (part.month, part.day) == (value.month, value.day) and (
            part.year in (None, value.year))
        return None if ok else f"reads {seen!r}, not the date {value}"
    if isinstance(value, str) and key == "name" and "issuing_bodies" in pointer:
        if normalise(seen) != normalise(value):  # a registry name takes its acronym's boxes
            acronym = resolve(issue.model_dump(mode="json"), pointer[: -len("name")] + "acronym")
            return None if acronym and normalise(seen) == normalise(acronym) else f"reads {seen!r}"
        return None
    if pointer.endswith("/at_a_glance/text") and normalise(seen) != normalise(str(value)):
        groups = " ".join(g.text for g in _story(issue, pointer).at_a_glance.groups)
        return None if normalise(seen) == normalise(groups) else f"reads {seen!r}"
    return None if normalise(seen) == normalise(str(value)) else f"reads {seen!r}"


def _story(issue: Issue, pointer: str) -> Any:
    return issue.top_stories[int(pointer.split("/")[2])]


def _leaves(issue: Issue) -> list[tuple[str, object]]:
    data = issue.model_dump(mode="python", exclude={"provenance"})
    return [(p, v) for p, v in value_pointers(data) if not NOT_PRINTED.match(p)]


@pytest.mark.parametrize("pdf", [*FIXTURES, *ENGINES], ids=lambda p: p.stem)
def test_every_value_has_a_box_holding_its_text(pdf: Path) -> None:
    issue = _issue(pdf)
    assert issue.provenance is not None
    assert issue.provenance.missing == []
    leaves = _leaves(issue)
    assert len(leaves) > 100  # the fixtures are whole issues
    problems = [f"{p}: {why}" for p, v in leaves if (why := _problem(pdf, issue, p, v))]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
def test_boxes_lie_on_the_pages_their_values_came_from(pdf: Path) -> None:
    issue = _issue(pdf)
    assert issue.provenance is not None
    boxes = issue.provenance.boxes
    for i, story in enumerate(issue.top_stories):
        on = {b.page for p, bs in boxes.items() if p.startswith(f"/top_stories/{i}/") for b in bs}
        assert on and on <= set(story.pages), (i, on, story.pages)
    for kind in ("policy_news", "corporate_news"):
        for i, item in enumerate(getattr(issue, kind)):
            assert boxes[f"/{kind}/{i}"][0].page == item.page
    contents_pages = {b.page for p, bs in boxes.items() if p.startswith("/contents/") for b in bs}
    story_pages = {p for s in issue.top_stories for p in s.pages}
    assert contents_pages and not contents_pages & story_pages


def test_the_check_can_fail() -> None:
    """A box of another value, or a box moved by a line, fails the text check."""
    pdf = FIXTURES[0]
    issue = _issue(pdf)
    assert issue.provenance is not None
    boxes = issue.provenance.boxes
    title = "/top_stories/0/title"
    wrong = issue.model_copy(deep=True)
    assert wrong.provenance is not None
    wrong.provenance.boxes[title] = boxes["/top_stories/1/title"]
    assert _problem(pdf, wrong, title, issue.top_stories[0].title) is not None
    text = "/top_stories/0/comment/0/text"
    first = boxes[text][0]
    moved = first.model_copy(update={"top": first.top + 30, "bottom": first.bottom + 30})
    wrong.provenance.boxes[text] = [moved, *boxes[text][1:]]
    assert _problem(pdf, wrong, text, issue.top_stories[0].comment[0].text) is not None


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
def test_derived_values_take_their_sources_boxes(pdf: Path) -> None:
    issue = _issue(pdf)
    assert issue.provenance is not None
    boxes = issue.provenance.boxes
    for i in range(len(issue.contents)):
        assert boxes[f"/contents/{i}/level"] == boxes[f"/contents/{i}/title"]
    for s, story in enumerate(issue.top_stories):
        for d, doc in enumerate(story.documents):
            at = f"/top_stories/{s}/documents/{d}"
            bodies = [b for k in range(len(doc.issuing_bodies))
                      for key in ("acronym", "name") for b in boxes.get(
                          f"{at}/issuing_bodies/{k}/{key}", [])]
            assert boxes[f"{at}/issuing_bodies_complete"] == bodies


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
def test_pointers_resolve_in_the_issue_json(pdf: Path) -> None:
    issue = _issue(pdf)
    assert issue.provenance is not None
    doc = json.loads(issue.model_dump_json())
    for pointer in [*issue.provenance.boxes, *issue.provenance.missing]:
        resolve(doc, pointer)
    # items are boxed too: a paragraph, a news item, a person
    for item in ("/top_stories/0/comment/0", "/policy_news/0", "/authors/0"):
        assert item in issue.provenance.boxes


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
def test_both_backends_give_the_same_provenance(pdf: Path) -> None:
    plumber, pdfium = (_issue(pdf, b).provenance for b in BACKENDS)
    assert plumber is not None and pdfium is not None
    assert plumber.boxes.keys() == pdfium.boxes.keys()
    assert plumber.missing == pdfium.missing
    for pointer, boxes in plumber.boxes.items():
        other = pdfium.boxes[pointer]
        assert len(boxes) == len(other), pointer
        for a, b in zip(boxes, other):
            assert a.page == b.page, pointer
            far = max(abs(a.x0 - b.x0), abs(a.top - b.top), abs(a.x1 - b.x1),
                      abs(a.bottom - b.bottom))
            assert far <= BACKEND_TOLERANCE, (pointer, a, b)


def test_provenance_is_absent_by_default() -> None:
    issue = extract_issue(FIXTURES[0])
    assert issue.provenance is None
    assert "provenance" not in json.loads(issue.model_dump_json())
    assert Issue.model_validate_json(_issue(FIXTURES[0]).model_dump_json()) == _issue(FIXTURES[0])


def test_cli_extract_and_convert_provenance(tmp_path: Path) -> None:
    out = tmp_path / "issue.json"
    args = ["extract", str(FIXTURES[0]), "-o", str(out)]
    assert cli.main([*args, "--provenance"]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["provenance"]["missing"] == []
    # the CLI reads with the default backend
    assert data["provenance"]["boxes"] == _issue(FIXTURES[0], DEFAULT_BACKEND).model_dump(
        mode="json")["provenance"]["boxes"]
    assert cli.main(args) == 0
    assert "provenance" not in json.loads(out.read_text("utf-8"))
    jsonl = tmp_path / "all.jsonl"
    # --progress none, not --quiet: -q would leave the package logger at ERROR for the
    # tests after this one in the same process
    assert cli.main(["convert", str(FIXTURES[0]), "-o", str(jsonl), "-j", "1",
                     "--progress", "none", "--provenance"]) == 0
    record = json.loads(jsonl.read_text("utf-8").splitlines()[0])
    assert record["provenance"]["boxes"] == data["provenance"]["boxes"]


CASES = sorted((ROOT / "tests" / "roundtrip_cases").glob("*.json"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_stored_layouts_locate_every_value(case: Path, tmp_path: Path) -> None:
    """The round-trip cases' layouts (two-column news, items over page and column breaks,
    superscripts, Chinese lines) rendered and read back: every value boxed over its text."""
    from newsextract.testing import render_issue
    from test_roundtrip import load_case

    pdf = tmp_path / "case.pdf"
    pdf.write_bytes(render_issue(*load_case(case)).pdf)
    issue = extract_issue(pdf, provenance=True)
    assert issue.provenance is not None and issue.provenance.missing == []
    problems = [f"{p}: {why}" for p, v in _leaves(issue)
                if (why := _problem(pdf, issue, p, v)) and not _unprinted_default(issue, p, v)]
    assert not problems, "\n".join(problems[:20])


def _unprinted_default(issue: Issue, pointer: str, value: object) -> bool:
    """``issuing_bodies_complete`` of a document that prints no issuing bodies."""
    if not pointer.endswith("/issuing_bodies_complete"):
        return False
    doc = resolve(issue.model_dump(mode="json"), pointer.rsplit("/", 1)[0])
    return value is True and not doc["issuing_bodies"]
