"""Unit tests of the field parsers on small synthetic blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from newsextract.errors import ExtractionError
from newsextract.fields.article import split_article_titles
from newsextract.fields.bodies import load_registry, parse_issuing_bodies
from newsextract.fields.brackets import split_detached_group, split_trailing_group
from newsextract.fields.dates import DateWindow, infer_year, parse_date
from newsextract.fields.diagnostics import Diagnostics
from newsextract.fields.news import parse_news
from newsextract.fields.story import parse_story
from newsextract.reader import BlockJoiner, LayoutParams
from newsextract.reader.hyphenation import Lexicon
from newsextract.zones import StoryZone

from helpers import blocks_from, glyphs, line

PUB = dt.date(2022, 2, 1)
WINDOW = DateWindow(dt.date(2021, 12, 28), dt.date(2022, 1, 25))
JOIN = BlockJoiner(Lexicon(()), LayoutParams())


def test_dates_with_and_without_year() -> None:
    assert parse_date("December 28, 2021") == dt.date(2021, 12, 28)
    assert parse_date("28 Dec 2021") == dt.date(2021, 12, 28)
    assert parse_date("2021-12-28") == dt.date(2021, 12, 28)
    assert parse_date("January 4", PUB, WINDOW) == dt.date(2022, 1, 4)
    assert parse_date("December 29", PUB, WINDOW) == dt.date(2021, 12, 29)
    assert parse_date("January 4") is None  # no year and nothing to infer it from
    assert parse_date("February 30, 2022") is None
    assert parse_date("Sometime soon", PUB) is None
    assert infer_year(2, 29, dt.date(2024, 3, 1)) == dt.date(2024, 2, 29)


def test_registry_is_large_and_consistent() -> None:
    reg = load_registry()
    assert len(reg) >= 40
    acronyms = [e.acronym for e in reg.entries if e.acronym]
    assert len(acronyms) == len(set(acronyms))
    for needed in ["MIIT", "NDRC", "MOST", "SASAC", "NHSA", "CNIPA", "NFRA", "GACC", "MOFCOM"]:
        assert reg.lookup(needed) is not None, needed
    assert reg.lookup("State Council") is not None
    assert reg.lookup("Ministry of Science and Technology").acronym == "MOST"  # type: ignore[union-attr]


def test_issuing_bodies_list_with_etc_and_unknown() -> None:
    bodies, complete, unknown = parse_issuing_bodies("MIIT, NDRC, MOST, etc.")
    assert [b.acronym for b in bodies] == ["MIIT", "NDRC", "MOST"]
    assert bodies[0].name == "Ministry of Industry and Information Technology"
    assert complete is False and unknown == []
    bodies, complete, unknown = parse_issuing_bodies("State Council; QQXZ")
    assert bodies[0].acronym is None and bodies[0].name == "State Council"
    assert bodies[1].acronym == "QQXZ" and bodies[1].name is None
    assert complete is True and unknown == [1]


def test_trailing_group_handles_mixed_brackets() -> None:
    text = "Action Plan (2022-2025) (三部委关于印发行动计划（2022—2025年）的通知)"
    assert split_trailing_group(text) == (
        "Action Plan (2022-2025)",
        "三部委关于印发行动计划（2022—2025年）的通知",
    )
    assert split_trailing_group("no group here") is None


def test_sources_and_chinese_titles_are_detached_groups() -> None:
    assert split_detached_group("Plan approved (Caixin, CN)") == ("Plan approved", "Caixin, CN")
    assert split_detached_group("措施智能（2024年版）") is None
    assert split_detached_group("plan(s)") is None
    assert split_detached_group("(Caixin)") == ("", "Caixin")


def _titles(text: str) -> tuple[str, str | None]:
    found = split_article_titles(text)
    return found.title, found.title_zh


def test_chinese_title_is_a_group_of_its_own() -> None:
    assert _titles("Plan (关于印发的通知)") == ("Plan", "关于印发的通知")
    assert _titles("(关于印发的通知)") == ("", "关于印发的通知")
    # a bracket glued to the word before it belongs to the English title
    glued = "Urges GWh 加快（2024年版）"
    assert _titles(glued) == (glued, None)
    assert _titles("Plan (2022-2025)") == ("Plan (2022-2025)", None)


def _story_rows() -> list[list]:  # type: ignore[type-arg]
    b = {"bold": True}
    return [
        line(100, ("At a glance:", b), " Ten ministries act on a long"),
        line(112, "summary line."),
        line(130, "• First target"),
        line(148, "• Second target"),
        line(
            166,
            ("MERICs comment:", b),
            " See the ",
            ("plan", {"link": "https://example.org/plan"}),
            ".",
        ),
        line(184, "A second paragraph that runs on and over"),  # full: "two" did not fit
        line(196, "two lines."),
        line(
            214,
            ("Article:", b),
            " Plan (计划) (",
            ("Link", {"link": "https://example.org/doc"}),
            ")",
        ),
        line(232, ("Issuing body:", b), " MOST"),
        line(250, ("Date :", b), " January 13, 2022"),
    ]


def test_story_fields_from_labelled_blocks() -> None:
    title = blocks_from([glyphs("2. A story title", 50, 80, size=14, bold=True)])
    body = blocks_from(_story_rows())
    diag = Diagnostics("t.pdf")
    story = parse_story(StoryZone(rank=2, title=title, body=body), PUB, diag, JOIN)
    assert story is not None
    assert story.title == "A story title"
    assert story.at_a_glance.text == "Ten ministries act on a long summary line."
    assert story.at_a_glance.points == ["First target", "Second target"]
    assert [p.text for p in story.comment] == [
        "See the plan.",
        "A second paragraph that runs on and over two lines.",
    ]
    assert story.comment[0].links[0].text == "plan"
    assert story.documents[0].title == "Plan" and story.documents[0].title_zh == "计划"
    assert story.documents[0].url == "https://example.org/doc"
    assert [b.acronym for b in story.documents[0].issuing_bodies] == ["MOST"]
    assert story.documents[0].date == dt.date(2022, 1, 13)
    assert diag.warnings == []


def test_label_alone_on_its_line_takes_the_next_block_as_its_value() -> None:
    # A value whose first word (a run of Chinese) does not fit beside its bold label
    # leaves the label alone on a line: a block of its own, the value the next block.
    b = {"bold": True}
    title = blocks_from([glyphs("1. Title", 50, 80, size=14, bold=True)])
    rows = [
        line(100, ("At a glance:", b)),
        line(112, "• Only a target"),
        line(130, ("MERICS comment:", b)),
        line(142, "关于印发的通知 opens the comment."),
        line(166, "A second paragraph."),
        line(184, ("Article:", b)),
        line(196, "Plan (计划)"),
        line(214, ("Date:", b)),
        line(226, "January 13, 2022"),
    ]
    diag = Diagnostics("t.pdf")
    story = parse_story(StoryZone(rank=1, title=title, body=blocks_from(rows)), PUB, diag, JOIN)
    assert story is not None
    assert story.at_a_glance.text == "" and story.at_a_glance.points == ["Only a target"]
    assert [p.text for p in story.comment] == [
        "关于印发的通知 opens the comment.", "A second paragraph."]
    assert (story.documents[0].title, story.documents[0].title_zh) == ("Plan", "计划")
    assert story.documents[0].date == dt.date(2022, 1, 13)
    assert [w.code for w in diag.warnings] == ["missing_field"]  # no issuing bodies
    # a label with nothing after it at all is a missing field, not an empty value
    diag = Diagnostics("t.pdf")
    story = parse_story(StoryZone(rank=1, title=title, body=blocks_from(rows[:8])), PUB, diag, JOIN)
    assert story is not None and story.documents[0].date is None
    assert any("'Date'" in w.message for w in diag.warnings)


def test_missing_story_field_warns_or_raises_in_strict_mode() -> None:
    title = blocks_from([glyphs("1. Title", 50, 80, size=14, bold=True)])
    body = blocks_from(_story_rows()[:4])
    diag = Diagnostics("t.pdf")
    story = parse_story(StoryZone(rank=1, title=title, body=body), PUB, diag, JOIN)
    assert story is not None and story.documents == []  # no document label printed
    assert {w.code for w in diag.warnings} == {"missing_field"}
    assert any("'Date'" in w.message for w in diag.warnings)
    with pytest.raises(ExtractionError, match=r"t\.pdf: story 1: no 'MERICS comment'"):
        parse_story(
            StoryZone(rank=1, title=title, body=body), PUB, Diagnostics("t.pdf", strict=True), JOIN
        )


def test_news_item_date_text_sources_and_unsafe_link() -> None:
    rows = [
        glyphs("• ", 50, 100)
        + glyphs("January 4:", 58, 100, italic=True)
        + glyphs(" MIIT issues a plan (", 108, 100)
        + glyphs("MIIT notice (CN)", 213, 100, link="https://miit.gov.cn/n")
        + glyphs("; ", 293, 100)
        + glyphs("Blog (EN)", 303, 100, link="javascript:alert(1)")
        + glyphs(")", 348, 100),
    ]
    diag = Diagnostics("t.pdf")
    (item,) = parse_news(blocks_from(rows), PUB, WINDOW, diag, JOIN)
    assert item.date == dt.date(2022, 1, 4)
    assert item.text == "MIIT issues a plan"
    assert [(s.label, s.language, s.url) for s in item.sources] == [
        ("MIIT notice", "zh", "https://miit.gov.cn/n"),
        ("Blog", "en", None),
    ]
    assert [w.code for w in diag.warnings] == ["unsafe_link"]


def test_news_text_ending_in_plain_parenthesis_keeps_it() -> None:
    rows = [glyphs("• December 29: Output rose (see annex)", 50, 100)]
    (item,) = parse_news(blocks_from(rows), PUB, WINDOW, Diagnostics("t.pdf"), JOIN)
    assert item.text == "Output rose (see annex)"
    assert item.sources == [] and item.date == dt.date(2021, 12, 29)
