"""ExtractionWarning.field: every warning names its value by a JSON Pointer that resolves.

The pointer (RFC 6901) points into the Issue the warning came with, by the indices of the
output lists (a story or item dropped shifts the ones after it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsextract import Issue, extract_issue
from newsextract.api import _build
from newsextract.fields.diagnostics import WARNING_CODES, Diagnostics, json_pointer
from newsextract.models import SCHEMA_VERSION
from newsextract.reader import LayoutParams
from newsextract.reader.hyphenation import Lexicon
from newsextract.reader.types import Block, Document, PageSize, ReaderNote
from newsextract.schema_docs import SCHEMA_CHANGELOG
from newsextract.sections import segment

from helpers import hand_block

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "fixtures").glob("*.pdf")) + sorted((ROOT / "fixtures/engines").glob("*.pdf"))

#: Codes about the whole document: the only ones whose ``field`` is null.
WHOLE_DOCUMENT = {"unmapped_glyphs", "bidi_control_removed"}


def resolve(doc: Any, pointer: str) -> Any:
    """Return the value ``pointer`` (RFC 6901) points at in ``doc``; KeyError if none."""
    if pointer == "":
        return doc
    if not pointer.startswith("/"):
        raise KeyError(f"{pointer!r} does not start with '/'")
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, list):
            if not token.isdigit() or (token != "0" and token.startswith("0")):
                raise KeyError(f"{token!r} is no array index")
            if int(token) >= len(doc):
                raise KeyError(f"index {token} past the end of a list of {len(doc)}")
            doc = doc[int(token)]
        elif isinstance(doc, dict):
            if token not in doc:
                raise KeyError(f"no member {token!r}")
            doc = doc[token]
        else:
            raise KeyError(f"{token!r} below a scalar")
    return doc


def test_the_resolver_follows_rfc_6901() -> None:
    doc = {"a/b": {"c~d": [10, 20]}, "": 1}
    assert resolve(doc, "/a~1b/c~0d/1") == 20
    assert resolve(doc, "") is doc and resolve(doc, "/") == 1
    assert json_pointer(["a/b", "c~d", 1]) == "/a~1b/c~0d/1"
    for bad in ("/a~1b/c~0d/2", "/a~1b/c~0d/01", "/x", "/a~1b/c~0d/0/y", "a"):
        with pytest.raises(KeyError):
            resolve(doc, bad)


def check_pointers(issue: Issue) -> list[str]:
    """Assert every warning of ``issue`` names a value that exists; return the pointers."""
    dumped = issue.model_dump(mode="json")
    out = []
    for w in issue.warnings:
        if w.code in WHOLE_DOCUMENT:
            assert w.field is None, w
            continue
        assert w.field is not None, f"{w.code} names no field: {w.message}"
        resolve(dumped, w.field)
        out.append(w.field)
    return out


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pointers_of_fixtures_and_engine_renderings_resolve(pdf: Path) -> None:
    for backend in ("pdfplumber", "pdfium"):
        check_pointers(extract_issue(pdf, backend=backend))


def test_a_golden_warning_names_its_issuing_body() -> None:
    issue = extract_issue(ROOT / "fixtures" / "ci-2023-01.pdf")
    (w,) = issue.warnings
    assert w.field == "/top_stories/2/documents/0/issuing_bodies/2"
    body = resolve(issue.model_dump(mode="json"), w.field)
    assert body == {"acronym": "NXYZA", "name": None} and "NXYZA" in w.message


B = {"bold": True}
I = {"italic": True}  # noqa: E741 - the style's initial, as B
BAD = {"link": "javascript:alert(1)"}
LONG = {"link": "https://example.org/" + "a" * 9000}


def _document(*texts: Block) -> Document:
    blocks = list(texts)
    for k, b in enumerate(blocks):  # reading order top to bottom, a page at a time
        for ln in b.lines:
            ln.baseline = 100.0 + 14.0 * k
    pages = max(b.page for b in blocks)
    return Document(name="hand.pdf", page_count=pages, page_sizes=[PageSize(595, 842)] * pages,
                    blocks=blocks, removed=[], params=LayoutParams(), lexicon=Lexicon(()),
                    notes=[ReaderNote("unmapped_glyphs", "2 glyph(s) dropped", 1),
                           ReaderNote("bidi_control_removed", "1 bidi control removed", 2)])


def _hand_issue() -> Issue:
    """An issue built from hand-made blocks that trigger every warning code."""
    doc = _document(
        hand_block(["JANUARY 3, 2023 (REPORTING PERIOD: FEBRUARY 30 - MARCH 1)"]),
        hand_block([("CONTENTS", B)]),
        hand_block(["Good entry ........ 2"]),
        hand_block(["Broken entry ........ 0"]),
        hand_block(["A dangling contents line"]),
        hand_block([("MERICS TOP 3", B)], page=2),
        # kept first: index 0
        hand_block([("2. Second story", B)], page=2),
        hand_block(["Stray text before any label"], page=2),
        hand_block([("MERICS comment:", B), " A comment with ", ("a bad link", BAD), "."], page=2),
        hand_block(["Another paragraph with ", ("one more", BAD), "."], page=2),
        # two documents, one ';' group of bodies and of dates: ambiguous, kept on the first
        hand_block([("Article:", B), " Plan (", ("Link", BAD), "), Other plan (",
                    ("Link", {"link": "https://example.org/other"}), ")"], page=2),
        hand_block([("Issuing bodies:", B), " MIIT, QQXZ"], page=2),
        hand_block([("Date:", B), " Someday"], page=2),
        # out of rank order: dropped by the builder, its warnings point at the list
        hand_block([("1. Dropped story", B)], page=3),
        hand_block([("Date:", B), " Never"], page=3),
        # kept second: index 1, although it is the third story printed
        hand_block([("3. Third story", B)], page=3),
        hand_block([("At a glance:", B), " Only a summary."], page=3),
        hand_block([("NOTEWORTHY", B)], page=4),
        hand_block([("Policy news", B)], page=4),
        hand_block([("February 30:", I), " An impossible date (",
                    ("MIIT notice (CN)", BAD), ")"], bullet="•", page=4),
        hand_block(["An item without a date and ", ("a bad link", BAD)], bullet="•", page=4),
        # no reporting period was read: February lies after January 2023, so 2022, which
        # has no February 29
        hand_block([("February 29:", I), " A leap day without its year"], bullet="•", page=4),
        hand_block([("March 1:", I), " A link too long (", ("Xinhua (EN)", LONG), ")"],
                   bullet="•", page=4),
        hand_block([("AUTHORS", B)], page=5),
        hand_block([", "], page=5),
        hand_block([("PUBLISHER", B)], page=5),
        hand_block(["Mail: not-an-email"], page=5),
    )
    return _build(doc, segment(doc), b"%PDF-", Diagnostics("hand.pdf"))


def test_hand_made_warnings_of_every_code_point_at_their_values() -> None:
    issue = _hand_issue()
    assert [s.rank for s in issue.top_stories] == [2, 3]
    assert len(issue.policy_news) == 4
    check_pointers(issue)
    got = {(w.code, w.field) for w in issue.warnings}
    assert {code for code, _field in got} == set(WARNING_CODES)
    expected = {
        ("unmapped_glyphs", None),
        ("unparseable_date", "/reporting_period"),
        ("invalid_value", "/contents"),  # an entry on page 0, left out
        ("unexpected_block", "/contents"),
        ("unexpected_block", "/top_stories/0"),
        ("unsafe_link", "/top_stories/0/comment/0"),
        ("unsafe_link", "/top_stories/0/comment/1"),
        ("unsafe_link", "/top_stories/0/documents/0/url"),
        ("unknown_issuing_body", "/top_stories/0/documents/0/issuing_bodies/1"),
        ("unparseable_date", "/top_stories/0/documents/0/date"),
        ("ambiguous_documents", "/top_stories/0/documents/0/issuing_bodies"),
        ("ambiguous_documents", "/top_stories/0/documents/0/date"),
        ("missing_field", "/top_stories/0/at_a_glance"),
        ("unparseable_date", "/top_stories"),  # the dropped story's date
        ("invalid_value", "/top_stories"),  # ... and the story itself
        ("missing_field", "/top_stories/1/comment"),
        ("missing_field", "/top_stories/1/documents"),
        ("story_count_mismatch", "/top_stories"),
        ("unparseable_date", "/policy_news/0/date"),
        ("unsafe_link", "/policy_news/0/sources/0/url"),
        ("missing_field", "/policy_news/1/date"),
        ("unsafe_link", "/policy_news/1/links"),
        ("unplaced_date", "/policy_news/2/date"),
        ("link_too_long", "/policy_news/3/sources/0/url"),
        ("bidi_control_removed", None),
        ("invalid_value", "/authors"),
        ("missing_field", "/authors"),
        ("invalid_value", "/publisher_info/email"),
        ("missing_field", "/publisher_info/name"),
    }
    assert expected <= got, sorted(expected - got, key=str)
    assert issue.top_stories[0].documents[0].issuing_bodies[1].acronym == "QQXZ"
    assert issue.top_stories[0].documents[1].url == "https://example.org/other"
    assert issue.policy_news[0].sources[0].label == "MIIT notice"


def test_an_item_left_out_points_at_its_list_and_shifts_the_indices_after_it() -> None:
    diag = Diagnostics("t.pdf")
    news = diag.under("policy_news")
    dropped, kept = news.item(), news.item()
    dropped.warn("invalid_value", "item dropped", 3, at=())
    dropped.warn("unsafe_link", "a link of the dropped item", 3, at=("links",))
    kept.warn("unparseable_date", "bad date", 3, at=("date",))
    kept.place(0)  # the first item kept
    diag.warn("unmapped_glyphs", "glyphs dropped", 1, at=None)
    assert [w.field for w in diag.warnings] == [
        "/policy_news", "/policy_news", "/policy_news/0/date", None]
    with pytest.raises(ValueError, match="item"):
        news.place(1)


def test_the_current_schema_heads_its_changelog_and_refuses_1_x_documents() -> None:
    assert SCHEMA_CHANGELOG[0][0] == SCHEMA_VERSION == "2.0"
    old = json.loads((ROOT / "tests" / "data" / "issue-1.1.json").read_text("utf-8"))
    with pytest.raises(ValueError, match="schema_version"):
        Issue.model_validate(old)  # a major version: read it through newsextract.migrate
