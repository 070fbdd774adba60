"""Unit tests of the reader's stages, mostly on synthetic glyphs (a few read a fixture)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from newsextract.reader.backend import RawChar, RawLink
from newsextract.reader.glyphs import (
    GlyphStats,
    attach_links,
    clean_text,
    font_style,
    raw_to_glyphs,
    remove_overprint,
)
from newsextract.reader.hyphenation import Lexicon, keep_line_end_hyphen
from newsextract.reader.layout import lines_to_blocks, merge_page_breaks, order_lines
from newsextract.reader.lines import glyphs_to_lines
from newsextract.reader.params import LayoutParams
from newsextract.reader.running import find_running_lines
from newsextract.reader.spacing import tall_lines_push, typical_pitch
from newsextract.reader.types import Block, Glyph, OrderedLine

from helpers import CHAR_W, glyphs

P = LayoutParams()


def page_blocks(gs: list[Glyph], words: Iterable[str] = (), page: int = 1) -> list[Block]:
    """Given one page's glyphs, return its blocks (lines ordered, pitch from the page)."""
    ordered = order_lines(glyphs_to_lines(gs, page=page, params=P), params=P)
    return lines_to_blocks(ordered, typical_pitch([ordered], params=P), Lexicon(words), params=P)

def test_font_style_from_names() -> None:
    assert font_style("ABCDEF+DejaVuSans-BoldOblique") == (True, True)
    assert font_style("Helvetica-Oblique") == (False, True)
    assert font_style("Arial,Bold") == (True, False)
    assert font_style("MinionPro-It") == (False, True)
    assert font_style("MinionPro-Semibold") == (True, False)
    assert font_style("LiberationSerif") == (False, False)
    assert font_style("Italianno-Regular") == (False, False)


def test_clean_text_expands_ligatures_and_maps_kangxi_but_keeps_cjk_punctuation() -> None:
    assert clean_text("\ufb01") == "fi"
    assert clean_text("\ufb03") == "ffi"
    assert clean_text("\u2f08") == "人"  # KANGXI RADICAL MAN
    assert clean_text("，") == "，"  # full-width comma survives (no NFKC)
    assert clean_text("\u0002") == "\u00ad"
    assert clean_text("\u00a0") == " "


def test_cid_glyphs_are_dropped_and_counted() -> None:
    chars = [RawChar("(cid:12)", 0, 0, 5, 10, 10, "F", 8), RawChar("a", 5, 0, 10, 10, 10, "F", 8)]
    stats = GlyphStats()
    out = raw_to_glyphs(chars, stats)
    assert [g.text for g in out] == ["a"]
    assert stats.unmapped == 1


def test_overprinted_fake_bold_is_removed_and_marked_bold() -> None:
    first = glyphs("Bold", 10, 100)
    second = glyphs("Bold", 10.4, 100.1)
    stats = GlyphStats()
    out = remove_overprint(first + second, stats, params=P)
    assert "".join(g.text for g in out) == "Bold"
    assert all(g.bold for g in out)
    assert stats.overprinted == 4
    # a real double letter is not a duplicate
    assert len(remove_overprint(glyphs("all", 10, 100), GlyphStats(), params=P)) == 3


def test_links_attach_by_glyph_centre() -> None:
    gs = glyphs("see here", 10, 100)
    # the rectangle starts half a glyph early and ends mid-glyph, as producers do
    attach_links(gs, [RawLink("https://x.org", ((30.5, 90.0, 52.0, 102.0),))], params=P)
    linked = "".join(g.text for g in gs if g.link)
    assert linked == "here"


def test_superscript_joins_its_word_and_spaces_come_from_gaps() -> None:
    gs = glyphs("The 14", 10, 100, space_glyphs=False, sup="th") + glyphs("plan", 52, 100)
    lines = glyphs_to_lines(gs, page=1, params=P)
    assert len(lines) == 1
    assert lines[0].text == "The 14th plan"
    sup = [r for r in lines[0].runs if r.superscript]
    assert [r.text for r in sup] == ["th"]


def test_slightly_smaller_raised_suffix_does_not_set_the_line_size() -> None:
    # "3rd" alone on a line, the suffix only two points smaller but clearly raised (a
    # text rise: the boxes go up, the origin's baseline stays, as reportlab draws it)
    raised = [replace(g, top=g.top - 8.0, bottom=g.bottom - 8.0)
              for g in glyphs("rd", 19.6, 100.0, size=14.0)]
    gs = glyphs("3", 10, 100, size=16.0) + raised
    (line,) = glyphs_to_lines(gs, page=1, params=P)
    assert line.text == "3rd"
    assert line.size == 16.0


def test_a_line_with_cjk_and_a_superscript_at_the_usual_pitch_shows_neither_pushes() -> None:
    plain = glyphs("plain text line one", 50, 100) + glyphs("plain text line two", 50, 112)
    both = glyphs("部门 and the 1", 50, 124, space_glyphs=False, sup="st")
    ordered = order_lines(glyphs_to_lines(plain + both, page=1, params=P), params=P)
    assert tall_lines_push([ordered], typical_pitch([ordered], params=P), params=P) == frozenset()
    no_evidence = order_lines(glyphs_to_lines(plain, page=1, params=P), params=P)
    pitch = typical_pitch([no_evidence], params=P)
    assert tall_lines_push([no_evidence], pitch, params=P) == frozenset({"cjk", "sup"})


