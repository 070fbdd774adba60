"""The CSV and Parquet tables: one key scheme, every field somewhere, counts equal to the JSON,
CSV and Parquet holding the same values, real list and date columns in Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
import typing
from collections import Counter
from pathlib import Path

import pytest
from pydantic import BaseModel

from newsextract.batch import convert
from newsextract.batch.csvout import write_tables
from newsextract.batch.tables import TABLE_TREE, TABLES, UNTABLED, Table, TableLayout, table
from newsextract.models import Issue, Provenance
from newsextract.schema_docs import MODEL_ORDER
from test_batch_support import fake_extract, write_fake

ROOT = Path(__file__).resolve().parents[1]
GOLDENS = sorted((ROOT / "fixtures").glob("*.json"))


def _goldens() -> list[Issue]:
    return [Issue.model_validate_json(p.read_text("utf-8")) for p in GOLDENS]


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tables")
    path = folder / "issues.jsonl"
    path.write_text("".join(i.model_dump_json() + "\n" for i in _goldens()), "utf-8")
    return path


def _read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --- the layout ----------------------------------------------------------------------------


def test_column_names_are_unique_and_keys_extend_the_parent_key() -> None:
    by_name = {t.name: t for t in TABLES}
    assert len(by_name) == len(TABLES)
    for layout in TABLES:
        names = layout.column_names
        assert len(set(names)) == len(names), layout.name
        assert names[:2] == ("issue_sha256", "issue_first_page")
        if layout.parent is not None:
            parent_key = by_name[layout.parent].key
            assert layout.key[: len(parent_key)] == parent_key
            assert len(layout.key) > len(parent_key)


def test_story_key_is_the_issue_key_and_story_rank_everywhere() -> None:
    story_tables = [t for t in TABLES if "story_rank" in t.column_names]
    assert {t.name for t in story_tables} == {"stories", "comment_paragraphs", "documents",
                                              "issuing_bodies", "figures"}
    for layout in story_tables:
        assert [c.name for c in layout.key[:3]] == [
            "issue_sha256", "issue_first_page", "story_rank"]
    assert "rank" not in table("stories").column_names


def _fields_of(model: type[BaseModel]) -> set[tuple[str, str]]:
    out = {(model.__name__, name) for name in model.model_fields}
    for info in model.model_fields.values():
        for arg in [info.annotation, *typing.get_args(info.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    out |= _fields_of(inner)
    return out


def _covered() -> set[tuple[str, str]]:
    # the issue key columns: issue_sha256, issue_first_page
    covered: set[tuple[str, str]] = {("Issue", "source"), ("SourceFile", "sha256"),
                                     ("PageRange", "first")}

    def visit(spec: Table, parent: type[BaseModel]) -> None:
        covered.update((parent.__name__, f) for f, _ in spec.sources)
        if spec.position_field:
            covered.add((spec.model.__name__, spec.position_field))
        for child in spec.children:
            visit(child, spec.model)

    for spec in TABLE_TREE:
        visit(spec, Issue)
    for layout in TABLES:
        for column in layout.values:
            model: type[BaseModel] = layout.model
            for name in column.path:
                covered.add((model.__name__, name))
                tp = model.model_fields[name].annotation
                nested = [a for a in (tp, *typing.get_args(tp)) if isinstance(a, type)]
                models = [a for a in nested if issubclass(a, BaseModel)]
                if models:
                    model = models[0]
            if column.kind == "records":
                item = typing.get_args(column.annotation)[0]
                covered |= _fields_of(item)
    return covered


def test_every_field_of_the_schema_is_in_some_table() -> None:
    every = set().union(*(_fields_of(m) for m in MODEL_ORDER))
    # fields the tables leave out on purpose (UNTABLED), and those of the models only they use
    every -= {("Issue", f) for f in UNTABLED} | _fields_of(Provenance)
    assert ("SourceBox", "page") not in every
    missing = sorted(every - _covered())
    assert missing == [], f"fields in no table (add a column or a Table entry): {missing}"


# --- the contents, against the JSON ---------------------------------------------------------


def _expected_counts(issues: list[Issue]) -> dict[str, int]:
    stories = [s for i in issues for s in i.top_stories]
    news = [n for i in issues for n in (*i.policy_news, *i.corporate_news)]
    return {
        "issues": len(issues),
        "people": sum(len(i.authors) + len(i.editors) for i in issues),
        "contents": sum(len(i.contents) for i in issues),
        "stories": len(stories),
        "comment_paragraphs": sum(len(s.comment) for s in stories),
        "documents": sum(len(s.documents) for s in stories),
        "issuing_bodies": sum(len(d.issuing_bodies) for s in stories for d in s.documents),
        "figures": sum(len(s.figures) for s in stories),
        "news": len(news),
        "news_sources": sum(len(n.sources) for n in news),
        "warnings": sum(len(i.warnings) for i in issues),
    }


def _key(row: dict[str, object], layout: TableLayout, n: int | None = None) -> tuple[str, ...]:
    return tuple(str(row[c.name]) for c in layout.key[:n])


def test_csv_row_counts_keys_and_parents_match_the_json(journal: Path, tmp_path: Path) -> None:
    assert write_tables(journal, tmp_path) == len(GOLDENS)
    expected = _expected_counts(_goldens())
    assert set(expected) == {t.name for t in TABLES}
    rows = {t.name: _read_csv(tmp_path, t.name) for t in TABLES}
    assert {name: len(r) for name, r in rows.items()} == expected
    for layout in TABLES:
        keys = Counter(_key(r, layout) for r in rows[layout.name])
        assert max(keys.values(), default=1) == 1, f"{layout.name}: duplicate keys"
        if layout.parent is not None:
            parent = table(layout.parent)
            parent_keys = {_key(r, parent) for r in rows[parent.name]}
            for r in rows[layout.name]:
                assert _key(r, layout, len(parent.key)) in parent_keys
    # counts left in parent rows equal the child rows
    for story in rows["stories"]:
        key = (story["issue_sha256"], story["story_rank"])
        docs = [d for d in rows["documents"] if (d["issue_sha256"], d["story_rank"]) == key]
        assert len(docs) == int(story["documents_count"])
        for doc in docs:
            doc_key = (*key, doc["document_position"])
            bodies = [b for b in rows["issuing_bodies"]
                      if (b["issue_sha256"], b["story_rank"], b["document_position"]) == doc_key]
            assert len(bodies) == int(doc["issuing_bodies_count"])


def test_csv_lists_are_json_arrays_equal_to_the_json(journal: Path, tmp_path: Path) -> None:
    write_tables(journal, tmp_path)
    by_key = {
        (i.source.sha256, s.rank): s  # type: ignore[union-attr]
        for i in _goldens()
        for s in i.top_stories
    }
    for row in _read_csv(tmp_path, "stories"):
        story = by_key[(row["issue_sha256"], int(row["story_rank"]))]
        assert json.loads(row["at_a_glance_points"]) == story.at_a_glance.points
        assert json.loads(row["pages"]) == story.pages
    documents = {
        (i.source.sha256, s.rank, k + 1): d  # type: ignore[union-attr]
        for i in _goldens() for s in i.top_stories for k, d in enumerate(s.documents)
    }
    for row in _read_csv(tmp_path, "documents"):
        doc = documents[(row["issue_sha256"], int(row["story_rank"]),
                         int(row["document_position"]))]
        assert row["date"] == (doc.date.isoformat() if doc.date else "")
    links = [json.loads(r["links"]) for r in _read_csv(tmp_path, "comment_paragraphs")]
    assert sum(len(x) for x in links) == sum(
        len(p.links) for i in _goldens() for s in i.top_stories for p in s.comment
    )


# --- Parquet ---------------------------------------------------------------------------------


def test_parquet_is_typed_and_holds_what_the_csv_holds(journal: Path, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pd = pytest.importorskip("pandas")
    from newsextract.batch.parquetout import write_parquet_tables

    assert write_parquet_tables(journal, tmp_path) == len(GOLDENS)
    write_tables(journal, tmp_path, raw=True)  # Parquet is raw: no formula neutralising
    stories = pq.read_table(tmp_path / "stories.parquet")
    documents = pq.read_table(tmp_path / "documents.parquet")
    assert documents.schema.field("date").type == pa.date32()
    assert stories.schema.field("at_a_glance_points").type == pa.list_(pa.string())
    assert stories.schema.field("pages").type == pa.list_(pa.int64())
    assert stories.schema.field("story_rank").type == pa.int64()
    assert documents.schema.field("issuing_bodies_complete").type == pa.bool_()
    news = pq.read_table(tmp_path / "news.parquet")
    link = news.schema.field("links").type.value_type
    assert [link.field(i).name for i in range(link.num_fields)] == ["text", "url"]
    assert stories.schema.field("title").metadata[b"description"] == b"Headline without its number."
    first = stories.to_pylist()[0]
    assert isinstance(documents.to_pylist()[0]["date"], dt.date)
    assert isinstance(first["pages"], list)

    for layout in TABLES:
        from_parquet = pq.read_table(tmp_path / f"{layout.name}.parquet").to_pylist()
        from_csv = _read_csv(tmp_path, layout.name)
        assert len(from_parquet) == len(from_csv), layout.name
        for prow, crow in zip(from_parquet, from_csv):
            assert list(prow) == list(crow)
            for column in layout.columns:
                value, cell = prow[column.name], crow[column.name]
                if column.kind in ("list", "records"):
                    assert json.loads(cell) == json.loads(json.dumps(value, default=str))
                elif value is None:
                    assert cell == ""
                elif column.kind == "boolean":
                    assert cell == ("true" if value else "false")
                else:
                    assert cell == (value.isoformat() if isinstance(value, dt.date) else str(value))
    frame = pd.read_parquet(tmp_path / "issuing_bodies.parquet")
    assert list(frame.columns) == list(table("issuing_bodies").column_names)


def test_convert_format_parquet_end_to_end(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    write_fake(tmp_path / "in" / "a.pdf", date="2024-02-15", tag="a")
    write_fake(tmp_path / "in" / "b.pdf", date="2024-01-15", tag="b")
    report = convert([tmp_path / "in"], tmp_path / "out", fmt="parquet", extract=fake_extract)
    assert report.exit_code == 0
    issues = pq.read_table(tmp_path / "out" / "issues.parquet").to_pylist()
    assert [i["publication_date"] for i in issues] == [dt.date(2024, 1, 15), dt.date(2024, 2, 15)]
    bodies = pq.read_table(tmp_path / "out" / "issuing_bodies.parquet")
    assert bodies.num_rows == 4
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        ["errors.jsonl", "issues.jsonl", *(f"{t.name}.parquet" for t in TABLES)]
    )


def test_a_table_whose_source_is_not_in_the_models_fails_at_once() -> None:
    from newsextract.batch.tables import _check_sources
    from newsextract.models import IssuingBody, TopStory

    moved = Table("issuing_bodies", IssuingBody, "body", sources=(("documents", ""),),
                  position="body_position", position_description="Place.")
    with pytest.raises(TypeError, match=r"TopStory\.documents is not a list\[IssuingBody\]"):
        _check_sources(moved, TopStory)
    _check_sources(TABLE_TREE[2].children[1], TopStory)  # the real one passes
