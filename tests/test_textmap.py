"""The text map: every character keeps its glyph; matching ignores spaces and line-break hyphens.

Blocks are built by the reader's own line and block stages from synthetic glyph rows
(``tests/helpers.py``: 10 pt glyphs 5 pt wide), so the boxes expected are known exactly.
"""

from __future__ import annotations

import datetime as dt

from newsextract.textmap import PageBox, TextMap, normalise, union_per_column

from helpers import blocks_from, glyphs, line


def test_a_word_hyphenated_over_a_line_break_is_found_with_a_box_per_line() -> None:
    blocks = blocks_from([line(100, "Beijing promotes inter-"),
                          line(112, "national standards now")])
    tm = TextMap.of(blocks)
    span = tm.find("international standards")
    assert span is not None
    boxes = tm.boxes(span)
    assert [b.page for b in boxes] == [1, 1]
    first, second = boxes
    # "inter-" starts after "Beijing promotes " (17 chars of 5 pt from x=50)
    assert first.x0 == 50 + 17 * 5 and first.x1 == 50 + 23 * 5  # the hyphen is in the box
    assert second.x0 == 50 and second.x1 == 50 + len("national standards") * 5
    assert first.top < second.top


def test_spaces_case_and_compatibility_forms_are_ignored_but_letters_are_not() -> None:
    tm = TextMap.of(blocks_from([line(100, "The ﬁve-year PLAN   for 2025")]))
    assert tm.find("the five year plan for 2025") is not None
    assert tm.find("the five year plans") is None
    assert normalise("Pre-\u00adcommercial  Stage") == "precommercialstage"


def test_search_regions_and_order() -> None:
    tm = TextMap.of(blocks_from([line(100, "MIIT said MIIT will act")]))
    first = tm.find("MIIT")
    assert first is not None
    second = tm.find("MIIT", first.end)
    assert second is not None and second.start > first.start
    assert tm.find("MIIT", second.end) is None
    assert tm.find("said", 0, first.end) is None  # outside the region


def test_printed_dates_are_read_with_the_vocabulary_patterns() -> None:
    tm = TextMap.of(blocks_from([line(100, "January 29: MIIT and on Feb. 3, 2024 again")]))
    jan = tm.find_date(dt.date(2024, 1, 29))
    assert jan is not None and tm.text[jan.start:jan.end] == "January 29"
    feb = tm.find_date(dt.date(2024, 2, 3))
    assert feb is not None and tm.text[feb.start:feb.end] == "Feb. 3, 2024"
    assert tm.find_date(dt.date(2023, 2, 3)) is None  # the printed year differs
    assert tm.find_date(dt.date(2024, 1, 30)) is None


def test_a_link_is_found_on_the_glyphs_that_carry_it_across_a_line_break() -> None:
    url = "https://example.org/a"
    rows = [glyphs("see the ", 50, 100) + glyphs("linked", 90, 100, link=url),
            glyphs("words", 50, 112, link=url) + glyphs(" here", 75, 112)]
    tm = TextMap.of(blocks_from(rows))
    span = tm.find_link(url)
    assert span is not None
    assert tm.text[span.start:span.end] == "linked words"
    assert [round(b.x0) for b in tm.boxes(span)] == [90, 50]
    assert tm.find_link("https://example.org/b") is None


def test_item_boxes_are_one_per_column_stretch() -> None:
    left = [PageBox(1, 50, 100, 250, 110), PageBox(1, 50, 112, 200, 122)]
    right = [PageBox(1, 300, 40, 340, 50), PageBox(1, 345, 40, 380, 50)]  # one line, two words
    other_page = [PageBox(2, 50, 40, 250, 50)]
    got = union_per_column([*left, *right, *other_page])
    assert got == [PageBox(1, 50, 100, 250, 122), PageBox(1, 300, 40, 380, 50),
                   PageBox(2, 50, 40, 250, 50)]
