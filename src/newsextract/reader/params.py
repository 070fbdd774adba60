"""Every threshold the reader decides with, named once: :class:`LayoutParams`.

In the spirit of pdfminer.six's ``LAParams``: one frozen, validated object holds each
number that decides whether glyphs join a line, lines join a block, a gap is a space or a
gutter, or a line is a running header; :func:`~newsextract.reader.read_document` hands it
to every step (``params=``). A number written anywhere else in the reader is a bug
(``tests/test_params.py`` scans for them).

Units: a name ending in ``_em`` is in ems of the font size of the line (or glyph) being
judged; ``_pt`` is in PDF points; ``_share`` is a share in (0, 1] of what the name says;
``_ratio`` a factor; ``_rows``, ``_lines``, ``_pages``, ``_count``, ``_chars`` and
``_depth`` are whole numbers. docs/architecture.md has the table of every field with a
fixture or engine rendering that shows it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any, Literal

__all__ = ["DEFAULT_PARAMS", "LayoutParams", "ParamInfo", "param_info"]

#: The kinds of value a parameter holds (see the module docstring).
Unit = Literal["em", "pt", "share", "ratio", "count"]


def _param(default: float, unit: Unit, decides: str, why: str, *, zero_ok: bool = False) -> Any:
    """Declare one parameter: its default, unit, what it decides and why the default.

    ``zero_ok`` lets a slack or margin be 0 (a threshold that must be positive may not).
    """
    return field(default=default, metadata={"unit": unit, "decides": decides, "why": why,
                                            "zero_ok": zero_ok})


@dataclass(frozen=True, slots=True)
class LayoutParams:
    """The reader's thresholds (see the module docstring for units).

    Each field's metadata says what it decides and why its default is what it is
    (:func:`param_info` lists them). Construction validates every value and raises
    :class:`ValueError` naming the field: lengths and ratios must be finite and positive
    (slacks and margins may be 0), shares lie in (0, 1], counts are whole numbers of at
    least 1.
    """

    # ---------------------------------------------------------------- glyphs (glyphs.py)
    max_page_side_pt: float = _param(
        14_400.0, "pt", "largest page side laid out; larger pages are clamped to it",
        "PDF's own limit on a page side")
    min_page_side_pt: float = _param(
        1.0, "pt", "smallest page side used to judge what lies on the page",
        "a page of zero size would drop every glyph as off the page")
    off_page_share: float = _param(
        0.1, "share", "glyphs starting more than this share of the page side outside "
        "the page are dropped", "text a reader sees lies on the page; a little bleed is "
        "kept, far-off glyphs of damaged files are not")
    max_shapes_per_page: int = _param(
        2000, "count", "at most this many drawn shapes (paths) of a page are kept, the "
        "first drawn", "bullets, rules and a chart or two need a few hundred; a hostile "
        "page drawing millions must not cost memory or time")
    overprint_em: float = _param(
        0.12, "em", "a glyph drawn again within this much of itself (and of its own "
        "width, see overprint_width_share) is a fake-bold copy", "fake bold offsets the "
        "copy by a fraction of a point; distinct letters are a glyph's width apart")
    overprint_min_pt: float = _param(
        1.0, "pt", "the overprint tolerance is never less than this",
        "small type still gets a point of slack for producers' rounding")
    overprint_width_share: float = _param(
        0.45, "share", "the overprint tolerance is at most this share of the glyph's width",
        "a double letter ('ll') sits a whole width apart and must not pass for a copy")
    overprint_min_width_pt: float = _param(
        0.1, "pt", "glyph width below which overprint_width_share uses this width",
        "zero-width glyphs would otherwise allow no tolerance at all")
    overprint_lookback: int = _param(
        3, "count", "a copy is looked for among this many glyphs before it in row order",
        "sorted by row and x, a copy lands next to its original; three covers a copy "
        "drawn after a space or a combining mark")
    link_margin_pt: float = _param(
        0.5, "pt", "link rectangles are widened by this on every side before a glyph's "
        "centre is tested", "rectangles rarely line up exactly with glyph boxes",
        zero_ok=True)

    # -------------------------------------------------------------------- lines (lines.py)
    baseline_tolerance_em: float = _param(
        0.3, "em", "glyphs (and lines) whose baselines are this close share one line "
        "(row)", "producers jitter baselines by far less; the next line is a whole "
        "line pitch (about 1.2 em) away")
    baseline_tolerance_min_pt: float = _param(
        0.5, "pt", "the baseline tolerance is never less than this",
        "tiny glyphs still get half a point of slack", zero_ok=True)
    superscript_size_share: float = _param(
        0.85, "share", "a glyph smaller than this share of its line's size, and raised, "
        "is a superscript", "ordinal suffixes are set at 55-80 % of the text size; body "
        "text of one size never varies this much")
    superscript_rise_em: float = _param(
        0.12, "em", "a smaller glyph whose baseline is this much above the line's is "
        "raised (a superscript)", "superscripts rise by 0.3 em or more; baselines within "
        "a line jitter by hundredths")
    superscript_box_rise_em: float = _param(
        0.24, "em", "a smaller glyph whose box bottom is this much above the line's is "
        "raised (producers that keep the line's baseline for a superscript)",
        "twice the baseline rise: a smaller glyph's bottom sits higher by its smaller "
        "descent alone")
    superscript_reach_em: float = _param(
        0.6, "em", "a raised glyph joins the neighbouring line of larger text when it "
        "sits this close to one of its glyphs", "a suffix touches the digit it follows; "
        "a footnote mark far from any word does not")
    superscript_home_slack_pt: float = _param(
        0.5, "pt", "a raised group's centre may lie this far outside the larger line's "
        "vertical extent and still join it", "rounding of glyph boxes", zero_ok=True)
    size_tolerance_pt: float = _param(
        0.6, "pt", "sizes closer than this are one size: runs merge, a line's main "
        "glyphs are chosen, lines may share a block", "one font size reported with "
        "rounding differs by tenths; a smaller style (a suffix, a caption) is a point or "
        "more smaller")
    column_gap_em: float = _param(
        4.0, "em", "a gap this wide splits a baseline into separate lines even where no "
        "gutter was found", "justified text stretches word gaps to two or three ems at "
        "most; a label and its value set far apart are separate")
    min_em_pt: float = _param(
        1.0, "pt", "the smallest em the column-gap test uses",
        "a zero-size font would make every gap a column")
    word_gap_em: float = _param(
        0.15, "em", "a gap wider than this between two glyphs is a word space (and ends "
        "a word when gutters and first words are measured)", "letter spacing and kerning "
        "stay under a tenth of an em; the narrowest word space is about a fifth")
    cjk_latin_gap_em: float = _param(
        0.32, "em", "between a CJK and a Latin glyph, only a gap wider than this is a "
        "space", "typesetters add automatic spacing of about 0.25 em there (Typst, "
        "InDesign) without a space character")
    superscript_hug_em: float = _param(
        0.3, "em", "a superscript this close to the glyph before it hugs its word (no "
        "space before it)", "twice the word gap: a suffix is set tight against its digit")
    drawn_space_gap_em: float = _param(
        0.08, "em", "a drawn space glyph counts where the glyphs beside it leave at least "
        "this gap", "Chromium draws zero-advance spaces over the next letter at "
        "hyphenation points (no gap); a DTP program may shorten a space's advance "
        "(Scribus: a 0.11 em gap) or draw it as an object pdfium leaves out, so its "
        "width tells nothing")
    soft_hyphen_ink_em: float = _param(
        0.1, "em", "a soft hyphen (U+00AD) inside a line drawn at least this wide is a "
        "visible hyphen; narrower, an unused break opportunity (left out)", "a hyphen "
        "glyph is about a third of an em wide; an unused soft hyphen is drawn without "
        "width, if at all")
    end_hyphen_gap_em: float = _param(
        0.5, "em", "a line-final hyphen closer than this to its word is not a word of "
        "its own", "justification sets a break hyphen a little apart from its word")
    space_baseline_em: float = _param(
        0.4, "em", "a drawn space belongs to a line whose baseline is this close",
        "spaces share their line's baseline; the next line is about 1.2 em away")

    # --------------------------------------------------------------- gutters (gutters.py)
    gutter_min_width_em: float = _param(
        0.9, "em", "a column gutter is at least this wide (ems of the body text)",
        "gutters of real layouts are one em or more; narrower channels are word gaps")
    gutter_min_rows: int = _param(
        4, "count", "a gutter is open in at least this many consecutive rows (and the "
        "gap fallback needs this many lines, and this many narrow ones)", "a river of "
        "white in justified text stays open for two or three rows; a gutter for the "
        "whole column")
    gutter_min_sided_rows: int = _param(
        2, "count", "of a gutter's open rows, at least this many hold a column's text "
        "(column_min_em) on each side", "the end of a ragged paragraph is open on the "
        "right only")
    column_min_em: float = _param(
        3.0, "em", "the least text a column holds across: a side of a gutter counts "
        "with this much; gutters are looked for no nearer than this to the text's edges, "
        "to each other, or past a row's end", "a column holds at least a few words")
    hinted_min_rows: int = _param(
        2, "count", "at a position where another page has a gutter, this many open rows "
        "make a gutter", "a column's last two lines carried onto a page of their own")
    hinted_side_em: float = _param(
        1.0, "em", "a hinted row counts as sided when it holds this much text on each "
        "side", "a column's last line may be one short word ('2025.')")
    hinted_min_sided_rows: int = _param(
        1, "count", "of a hinted gutter's open rows, at least this many are sided "
        "(hinted_side_em)", "the rows are few; one with text on both sides shows the "
        "columns")
    gutter_grid_step_pt: float = _param(
        2.0, "pt", "gutter positions are tried at this step",
        "finer than any gutter (about 10 pt), coarse enough to be cheap")

    # ---------------------------------------------------------- reading order (layout.py)
    narrow_line_share: float = _param(
        0.55, "share", "without an aligned gutter, lines narrower than this share of the "
        "text width are column lines", "two columns are each under half the width")
    gap_gutter_min_pt: float = _param(
        6.0, "pt", "without an aligned gutter, a gap between narrow lines this wide is "
        "a gutter", "a word gap is never this wide in column text")
    edge_tolerance_pt: float = _param(
        0.1, "pt", "a line ends at (or crosses) a gutter edge within this much",
        "rounding of glyph boxes", zero_ok=True)
    column_top_slack_pt: float = _param(
        0.5, "pt", "a row starts the columns when its top is within this much of the "
        "gutter's top", "rounding of glyph boxes", zero_ok=True)
    max_column_depth: int = _param(
        3, "count", "columns are looked for inside columns this many levels deep",
        "three columns at most in any real layout")

    # ------------------------------------------------------------- figures (figures.py)
    figure_cluster_gap_em: float = _param(
        0.5, "em", "drawn shapes closer than this (ems of the body size) belong to one "
        "cluster", "bars standing on one axis, a grid; underlines and bullets of "
        "successive lines stand further apart")
    figure_min_shapes: int = _param(
        3, "count", "a cluster of at least this many shapes can be a figure",
        "a rule, an underline or a bullet is one or two shapes")
    figure_min_width_em: float = _param(
        6.0, "em", "a figure covers at least this width (ems of the body size)",
        "smaller clusters are decorations (icons, bullets)")
    figure_min_height_em: float = _param(
        4.0, "em", "a figure covers at least this height (ems of the body size)",
        "a bar along the page edge or a double rule is not a chart")
    figure_side_margin_em: float = _param(
        1.5, "em", "text this close beside a figure and level with it (axis labels) is "
        "its text", "tick labels stand about one em off the axis")
    figure_edge_margin_em: float = _param(
        1.5, "em", "smaller text this close above or below a figure or its text (values, "
        "category labels, an axis title) is its text", "one line of labels and a gap")

    # ------------------------------------------------------------- spacing (spacing.py)
    pitch_size_tolerance_pt: float = _param(
        0.2, "pt", "two lines measure a line pitch when their sizes differ by at most "
        "this", "the pitch belongs to one size; lines of another size have another")
    pitch_min_em: float = _param(
        0.9, "em", "a baseline distance below this is no line pitch",
        "lines overlap below it (a superscript row, a drop cap)")
    pitch_max_em: float = _param(
        2.5, "em", "a baseline distance above this is no line pitch",
        "double spacing and more is paragraph or section spacing")
    pitch_min_share: float = _param(
        0.25, "share", "a pitch (or gap) seen at least this share as often as the most "
        "common one may be the line pitch (a usual gap)", "in a document of one-line "
        "paragraphs their spacing is the most common pitch; the line pitch is still "
        "seen often")
    default_pitch_em: float = _param(
        1.2, "em", "the line pitch assumed for a size no pair of lines measured",
        "the usual leading of body text")
    paragraph_gap_em: float = _param(
        0.12, "em", "a pitch this much above the usual one (and paragraph_gap_min_pt) "
        "is paragraph spacing", "baselines within a paragraph are regular to a tenth of "
        "a point")
    paragraph_gap_min_pt: float = _param(
        1.0, "pt", "paragraph spacing is at least this", "rounding in small type")
    paragraph_gap_max_em: float = _param(
        1.5, "em", "extra space above this is no usual paragraph gap",
        "a section break, not the gap between paragraphs")
    usual_gap_min_count: int = _param(
        2, "count", "a paragraph gap is usual when seen at least this often",
        "one gap seen once tells nothing about the document")
    pitch_match_em: float = _param(
        0.05, "em", "a tall line this close to the usual pitch below the line before "
        "shows it was not pushed down", "pitches are regular to a tenth of a point")
    gap_match_pt: float = _param(
        0.1, "pt", "how close the space above a tall line must come to a usual paragraph "
        "gap to show it was not pushed", "LibreOffice pushes a 10 pt line holding CJK by "
        "3.3 pt where its paragraph gap is 3.0: the match must be tight")
    max_push_em: float = _param(
        0.5, "em", "the most a taller line box (CJK, a superscript) pushes a baseline "
        "down inside a paragraph", "LibreOffice pushes CJK lines by 0.2-0.4 em; its "
        "paragraph spacing starts at 0.7 em")

    # ----------------------------------------------------------------- blocks (layout.py)
    bullet_max_em: float = _param(
        0.7, "em", "a shape no larger than this either way may be a drawn bullet",
        "bullets are dots, squares or rules of a third to half an em; a rule under a "
        "word or a table border is longer")
    bullet_min_em: float = _param(
        0.2, "em", "a drawn bullet is at least this long along its longer side",
        "the smallest drawn bullets seen (Chromium's discs) are 0.25-0.3 em; specks and "
        "dotted leaders' dots are smaller")
    bullet_gap_em: float = _param(
        1.5, "em", "a drawn bullet ends at most this far left of its line's first glyph",
        "a list's hanging indent puts the bullet half an em to an em before the text")
    indent_tolerance_em: float = _param(
        0.5, "em", "a line starting this far left of a list item's text leaves the list; "
        "a continuation starts within this of the paragraph's left edge", "indents are "
        "an em or more; alignment jitter is a fraction of a point")
    wrap_space_em: float = _param(
        0.25, "em", "the space a first word needs before it on the line above",
        "the narrowest word space")
    room_left_em: float = _param(
        0.75, "em", "a line with room for the next line's first word and this much more "
        "ended its paragraph", "a word space plus slack for rounding")

    # ---------------------------------------------------------- page breaks (layout.py)
    frame_bottom_min_share: float = _param(
        0.75, "share", "the text frame ends below this share of the page height",
        "margins leave three quarters of the page or more to the frame")
    frame_bottom_reach_em: float = _param(
        1.6, "em", "a block ends at the frame's bottom when its last line comes within "
        "this of it", "a page may stop a line short of the frame's bottom")
    full_line_em: float = _param(
        2.0, "em", "in justified text a last line ending within this of the column's "
        "right edge is full", "justification stretches a full line to the edge; a "
        "paragraph's last line stops short of it")
    justified_share: float = _param(
        0.8, "share", "text is justified when this share of inner paragraph lines ends "
        "at one edge", "ragged-right text lands at the edge only by chance")
    justified_min_lines: int = _param(
        6, "count", "justification is judged on at least this many inner lines",
        "a few lines are no evidence")
    justified_min_block_lines: int = _param(
        3, "count", "only paragraphs of at least this many lines show justification",
        "a last line is short in any setting; two-line paragraphs have one inner line")
    justified_tolerance_pt: float = _param(
        1.0, "pt", "a line ends at the edge within this much of its paragraph's widest "
        "line", "rounding and hanging punctuation")

    # --------------------------------------------------------- running lines (running.py)
    margin_band_share: float = _param(
        0.09, "share", "running lines live in this share of the page height at top and "
        "bottom", "headers and footers sit in the margins, body text below 10 %")
    running_max_size_ratio: float = _param(
        1.15, "ratio", "a running line is set at most this many times the body size",
        "a heading is larger; headers and footers are not")
    running_min_pages: int = _param(
        2, "count", "a running line repeats on at least this many pages",
        "once is no repetition")
    running_page_share: float = _param(
        0.25, "share", "... and on at least this share of all pages",
        "headers appear on most pages, a repeated title on few")
    running_position_step_pt: float = _param(
        6.0, "pt", "running lines repeat at one height to within this step",
        "producers place headers at the same height to a point or two")
    running_apart_em: float = _param(
        0.5, "em", "a running line has no body text closer than this above or below",
        "headers stand apart; a paragraph's lines are a pitch apart")
    text_area_pages: int = _param(
        2, "count", "a running candidate standing where body text stands on this many "
        "other pages is in the text area (not running)", "a cover may have text at the "
        "height of other pages' header")
    text_area_step_pt: float = _param(
        2.0, "pt", "heights are compared in steps of this", "finer than a line")
    text_area_inset_pt: float = _param(
        1.0, "pt", "a line's box is taken this far in from its top and bottom when "
        "heights are compared", "neighbouring lines' boxes touch", zero_ok=True)
    body_size_step_pt: float = _param(
        0.1, "pt", "sizes are rounded to this step when the body size (the size of most "
        "characters) is counted", "line sizes are read to 0.1 pt")

    # ---------------------------------------------------- hyphenation (hyphenation.py)
    hyphen_context_chars: int = _param(
        40, "count", "the words beside a line-end hyphen are looked for within this many "
        "characters", "longer than any word a lexicon holds")
    hyphen_min_word: int = _param(
        2, "count", "an acronym head ('AI-') or a dictionary word beside a hyphen has at "
        "least this many letters", "one letter is no word or acronym")
    hyphen_min_lexicon_word: int = _param(
        3, "count", "two halves found among the document's words keep the hyphen when "
        "each has at least this many letters", "short fragments ('ing', 'co') occur as "
        "words by chance")

    def __post_init__(self) -> None:
        """Validate every value; raise :class:`ValueError` naming the field."""
        for f in fields(self):
            value = getattr(self, f.name)
            unit = f.metadata["unit"]
            if unit == "count":
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise ValueError(f"LayoutParams.{f.name} must be a whole number >= 1, "
                                     f"got {value!r}")
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or not (
                    math.isfinite(value)):
                raise ValueError(f"LayoutParams.{f.name} must be a finite number, "
                                 f"got {value!r}")
            if unit == "share" and not 0.0 < value <= 1.0:
                raise ValueError(f"LayoutParams.{f.name} is a share and must lie in (0, 1], "
                                 f"got {value!r}")
            if value < 0.0 or (value == 0.0 and not f.metadata["zero_ok"]):
                need = ">= 0" if f.metadata["zero_ok"] else "> 0"
                raise ValueError(f"LayoutParams.{f.name} must be {need}, got {value!r}")


@dataclass(frozen=True, slots=True)
class ParamInfo:
    """One parameter as documented: name, default, unit, what it decides and why."""

    name: str
    default: float
    unit: str
    decides: str
    why: str


def param_info() -> list[ParamInfo]:
    """Return every :class:`LayoutParams` field with its documentation, in order."""
    defaults = LayoutParams()
    return [ParamInfo(f.name, getattr(defaults, f.name), f.metadata["unit"],
                      f.metadata["decides"], f.metadata["why"]) for f in fields(LayoutParams)]


#: The defaults, shared (the object is frozen).
DEFAULT_PARAMS = LayoutParams()
