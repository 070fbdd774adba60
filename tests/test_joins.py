"""One way to join blocks (reader/join.py), used by the reader and the field parsers.

The blocks here are built by hand (tests/helpers.hand_block), not by the reader's layout:
the join and the parsers must work on any blocks, whatever split them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsextract.fields.dates import DateWindow
from newsextract.fields.diagnostics import Diagnostics
from newsextract.fields.news import parse_news
from newsextract.fields.story import parse_story
from newsextract.reader import BlockJoiner, LayoutParams, join_blocks
from newsextract.reader.hyphenation import Lexicon
from newsextract.reader.join import join_lines
from newsextract.zones import StoryZone

from helpers import glyphs, hand_block

P = LayoutParams()
PUB = dt.date(2022, 2, 1)
WINDOW = DateWindow(dt.date(2021, 12, 28), dt.date(2022, 1, 25))
B = {"bold": True}
URL = "https://www.gov.cn/zhengce/content/2024.htm"


def _join(*blocks: object, words: tuple[str, ...] = ()) -> object:
    return join_blocks(blocks, lexicon=Lexicon(words), params=P)  # type: ignore[arg-type]


def test_joined_block_keeps_lines_pages_spans_and_links() -> None:
    a = hand_block(["The plan covers ", ("robots and", {"link": URL})], page=1)
    b = hand_block([("chips", {"link": URL}), " in ", ("2025", B)], page=2, y=60.0)
    j = join_blocks([a, b], lexicon=Lexicon(()), params=P)
    assert j.text == "The plan covers robots and chips in 2025"
    assert j.lines == [*a.lines, *b.lines] and j.pages == [1, 2] and j.page == 1
    assert j.line_starts == [0, len(a.text) + 1]
    # the link runs on across the join: one link, the space between its halves included
    assert [(j.text[s:e], url) for s, e, url in j.links()] == [("robots and chips", URL)]
    bold = [j.text[s.start:s.end] for s in j.spans if s.bold]
    assert bold == ["2025"]


@pytest.mark.parametrize(("left", "right", "words", "joined"), [
    ("for the indus-", "try of tomorrow", ("industry",), "for the industry of tomorrow"),
    ("towards self-", "reliance", (), "towards self-reliance"),
    ("关于推动人形机器人", "创新发展的指导意见", (), "关于推动人形机器人创新发展的指导意见"),
    ("in the years 2024–", "2026 it", (), "in the years 2024–2026 it"),
    ("an aside (–", "as it were", (), "an aside (– as it were"),
    ("plain words", "go on", (), "plain words go on"),
])
def test_the_break_between_blocks_is_decided_as_between_lines(
    left: str, right: str, words: tuple[str, ...], joined: str
) -> None:
    j = join_blocks([hand_block([left]), hand_block([right], y=120.0)],
                    lexicon=Lexicon(words), params=P)
    assert j.text == joined


def test_a_soft_hyphen_at_a_block_end_is_a_break() -> None:
    # "indus\u00ad" shows as "indus-" and sets break_hyphen; joining drops it whatever the
    # lexicon says ("indus" + "try" is no word the empty lexicon knows)
    from newsextract.reader.types import Run

    first = hand_block(["indus"])
    ln = first.lines[0]
    run = ln.runs[0]
    ln.runs = [Run("indus\u00ad", run.bold, run.italic, run.size, False, None, 1, run.box)]
    soft = join_lines([ln], column=0, bullet=None, lexicon=Lexicon(()), params=P)
    assert soft.text == "indus-" and soft.break_hyphen
    j = join_blocks([soft, hand_block(["try"], y=120.0)], lexicon=Lexicon(()), params=P)
    assert j.text == "industry" and not j.break_hyphen


def test_join_of_one_block_is_that_block_and_of_none_an_error() -> None:
    a = hand_block(["alone"])
    assert join_blocks([a], lexicon=Lexicon(()), params=P) is a
    with pytest.raises(ValueError, match="at least one block"):
        join_blocks([], lexicon=Lexicon(()), params=P)


def test_joining_reader_blocks_equals_reading_their_lines_as_one_paragraph() -> None:
    from newsextract.reader.lines import glyphs_to_lines

    lines = glyphs_to_lines(glyphs("The ministries publish a long-", 50, 100)
                            + glyphs("term plan for chips", 50, 112), 1, params=P)
    lines.sort(key=lambda ln: ln.baseline)
    lex = Lexicon(ln.text for ln in lines)
    whole = join_lines(lines, column=0, bullet=None, lexicon=lex, params=P)
    parts = [join_lines([ln], column=0, bullet=None, lexicon=lex, params=P) for ln in lines]
    j = join_blocks(parts, lexicon=lex, params=P)
    assert (j.text, j.spans, j.line_starts) == (whole.text, whole.spans, whole.line_starts)
    assert j.text == "The ministries publish a long-term plan for chips"


# ------------------------------------------------------------------ the story parser

JOIN = BlockJoiner(Lexicon(()), P)
TITLE = [hand_block([("1. Robots plan", B)], y=60.0)]


def _story(*body: object) -> tuple[object, Diagnostics]:
    diag = Diagnostics("t.pdf")
    zone = StoryZone(rank=1, title=TITLE, body=list(body))  # type: ignore[arg-type]
    return parse_story(zone, PUB, diag, JOIN), diag


def test_a_wrapped_article_over_two_blocks_keeps_its_chinese_title_and_link() -> None:
    story, diag = _story(
        hand_block([("Article:", B), " Guiding opinions on the innovative development of"]),
        hand_block(["humanoid robots (关于推动人形机器人创新发展的指导意见) (",
                    ("Link", {"link": URL}), ")"], y=120.0),
    )
    assert story.documents[0].title == (  # type: ignore[attr-defined]
        "Guiding opinions on the innovative development of humanoid robots")
    assert story.documents[0].title_zh == "关于推动人形机器人创新发展的指导意见"  # type: ignore[attr-defined]
    assert story.documents[0].url == URL  # type: ignore[attr-defined]
    assert "unexpected_block" not in [w.code for w in diag.warnings]


def test_issuing_bodies_and_date_continued_in_a_second_block() -> None:
    story, diag = _story(
        hand_block([("Issuing bodies:", B), " MIIT; NDRC;"]),
        hand_block(["MOST, etc."], y=120.0),
        hand_block([("Date:", B), " January 13,"], y=140.0),
        hand_block(["2022"], y=160.0),
    )
    assert [b.acronym for b in story.documents[0].issuing_bodies] == ["MIIT", "NDRC", "MOST"]  # type: ignore[attr-defined]
    assert story.documents[0].issuing_bodies_complete is False  # type: ignore[attr-defined]
    assert story.documents[0].date == dt.date(2022, 1, 13)  # type: ignore[attr-defined]
    assert "unexpected_block" not in [w.code for w in diag.warnings]


def test_a_summary_wrapped_into_a_second_block_before_its_bullets_is_joined() -> None:
    story, _diag = _story(
        hand_block([("At a glance:", B), " Ten ministries act on a"]),
        hand_block(["long summary."], y=120.0),
        hand_block(["First target"], bullet="•", y=140.0),
        hand_block(["Second target"], bullet="•", y=152.0),
    )
    glance = story.at_a_glance  # type: ignore[attr-defined]
    assert glance.text == "Ten ministries act on a long summary."
    assert glance.points == ["First target", "Second target"]
    # without bullets, the blocks after the summary are its points (as before)
    story, _diag = _story(
        hand_block([("At a glance:", B), " A summary."]),
        hand_block(["A point without a bullet glyph"], y=120.0),
    )
    assert story.at_a_glance.points == ["A point without a bullet glyph"]  # type: ignore[attr-defined]


def test_only_text_before_the_first_label_is_unexpected() -> None:
    story, diag = _story(
        hand_block(["A stray line before any label"]),
        hand_block([("MERICS comment:", B), " First paragraph."], y=120.0),
        hand_block(["Second paragraph."], y=140.0),
        hand_block([("Date:", B), " January 13, 2022"], y=160.0),
        hand_block(["(updated)"], y=172.0),
    )
    unexpected = [w for w in diag.warnings if w.code == "unexpected_block"]
    assert [w.message for w in unexpected] == [
        "story 1: skipped text 'A stray line before any label'"]
    assert [p.text for p in story.comment] == ["First paragraph.", "Second paragraph."]  # type: ignore[attr-defined]
    assert story.documents[0].date is None  # "January 13, 2022 (updated)" is no date  # type: ignore[attr-defined]


# ------------------------------------------------------------------- the news parser

def test_a_news_item_continued_in_another_block_is_joined_like_a_paragraph() -> None:
    join = BlockJoiner(Lexicon(["industry"]), P)
    blocks = [
        hand_block([("January 4:", {"italic": True}), " MIIT backs the robot indus-"],
                   bullet="•"),
        hand_block(["try (", ("MIIT notice (CN)", {"link": URL}), ")"], y=120.0),
        hand_block([("January 5:", {"italic": True}), " 工信部发布"], bullet="•", y=140.0),
        hand_block(["人形机器人指导意见"], y=152.0),
    ]
    first, second = parse_news(blocks, PUB, WINDOW, Diagnostics("t.pdf"), join)
    assert first.text == "MIIT backs the robot industry"
    assert [(s.label, s.url) for s in first.sources] == [("MIIT notice", URL)]
    assert second.text == "工信部发布人形机器人指导意见"