def test_a_cjk_line_exactly_one_paragraph_gap_down_shows_cjk_does_not_push() -> None:
    # pitch 12, paragraph gap 5 (seen twice between plain lines), then a CJK line
    rows = [(100, "plain one"), (112, "plain two"), (129, "plain three"), (141, "plain four"),
            (158, "plain five")]
    plain = [g for y, text in rows for g in glyphs(text, 50, y)]

    def push(cjk_baseline: float) -> frozenset[str]:
        cjk = glyphs("部门 text", 50, cjk_baseline, space_glyphs=False)
        ordered = order_lines(glyphs_to_lines(plain + cjk, page=1, params=P), params=P)
        return tall_lines_push([ordered], typical_pitch([ordered], params=P), params=P)

    assert "cjk" not in push(158 + 12 + 5)  # the paragraph gap exactly: not pushed
    # 0.3 pt more (LibreOffice's push at 10 pt is 3.3 pt where its gap is 3.0): no evidence
    assert "cjk" in push(158 + 12 + 5.3)


def test_any_usual_gap_above_a_superscript_line_shows_superscripts_do_not_push() -> None:
    # pitch 12; plain lines show list spacing (3, four times) more often than paragraph
    # spacing (6, twice); a line with a superscript one paragraph gap down is evidence too
    y, plain = 100.0, []
    for step in [12, 12, 12, 15, 15, 15, 15, 12, 18, 12, 18, 12, 18]:
        plain += glyphs("plain line", 50, y)
        y += step
    sup = glyphs("the 1", 50, y, space_glyphs=False, sup="st")  # 18 below the last line
    ordered = order_lines(glyphs_to_lines(plain + sup, page=1, params=P), params=P)
    assert "sup" not in tall_lines_push([ordered], typical_pitch([ordered], params=P), params=P)


def test_a_line_the_next_word_would_have_fitted_on_ends_its_paragraph() -> None:
    # one-line paragraphs set at the line pitch, with no spacing between them (6 pt text
    # with paragraph spacing equal to its leading): the first word of the next line would
    # clearly have fitted after each, so each line ended its paragraph
    gs = glyphs("A full line of text that reaches the right edge of the frame", 50, 100)
    gs += glyphs("wraps here.", 50, 112) + glyphs("Short paragraph.", 50, 124)
    gs += glyphs("Another one.", 50, 136) + glyphs("关于印发 kept with the line before", 50, 148)
    texts = [b.text for b in page_blocks(gs)]
    assert texts == [
        "A full line of text that reaches the right edge of the frame wraps here.",
        "Short paragraph.",
        # a renderer that breaks only at spaces moves a whole Chinese run down: no verdict
        "Another one. 关于印发 kept with the line before",
    ]


def test_line_pitch_is_the_smallest_pitch_seen_often() -> None:
    # a page of mostly one-line paragraphs (7 pt): paragraph spacing (14.65) is the most
    # common pitch; list items (12.28), contents rows (10.87) and the few lines inside a
    # paragraph (9.45) are seen five times each. Spacing only adds to the line pitch
    steps = [14.65] * 12 + [12.28] * 5 + [10.87] * 5 + [9.45] * 5
    y, gs = 100.0, []
    for step in steps:
        gs += glyphs("a line", 50, y, size=7.0)
        y += step
    ordered = order_lines(glyphs_to_lines(gs, page=1, params=P), params=P)
    assert typical_pitch([ordered], params=P) == {7.0: 9.5}


def test_line_pitch_is_not_set_by_one_page_set_tighter() -> None:
    # a contents page of 10 pt rows at 10.5 (seven times) and five story pages whose lines
    # follow at 11.88 inside paragraphs (twice a page) and 15.88 between them: the tight
    # pitch is seen often enough, but on one page of six
    def page(number: int, steps: list[float]) -> list[OrderedLine]:
        y, gs = 100.0, []
        for step in [*steps, 0.0]:
            gs += glyphs("a line", 50, y, size=10.0)
            y += step
        return order_lines(glyphs_to_lines(gs, page=number, params=P), params=P)

    contents = page(1, [10.5] * 7)
    stories = [page(n, [11.88, 11.88, 15.88, 15.88, 15.88]) for n in range(2, 7)]
    assert typical_pitch([contents, *stories], params=P) == {10.0: 12.0}
    # on its own, each page keeps its own leading
    assert typical_pitch([contents], params=P) == {10.0: 10.5}
    assert typical_pitch(stories[:1], params=P) == {10.0: 12.0}


def test_short_lines_take_the_documents_frame_edge_to_judge_a_wrap() -> None:
    from newsextract.reader.layout import text_frame_right

    # one-line paragraphs with superscripts, paragraph spacing between them
    gs = glyphs("First short paragraph.", 50, 100)
    gs += glyphs("Rules 21", 50, 116, space_glyphs=False, sup="st")  # 0.4 em: a push?
    gs += glyphs("pitch one", 50, 140) + glyphs("pitch two", 50, 152)
    ordered = order_lines(glyphs_to_lines(gs, page=1, params=P), params=P)
    pitch = typical_pitch([ordered], params=P)
    # judged by this page alone, "Rules" could not have fitted after the first line
    alone = lines_to_blocks(ordered, pitch, Lexicon([]), params=P)
    assert alone[0].text == "First short paragraph. Rules 21st"
    wide = glyphs("A full line of another page reaching the right edge of the text", 50, 90)
    wide += glyphs("and one more full line of that page that reaches the right edge", 50, 102)
    other = order_lines(glyphs_to_lines(wide, page=2, params=P), params=P)
    frame = text_frame_right([ordered, other])
    assert frame == max(g.x1 for g in wide)
    blocks = lines_to_blocks(ordered, pitch, Lexicon([]), frame_right=frame, params=P)
    assert [b.text for b in blocks][:2] == ["First short paragraph.", "Rules 21st"]


