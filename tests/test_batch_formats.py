"""Every output format: JSON Lines, JSON per file, Markdown per file, CSV tables, Markdown text."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from newsextract.batch import convert, issue_to_markdown
from newsextract.batch.csvout import issue_csv_rows
from newsextract.batch.markdown import escape_markdown
from newsextract.batch.outputs import markdown_sha256
from newsextract.batch.tables import TABLES, table
from newsextract.models import Issue, Link, NewsItem, NewsSource
from test_batch_support import build_issue, fake_extract, write_fake


def _inputs(root: Path) -> Path:
    write_fake(root / "2024" / "march.pdf", date="2024-03-15", tag="m", pages=4)
    write_fake(root / "2024" / "feb.pdf", date="2024-02-15", tag="f", pages=2)
    write_fake(root / "jan.pdf", date="2024-01-15", tag="j")
    return root


def test_jsonl_lines_are_valid_issues_with_file_name_and_hash(tmp_path: Path) -> None:
    src = _inputs(tmp_path / "in")
    report = convert([src], tmp_path / "out.jsonl", jobs=2, extract=fake_extract)
    assert report.pages == 4 + 2 + 3
    by_name = {}
    for line in (tmp_path / "out.jsonl").read_text().splitlines():
        issue = Issue.model_validate_json(line)
        assert issue.source is not None
        by_name[issue.source.file_name] = issue
    assert set(by_name) == {"march.pdf", "feb.pdf", "jan.pdf"}
    march = (src / "2024" / "march.pdf").read_bytes()
    assert by_name["march.pdf"].source.sha256 == hashlib.sha256(march).hexdigest()  # type: ignore[union-attr]


def test_json_per_file_mirrors_the_tree(tmp_path: Path) -> None:
    src = _inputs(tmp_path / "in")
    convert([src], tmp_path / "out", fmt="json", jobs=2, extract=fake_extract)
    files = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
    )
    assert files == ["2024", "2024/feb.json", "2024/march.json", "errors.jsonl", "jan.json"]
    text = (tmp_path / "out" / "2024" / "march.json").read_text()
    assert text.startswith("{\n  ") and text.endswith("}\n")
    assert Issue.model_validate_json(text).publication_date == dt.date(2024, 3, 15)


def test_markdown_per_file(tmp_path: Path) -> None:
    src = _inputs(tmp_path / "in")
    convert([src], tmp_path / "out", fmt="markdown", jobs=1, extract=fake_extract)
    md = (tmp_path / "out" / "jan.md").read_text()
    sha = hashlib.sha256((src / "jan.pdf").read_bytes()).hexdigest()
    assert markdown_sha256(md) == sha
    assert "# China Industries — 2024-01-15" in md
    assert "### 1. Story j: \\*bold\\* claims" in md


def test_csv_tables_have_keys_and_expected_rows(tmp_path: Path) -> None:
    src = _inputs(tmp_path / "in")
    convert([src], tmp_path / "out", fmt="csv", jobs=2, extract=fake_extract)
    out = tmp_path / "out"

    def read(name: str) -> list[dict[str, str]]:
        with open(out / f"{name}.csv", newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    issues, stories, documents, bodies, news, sources, paragraphs = (
        read(n)
        for n in ("issues", "stories", "documents", "issuing_bodies", "news", "news_sources",
                  "comment_paragraphs")
    )
    assert [r["publication_date"] for r in issues] == ["2024-01-15", "2024-02-15", "2024-03-15"]
    assert len(stories) == 3 and len(bodies) == 6 and len(news) == 6
    assert len(sources) == 3 and len(paragraphs) == 6
    for rows in (stories, bodies, news, sources, paragraphs):
        assert {r["issue_sha256"] for r in rows} == {r["issue_sha256"] for r in issues}
    story = stories[0]
    assert story["story_rank"] == "1"
    assert json.loads(story["at_a_glance_points"]) == ["first, point", "second"]
    assert json.loads(story["pages"]) == [2, 3]
    assert story["documents_count"] == "1" and story["comment_count"] == "2"
    document = documents[0]
    assert (document["story_rank"], document["document_position"]) == ("1", "1")
    assert document["issuing_bodies_complete"] == "false"
    assert document["issuing_bodies_count"] == "2" and document["date"] == "2024-01-15"
    first = [p for p in paragraphs if p["issue_sha256"] == story["issue_sha256"]]
    assert [p["text"] for p in first] == [
        "Comment on j with a draft link.",
        "Second paragraph, 中文 too.",
    ]
    assert json.loads(first[0]["links"]) == [{"text": "draft", "url": "https://example.org/draft"}]
    assert [(b["story_rank"], b["document_position"], b["body_position"], b["acronym"])
            for b in bodies[:2]] == [("1", "1", "1", "MIIT"), ("1", "1", "2", "NDRC")]
    policy = next(r for r in news if r["news_section"] == "policy")
    assert policy["sources_count"] == "1"
    source = sources[0]
    assert (source["news_section"], source["news_position"], source["source_position"]) == (
        "policy", "1", "1"
    )
    assert (source["label"], source["language"], source["url"]) == (
        "MIIT notice", "zh", "https://miit.gov.cn/n"
    )
    corporate = next(r for r in news if r["news_section"] == "corporate")
    assert corporate["date"] == "" and corporate["sources_count"] == "0"
    assert corporate["links"] == "[]"


def test_csv_loads_as_is_in_pandas(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    convert([_inputs(tmp_path / "in")], tmp_path / "out", fmt="csv", extract=fake_extract)
    out = tmp_path / "out"
    stories = pd.read_csv(out / "stories.csv")
    bodies = pd.read_csv(out / "issuing_bodies.csv")
    issues = pd.read_csv(out / "issues.csv", parse_dates=["publication_date"])
    for layout in TABLES:
        frame = pd.read_csv(out / f"{layout.name}.csv")
        assert list(frame.columns) == list(layout.column_names)
    documents = pd.read_csv(out / "documents.csv")
    assert documents["issuing_bodies_complete"].dtype == bool
    assert stories["story_rank"].tolist() == [1, 1, 1]
    assert issues["publication_date"].dt.year.tolist() == [2024, 2024, 2024]
    joined = stories.merge(bodies, on=["issue_sha256", "story_rank"])
    assert len(joined) == 6
    assert stories["at_a_glance_points"].map(json.loads).map(len).tolist() == [2, 2, 2]


def test_csv_loads_as_is_in_duckdb(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    convert([_inputs(tmp_path / "in")], tmp_path / "out", fmt="csv", extract=fake_extract)
    out = tmp_path / "out"
    con = duckdb.connect()
    described = con.execute(f"DESCRIBE SELECT * FROM read_csv_auto('{out / 'documents.csv'}')")
    types = {row[0]: row[1] for row in described.fetchall()}
    assert list(types) == list(table("documents").column_names)
    assert types["date"] == "DATE"
    assert types["issuing_bodies_complete"] == "BOOLEAN"
    assert types["story_rank"] in {"BIGINT", "INTEGER"}
    rows = con.execute(
        f"""
        SELECT i.publication_date, s.title, b.acronym
        FROM '{out / "issues.csv"}' i
        JOIN '{out / "stories.csv"}' s USING (issue_sha256)
        JOIN '{out / "issuing_bodies.csv"}' b USING (issue_sha256, story_rank)
        ORDER BY 1, 3
        """
    ).fetchall()
    assert len(rows) == 3 * 2
    assert rows[0][0] == dt.date(2024, 1, 15)
    points = con.execute(
        f"SELECT unnest(from_json(at_a_glance_points, '[\"VARCHAR\"]')) "
        f"FROM '{out / 'stories.csv'}'"
    ).fetchall()
    assert sorted({p[0] for p in points}) == ["first, point", "second"]


def test_csv_of_an_empty_batch_still_has_headers(tmp_path: Path) -> None:
    write_fake(tmp_path / "in" / "bad.pdf", "corrupt")
    convert([tmp_path / "in"], tmp_path / "out", fmt="csv", extract=fake_extract)
    for layout in TABLES:
        text = (tmp_path / "out" / f"{layout.name}.csv").read_text()
        assert text == ",".join(layout.column_names) + "\n"


def test_csv_rows_of_an_undated_minimal_issue() -> None:
    rows = issue_csv_rows(Issue())
    assert rows["issues"][0][0] == ""
    names = table("issues").column_names
    assert rows["issues"][0][names.index("publication_date")] == ""
    assert rows["stories"] == [] and rows["news"] == []


def test_markdown_rendering() -> None:
    issue = build_issue("a" * 64, 3, "2024-05-02", "x")
    issue.policy_news.append(
        NewsItem(
            text="Weird [brackets] and <html> and # not a heading",
            links=[Link(text="brackets", url="https://e.org/a%20b(1)")],  # as extracted
            sources=[NewsSource(label="Xinhua", language="en", url=None)],
        )
    )
    md = issue_to_markdown(issue)
    assert md.startswith("# China Industries — 2024-05-02\n")
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert "## MERICS Top stories" in md
    assert "**At a glance:** Summary here." in md
    assert "**MERICS comment:**" in md
    assert "Comment on x with a [draft](https://example.org/draft) link." in md
    assert "- **Document:** [Plan x](https://www.miit.gov.cn/x) — 工业计划" in md
    assert "MIIT (Ministry of Industry and Information Technology); NDRC" in md
    assert "; etc." in md
    assert "- **Pages:** 2–3" in md
    assert "## Noteworthy policy news" in md
    assert "*Sources:* [MIIT notice](https://miit.gov.cn/n) (CN)" in md
    assert "Weird \\[[brackets](https://e.org/a%20b%281%29)\\] and \\<html\\>" in md
    assert "*Sources:* Xinhua (EN)" in md
    assert "## Noteworthy corporate news" in md


def test_markdown_of_an_empty_issue() -> None:
    md = issue_to_markdown(Issue())
    assert md == "# China Industries — undated\n\n- **Publisher:** MERICS\n"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*a* _b_", "\\*a\\* \\_b\\_"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("a\n\n b", "a b"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("![img](x)", "!\\[img\\](x)"),
        ("+ plus", "\\+ plus"),
        ("MIIT (ministry)", "MIIT (ministry)"),
    ],
)
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_json_schema_is_the_models() -> None:
    schema = Issue.model_json_schema()
    assert schema["title"] == "Issue"
    assert json.loads(json.dumps(schema)) == schema


def test_markdown_warnings_name_their_page_and_value() -> None:
    from newsextract.models import ExtractionWarning

    issue = Issue(warnings=[
        ExtractionWarning(code="unknown_issuing_body", message="unknown issuing body 'QQXZ'",
                          page=5, field="/top_stories/2/documents/0/issuing_bodies/2"),
        ExtractionWarning(code="unmapped_glyphs", message="2 glyph(s) dropped", page=1),
    ])
    md = issue_to_markdown(issue)
    assert ("- `unknown_issuing_body` (p. 5, `/top_stories/2/documents/0/issuing_bodies/2`): "
            "unknown issuing body 'QQXZ'") in md
    assert "- `unmapped_glyphs` (p. 1): 2 glyph(s) dropped" in md
