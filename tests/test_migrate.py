"""Schema 1.x and 2.0 documents upgrade to 2.1 (newsextract.migrate.upgrade), losing nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsextract import Issue
from newsextract.migrate import upgrade

DATA = Path(__file__).resolve().parent / "data"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text("utf-8"))
    return data


def test_a_1_1_golden_upgrades_to_2_1_with_its_values_moved_not_lost() -> None:
    old = _load("issue-1.1.json")
    new = Issue.model_validate(upgrade(old))
    assert new.schema_version == "2.1" and new.profile is None
    assert new.provenance is None
    assert new.source is not None and new.source.pages is not None
    assert (new.source.pages.first, new.source.pages.last) == (1, old["source"]["page_count"])
    assert new.issue_title is None and new.acknowledgements is None
    for v1, story in zip(old["top_stories"], new.top_stories, strict=True):
        (doc,) = story.documents
        assert (doc.title, doc.title_zh, doc.url) == (
            v1["article"]["title"], v1["article"]["title_zh"], v1["article"]["url"])
        assert [b.model_dump() for b in doc.issuing_bodies] == v1["issuing_bodies"]
        assert doc.issuing_bodies_complete == v1["issuing_bodies_complete"]
        assert (doc.date.isoformat() if doc.date else None) == v1["date"]
        glance = story.at_a_glance
        assert (glance.text, glance.points) == (v1["at_a_glance"]["text"],
                                                v1["at_a_glance"]["points"])
        assert [(g.text, g.points) for g in glance.groups] == [(glance.text, glance.points)]
        assert story.figures == []
    # the one warning's pointer follows its value into the document
    assert [w.field for w in new.warnings] == ["/top_stories/2/documents/0/issuing_bodies/2"]
    assert new.top_stories[2].documents[0].issuing_bodies[2].acronym == "NXYZA"


def test_a_1_0_document_without_a_period_or_story_documents_upgrades() -> None:
    old = _load("issue-1.0.json")
    old["reporting_period"] = {"start": None, "end": None}
    old["top_stories"][0].update(article={"title": None, "title_zh": None, "url": None},
                                 issuing_bodies=[], issuing_bodies_complete=True, date=None)
    old["warnings"] = [{"code": "missing_field", "message": "no date", "page": 1}]
    new = Issue.model_validate(upgrade(old))
    assert new.reporting_period is None
    assert new.top_stories[0].documents == []
    assert [w.field for w in new.warnings] == [None]


def test_upgrade_is_idempotent_and_refuses_unknown_versions() -> None:
    once = upgrade(_load("issue-1.1.json"))
    assert upgrade(once) == once
    with pytest.raises(ValueError, match=r"cannot upgrade schema_version '0\.9'"):
        upgrade({"schema_version": "0.9"})


def test_a_2_0_document_is_a_2_1_document_without_a_profile() -> None:
    old = json.loads(Issue(newsletter="China Industries").model_dump_json())
    old["schema_version"] = "2.0"
    del old["profile"]
    up = upgrade(old)
    assert up == {**old, "schema_version": "2.1"}
    assert Issue.model_validate(old) == Issue.model_validate(up)  # 2.0 is read as 2.1
    assert Issue.model_validate(up).profile is None


def test_v1_pointers_into_documents_move_with_them() -> None:
    from newsextract.migrate import _pointer

    assert _pointer("/top_stories/1/article") == "/top_stories/1/documents/0"
    assert _pointer("/top_stories/1/article/url") == "/top_stories/1/documents/0/url"
    assert _pointer("/top_stories/0/date") == "/top_stories/0/documents/0/date"
    assert _pointer("/top_stories/3/issuing_bodies") == "/top_stories/3/documents/0/issuing_bodies"
    assert _pointer("/policy_news/2/date") == "/policy_news/2/date"
    assert _pointer(None) is None


def test_a_2_0_document_gets_its_whole_file_as_page_range_and_nothing_else() -> None:
    current = json.loads((DATA.parents[1] / "fixtures" / "ci-2024-03.json").read_text("utf-8"))
    old = json.loads(json.dumps(current))
    old["schema_version"] = "2.0"
    del old["source"]["pages"]
    assert upgrade(old) == current  # the 2.0 reader read the whole file as one issue
    old["source"]["page_count"] = 0
    assert upgrade(old)["source"]["pages"] is None
    assert Issue.model_validate(upgrade(old)).provenance is None
    # the models read 2.0 data as 2.1 too (an addition only), without a page range:
    # upgrade() is what gives it the whole file
    assert Issue.model_validate(old).source.pages is None  # type: ignore[union-attr]