def test_justified_text_is_told_from_ragged_right() -> None:
    from newsextract.reader.layout import _justified

    def blocks(ragged: bool) -> list:  # type: ignore[type-arg]
        out = []
        for p in range(3):
            gs = []
            for i in range(4):
                words = "word " * (6 - (i % 3 if ragged else 0))
                gs += glyphs(words.strip() if ragged else "x" * 29, 50, 100 + 12 * i)
            out += page_blocks(gs, page=p + 1)
        return out

    assert _justified(blocks(ragged=False), params=P)
    assert not _justified(blocks(ragged=True), params=P)


def test_short_lines_above_a_small_two_column_section_stay_in_the_band_above() -> None:
    gs = glyphs("A full-width paragraph line that runs right across the page", 50, 100)
    gs += glyphs("its short last line.", 50, 112)
    gs += glyphs("Another short line.", 50, 130) + glyphs("And one more.", 50, 148)
    gs += glyphs("Heading", 50, 170)
    gs += glyphs("a two-line item", 300, 170) + glyphs("(CN))", 300, 182)  # too short to align
    order = order_lines(glyphs_to_lines(gs, page=1, params=P), params=P)
    columns = {ln.text: col for col, ln in order}
    above = ["its short last line.", "Another short line.", "And one more."]
    first = columns["A full-width paragraph line that runs right across the page"]
    assert all(columns[t] == first for t in above)
    assert columns["a two-line item"] != columns["Heading"]
    assert [ln.text for _c, ln in order][-2:] == ["a two-line item", "(CN))"]


def test_a_columns_tail_on_the_next_page_keeps_the_gutter_of_the_page_before() -> None:
    from newsextract.reader.gutters import Gutter

    page1 = []
    for i in range(5):
        page1 += glyphs(f"left column line {i}", 50, 100 + 12 * i)
        page1 += glyphs(f"right column line {i}", 300, 100 + 12 * i)
    found: list[Gutter] = []
    glyphs_to_lines(page1, page=1, found=found, params=P)
    assert len(found) == 1 and 200 < found[0].x < 300
    # two rows: the end of the left column, and one line of the right column
    page2 = glyphs("percent percent", 50, 100) + glyphs("Gov.cn notice)", 300, 100)
    page2 += glyphs("(Reuters article (CN);", 50, 112)
    alone = order_lines(glyphs_to_lines(page2, page=2, params=P), params=P)
    assert [ln.text for _c, ln in alone][1] == "Gov.cn notice)"  # read across the columns
    hints = [found[0].x]
    lines = glyphs_to_lines(page2, page=2, hints=hints, params=P)
    order = [ln.text for _c, ln in order_lines(lines, hints=hints, params=P)]
    assert order == ["percent percent", "(Reuters article (CN);", "Gov.cn notice)"]
    # the right column's last line may be one short word (less than the three ems that
    # make a column's text on a page of its own)
    # (as the reader does, the page is ordered by the gutters its lines were cut at)
    page2 = glyphs("200 2027 20th", 50, 100) + glyphs("2025.", 300, 100)
    page2 += glyphs("a longer last line", 50, 112)
    cut: list[Gutter] = []
    lines = glyphs_to_lines(page2, page=2, hints=hints, found=cut, params=P)
    order = [ln.text for _c, ln in order_lines(lines, hints=[g.x for g in cut], params=P)]
    assert order == ["200 2027 20th", "a longer last line", "2025."]


def test_suffix_on_its_own_raised_baseline_joins_its_word() -> None:
    # pdfium puts a raised glyph's origin on the raised baseline; the suffix is only two
    # points smaller (11.5 in 13.5 pt text, a share above superscript_size_share)
    gs = glyphs("Plan of 21", 50, 219.0, size=13.5)
    x = max(g.x1 for g in gs)
    gs += glyphs("st", x, 212.3, size=11.5) + glyphs("century", x + 20, 219.0, size=13.5)
    (line,) = glyphs_to_lines(gs, page=1, params=P)
    assert line.text == "Plan of 21st century"


def test_a_sections_first_rows_at_a_page_foot_take_the_next_pages_gutter() -> None:
    from newsextract.reader import read_document
    from newsextract.reader.backend import RawChar, RawPage

    def raw(gs: list[Glyph], number: int) -> RawPage:
        chars = [RawChar(g.text, g.x0, g.top, g.x1, g.bottom, g.size, "F", g.baseline)
                 for g in gs]
        return RawPage(number, 595.0, 842.0, chars, [], 0)

    page1 = glyphs("A single column paragraph line running across the page", 50, 100)
    page1 += glyphs("left start", 50, 760) + glyphs("right start", 300, 760)
    page1 += glyphs("(end);", 50, 772)
    page2 = []
    for i in range(5):
        page2 += glyphs(f"left column line {i}", 50, 100 + 12 * i)
        page2 += glyphs(f"right column line {i}", 300, 100 + 12 * i)

    class Pages:
        page_count = 2

        def __enter__(self) -> Pages:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def pages(self):  # type: ignore[no-untyped-def]
            yield raw(page1, 1)
            yield raw(page2, 2)

    class Backend:
        def open(self, data: bytes, name: str, password: str | None) -> Pages:
            return Pages()

    doc = read_document(b"", "t.pdf", Backend())  # type: ignore[arg-type]
    text = " ".join(b.text for b in doc.blocks if b.page == 1)
    assert "left start (end);" in text  # the left column read down, then the right
    assert text.index("(end);") < text.index("right start")


