"""The rules that read every era of the newsletter (issue 18 §2), on real renderings.

Each rule has one named test here, asserting on the Issues extracted from the era fixtures
(``fixtures/ci-2021-01``, ``ci-2024-10``, ``ci-2025-11``, printed by the fixture renderer)
and from their real-engine renderings (Chromium, LibreOffice, Typst; see
``fixtures/engines/manifest.json``). Where no committed file prints a case (groups that do
not fit the documents, a news month after the publication month), the test renders a
variant of an era fixture's source with the fixture renderer and reads that PDF with the
real reader. The same rules on hand-built blocks: tests/test_eras_units.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from newsextract import Issue, extract_issue
from newsextract.models import NewsItem
from newsextract.testing import Layout, render_issue

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
MANIFEST: list[dict[str, Any]] = json.loads(
    (FIXTURES / "engines" / "manifest.json").read_text("utf-8"))["renderings"]


def _renderings(name: str) -> list[Any]:
    """The fixture ``name`` and every engine rendering of it, as test parameters."""
    engines = sorted(FIXTURES / "engines" / e["file"]
                     for e in MANIFEST if e["golden"] == f"{name}.json")
    files = [FIXTURES / f"{name}.pdf", *engines]
    assert len(files) >= 4, name
    return [pytest.param(f, id=f.stem) for f in files]


@functools.cache
def _extracted(pdf: Path) -> Issue:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return extract_issue(pdf)


@functools.cache
def _golden(name: str) -> Issue:
    return Issue.model_validate_json((FIXTURES / f"{name}.json").read_text("utf-8"))


@functools.cache
def _page_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def _source(name: str) -> tuple[Issue, Layout]:
    data = json.loads((FIXTURES / "src" / f"{name}.json").read_text("utf-8"))
    return Issue.model_validate(data["issue"]), Layout(**data["layout"])


def _story_text(issue: Issue) -> list[str]:
    out: list[str] = []
    for story in issue.top_stories:
        out += [story.title, story.at_a_glance.text, *story.at_a_glance.points]
        out += [p.text for p in story.comment]
    return out


def _news_text(issue: Issue) -> list[str]:
    return [item.text for item in issue.policy_news + issue.corporate_news]


# ------------------------------------------------------------------------ documents
@pytest.mark.parametrize("pdf", _renderings("ci-2025-11"))
def test_documents_are_split_at_the_links_that_close_them(pdf: Path) -> None:
    got, want = _extracted(pdf), _golden("ci-2025-11")
    assert [len(s.documents) for s in got.top_stories] == [2, 3, 1, 1]
    for story, expected in zip(got.top_stories, want.top_stories):
        assert [(d.title, d.title_zh, d.url) for d in story.documents] == [
            (d.title, d.title_zh, d.url) for d in expected.documents]
    battery = got.top_stories[1].documents
    # a comma inside a title is no split; a bracketed group that is not Chinese stays
    assert battery[2].title == "Measures for the Recycling of Power Batteries of New Energy " \
        "Vehicles, 2025 Revision"
    assert battery[1].title == "Rules for the Exchange of Battery Passport Data (Trial)"
    assert len({d.url for d in battery}) == 3


@pytest.mark.parametrize("pdf", _renderings("ci-2025-11"))
def test_bodies_and_dates_follow_their_semicolon_groups(pdf: Path) -> None:
    got, want = _extracted(pdf), _golden("ci-2025-11")
    text = _page_text(pdf)
    assert "; " in text.split("Issuing bodies:")[1].split("\n")[0]  # the groups are printed
    for story, expected in zip(got.top_stories[:2], want.top_stories[:2]):
        for doc, exp in zip(story.documents, expected.documents, strict=True):
            assert doc.issuing_bodies == exp.issuing_bodies and doc.date == exp.date
    first = got.top_stories[0].documents
    assert [b.acronym for b in first[0].issuing_bodies] == ["MOT"]
    assert [b.acronym for b in first[1].issuing_bodies] == ["MOT", "MIIT"]
    assert first[0].date != first[1].date
    assert not [w for w in got.warnings if w.code == "ambiguous_documents"]


@pytest.mark.parametrize("pdf", _renderings("ci-2024-03"))
def test_a_single_document_takes_its_whole_list_whatever_the_separators(pdf: Path) -> None:
    # the 2022 format prints "Issuing bodies: MIIT; MOE; MOST; MOT; etc." for one document
    got = _extracted(pdf)
    assert "MIIT; MOE; MOST; MOT; etc." in _page_text(pdf)
    (doc,) = got.top_stories[0].documents
    assert [b.acronym for b in doc.issuing_bodies] == ["MIIT", "MOE", "MOST", "MOT"]
    assert doc.issuing_bodies_complete is False
    assert not [w for w in got.warnings if w.code == "ambiguous_documents"]


def test_groups_that_do_not_fit_the_documents_stay_on_the_first_and_warn() -> None:
    # no committed file prints it: story 1 of ci-2025-11 printed with bodies and a date
    # for its first document only (one ';' group for two documents)
    issue, layout = _source("ci-2025-11")
    story = issue.top_stories[0]
    second = story.documents[1].model_copy(update={"issuing_bodies": [], "date": None})
    story = story.model_copy(update={"documents": [story.documents[0], second]})
    issue = issue.model_copy(update={"top_stories": [story, *issue.top_stories[1:]]})
    got = extract_issue(render_issue(issue, layout).pdf)
    docs = got.top_stories[0].documents
    assert [d.title for d in docs] == [d.title for d in story.documents]
    assert [b.acronym for b in docs[0].issuing_bodies] == ["MOT"]
    assert docs[1].issuing_bodies == [] and docs[1].date is None
    assert docs[0].date == story.documents[0].date
    warned = [w for w in got.warnings if w.code == "ambiguous_documents"]
    assert [w.field for w in warned] == ["/top_stories/0/documents/0/issuing_bodies",
                                        "/top_stories/0/documents/0/date"]
    assert all("story 1" in w.message for w in warned)


# ------------------------------------------------------------------------ stories
@pytest.mark.parametrize("pdf", _renderings("ci-2021-01"))
def test_stories_are_found_without_a_top_heading(pdf: Path) -> None:
    got, want = _extracted(pdf), _golden("ci-2021-01")
    assert "top 5" not in _page_text(pdf).lower()  # no heading is printed at all
    assert [(s.rank, s.title) for s in got.top_stories] == [
        (s.rank, s.title) for s in want.top_stories]
    assert [len(s.documents) for s in got.top_stories] == [1, 1, 1]
    # the lead-in sentence of the story's own ends the summary, its bullets follow
    for story in got.top_stories:
        assert story.at_a_glance.text.endswith(":") and story.at_a_glance.points


@pytest.mark.parametrize("pdf", _renderings("ci-2024-10"))
def test_stories_are_found_under_a_mixed_case_heading(pdf: Path) -> None:
    got = _extracted(pdf)
    assert "MERICS Top 5" in _page_text(pdf) and "MERICS TOP 5" not in _page_text(pdf)
    assert [s.rank for s in got.top_stories] == [1, 2, 3, 4, 5]
    # two lead-ins of one At a glance, each with its own bullets
    groups = got.top_stories[1].at_a_glance.groups
    assert [(g.text.endswith(":"), len(g.points)) for g in groups] == [(True, 2), (True, 2)]


# ------------------------------------------------------------------------ intro, thanks
@pytest.mark.parametrize("pdf", _renderings("ci-2024-10") + _renderings("ci-2025-11"))
def test_introduction_and_thanks_are_kept_out_of_stories_and_news(pdf: Path) -> None:
    got = _extracted(pdf)
    want = _golden(pdf.name.split("--")[0].removesuffix(".pdf"))
    text = _page_text(pdf)
    assert "would like to thank" in text
    assert got.acknowledgements == want.acknowledgements
    assert got.acknowledgements is not None and got.acknowledgements.startswith("The authors")
    printed = _story_text(got) + _news_text(got) + [e.title for e in got.contents]
    assert not [t for t in printed if "would like to thank" in t or "In this issue" in t]
    assert [a.name for a in got.authors] == [a.name for a in want.authors]
    assert len(got.policy_news) == len(want.policy_news)
    assert len(got.corporate_news) == len(want.corporate_news)
    if "In this issue" in text:
        assert got.contents == want.contents and len(got.top_stories) == 5


# ------------------------------------------------------------------------ news dates
@pytest.mark.parametrize("pdf", _renderings("ci-2025-11"))
def test_news_years_come_from_the_publication_date_without_a_period(pdf: Path) -> None:
    got, want = _extracted(pdf), _golden("ci-2025-11")
    assert "REPORTING PERIOD" not in _page_text(pdf).upper()
    assert got.reporting_period is None and got.publication_date == dt.date(2025, 11, 20)
    dates = [i.date for i in got.policy_news + got.corporate_news]
    assert dates == [i.date for i in want.policy_news + want.corporate_news]
    assert {d.month for d in dates if d} == {8, 9, 10, 11}  # four months of news
    assert not [w for w in got.warnings if w.code in ("unplaced_date", "missing_field")]


def test_a_news_month_after_the_publication_month_is_of_the_year_before() -> None:
    # ci-2025-11 (no reporting period) published on January 15, 2026 instead
    issue, layout = _source("ci-2025-11")
    issue = issue.model_copy(update={"publication_date": dt.date(2026, 1, 15)})
    got = extract_issue(render_issue(issue, layout).pdf)
    dates = [i.date for i in got.policy_news + got.corporate_news]
    assert dates == [i.date for i in issue.policy_news + issue.corporate_news]
    assert all(d is not None and d.year == 2025 for d in dates)


def test_a_news_date_that_no_year_places_warns_instead_of_guessing() -> None:
    # ci-2021-01 with a policy item dated March 3, months outside its reporting period
    issue, layout = _source("ci-2021-01")
    stray = issue.policy_news[0].model_copy(update={"date": dt.date(2020, 3, 3)})
    period = issue.reporting_period
    assert period is not None and period.start is not None
    assert not period.start <= dt.date(2020, 3, 3)
    try:
        issue = issue.model_copy(update={"policy_news": [stray, *issue.policy_news[1:]]})
        pdf = render_issue(issue, layout).pdf
    except ValueError as e:  # pragma: no cover - the renderer refuses it
        pytest.fail(f"the renderer refused the variant: {e}")
    got = extract_issue(pdf)
    assert got.policy_news[0].date is None
    warned = [w for w in got.warnings if w.code == "unplaced_date"]
    assert [w.field for w in warned] == ["/policy_news/0/date"]
    assert "March 3" in warned[0].message
    assert [i.date for i in got.policy_news[1:]] == [i.date for i in issue.policy_news[1:]]


# ------------------------------------------------------------------------ news text
def _ends_before_sources(item: NewsItem) -> bool:
    return not item.text.endswith(("(", ")", ".", ";")) and not any(
        item.text.endswith(s.label) for s in item.sources)


@pytest.mark.parametrize(
    "pdf", _renderings("ci-2021-01") + _renderings("ci-2024-10") + _renderings("ci-2025-11"))
def test_news_text_ends_where_its_sources_begin(pdf: Path) -> None:
    got = _extracted(pdf)
    want = _golden(pdf.name.split("--")[0].removesuffix(".pdf"))
    items = got.policy_news + got.corporate_news
    assert items and all(_ends_before_sources(i) for i in items)
    assert [(i.text, i.sources) for i in items] == [
        (i.text, i.sources) for i in want.policy_news + want.corporate_news]


@pytest.mark.parametrize("pdf", _renderings("ci-2025-11"))
def test_untagged_sources_and_the_stop_after_them(pdf: Path) -> None:
    got = _extracted(pdf)
    assert "(NDRC action plan)." in _page_text(pdf).replace("\n", " ")
    first = got.corporate_news + got.policy_news
    untagged = [s for i in first for s in i.sources if s.language is None]
    assert len(untagged) >= 7 and all(s.url for s in untagged)
    assert not [i for i in first if i.text.endswith(".") or ")" in i.text[-2:]]


# ------------------------------------------------------------------------ label variants
@pytest.mark.parametrize("pdf", _renderings("ci-2025-11"))
def test_label_variants_are_read_whatever_their_number_and_case(pdf: Path) -> None:
    got, want = _extracted(pdf), _golden("ci-2025-11")
    text = _page_text(pdf).replace("\n", " ")
    for printed in ("Articles:", "Issuing Body:", "Issuing Bodies:", "Issuing bodies:"):
        assert printed in text, printed
    # "Issuing Body:" followed by a list of six; "Issuing Bodies:" by one body
    ai, steel = got.top_stories[2].documents[0], got.top_stories[3].documents[0]
    assert len(ai.issuing_bodies) == 6 and ai.issuing_bodies == \
        want.top_stories[2].documents[0].issuing_bodies
    assert [b.name for b in steel.issuing_bodies] == ["State Council"]
    # a Chinese title glued to the English one (no bracket, no space) is split off
    assert ai.title == want.top_stories[2].documents[0].title
    assert ai.title is not None and ai.title.isascii()
    assert ai.title_zh == want.top_stories[2].documents[0].title_zh
    assert got.newsletter == "China Industries"


@pytest.mark.parametrize("pdf", _renderings("ci-2021-01") + _renderings("ci-2024-10"))
def test_printed_newsletter_titles_read_as_the_canonical_name(pdf: Path) -> None:
    got = _extracted(pdf)
    want = _golden(pdf.name.split("--")[0].removesuffix(".pdf"))
    assert "Briefing" in _page_text(pdf) or "Brief" in _page_text(pdf)
    assert got.newsletter == "China Industries"
    assert got.issue_title == want.issue_title
    assert got.reporting_period == want.reporting_period


# ------------------------------------------------------------------------ figures
@pytest.mark.parametrize("pdf", _renderings("ci-2024-10"))
def test_chart_text_is_kept_out_of_the_comment(pdf: Path) -> None:
    got = _extracted(pdf)
    story = got.top_stories[0]
    assert [f.caption for f in story.figures] == [
        "Figure 1: Chip subsidies by province, 2024 (RMB bn)"]
    assert story.figures[0].page in story.pages
    comment = " ".join(p.text for p in story.comment)
    # the chart's values, unit, labels and source line (the comment names no value)
    for chart_text in ("23.5", "17.2", "9.8", "RMB bn", "Sichuan", "Hubei", "Source:"):
        assert chart_text in _page_text(pdf) and chart_text not in comment, chart_text
