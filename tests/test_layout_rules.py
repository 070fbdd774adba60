"""Unit tests of issue 11's reader and back-page rules on hand-built inputs.

tests/test_producer_classes.py shows each rule on a real engine rendering; these pin the
edges of each rule down (what is not a bullet, which hyphen is kept, which line is a name).
"""

from __future__ import annotations

import dataclasses

from newsextract.fields.people import BackLine, name_shaped, read_people
from newsextract.reader.bullets import mark_drawn_bullets
from newsextract.reader.glyphs import clean_text
from newsextract.reader.hyphenation import HyphenBreak, Lexicon, line_end_hyphen
from newsextract.reader.lines import glyphs_to_lines
from newsextract.reader.params import LayoutParams
from newsextract.reader.types import Block, Line, Shape, Span

from helpers import glyphs

P = LayoutParams()


# ------------------------------------------------------------------------------- glyphs
def test_a_glyph_mapped_to_a_canonical_singleton_reads_as_its_character() -> None:
    assert clean_text("\u037e") == ";"  # GREEK QUESTION MARK: Scribus's semicolon
    assert clean_text("\u0387") == "\u00b7"
    assert clean_text("\uf900") == "\u8c48"  # a CJK compatibility ideograph
    assert clean_text("（") == "（"  # full-width punctuation is left alone (that is NFKC)


def test_a_byte_swapped_ligature_mapping_is_read_back() -> None:
    assert clean_text("\u6600\u6900") == "fi"  # Ghostscript's "昀椀"
    assert clean_text("\u6600\u6600\u6c00") == "ffl"
    assert clean_text("中国") == "中国"  # real Chinese is never swapped ASCII


# ------------------------------------------------------------------------------ hyphens
def _verdict(left: str, right: str, texts: list[str], hyphen: str = "-") -> HyphenBreak:
    return line_end_hyphen(left, right, hyphen, Lexicon(texts), params=P)


def test_a_suspended_compound_keeps_its_hyphen_and_a_space() -> None:
    assert _verdict("medium", "and", []) is HyphenBreak.KEEP_SPACED
    assert _verdict("Short", "to", []) is HyphenBreak.KEEP_SPACED
    assert _verdict("pre", "or", []) is HyphenBreak.KEEP_SPACED
    # a word broken before a syllable that happens to be a conjunction is no compound
    assert _verdict("superi", "or", []) is HyphenBreak.DROP
    assert _verdict("toma", "to", []) is HyphenBreak.DROP


def test_a_producers_break_mark_is_a_break_and_its_other_hyphens_are_real() -> None:
    # this document draws U+2010 at line ends only, "-" inside its lines
    texts = ["a state-owned fund", "the indus\u2010", "try goes on"]
    assert Lexicon(texts).break_marks == frozenset("\u2010")
    assert _verdict("chip", "maker", texts, "\u2010") is HyphenBreak.DROP
    assert _verdict("decision", "making", texts, "-") is HyphenBreak.KEEP
    # with no hyphen drawn inside a line nothing is a break mark
    assert Lexicon(["the indus\u2010", "try"]).break_marks == frozenset()


def test_the_documents_own_words_decide_a_closed_compound() -> None:
    assert _verdict("chip", "makers", ["leading chipmakers"]) is HyphenBreak.DROP
    assert _verdict("chip", "makers", []) is HyphenBreak.KEEP  # both halves are words


def test_hyphenation_patterns_decide_what_nothing_else_does() -> None:
    # "e" + "commerce": no pattern breaks a word after one letter, so the hyphen is real
    assert _verdict("e", "commerce", []) is HyphenBreak.KEEP
    # "indus" + "try": a pattern point of "industry", a syllable break
    assert _verdict("indus", "try", []) is HyphenBreak.DROP


def test_a_soft_hyphen_drawn_inside_lines_is_the_documents_hyphen_glyph() -> None:
    assert Lexicon(["a self\u00adreliant plan"]).soft_hyphen_drawn
    lex = Lexicon(["the indus\u00ad", "try"])
    assert not lex.soft_hyphen_drawn and lex.break_marks == frozenset()