def test_two_columns_are_read_column_by_column() -> None:
    gs = []
    for i in range(5):
        gs += glyphs(f"left {i}", 50, 100 + 12 * i)
        gs += glyphs(f"right {i}", 300, 100 + 12 * i)
    gs += glyphs("Full width heading that spans both columns of the page", 50, 80)
    lines = glyphs_to_lines(gs, page=1, params=P)
    order = [ln.text for _c, ln in order_lines(lines, params=P)]
    assert order[0].startswith("Full width")
    assert order[1:] == [f"left {i}" for i in range(5)] + [f"right {i}" for i in range(5)]


def test_columns_end_at_a_line_across_them_below_the_right_column() -> None:
    # a chart's labels leave a gutter open (left and right labels on five rows); below it
    # a paragraph across the page whose short last line lies left of that gutter
    gs = []
    for i in range(5):
        gs += glyphs(f"label {i}", 50, 100 + 12 * i) + glyphs(f"{i}0.5", 300, 100 + 12 * i)
    gs += glyphs("A full-width paragraph line that runs right across the page", 50, 180)
    gs += glyphs("its short last line.", 50, 192)
    order = order_lines(glyphs_to_lines(gs, page=1, params=P), params=P)
    columns = {ln.text: col for col, ln in order}
    assert columns["its short last line."] == columns[
        "A full-width paragraph line that runs right across the page"]
    assert [ln.text for _c, ln in order][-2:] == [
        "A full-width paragraph line that runs right across the page", "its short last line."]
    assert columns["label 0"] != columns["00.5"]  # the labels above stay two columns


def test_running_header_and_page_number_are_found_by_repetition() -> None:
    pages = []
    for p in range(1, 5):
        gs = glyphs(f"Newsletter | Issue {p}", 50, 30) + glyphs(f"Body text {p}", 50, 300)
        gs += glyphs(str(p), 290, 820)
        pages.append(glyphs_to_lines(gs, page=p, params=P))
    running = find_running_lines(pages, [842.0] * 4, params=P)
    texts = sorted({ln.text for lines in pages for ln in lines if id(ln) in running})
    assert "Body text 1" not in texts
    assert {"1", "2", "Newsletter | Issue 1"} <= set(texts)


def test_a_heading_repeated_at_the_top_of_pages_is_not_a_running_line() -> None:
    pages = []
    for p in range(1, 5):
        gs = glyphs(f"Newsletter | Issue {p}", 50, 30, size=8)
        gs += glyphs(f"{p}. Same story title", 50, 60, size=14, bold=True)
        gs += glyphs(f"Body text of page {p} set in the body size", 50, 300)
        pages.append(glyphs_to_lines(gs, page=p, params=P))
    running = find_running_lines(pages, [842.0] * 4, params=P)
    texts = {ln.text for lines in pages for ln in lines if id(ln) in running}
    assert "Newsletter | Issue 1" in texts
    assert not any("story title" in t for t in texts)


def test_a_label_under_a_title_in_the_top_band_is_not_a_running_line() -> None:
    # every story opens a page: a bare "At a glance:" stands at the same height on each,
    # apart from the lines around it, but below a title: body text, not a header
    pages = []
    for p in range(1, 5):
        gs = glyphs(f"Newsletter | Issue {p}", 50, 30, size=8)
        gs += glyphs(f"{p}. " + ["Chips", "Steel", "Solar", "Ships"][p - 1], 50, 59, size=12)
        gs += glyphs("At a glance:", 50, 76, bold=True)
        gs += glyphs(f"• a point of story {p}", 50, 91) + glyphs("2", 290, 820)
        pages.append(glyphs_to_lines(gs, page=p, params=P))
    running = find_running_lines(pages, [842.0] * 4, params=P)
    texts = {ln.text for lines in pages for ln in lines if id(ln) in running}
    assert texts == {"Newsletter | Issue 1", "Newsletter | Issue 2", "Newsletter | Issue 3",
                     "Newsletter | Issue 4", "2"}


def test_a_line_where_other_pages_have_body_text_is_not_a_running_line() -> None:
    # a story's last line carried to the top of pages 2 and 3 at the frame's first row,
    # the same text but for its digits; pages 1 and 4 have body text at that height
    pages = []
    for p in range(1, 5):
        gs = glyphs("Newsletter header", 50, 30, size=8)
        first = {1: "Chips lead the plan", 4: "Steel output falls"}.get(
            p, f"Date: November {20 + p}, 2029")
        gs += glyphs(first, 50, 80) + glyphs(f"more body text of page {p}", 50, 300)
        pages.append(glyphs_to_lines(gs, page=p, params=P))
    running = find_running_lines(pages, [842.0] * 4, params=P)
    assert {ln.text for lines in pages for ln in lines if id(ln) in running} == {
        "Newsletter header"}


def test_blocks_split_at_paragraph_gaps_bullets_and_bold_changes() -> None:
    gs = glyphs("Heading", 50, 100, bold=True)
    gs += glyphs("first line of a para-", 50, 112) + glyphs("graph continues here", 50, 124)
    gs += glyphs("new paragraph after a gap", 50, 150)
    gs += glyphs("• a bullet item", 50, 162)
    blocks = page_blocks(gs, ["paragraph"])
    assert [b.text for b in blocks] == [
        "Heading",
        "first line of a paragraph continues here",
        "new paragraph after a gap",
        "a bullet item",
    ]
    assert blocks[3].bullet == "•"
    assert blocks[0].is_bold() and not blocks[1].is_bold()


