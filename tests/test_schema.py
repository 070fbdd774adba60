"""The citable schema: ``$schema``/``$id``, docs/schema.json equal to ``newsextract schema``,
every golden valid under it with a real JSON Schema validator (and broken ones refused)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from newsextract import cli
from newsextract.models import SCHEMA_VERSION
from newsextract.schema_docs import SCHEMA_CHANGELOG

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
GOLDENS = sorted((ROOT / "fixtures").glob("*.json"))
STORED_CASES = sorted((ROOT / "tests" / "roundtrip_cases").glob("*.json"))


def _printed_schema(capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["schema"]) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    loaded: dict[str, object] = json.loads((ROOT / "docs" / "schema.json").read_text("utf-8"))
    return loaded


def _validator(schema: dict[str, object]) -> object:
    cls = jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_docs_schema_json_is_what_newsextract_schema_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (ROOT / "docs" / "schema.json").read_text("utf-8") == _printed_schema(capsys), (
        "docs/schema.json is stale: run `python -m newsextract.schema_docs docs/`"
    )


def test_schema_names_its_dialect_and_version(schema: dict[str, object]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://newsextract.dev/schema/issue/{SCHEMA_VERSION}.json"
    version = schema["properties"]["schema_version"]["const"]  # type: ignore[index]
    assert str(schema["$id"]).endswith(f"/{version}.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_the_schema_changelog_starts_at_1_0_and_ends_at_the_current_version() -> None:
    versions = [v for v, _ in SCHEMA_CHANGELOG]
    assert versions[0] == SCHEMA_VERSION and versions[-1] == "1.0"
    doc = (ROOT / "docs" / "schema.md").read_text("utf-8")
    assert "## Schema changelog" in doc
    assert "* **minor** (`1.0` → `1.1`): something is added" in doc  # the rule
    assert "* **major** (`1.x` → `2.0`): something is renamed, removed" in doc
    for version, changes in SCHEMA_CHANGELOG:
        assert f"| {version} | {changes} |" in doc


def test_there_are_goldens() -> None:
    assert len(GOLDENS) >= 3


@pytest.mark.parametrize("path", GOLDENS + STORED_CASES, ids=lambda p: p.name)
def test_golden_is_valid_under_the_schema(path: Path, schema: dict[str, object]) -> None:
    document = json.loads(path.read_text("utf-8"))
    if path.parent.name == "roundtrip_cases":
        document = document["issue"]
    errors = list(_validator(schema).iter_errors(document))  # type: ignore[attr-defined]
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.parametrize(
    ("breakage", "where"),
    [
        (lambda d: d.update(surprise=1), []),
        (lambda d: d["top_stories"][0].update(rank="one"), ["top_stories", 0, "rank"]),
        (lambda d: d.update(publication_date="2024-13-45"), ["publication_date"]),
        (lambda d: d.update(schema_version="9.9"), ["schema_version"]),
        (lambda d: d["top_stories"][0].pop("title"), ["top_stories", 0]),
        (lambda d: d["policy_news"][0]["sources"][0].update(language="fr"),
         ["policy_news", 0, "sources", 0, "language"]),
    ],
)
def test_the_validator_refuses_a_broken_golden(
    breakage: object, where: list[object], schema: dict[str, object]
) -> None:
    document = copy.deepcopy(json.loads(GOLDENS[0].read_text("utf-8")))
    breakage(document)  # type: ignore[operator]
    errors = list(_validator(schema).iter_errors(document))  # type: ignore[attr-defined]
    assert [list(e.absolute_path) for e in errors] == [where]