def test_an_unused_soft_hyphen_without_ink_is_left_out_one_with_ink_stays() -> None:
    row = glyphs("self-reliance", 0.0, 100.0)
    row[4].text = "\u00ad"  # drawn with ink: a hyphen glyph mapped to U+00AD
    bare = glyphs("industry", 0.0, 120.0)
    unused = dataclasses.replace(bare[5], text="\u00ad", x1=bare[5].x0)  # no width
    lines = glyphs_to_lines([*row, *bare[:5], unused, *bare[5:]], 1, params=P)
    assert [ln.text for ln in lines] == ["self\u00adreliance", "industry"]


# ------------------------------------------------------------------------------ bullets
def _line(text: str, x: float, baseline: float) -> Line:
    return glyphs_to_lines(glyphs(text, x, baseline), 1, params=P)[0]


def _shape(x0: float, top: float, x1: float, bottom: float) -> Shape:
    return Shape(1, (x0, top, x1, bottom), True, False)


def test_a_small_shape_beside_a_lines_start_at_its_text_height_is_a_bullet() -> None:
    lines = [_line("Raise the share", 72.0, 100.0), _line("Build a network", 72.0, 130.0),
             _line("Cut costs", 72.0, 160.0), _line("Set up funds", 72.0, 190.0),
             _line("Plain text", 72.0, 220.0)]
    shapes = [
        _shape(62.0, 94.0, 65.5, 97.5),  # a dot, half an em before the text
        _shape(61.0, 126.0, 66.5, 126.0),  # a short rule (no height)
        _shape(62.0, 161.0, 65.5, 164.0),  # under the baseline: an underline's end
        _shape(20.0, 184.0, 23.5, 187.5),  # far left of the line: a margin mark
        _shape(40.0, 214.0, 66.0, 217.0),  # too long for a bullet
    ]
    mark_drawn_bullets(lines, shapes, params=P)
    assert [ln.drawn_bullet for ln in lines] == [True, True, False, False, False]


# ------------------------------------------------------------------------------- people
def test_a_names_shape() -> None:
    assert name_shaped("Clara Brandt") and name_shaped("Ursula von der Leyen")
    assert name_shaped("J. R. Smith") and name_shaped("王小明")
    for role in ("Senior Analyst", "Visiting Fellow", "Analyst", "Editor, MERICS",
                 "Head of Communications and", "Publications, MERICS", "10179 Berlin"):
        assert not name_shaped(role), role


def _back(texts: list[tuple[str, bool, float]]) -> list[BackLine]:
    """Lines of one block each: (text, bold, top)."""
    out = []
    for text, bold, top in texts:
        block = Block(page=1, lines=[], text=text, spans=[Span(0, len(text), bold, False, False,
                                                              None)], line_starts=[0])
        out.append(BackLine(text, bold, False, 10.0, 72.0, top, top + 10.0, 1, block, 0,
                            len(text)))
    return out


def test_people_in_one_style_are_read_by_the_names_shape_and_the_space_between() -> None:
    lines = _back([("Clara Brandt", False, 100.0), ("Senior Analyst", False, 112.0),
                   ("Marek Nowicki", False, 130.0), ("Head of Communications and", False, 142.0),
                   ("Publications, MERICS", False, 154.0), ("Sofia Lindqvist", False, 172.0)])
    got = [(p.name, p.role) for p in read_people(lines)]
    assert got == [("Clara Brandt", "Senior Analyst"),
                   ("Marek Nowicki", "Head of Communications and Publications, MERICS"),
                   ("Sofia Lindqvist", None)]


def test_people_in_two_styles_are_read_by_style() -> None:
    lines = _back([("Katrin Albers", True, 100.0), ("Head of Communications", False, 112.0),
                   ("and Publications, MERICS", False, 124.0), ("Felix Osterwald", True, 142.0),
                   ("Editor", False, 154.0)])
    got = [(p.name, p.role) for p in read_people(lines)]
    assert got == [("Katrin Albers", "Head of Communications and Publications, MERICS"),
                   ("Felix Osterwald", "Editor")]


def test_a_name_and_its_role_on_one_line() -> None:
    got = read_people(_back([("Jane Doe, Analyst, MERICS", False, 100.0)]))
    assert [(p.name, p.role) for p in got] == [("Jane Doe", "Analyst, MERICS")]