def test_link_wrapping_onto_next_line_stays_one_link() -> None:
    url = "https://example.org/a"
    gs = glyphs("text with a long", 50, 100) + glyphs("link", 138, 100, link=url)
    gs += glyphs("text", 50, 112, link=url) + glyphs(" and more", 70, 112)
    (block,) = page_blocks(gs)
    assert [(block.text[s:e], u) for s, e, u in block.links()] == [("link text", url)]


def test_line_end_hyphen_policy() -> None:
    lex = Lexicon(["self reliance is the industry goal", "a self-made plan"])
    assert keep_line_end_hyphen("self", "reliance", lex, params=P)  # compound head
    # a syllable break, 'industry' known
    assert not keep_line_end_hyphen("indus", "try", lex, params=P)
    assert not keep_line_end_hyphen("manu", "facturing", lex, params=P)
    assert keep_line_end_hyphen("2021", "2025", lex, params=P)
    assert keep_line_end_hyphen("state", "owned", Lexicon(["a state-owned firm"]), params=P)


def test_paragraph_split_by_page_break_is_joined() -> None:
    p1 = glyphs("A paragraph that runs to the very bottom of", 50, 790)
    p2 = glyphs("the page and continues on the next page.", 50, 60)
    other = glyphs("Earlier text", 50, 400)
    l1 = glyphs_to_lines(other + p1, page=1, params=P)
    l2 = glyphs_to_lines(p2, page=2, params=P)
    blocks = []
    for lines in (l1, l2):
        ordered = order_lines(lines, params=P)
        pitch = typical_pitch([ordered], params=P)
        blocks += lines_to_blocks(ordered, pitch, Lexicon([]), params=P)
    merged = merge_page_breaks(blocks, Lexicon([]), params=P)
    assert [b.text for b in merged][-1] == (
        "A paragraph that runs to the very bottom of the page and continues on the next page."
    )
    assert merged[-1].pages == [1, 2]


def test_an_item_over_a_page_and_a_column_break_is_joined_at_both() -> None:
    # a list item at the foot of page 1's right column goes on in page 2's left column,
    # which ends inside a hyphenated word that ends at the top of page 2's right column:
    # the column break is judged from the part the item ends with (page 2, left column)
    def block(col: int, page: int, *rows: tuple[str, float, float]) -> list[Block]:
        lines = [ln for text, x, y in rows
                 for ln in glyphs_to_lines(glyphs(text, x, y), page, params=P)]
        return lines_to_blocks([(col, ln) for ln in lines], {10.0: 12.0}, Lexicon([]), params=P)

    blocks = [
        *block(1, 1, ("left column text of page one", 50, 100)),
        *block(2, 1, ("• An item at the foot of the right", 300, 790)),
        *block(1, 2, ("column goes on and ends in a state-", 60, 60)),
        *block(2, 2, ("ment (CN))", 310, 60)),
    ]
    merged = merge_page_breaks(blocks, Lexicon(["statement"]), params=P)
    assert [b.text for b in merged][-1] == (
        "An item at the foot of the right column goes on and ends in a statement (CN))")


def test_no_paragraph_goes_on_over_a_page_break_when_no_page_is_full() -> None:
    # every page ends high up (short stories, each opening a page): the lowest text of
    # the document is no frame bottom, so the next page's first line starts a paragraph
    def read(heights: list[float]) -> list[str]:
        p1 = glyphs("Earlier text", 50, 100) + glyphs("A line that reaches the end of", 50, 300)
        p2 = glyphs("Contact: press", 50, 60)
        blocks = []
        for lines in (glyphs_to_lines(p1, page=1, params=P), glyphs_to_lines(p2, page=2, params=P)):
            ordered = order_lines(lines, params=P)
            pitch = typical_pitch([ordered], params=P)
            blocks += lines_to_blocks(ordered, pitch, Lexicon([]), params=P)
        return [b.text for b in merge_page_breaks(blocks, Lexicon([]), heights, params=P)]

    assert read([842.0, 842.0])[-1] == "Contact: press"  # one page ends at 36 %
    assert read([500.0, 500.0])[-1] == "Contact: press"  # at 60 %
    # where the frame does end that low, it is the frame's bottom
    assert read([340.0, 340.0])[-1] == "A line that reaches the end of Contact: press"


def test_one_line_list_item_continues_only_at_its_hanging_indent() -> None:
    # a one-line list item at the foot of page 1 (a ragged-right line the next word would
    # not have fitted on): page 2's first line continues it at the item's text, not at the
    # bullet glyph's left edge
    def read(x_next: float) -> list[str]:
        p1 = glyphs("Earlier text", 50, 400) + glyphs("• An item ending with sources", 50, 790)
        p2 = glyphs("Contact: press", x_next, 60)
        blocks = []
        for lines in (glyphs_to_lines(p1, page=1, params=P), glyphs_to_lines(p2, page=2, params=P)):
            ordered = order_lines(lines, params=P)
            pitch = typical_pitch([ordered], params=P)
            blocks += lines_to_blocks(ordered, pitch, Lexicon([]), params=P)
        return [b.text for b in merge_page_breaks(blocks, Lexicon([]), params=P)]

    bullet_x, text_x = 50.0, 50.0 + 2 * CHAR_W * 10
    assert read(bullet_x) == ["Earlier text", "An item ending with sources", "Contact: press"]
    assert read(text_x) == ["Earlier text", "An item ending with sources Contact: press"]


