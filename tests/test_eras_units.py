"""The rules that read every era of the newsletter, one named test each, on hand-built blocks.

The blocks are built by hand (tests/helpers.hand_block), not by the reader: each rule must
hold on any blocks, whatever split them. tests/test_eras.py checks the same rules on real
renderings (the era fixtures and their engine renderings).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsextract.api import _build
from newsextract.drawings import find_figures
from newsextract.fields.article import parse_articles
from newsextract.fields.cover import parse_cover
from newsextract.fields.dates import DateWindow, infer_year
from newsextract.fields.diagnostics import Diagnostics
from newsextract.fields.documents import groups_per_document
from newsextract.fields.news import parse_news
from newsextract.fields.story import parse_story
from newsextract.fields.titles import split_article_titles
from newsextract.models import Issue
from newsextract.reader import BlockJoiner, LayoutParams
from newsextract.reader.bullets import mark_drawn_bullets
from newsextract.reader.hyphenation import Lexicon
from newsextract.reader.types import Block, Document, PageSize, Shape
from newsextract.sections import segment
from newsextract.vocabulary import (
    ACKNOWLEDGEMENT,
    INTRODUCTION,
    PROFILES,
    match_heading,
    match_label,
)
from newsextract.zones import StoryZone

from helpers import hand_block

B = {"bold": True}
I = {"italic": True}  # noqa: E741 - the style's initial, as B
U1 = "https://www.gov.cn/zhengce/content/2025/content_1.htm"
U2 = "https://www.miit.gov.cn/zwgk/zcwj/art_2.html"
U3 = "https://www.mot.gov.cn/zhengcejiedu/3/"
JOIN = BlockJoiner(Lexicon(()), LayoutParams())
PUB = dt.date(2025, 5, 5)
TITLE = [hand_block([("1. Ports go automatic", B)], y=60.0)]


def _story(*body: Block, rank: int = 1) -> tuple[object, Diagnostics]:
    diag = Diagnostics("t.pdf")
    story = parse_story(StoryZone(rank=rank, title=TITLE, body=list(body)), PUB, diag, JOIN)
    return story, diag


def _link(url: str) -> dict[str, object]:
    return {"link": url}


# ------------------------------------------------------------------------ documents


def test_documents_split_where_a_link_closes_one_never_at_a_comma_inside_a_title() -> None:
    block = hand_block([("Articles:", B), " Notice on Port Automation Pilots, Phase Two, and Beyond"
                        " (关于印发《工业数字化转型行动计划》的通知) (", ("Link", _link(U1)),
                        "), Guidelines on Smart Terminals, Ports (智能制造标准体系建设指南) (",
                        ("Link", _link(U2)), ")"])
    docs = parse_articles(block, len("Articles: "), Diagnostics("t.pdf"))
    assert [(d.title, d.title_zh, d.url) for d in docs] == [
        ("Notice on Port Automation Pilots, Phase Two, and Beyond",
         "关于印发《工业数字化转型行动计划》的通知", U1),
        ("Guidelines on Smart Terminals, Ports", "智能制造标准体系建设指南", U2),
    ]


def test_the_printed_link_mark_closes_a_document_without_an_annotation() -> None:
    block = hand_block([("Articles:", B), " Plan A, revised (Link); Plan B (Link)."])
    docs = parse_articles(block, len("Articles: "), Diagnostics("t.pdf"))
    assert [(d.title, d.url) for d in docs] == [("Plan A, revised", None), ("Plan B", None)]


def test_a_link_annotation_that_a_separator_follows_closes_a_document() -> None:
    # no "(Link)" printed: the links lie on the titles, commas inside them
    block = hand_block([("Articles:", B), " ", ("Notice on A, in force", _link(U1)), ", ",
                        ("Rules on B, C", _link(U2)), "; Draft D"])
    docs = parse_articles(block, len("Articles: "), Diagnostics("t.pdf"))
    assert [(d.title, d.url) for d in docs] == [
        ("Notice on A, in force", U1), ("Rules on B, C", U2), ("Draft D", None)]
    # a link followed by more words of the title closes nothing
    one = hand_block([("Article:", B), " Notice on ", ("A", _link(U1)), " plan (关于印发的通知)"])
    (doc,) = parse_articles(one, len("Article: "), Diagnostics("t.pdf"))
    assert (doc.title, doc.title_zh, doc.url) == ("Notice on A plan", "关于印发的通知", U1)


def test_a_title_with_several_bracketed_groups_keeps_all_but_the_chinese_one() -> None:
    found = split_article_titles("Action Plan (2025-2030) (关于印发行动计划（2025—2030年）的通知) "
                                 "(Draft for comments)")
    assert (found.title, found.title_zh, found.rule) == (
        "Action Plan (2025-2030) (Draft for comments)", "关于印发行动计划（2025—2030年）的通知",
        "detached_han_group")
    assert split_article_titles("Plan (2022-2025) (Revised)").title_zh is None


def test_a_chinese_title_glued_to_the_english_one_is_split_off_at_its_han_run() -> None:
    glued = ("Implementation Plan for Industry (2025-2030)"
             "工业和信息化部关于印发规划（2025—2030年）的通知")
    found = split_article_titles(glued)
    assert (found.title, found.title_zh, found.rule) == (
        "Implementation Plan for Industry (2025-2030)",
        "工业和信息化部关于印发规划（2025—2030年）的通知",
        "glued_han_run")
    assert split_article_titles("Plan for 5G工业互联网建设指南").title == "Plan for 5G"
    # a Chinese word set apart by a space, or followed by English words, is part of the title
    for kept in ("Urges GWh 加快（2024年版）", "Plan“加快”", "The 加快 plan goes on"):
        assert split_article_titles(kept) == (kept, None, "no_chinese")


# --------------------------------------------------------------- bodies and dates


def test_bodies_and_dates_go_to_documents_by_semicolon_groups_when_counts_agree() -> None:
    story, diag = _story(
        hand_block([("Articles:", B), " Notice A (", ("Link", _link(U1)), "), Notice B, with C (",
                    ("Link", _link(U2)), ")"]),
        hand_block([("Issuing bodies:", B), " MOT; MOT, NDRC, MIIT, etc."], y=120.0),
        hand_block([("Date:", B), " March 3, 2025; April 18, 2025"], y=140.0),
    )
    a, b = story.documents  # type: ignore[attr-defined]
    assert [x.acronym for x in a.issuing_bodies] == ["MOT"] and a.issuing_bodies_complete
    assert [x.acronym for x in b.issuing_bodies] == ["MOT", "NDRC", "MIIT"]
    assert b.issuing_bodies_complete is False
    assert (a.date, b.date) == (dt.date(2025, 3, 3), dt.date(2025, 4, 18))
    assert [w.code for w in diag.warnings if w.code != "missing_field"] == []


def test_a_single_document_takes_the_whole_list_whatever_the_separators() -> None:
    # the 2022 issue mixes ", " and "; " in one document's list
    story, diag = _story(
        hand_block([("Article:", B), " Plan (", ("Link", _link(U1)), ")"]),
        hand_block([("Issuing bodies:", B), " MIIT; NHC, NDRC; MOST"], y=120.0),
    )
    (doc,) = story.documents  # type: ignore[attr-defined]
    assert [x.acronym for x in doc.issuing_bodies] == ["MIIT", "NHC", "NDRC", "MOST"]
    assert "ambiguous_documents" not in [w.code for w in diag.warnings]
    assert groups_per_document("MIIT; NHC", 1).texts == ["MIIT; NHC"]


@pytest.mark.parametrize(("bodies", "groups"), [("MIIT; NDRC; MOST", 3), ("MIIT, NDRC", 1)])
def test_any_other_mismatch_keeps_the_bodies_on_the_first_document_and_warns(
    bodies: str, groups: int
) -> None:
    story, diag = _story(
        hand_block([("Articles:", B), " Notice A (", ("Link", _link(U1)), "), Notice B (",
                    ("Link", _link(U2)), ")"]),
        hand_block([("Issuing Bodies:", B), " " + bodies], y=120.0),
        rank=4,
    )
    first, second = story.documents  # type: ignore[attr-defined]
    assert [x.acronym for x in first.issuing_bodies] == bodies.replace(";", ",").split(", ")
    assert second.issuing_bodies == []
    (w,) = [w for w in diag.warnings if w.code == "ambiguous_documents"]
    assert w.message.startswith(f"story 4: {groups} ';'-separated issuing-body groups for 2 ")
    assert w.field == "/documents/0/issuing_bodies"  # relative to the story's view


# -------------------------------------------------------------- labels and headings


@pytest.mark.parametrize(("printed", "key"), [
    ("Article:", "article"), ("Articles:", "article"), ("ARTICLES :", "article"),
    ("Issuing body:", "issuing_bodies"), ("Issuing Body:", "issuing_bodies"),
    ("Issuing Bodies:", "issuing_bodies"), ("issuing bodies:", "issuing_bodies"),
    ("MERICs comment:", "comment"), ("MERICS Comment:", "comment"),
    ("Date:", "date"), ("Dates:", "date"), ("At a glance:", "at_a_glance"),
])
def test_every_label_variant_is_vocabulary(printed: str, key: str) -> None:
    hit = match_label(printed + " value")
    assert hit is not None and hit.label.key == key
    assert (printed + " value")[hit.end:] == "value"


@pytest.mark.parametrize("printed", ["MERICS TOP 5", "MERICS' Top 5", "MERICS’ Top 5",
                                     "MERICS Top 5", "merics top 5"])
def test_every_top_heading_variant_is_vocabulary(printed: str) -> None:
    hit = match_heading(printed)
    assert hit is not None and hit.heading.key == "top" and hit.match.group("count") == "5"


@pytest.mark.parametrize("printed", ["China Industries", "China Industries Briefing – January 2021",
                                     "MERICS China Industries Briefing", "China Industries Brief",
                                     "MERICS China Industries Brief"])
def test_every_printed_title_maps_to_the_canonical_newsletter(printed: str) -> None:
    cover = parse_cover([hand_block(["MAY 5, 2025"]), hand_block([printed], y=120.0)],
                        Diagnostics("t.pdf"))
    assert cover.profile is PROFILES[0] and cover.profile.newsletter == "China Industries"
    assert cover.period.start is None and cover.period.end is None
    weekly = parse_cover([hand_block(["China Industries Weekly"])], Diagnostics("t.pdf"))
    assert weekly.profile is None


def test_introduction_and_thanks_line_are_vocabulary() -> None:
    assert INTRODUCTION.match("In this issue of MERICS China Industries Brief, we cover the "
                              "following topics:")
    assert ACKNOWLEDGEMENT.match("The authors would like to thank Jane Doe for her "
                                 "contributions to this MERICS China Industries.")
    assert not ACKNOWLEDGEMENT.match("The authorities thank the firms")


# ----------------------------------------------------------------- the segmenter


def _document(*blocks: Block, shapes: tuple[Shape, ...] = ()) -> Document:
    """A document of hand-made blocks, top to bottom a page at a time (boxes as built)."""
    pages = max(b.page for b in blocks)
    return Document(name="hand.pdf", page_count=pages, page_sizes=[PageSize(595, 842)] * pages,
                    blocks=list(blocks), removed=[], params=LayoutParams(),
                    lexicon=Lexicon(()), shapes=list(shapes))


def _stacked(*rows: tuple[list[object], dict[str, object]]) -> list[Block]:
    """Blocks one under the other (20 pt apart) on their pages: (parts, hand_block kwargs)."""
    out: list[Block] = []
    y: dict[int, float] = {}
    for parts, kw in rows:
        page = int(kw.get("page", 1))  # type: ignore[call-overload]
        y[page] = y.get(page, 60.0) + 20.0
        out.append(hand_block(parts, **{"y": y[page], **kw}))  # type: ignore[arg-type]
    return out


def _issue(*blocks: Block, shapes: tuple[Shape, ...] = ()) -> Issue:
    doc = _document(*blocks, shapes=shapes)
    return _build(doc, segment(doc), b"%PDF-", Diagnostics("hand.pdf"))


def _briefing(top_heading: str | None) -> list[Block]:
    head = [([(top_heading, B)], {"page": 2})] if top_heading else []
    return _stacked(
        (["JANUARY 14, 2021 (REPORTING PERIOD: DECEMBER 10 - JANUARY 10)"], {}),
        (["China Industries Briefing – January 2021"], {}),
        ([("CONTENTS", B)], {"page": 2}),
        (["1. Chips get subsidies ........ 2"], {"page": 2}),
        (["2. Ports go automatic ........ 3"], {"page": 2}),
        *head,
        ([("1. Chips get subsidies", B)], {"page": 2}),
        ([("At a glance:", B), " Ministries act. These include:"], {"page": 2}),
        (["A target"], {"page": 2, "bullet": "•"}),
        ([("2. Ports go automatic", B)], {"page": 3}),
        ([("MERICS comment:", B), " A comment."], {"page": 3}),
        ([("NOTEWORTHY", B)], {"page": 4}),
        ([("Policy news", B)], {"page": 4}),
        ([("December 28:", I), " MIIT acts (", ("MIIT notice (CN)", _link(U1)), ")"],
         {"page": 4, "bullet": "•"}),
    )


@pytest.mark.parametrize("heading", [None, "MERICS' Top 2", "MERICS Top 2"])
def test_stories_are_found_by_numbered_titles_and_labels_with_or_without_a_top_heading(
    heading: str | None
) -> None:
    issue = _issue(*_briefing(heading))
    assert [(s.rank, s.title) for s in issue.top_stories] == [
        (1, "Chips get subsidies"), (2, "Ports go automatic")]
    assert issue.top_stories[0].at_a_glance.text == "Ministries act. These include:"
    assert [e.title for e in issue.contents] == ["Chips get subsidies", "Ports go automatic"]
    assert issue.policy_news[0].date == dt.date(2020, 12, 28)
    assert issue.newsletter == "China Industries" and issue.issue_title is None


def test_a_numbered_title_without_labels_after_it_opens_no_story() -> None:
    blocks = _briefing(None)
    del blocks[6:8]  # story 1's label and bullet: its title is followed by story 2's
    issue = _issue(*blocks)
    assert [s.rank for s in issue.top_stories] == [2]


def test_introduction_and_thanks_line_are_kept_out_of_stories_and_news() -> None:
    blocks = _stacked(
        (["MAY 5, 2025"], {}),
        (["China Industries Brief"], {}),
        (["Chip subsidies + Port automation"], {}),
        (["JANE DOE, JOHN ROE"], {}),
        ([("CONTENTS", B)], {"page": 2}),
        (["1. Chips get subsidies ........ 3"], {"page": 2}),
        (["In this issue of MERICS China Industries Brief, we cover the following topics:"],
         {"page": 2}),
        (["Chips get subsidies"], {"page": 2, "bullet": "•"}),
        ([("1. Chips get subsidies", B)], {"page": 2}),  # a numbered list item, bold
        ([("MERICS Top 1", B)], {"page": 3}),
        ([("1. Chips get subsidies", B)], {"page": 3}),
        ([("At a glance:", B), " Ministries act."], {"page": 3}),
        ([("NOTEWORTHY", B)], {"page": 4}),
        ([("Corporate news", B)], {"page": 4}),
        ([("April 2:", I), " BYD sells cars (", ("Reuters article (EN)", _link(U1)), ")"],
         {"page": 4, "bullet": "•"}),
        (["The authors would like to thank Jane Roe for her contributions to this MERICS "
          "China Industries."], {"page": 4}),
        ([("AUTHORS", B)], {"page": 5}),
        (["Jane Doe"], {"page": 5}),
    )
    issue = _issue(*blocks)
    assert issue.issue_title == "Chip subsidies + Port automation"
    assert [s.title for s in issue.top_stories] == ["Chips get subsidies"]
    assert issue.top_stories[0].at_a_glance.text == "Ministries act."
    assert [e.title for e in issue.contents] == ["Chips get subsidies"]
    assert [n.text for n in issue.corporate_news] == ["BYD sells cars"]
    assert issue.acknowledgements == ("The authors would like to thank Jane Roe for her "
                                      "contributions to this MERICS China Industries.")
    assert [p.name for p in issue.authors] == ["Jane Doe"]
    assert issue.reporting_period is None and issue.publication_date == PUB
    assert "unexpected_block" not in [w.code for w in issue.warnings]
    assert "reporting_period" not in str([w.field for w in issue.warnings])


# ----------------------------------------------------------------- at a glance


def test_two_lead_ins_make_two_groups_each_with_its_own_bullets() -> None:
    story, _diag = _story(
        hand_block([("At a glance:", B), " Ten ministries act on ports."]),
        hand_block(["The main action points include:"], y=112.0),
        hand_block(["Automate ten ports"], bullet="•", y=124.0),
        hand_block(["Build five terminals"], bullet="•", y=136.0),
        hand_block(["A second lead-in follows. Its targets:"], y=148.0),
        hand_block(["Cut costs"], bullet="•", y=160.0),
    )
    glance = story.at_a_glance  # type: ignore[attr-defined]
    assert [(g.text, g.points) for g in glance.groups] == [
        ("Ten ministries act on ports. The main action points include:",
         ["Automate ten ports", "Build five terminals"]),
        ("A second lead-in follows. Its targets:", ["Cut costs"]),
    ]
    assert glance.text == ("Ten ministries act on ports. The main action points include: "
                           "A second lead-in follows. Its targets:")
    assert glance.points == ["Automate ten ports", "Build five terminals", "Cut costs"]


def test_a_block_indented_like_a_bullet_text_continues_the_point() -> None:
    # a point the reader split (at a page break): its second block hangs at the text indent
    cont = hand_block(["goes on here"], y=136.0)
    for ln in cont.lines:
        ln._box = (70.0, ln.box[1], ln.box[2] + 20.0, ln.box[3])
    story, _diag = _story(
        hand_block([("At a glance:", B), " Lead-in:"]),
        hand_block(["A point that"], bullet="•", y=124.0),
        cont,
    )
    assert story.at_a_glance.groups[0].points == ["A point that goes on here"]  # type: ignore[attr-defined]


def test_bullets_drawn_as_shapes_are_bullets() -> None:
    # one mechanism, the reader's (reader/bullets.py): the line is marked, and the block it
    # opens reports a bullet as for a glyph (tests/test_layout_rules.py has the edges)
    line = hand_block(["A target"], y=100.0).lines[0]
    x0, top, _x1, bottom = line.box
    dot = Shape(1, (x0 - 8.0, (top + bottom) / 2 - 1.5, x0 - 5.0, (top + bottom) / 2 + 1.5),
                True, False)
    mark_drawn_bullets([line], [dot], params=LayoutParams())
    assert line.drawn_bullet
    far = hand_block(["A target"], y=100.0).lines[0]
    mark_drawn_bullets([far], [Shape(1, (x0 - 40.0, top, x0 - 37.0, top + 3.0), True, False)],
                       params=LayoutParams())
    assert not far.drawn_bullet


# ------------------------------------------------------------------------ news


def test_news_years_follow_the_publication_month_where_no_period_is_printed() -> None:
    assert infer_year(4, 2, PUB) == dt.date(2025, 4, 2)
    assert infer_year(5, 20, PUB) == dt.date(2025, 5, 20)  # the publication month: same year
    assert infer_year(12, 20, PUB) == dt.date(2024, 12, 20)  # after it: the year before
    blocks = [hand_block([(f"{day}:", I), f" Item of {day}"], bullet="•", y=100.0 + 12 * k)
              for k, day in enumerate(["April 2", "March 3", "January 20", "December 20"])]
    items = parse_news(blocks, PUB, DateWindow(), Diagnostics("t.pdf"), JOIN)
    assert [i.date for i in items] == [dt.date(2025, 4, 2), dt.date(2025, 3, 3),
                                       dt.date(2025, 1, 20), dt.date(2024, 12, 20)]


def test_a_news_date_that_cannot_be_placed_warns_instead_of_guessing() -> None:
    window = DateWindow(dt.date(2025, 3, 28), dt.date(2025, 4, 25))
    blocks = [hand_block([("September 9:", I), " Far outside the period"], bullet="•"),
              hand_block([("April 2:", I), " Inside it"], bullet="•", y=112.0)]
    diag = Diagnostics("t.pdf")
    far, inside = parse_news(blocks, PUB, window, diag.under("policy_news"), JOIN)
    assert far.date is None and inside.date == dt.date(2025, 4, 2)
    (w,) = diag.warnings
    assert (w.code, w.field) == ("unplaced_date", "/policy_news/0/date")
    diag = Diagnostics("t.pdf")
    (item,) = parse_news(blocks[1:], None, DateWindow(), diag, JOIN)  # no publication date
    assert item.date is None and [w.code for w in diag.warnings] == ["unplaced_date"]


def test_an_untagged_linked_single_source_with_a_full_stop_after_it() -> None:
    block = hand_block([("April 2:", I), " The NDRC issued an action plan (",
                        ("NDRC action plan", _link(U1)), ")."], bullet="•")
    (item,) = parse_news([block], PUB, DateWindow(), Diagnostics("t.pdf"), JOIN)
    assert item.text == "The NDRC issued an action plan"
    assert [(s.label, s.language, s.url) for s in item.sources] == [
        ("NDRC action plan", None, U1)]
    # without a source list the full stop stays the text's
    plain = hand_block([("April 2:", I), " Prices rose (again)."], bullet="•")
    (item,) = parse_news([plain], PUB, DateWindow(), Diagnostics("t.pdf"), JOIN)
    assert (item.text, item.sources) == ("Prices rose (again).", [])


def test_a_news_text_ends_where_its_sources_begin_in_every_era() -> None:
    texts = [
        [" MIIT acts (", ("MIIT notice (CN)", _link(U1)), "; ", ("Reuters article (EN)",
                                                                  _link(U2)), ")"],
        [" MIIT acts (", ("MIIT notice", _link(U1)), ")."],
        [" MIIT acts (", ("MIIT notice", _link(U1)), "; Caixin (EN))"],
    ]
    blocks = [hand_block([("April 2:", I), *parts], bullet="•", y=100.0 + 12 * k)  # type: ignore[list-item]
              for k, parts in enumerate(texts)]
    items = parse_news(blocks, PUB, DateWindow(), Diagnostics("t.pdf"), JOIN)
    assert [i.text for i in items] == ["MIIT acts"] * 3
    assert [len(i.sources) for i in items] == [2, 1, 2]


def test_corporate_news_before_policy_news() -> None:
    blocks = _stacked(
        (["MAY 5, 2025"], {}),
        ([("CONTENTS", B)], {}),
        (["NOTEWORTHY ........ 2"], {}),
        ([("NOTEWORTHY", B)], {"page": 2}),
        ([("Corporate news", B)], {"page": 2}),
        ([("April 2:", I), " BYD sells cars (", ("Reuters article (EN)", _link(U1)), ")"],
         {"page": 2, "bullet": "•"}),
        ([("Policy news", B)], {"page": 2}),
        ([("December 20:", I), " MIIT acts (", ("MIIT notice", _link(U2)), ")."],
         {"page": 2, "bullet": "•"}),
    )
    issue = _issue(*blocks)
    assert [(n.date, n.text) for n in issue.corporate_news] == [(dt.date(2025, 4, 2),
                                                                 "BYD sells cars")]
    assert [(n.date, n.text) for n in issue.policy_news] == [(dt.date(2024, 12, 20),
                                                              "MIIT acts")]


# -------------------------------------------------------------------- figures


def _small(text: str, box: tuple[float, float, float, float]) -> Block:
    """A one-line block of 8 pt chart text at ``box``."""
    block = hand_block([text], y=box[3])
    block.lines[0]._box = box
    block.lines[0].size = 8.0
    return block


def _chart_page() -> tuple[list[Block], tuple[Shape, ...]]:
    """A story page with a chart: four bars on an axis, 8 pt labels, a caption above it."""
    axis = Shape(1, (80.0, 240.0, 400.0, 240.0), False, True)
    bars = tuple(Shape(1, (100.0 + 60 * k, 200.0 - 5 * k, 130.0 + 60 * k, 240.0), True, False)
                 for k in range(4))
    # the reader joined the value labels' line and the next paragraph into one block
    merged = hand_block(["24 30 40"], ["The second paragraph follows the chart."], y=183.0)
    merged.lines[0]._box = (105.0, 175.0, 300.0, 183.0)
    merged.lines[0].size = 8.0
    merged.lines[1]._box = (50.0, 300.0, 400.0, 310.0)
    blocks = [
        hand_block([("1. Chips get subsidies", B)], y=60.0),
        hand_block([("MERICS comment:", B), " The first paragraph."], y=100.0),
        hand_block(["Figure 1: Chip subsidies by province, 2020-2024 (CNY bn)"], y=165.0),
        merged,
        *(_small(year, (105.0 + 60 * k, 244.0, 125.0 + 60 * k, 252.0))
          for k, year in enumerate(["2020", "2021", "2022", "2023"])),
        _small("Year", (230.0, 258.0, 250.0, 266.0)),
    ]
    return blocks, (axis, *bars)


def test_text_inside_a_chart_never_joins_the_comment_and_its_caption_is_a_figure() -> None:
    blocks, shapes = _chart_page()
    doc = _document(*blocks, shapes=shapes)
    (region,) = find_figures(doc, 10.0)
    assert region.box == (80.0, 185.0, 400.0, 240.0)
    issue = _build(doc, segment(doc), b"%PDF-", Diagnostics("hand.pdf"))
    (story,) = issue.top_stories
    assert [p.text for p in story.comment] == [
        "The first paragraph.", "The second paragraph follows the chart."]
    assert [(f.caption, f.page) for f in story.figures] == [
        ("Figure 1: Chip subsidies by province, 2020-2024 (CNY bn)", 1)]


def test_a_source_line_is_figure_text_never_the_caption() -> None:
    blocks, shapes = _chart_page()
    source = hand_block(["Source: NBS"], y=280.0)  # body size: next to the figure
    doc = _document(*blocks, source, shapes=shapes)
    (story,) = _build(doc, segment(doc), b"%PDF-", Diagnostics("hand.pdf")).top_stories
    assert "Source: NBS" not in [p.text for p in story.comment]
    assert [f.caption for f in story.figures] == [
        "Figure 1: Chip subsidies by province, 2020-2024 (CNY bn)"]


def test_a_one_line_paragraph_just_above_a_chart_stays_running_text() -> None:
    # a framed chart right under a one-line comment paragraph: the whole block lies
    # within the figure's edge margin, but it is set at the body size, as running text is
    blocks, shapes = _chart_page()
    frame = Shape(1, (70.0, 168.0, 410.0, 270.0), False, True)
    above = hand_block([("MERICS comment:", B), " A one-line paragraph."], y=160.0)
    above.lines[0]._box = (50.0, 150.0, 300.0, 160.0)
    doc = _document(*blocks[:2], above, *blocks[2:], shapes=(*shapes, frame))
    (region,) = find_figures(doc, 10.0)
    assert not region.holds(above.lines[0])
    (story,) = _build(doc, segment(doc), b"%PDF-", Diagnostics("hand.pdf")).top_stories
    assert "A one-line paragraph." in [p.text for p in story.comment]


def test_rules_underlines_and_bullets_make_no_figure() -> None:
    shapes = (Shape(1, (50.0, 100.0, 500.0, 100.0), False, True),  # a rule
              *(Shape(1, (50.0, 110.0 + 12 * k, 120.0, 111.0 + 12 * k), True, False)
                for k in range(8)),  # underlines of eight lines
              *(Shape(1, (40.0, 108.0 + 12 * k, 43.0, 111.0 + 12 * k), True, False)
                for k in range(8)))  # bullets
    doc = _document(hand_block(["text"]), shapes=shapes)
    assert find_figures(doc, 10.0) == []
