"""Hostile PDFs in, safe outputs out: URLs parsed strictly, no control or bidi character.

The files are the rendered base issue of ``newsextract.testing.hostile_render`` with
hostile text (its fonts' ``/ToUnicode`` maps rewritten) and hostile link annotations
(targets with controls, spaces, line breaks, bidi controls, other schemes, 8-9 KiB or
1 MB long; broken rectangles and QuadPoints; JavaScript and Launch actions) appended as an
incremental update. On both backends, every output must keep these properties:

* every ``url`` is what ``newsextract.urls.clean_url`` produces (http, https or mailto,
  a valid host, nothing unencoded);
* no string holds a C0/C1 control, a lone surrogate or a bidi control;
* the Markdown adds no element or attribute and links only http(s)/mailto
  (``check_markdown`` of ``tests/test_output_injection.py``, markdown-it-py);
* the CSV cells a spreadsheet would run are neutralised (``check_csv``).

The property runs under the profiles of ``tests/conftest.py`` (``HYPOTHESIS_PROFILE``):
25 examples by default, 2,000 with ``thorough``.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings

from newsextract import NewsExtractError, extract_issue
from newsextract.batch.markdown import issue_to_markdown
from newsextract.models import FORBIDDEN_CHARS, Issue
from newsextract.testing import render_issue
from newsextract.testing.hostile_render import (
    LINK_COUNT,
    HostileEdit,
    HostileLink,
    apply_edit,
    base_issue,
    hostile_edits,
)
from newsextract.urls import MAX_URL_LENGTH, is_clean_url
from test_output_injection import PROFILE, check_csv, check_markdown

BACKENDS = ("pdfplumber", "pdfium")
PLAIN = HostileLink("https://example.org/plain")


@functools.cache
def _base_pdf() -> bytes:
    return render_issue(base_issue()).pdf


def _edit(texts: dict[str, str] | None = None, **links: HostileLink) -> HostileEdit:
    """An edit with ``texts`` and links ``l0``..``l4`` (plain unless given)."""
    chosen = tuple(links.get(f"l{k}", PLAIN) for k in range(LINK_COUNT))
    return HostileEdit(texts or {}, chosen)


def _strings(value: Any, key: str = "") -> list[tuple[str, str]]:
    """Every (key, string) pair in a model dump."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _strings(v, k)]
    if isinstance(value, list):
        return [p for v in value for p in _strings(v, key)]
    return [(key, value)] if isinstance(value, str) else []


def check_issue(issue: Issue, folder: Path) -> None:
    """The properties of the module docstring, for one extracted issue."""
    for key, text in _strings(issue.model_dump(mode="python")):
        assert not FORBIDDEN_CHARS.search(text), (key, text[:80])
        if key == "url":
            assert is_clean_url(text), text[:80]
    check_markdown(issue)
    check_csv(issue, folder)


def _extract(pdf: bytes) -> dict[str, Issue]:
    return {backend: extract_issue(pdf, backend=backend) for backend in BACKENDS}


@settings(settings.get_profile(PROFILE))
@given(hostile_edits())
def test_property_hostile_pdfs_give_safe_outputs_on_both_backends(edit: HostileEdit) -> None:
    pdf = apply_edit(_base_pdf(), edit)
    for backend in BACKENDS:
        try:
            issue = extract_issue(pdf, backend=backend)
        except NewsExtractError as exc:
            event(f"{backend}: {type(exc).__name__}")  # shown by --hypothesis-show-statistics
            continue  # a typed refusal is a safe outcome (hostile text may hide landmarks)
        event(f"{backend}: extracted")
        with tempfile.TemporaryDirectory() as tmp:
            check_issue(issue, Path(tmp))


def test_the_base_issue_reads_back_with_its_links() -> None:
    for issue in _extract(apply_edit(_base_pdf(), _edit())).values():
        urls = [s.url for s in issue.policy_news[0].sources]
        assert urls == ["https://example.org/plain"]
        assert issue.top_stories[0].title.endswith("Story title ¦")


def test_a_link_with_controls_spaces_and_line_breaks_is_percent_encoded() -> None:
    target = "https://e.org/a b\n# Injected\r\n[r]: javascript:alert(1)\x1b[31m\x00x"
    for backend, issue in _extract(apply_edit(_base_pdf(), _edit(l3=HostileLink(target)))).items():
        (source,) = issue.policy_news[0].sources
        assert source.url == ("https://e.org/a%20b%0A#%20Injected%0D%0A%5Br%5D:%20"
                              "javascript:alert(1)%1B%5B31m%00x"), backend
        md = issue_to_markdown(issue)
        assert "\x1b" not in md and "\x00" not in md and "\r" not in md
        assert "# Injected" not in md.splitlines()


@pytest.mark.parametrize("target", [
    "https://bank.example@evil.example/", "https://exa mple.org/", "https://e\u202eorg/",
    "java\nscript:alert(1)", "https:///x", "https://e.org:99999/",
])
def test_a_link_no_safe_url_can_be_made_of_is_dropped_with_unsafe_link(target: str) -> None:
    for backend, issue in _extract(apply_edit(_base_pdf(), _edit(l3=HostileLink(target)))).items():
        assert issue.policy_news[0].sources[0].url is None, backend
        codes = [(w.code, w.field) for w in issue.warnings]
        assert ("unsafe_link", "/policy_news/0/sources/0/url") in codes, backend


def test_a_1_mb_link_is_dropped_with_link_too_long() -> None:
    huge = HostileLink("https://e.org/" + "a" * 1_000_000)
    just = HostileLink("https://e.org/" + "b" * (MAX_URL_LENGTH - len("https://e.org/")))
    pdf = apply_edit(_base_pdf(), _edit(l3=huge, l4=just))
    for backend, issue in _extract(pdf).items():
        assert issue.policy_news[0].sources[0].url is None, backend
        (w,) = [w for w in issue.warnings if w.code == "link_too_long"]
        assert w.field == "/policy_news/0/sources/0/url" and "1000014 characters" in w.message
        assert issue.corporate_news[0].sources[0].url == just.target  # exactly the cap: kept


def test_bidi_controls_in_a_title_are_removed_with_a_warning() -> None:
    texts = {"¤": "\u202e", "¦": "\u2066txt.exe\u2069\u200f"}
    for backend, issue in _extract(apply_edit(_base_pdf(), _edit(texts))).items():
        assert issue.top_stories[0].title == "Story title txt.exe", backend
        notes = [w for w in issue.warnings if w.code == "bidi_control_removed"]
        assert notes and all(w.page is not None and w.field is None for w in notes)
        assert sum(int(w.message.split()[0]) for w in notes) >= 2 * 4  # title and contents


def test_control_characters_in_text_never_reach_a_field() -> None:
    texts = {"¤": "\x1b[31m", "¦": "\x00\x7f\x85\x9b", "¢": "=HYPERLINK(1)"}
    for backend, issue in _extract(apply_edit(_base_pdf(), _edit(texts))).items():
        with tempfile.TemporaryDirectory() as tmp:
            check_issue(issue, Path(tmp))
        assert issue.top_stories[0].title == "[31mStory title", backend


def test_a_file_name_with_controls_and_bidi_is_shown_with_replacement_characters(
    tmp_path: Path,
) -> None:
    path = tmp_path / "evil\x1b[31m\u202etxt.exe.pdf"
    path.write_bytes(apply_edit(_base_pdf(), _edit()))
    for backend in BACKENDS:
        issue = extract_issue(path, backend=backend)
        assert issue.source is not None
        assert issue.source.file_name == "evil\ufffd[31m\ufffdtxt.exe.pdf", backend