def test_cjk_radicals_supplement_maps_to_ideographs() -> None:
    assert clean_text("\u2ec5") == "见"
    assert clean_text("\u2ed4") == "门"


def test_cjk_latin_auto_spacing_is_not_a_space_but_a_drawn_space_is() -> None:
    # Typst-style 0.25 em auto-spacing between "2035" and "年"
    gs = glyphs("2035", 50, 100, space_glyphs=False) + glyphs("年", 72.5, 100)
    assert glyphs_to_lines(gs, 1, params=P)[0].text == "2035年"
    gs = glyphs("2035", 50, 100) + glyphs(" ", 70, 100) + glyphs("年", 75, 100)
    assert glyphs_to_lines(gs, 1, params=P)[0].text == "2035 年"


def test_compound_tails_and_acronyms_keep_line_end_hyphens() -> None:
    lex = Lexicon(["nothing relevant here"])
    assert keep_line_end_hyphen("plug", "in", lex, params=P)
    assert keep_line_end_hyphen("start", "ups", lex, params=P)
    assert keep_line_end_hyphen("AI", "related", lex, params=P)
    assert not keep_line_end_hyphen("over", "takes", lex, params=P)


def test_lexicon_ignores_the_tail_of_a_broken_word() -> None:
    lex = Lexicon(["we are focus-", "ing on it", "focus matters"])
    assert "ing" not in lex and "focus" in lex
    assert not keep_line_end_hyphen("focus", "ing", lex, params=P)


def test_unspaced_dash_at_line_end_joins_without_space() -> None:
    # (a full line before sets the pitch; "... 2024—" is full too: "2026" did not fit)
    gs = glyphs("one more line for the pitch", 50, 88) + glyphs("Plan for the years 2024—", 50, 100)
    gs += glyphs("2026 and more", 50, 112)
    (block,) = page_blocks(gs)
    assert "Plan for the years 2024—2026 and more" in block.text


def test_dash_after_an_opening_bracket_at_line_end_keeps_its_space() -> None:
    gs = glyphs("one more line to set the pitch", 50, 88)
    gs += glyphs("Plan announces an action (–", 50, 100) + glyphs("medium-sized) firms", 50, 112)
    (block,) = page_blocks(gs)
    assert "Plan announces an action (– medium-sized) firms" in block.text


def test_dictionary_settles_breaks_the_document_cannot() -> None:
    lex = Lexicon([])
    assert not keep_line_end_hyphen("over", "takes", lex, params=P)  # 'overtakes' is a word
    assert keep_line_end_hyphen("standard", "setting", lex, params=P)  # two words, no joined word
    assert keep_line_end_hyphen("brain", "computer", lex, params=P)
    assert not keep_line_end_hyphen("com", "puting", lex, params=P)
    assert keep_line_end_hyphen("so", "called", lex, params=P)


def test_zero_advance_space_drawn_over_a_letter_is_ignored() -> None:
    gs = glyphs("Min", 50, 100, space_glyphs=False) + glyphs("istry", 65, 100)
    phantom = glyphs(" ", 65, 100)  # drawn at the start of "istry", overlapping it
    assert glyphs_to_lines(gs + phantom, 1, params=P)[0].text == "Ministry"


def test_prefix_heads_yield_to_dictionary_words() -> None:
    lex = Lexicon([])
    assert not keep_line_end_hyphen("Inter", "national", lex, params=P)
    assert keep_line_end_hyphen("cross", "border", lex, params=P)
    assert keep_line_end_hyphen("non", "ferrous", lex, params=P)


def test_taller_cjk_line_inside_a_paragraph_does_not_split_it() -> None:
    rows = glyphs("one two three four five six seven eight nine ten", 50, 100)
    rows += glyphs("eleven twelve thirteen fourteen fifteen sixteen x", 50, 112)
    rows += glyphs("Article: words words words words words words word", 50, 124)
    rows += glyphs("Title (中文标题) (Link)", 50, 140)  # CJK line box pushes it 0.4 em down
    rows += glyphs("Next paragraph after a real gap", 50, 166)
    blocks = page_blocks(rows)
    assert [b.text.split()[0] for b in blocks] == ["one", "Next"]
    assert "(中文标题)" in blocks[0].text


def test_more_space_than_a_push_above_a_wrapped_line_is_a_paragraph_gap() -> None:
    # as above, but 0.7 em down: more than a taller line box pushes (at most 0.5 em), so
    # the line after "关于 ... plan." starts a paragraph although "Industry" did not fit
    rows = glyphs("one two three four five six seven eight nine ten", 50, 100)
    rows += glyphs("关于 with (–) plan with plan and the end of it.", 50, 112)
    rows += glyphs("Industry plan plan.", 50, 131)
    blocks = page_blocks(rows)
    assert [b.text.split()[0] for b in blocks] == ["one", "Industry"]


def test_line_final_hyphen_set_apart_by_justification_stays_with_its_word() -> None:
    gs = glyphs("a line for pitch", 50, 88)
    gs += glyphs("the cen", 50, 100) + glyphs("-", 87, 100)  # 2 pt gap before the hyphen
    gs += glyphs("tral government", 50, 112)
    (block,) = page_blocks(gs, ["central"])
    assert "the central government" in block.text


