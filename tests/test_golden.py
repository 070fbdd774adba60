"""Golden tests: every committed fixture extracts to exactly its expected Issue.

The goldens (``fixtures/NAME.json``) are model JSON written by ``tools/make_fixtures.py`` from
the Issue the fixture was rendered from (layout-derived fields filled in by the renderer),
checked by eye against the rendered pages, and reloaded here through the models.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsextract import ExtractionError, Issue, extract_issue
from newsextract.schema_docs import (
    render_schema_json,
    render_schema_markdown,
    render_tables_markdown,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p for p in (ROOT / "fixtures").glob("*.pdf") if p.with_suffix(".json").exists())
CASES = [pytest.param(p, id=p.stem) for p in FIXTURES]


def _golden(pdf: Path) -> Issue:
    return Issue.model_validate_json(pdf.with_suffix(".json").read_text("utf-8"))


def _differences(expected: object, got: object, path: str = "") -> list[str]:
    if type(expected) is not type(got):
        return [f"{path}: expected {expected!r:.120} got {got!r:.120}"]
    if isinstance(expected, dict):
        return [d for k in expected for d in _differences(expected[k], got.get(k), f"{path}.{k}")]  # type: ignore[attr-defined]
    if isinstance(expected, list):
        out = (
            [f"{path}: {len(expected)} items expected, {len(got)} found"]
            if len(expected) != len(got)
            else []
        )  # type: ignore[arg-type]
        return out + [
            d
            for i, (a, b) in enumerate(zip(expected, got))
            for d in _differences(a, b, f"{path}[{i}]")
        ]  # type: ignore[call-overload]
    return [] if expected == got else [f"{path}: expected {expected!r:.120} got {got!r:.120}"]


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 3


@pytest.mark.parametrize("pdf", CASES)
def test_fixture_matches_golden(pdf: Path) -> None:
    expected = _golden(pdf)
    got = extract_issue(pdf)
    diffs = _differences(expected.model_dump(mode="json"), got.model_dump(mode="json"))
    assert not diffs, "\n".join(diffs[:20])
    assert got == expected


@pytest.mark.parametrize("pdf", CASES)
def test_bytes_and_file_objects_give_the_same_issue(pdf: Path) -> None:
    expected = _golden(pdf)
    from_bytes = extract_issue(pdf.read_bytes())
    with pdf.open("rb") as fh:
        from_file = extract_issue(fh)
    assert from_bytes.source is not None and from_bytes.source.file_name == "<bytes>"
    assert from_bytes.model_copy(update={"source": expected.source}) == expected
    assert from_file == expected
    assert extract_issue(io.BytesIO(pdf.read_bytes())).top_stories == expected.top_stories


def test_golden_json_round_trips_through_the_models() -> None:
    for pdf in FIXTURES:
        issue = _golden(pdf)
        assert Issue.model_validate_json(issue.model_dump_json()) == issue


def test_strict_mode_raises_where_lenient_mode_warns() -> None:
    with_warning = [p for p in FIXTURES if _golden(p).warnings]
    clean = [p for p in FIXTURES if not _golden(p).warnings]
    assert with_warning and clean
    for pdf in clean:
        assert extract_issue(pdf, strict=True) == _golden(pdf)
    for pdf in with_warning:
        first = _golden(pdf).warnings[0]
        with pytest.raises(ExtractionError) as e:
            extract_issue(pdf, strict=True)
        assert e.value.warning_code == first.code and e.value.page == first.page
        assert pdf.name in str(e.value)


def test_unsafe_link_is_dropped_with_a_warning() -> None:
    pdf = FIXTURES[0]
    data = pdf.read_bytes()
    golden = _golden(pdf)
    url = golden.top_stories[0].documents[0].url
    assert url is not None and url.encode() in data
    evil = ("javascript:alert(1)//" + "x" * len(url))[: len(url)]
    got = extract_issue(data.replace(url.encode(), evil.encode()))
    assert got.top_stories[0].documents[0].url is None
    new = [w for w in got.warnings if w not in golden.warnings]
    assert [(w.code, w.field) for w in new] == [("unsafe_link", "/top_stories/0/documents/0/url")]
    assert len(got.warnings) == len(golden.warnings) + 1
    assert got.top_stories[0].documents[0].title == golden.top_stories[0].documents[0].title


def test_docs_schema_files_match_the_models() -> None:
    assert (ROOT / "docs" / "schema.json").read_text("utf-8") == render_schema_json(), (
        "docs/schema.json is stale: run `python -m newsextract.schema_docs docs/`"
    )
    assert (ROOT / "docs" / "schema.md").read_text("utf-8") == render_schema_markdown(), (
        "docs/schema.md is stale: run `python -m newsextract.schema_docs docs/`"
    )
    assert (ROOT / "docs" / "tables.md").read_text("utf-8") == render_tables_markdown(), (
        "docs/tables.md is stale: run `python -m newsextract.schema_docs docs/`"
    )