def test_narrow_justified_columns_are_found_by_alignment_not_gap_width() -> None:
    from newsextract.reader.gutters import find_gutters
    from newsextract.reader.lines import cluster_baselines

    gs = []
    cycle = [3, 22, 9, 30, 14, 26, 5]
    for i in range(8):
        y = 100 + 12 * i
        # left column justified: word gaps up to 3 em that move from row to row
        x = 50.0
        for k in range(5):
            gs += glyphs("word", x, y)
            x += 20 + cycle[(i + k) % len(cycle)]
        gs += glyphs("dddd eeee ffff", 300, y)  # right column after a 1.5 em gutter
    rows = cluster_baselines(gs, params=P)
    for r in rows:
        r.sort(key=lambda g: g.x0)
    gutters = find_gutters(rows, 10.0, params=P)
    assert len(gutters) == 1
    assert max(g.x1 for g in gs if g.x0 < 290) < gutters[0].x < 300
    lines = glyphs_to_lines(gs, page=1, params=P)
    assert len(lines) == 16  # each row cut once, at the gutter only
    assert {ln.text for ln in lines} >= {"dddd eeee ffff", "word word word word word"}


def test_a_centred_page_number_does_not_pull_the_gutter_off_the_first_row() -> None:
    from newsextract.reader.gutters import find_gutters
    from newsextract.reader.lines import cluster_baselines

    # six rows of two columns (right column from x=200); the first row's left line reaches
    # x=160, the others x=150; a page number "- 8 -" at x=167-192 in a row of its own
    # closes the gutter there. Two channels are open for six rows: the wide one right of
    # x=160 (rows 1-6) and a sliver between x=150 and x=160 (rows 2-6 and the page
    # number's row). The gutter is the wide one, and it cuts the first row.
    gs = glyphs("left text reaching far", 50, 100)  # 22 chars x 5 pt: to x=160
    for i in range(1, 6):
        gs += glyphs("left column", 95, 100 + 12 * i)  # to x=150
    for i in range(6):
        gs += glyphs("right column", 200, 100 + 12 * i)
    gs += glyphs("- 8 -", 167, 400)
    rows = cluster_baselines(gs, params=P)
    for r in rows:
        r.sort(key=lambda g: g.x0)
    (gutter,) = find_gutters(rows, 10.0, params=P)
    assert 164.5 <= gutter.x <= 195.5  # in the wide channel
    first_row = [ln.text for ln in glyphs_to_lines(gs, page=1, params=P) if ln.baseline == 100]
    assert sorted(first_row) == ["left text reaching far", "right column"]


def _gutters_of(gs: list[Glyph]) -> list[float]:
    from newsextract.reader.gutters import find_gutters
    from newsextract.reader.lines import cluster_baselines

    rows = cluster_baselines(gs, params=P)
    for r in rows:
        r.sort(key=lambda g: g.x0)
    return sorted(g.x for g in find_gutters(rows, 10.0, params=P))


def test_three_columns_have_two_gutters_but_short_lines_open_no_second_one() -> None:
    three = [g for i in range(6) for x in (50, 200, 350)
             for g in glyphs("column text here", x, 100 + 12 * i)]  # each to x + 80
    g1, g2 = _gutters_of(three)
    assert 130 < g1 < 200 < g2 < 350
    # two columns whose rows do not line up (the right column's lines are taller): the
    # left column's lines (to x=175) are short (to x=100) in rows 2-5, which opens a
    # channel right of them for several rows. Nothing stands between it and the gutter
    # between x=175 and x=230: it is no gutter
    two = glyphs("a long left line to x=175", 50, 100)
    two += [g for i in range(1, 5) for g in glyphs("short left", 50, 100 + 12 * i)]
    two += [g for y in (160, 172) for g in glyphs("a long left line to x=175", 50, y)]
    two += [g for i in range(7) for g in glyphs("right column", 230, 95 + 13 * i)]
    (gutter,) = _gutters_of(two)
    assert 175 < gutter < 230


def test_glyphs_off_the_page_or_of_absurd_size_are_dropped() -> None:
    from newsextract.reader import on_page

    ok = RawChar("a", 50, 90, 55, 100, 10, "F", 98)
    far = RawChar("b", 1e9, 90, 1e9 + 5, 100, 10, "F", 98)
    huge = RawChar("c", 60, 90, 65, 100, 1e7, "F", 98)
    assert on_page([ok, far, huge], 595, 842, params=P) == [ok]


def test_raw_to_glyphs_sets_every_glyph_field() -> None:
    """raw_to_glyphs builds Glyphs slot by slot: each must equal one built by __init__."""
    import dataclasses

    chars = [
        RawChar("\ufb01", 10, 90, 16, 100, 10.004, "ABCDEF+Serif-Bold", 98),
        RawChar(" ", 16, 90, 19, 100, 10.004, "ABCDEF+Serif-Bold", 98, italic=True),
        RawChar("x", 19, 90, 24, 100, 9.5, "Serif", 98, bold=True),
    ]
    out = raw_to_glyphs(chars, GlyphStats())
    expected = [
        Glyph("fi", 10, 90, 16, 100, 10.0, 98, True, False, "ABCDEF+Serif-Bold"),
        Glyph(" ", 16, 90, 19, 100, 10.0, 98, True, True, "ABCDEF+Serif-Bold", space=True),
        Glyph("x", 19, 90, 24, 100, 9.5, 98, True, False, "Serif"),
    ]
    assert out == expected
    names = {f.name for f in dataclasses.fields(Glyph)}
    for g in out:  # every field was set (a missing slot raises AttributeError)
        assert {n: getattr(g, n) for n in names}.keys() == names


def _random_page(seed: int) -> list[Glyph]:
    """A page of three ragged, justified columns with headings, superscripts and spaces."""
    import random

    rnd = random.Random(seed)
    gs: list[Glyph] = []
    for row in range(30):
        y = 80.0 + 13 * row + rnd.choice([0.0, 0.0, 0.2, -0.3])
        if row % 11 == 0:
            gs += glyphs("A heading across the columns", 50, y, 12.0, bold=True)
            continue
        for col in range(3):
            x = 50.0 + 170 * col
            end = x + rnd.uniform(60, 150)
            while x < end:
                word = "abcdefghij"[: rnd.randint(1, 8)]
                gs += glyphs(word + " ", x, y, sup="1" if rnd.random() < 0.05 else "")
                x += 5.0 * (len(word) + 1) + rnd.uniform(0, 12)
    return gs


def test_gutter_search_shortcut_agrees_with_the_position_by_position_search() -> None:
    from newsextract.reader import gutters as gutters_module
    from newsextract.reader.gutters import find_gutters
    from newsextract.reader.lines import cluster_baselines

    for seed in range(20):
        rows = cluster_baselines([g for g in _random_page(seed) if not g.space], params=P)
        for r in rows:
            r.sort(key=lambda g: g.x0)
        fast = find_gutters(rows, 10.0, params=P)
        shortcut = gutters_module._open_runs
        try:
            gutters_module._open_runs = lambda *args: None  # type: ignore[assignment]
            slow = find_gutters(rows, 10.0, params=P)
        finally:
            gutters_module._open_runs = shortcut
        assert fast == slow, seed


def test_baseline_groups_by_value_agree_with_glyph_by_glyph_grouping() -> None:
    from newsextract.reader.lines import _cluster

    for seed in range(20):
        body = [g for g in _random_page(seed) if not g.space]
        fast = _cluster(body, True, P)
        slow = _cluster(body, False, P)  # the glyph-by-glyph path
        assert [[id(g) for g in gr] for gr in fast[0]] == [[id(g) for g in gr] for gr in slow[0]]
        assert fast[1] == slow[1] and fast[2] == slow[2]


def test_glyph_box_is_min_and_max_of_the_glyphs() -> None:
    from newsextract.reader.types import glyph_box

    gs = _random_page(3)[:200]
    assert glyph_box(gs) == (
        min(g.x0 for g in gs),
        min(g.top for g in gs),
        max(g.x1 for g in gs),
        max(g.bottom for g in gs),
    )


def test_lowest_by_size_matches_a_glyph_by_glyph_scan() -> None:
    from newsextract.reader.lines import _lowest_by_size

    gs = _random_page(5)  # 10 pt text, 6 pt superscripts, 12 pt headings, spaces
    keys = {6.0, 10.0, 12.0, 14.0}
    low: dict[float, tuple[float, float]] = {}
    for g in gs:
        key = round(g.size, 1)
        if not g.space and key in keys:
            b, m = low.get(key, (g.baseline, g.bottom))
            low[key] = (max(b, g.baseline), max(m, g.bottom))
    assert _lowest_by_size(gs, keys) == low
    assert 14.0 not in low and len(low) == 3


def _pdfium_pages(name: str) -> list[object]:
    """Read a fixture under ``fixtures/`` with the pdfium backend."""
    from pathlib import Path

    from newsextract.reader.pdfium import PdfiumBackend

    data = (Path(__file__).resolve().parent.parent / "fixtures" / name).read_bytes()
    with PdfiumBackend().open(data, name) as source:
        return list(source.pages())


def test_overprint_search_skips_only_objects_that_cannot_repeat() -> None:
    """Dropped text objects without width are never compared; comparing them changes nothing."""
    import pytest

    from newsextract.reader.pdfium import _PageReader

    for name in ("engines/ci-2024-03--chromium-a4-justify.pdf",
                 "engines/ci-2024-03--typst-a4-serif-fakebold.pdf"):
        fast = _pdfium_pages(name)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(_PageReader, "_may_repeat", lambda self, obj: True)
            slow = _pdfium_pages(name)
        assert fast == slow, name


def test_make_raw_char_builds_the_same_frozen_raw_char_as_the_constructor() -> None:
    import dataclasses

    import pytest

    from newsextract.reader.backend import make_raw_char

    for args in [("x", 1.0, 2.0, 3.0, 4.0, 5.0, "F", 6.0),
                 ("(cid:3)", -1.5, 2.0, 3.0, 4.0, 0.0, "", 6.0, False, True, None),
                 ("y", 1.0, 2.0, 3.0, 4.0, 5.0, "G", 6.0, True, None, False)]:
        made, real = make_raw_char(*args), RawChar(*args)
        assert type(made) is RawChar and made == real and hash(made) == hash(real)
        assert repr(made) == repr(real)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.text = "z"  # type: ignore[misc]


def test_pointer_arg_passes_the_address_as_a_c_void_p_does() -> None:
    import ctypes
    from pathlib import Path

    from newsextract.reader.pdfium import _LOCK, _api, _pointer_arg

    api = _api()
    data = (Path(__file__).resolve().parent.parent / "fixtures" / "ci-2024-03.pdf").read_bytes()
    with _LOCK:
        doc = api.load_document(data, len(data), None)
        page = api.load_page(doc, 0)
        tp = api.load_text_page(page)
        try:
            n = api.count_chars(tp)
            assert n > 100
            arg, vp = _pointer_arg(tp), ctypes.c_void_p(tp)
            by_arg = [(api.h_unicode(arg, i), api.h_text_object(arg, i)) for i in range(n)]
            by_vp = [(api.h_unicode(vp, i), api.h_text_object(vp, i)) for i in range(n)]
            assert by_arg == by_vp
        finally:
            api.close_text_page(tp)
            api.close_page(page)
            api.close_document(doc)
