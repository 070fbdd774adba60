"""The corpus: which fixture goes through which engine with which typographic variant."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

PAGE_MM = {"A4": (210.0, 297.0), "letter": (215.9, 279.4)}


@functools.cache
def _pyphen() -> object:
    import pyphen  # type: ignore[import-untyped]

    return pyphen.Pyphen(lang="en_US")


_WORD = re.compile(r"[A-Za-z]{7,}")


@dataclass(frozen=True)
class Variant:
    """One rendering of one fixture.

    ``margin_mm`` is (top, right, bottom, left). ``header_pos``/``footer_pos`` name CSS
    margin boxes ("top-left", "bottom-center", ...); the other writers map them onto their
    own page furniture. ``hyphenation``: "none", "soft" (we insert U+00AD soft hyphens from
    pyphen; the engine prints a hyphen only where it breaks), "css-auto" (CSS
    ``hyphens: auto``: Chromium on Linux has no hyphenation dictionary without its component
    updater, so it breaks nothing; WeasyPrint hyphenates with pyphen) or "engine" (Typst's and
    LibreOffice's own hyphenation; Word documents get "soft" as optional hyphens).
    ``fake_bold``: inline labels are drawn twice in the
    regular face, offset by ``fake_bold_dx`` points. ``merge_links``: after printing, each
    link that the engine wrote as one annotation per line becomes ONE annotation whose /Rect
    spans all its lines with one QuadPoints quad per line (what Acrobat and InDesign write).
    ``cjk_latin_spacing``: keep the engine's CJK-Latin autospacing (Typst's default, and
    LibreOffice's "space between Asian and non-Asian text"): a gap between a Han character and
    a Latin letter or digit, no glyph; off elsewhere.
    """

    fixture: str
    engine: str
    name: str
    page: str = "A4"
    latin_font: str = "Liberation Sans"
    cjk_font: str = "Noto Sans CJK SC"
    body_pt: float = 10.0
    justify: bool = False
    hyphenation: str = "none"
    noteworthy_columns: bool = False
    column_gap_mm: float = 8.0
    header_pos: str = "top-left"
    footer_pos: str = "bottom-center"
    footer_style: str = "number"  # number | page-n | n-of-m
    margin_mm: tuple[float, float, float, float] = (22.0, 20.0, 22.0, 20.0)
    fake_bold: bool = False
    fake_bold_dx: float = 0.35
    merge_links: bool = False
    cjk_latin_spacing: bool = False
    # --- Scribus, Word (python-docx) and Ghostscript settings (issue 11)
    story_columns: int = 1  # Scribus: columns of a story's body frame
    bullet_shape: str = "circle"  # Scribus: circle | square | rule, drawn beside items
    sidebar_mm: float = 0.0  # Scribus: width of the back page's frame (0: full measure)
    shuffle: bool = False  # one text object per line, in an order unrelated to reading
    role_breaks: bool = False  # Word: a line break after the comma of a long role
    names_bold: bool = True  # Scribus: False sets the back page's names in colour only
    base: str = ""  # Ghostscript: the rendering (file stem) that is re-distilled
    features: tuple[str, ...] = field(default=())

    @property
    def file_stem(self) -> str:
        return f"{self.fixture}--{self.engine}-{self.name}"

    @property
    def page_css(self) -> tuple[str, str]:
        w, h = PAGE_MM[self.page]
        return f"{w}mm", f"{h}mm"

    @property
    def serif(self) -> bool:
        return "Serif" in self.latin_font

    def soft_hyphenate(self, text: str) -> str:
        """Insert U+00AD at pyphen's break points of long plain words (soft mode only)."""
        if self.hyphenation != "soft":
            return text
        dic = _pyphen()

        def one(m: re.Match[str]) -> str:
            return dic.inserted(m.group(0), hyphen="\u00ad")  # type: ignore[attr-defined,no-any-return]

        return _WORD.sub(one, text)


VARIANTS: tuple[Variant, ...] = (
    # ------------------------------------------------------------------ Chromium
    Variant(
        "ci-2024-03", "chromium", "a4-justify",
        latin_font="Liberation Sans", cjk_font="Noto Sans CJK SC",
        justify=True, hyphenation="soft", noteworthy_columns=True,
        header_pos="top-left", footer_pos="bottom-center",
        features=("A4", "sans", "justified", "hyphenated (soft hyphens)",
                  "two-column Noteworthy", "bullets drawn as shapes",
                  "one link annotation per line"),
    ),
    Variant(
        "ci-2023-01", "chromium", "letter-serif",
        page="letter", latin_font="Liberation Serif", cjk_font="WenQuanYi Zen Hei",
        header_pos="top-right", footer_pos="bottom-right", footer_style="page-n",
        margin_mm=(20.0, 22.0, 20.0, 22.0),
        features=("US Letter", "serif", "ragged right", "header top-right",
                  "footer 'Page N' bottom-right", "bullets drawn as shapes"),
    ),
    Variant(
        "ci-2025-07", "chromium", "a4-narrow",
        latin_font="DejaVu Sans", cjk_font="Noto Sans CJK SC", body_pt=9.5,
        justify=True, hyphenation="css-auto", noteworthy_columns=True, column_gap_mm=12.0,
        header_pos="top-center", footer_pos="bottom-left", footer_style="n-of-m",
        margin_mm=(22.0, 34.0, 22.0, 34.0), merge_links=True,
        features=("A4", "sans", "justified", "CSS hyphens:auto (Chromium on Linux has no "
                  "dictionary: no breaks)", "narrow measure",
                  "two-column Noteworthy", "header centred", "footer 'N / M' bottom-left",
                  "link rectangle spanning two lines (one annotation + QuadPoints)"),
    ),
    # --------------------------------------------------------------------- Typst
    Variant(
        "ci-2024-03", "typst", "a4-serif-fakebold",
        latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        justify=True, hyphenation="engine", noteworthy_columns=True,
        header_pos="top-right", footer_pos="bottom-center", fake_bold=True,
        features=("A4", "serif", "justified", "hyphenated (Typst)", "two-column Noteworthy",
                  "header top-right", "fake bold labels (text drawn twice)"),
    ),
    Variant(
        "ci-2023-01", "typst", "letter-sans",
        page="letter", latin_font="DejaVu Sans", cjk_font="Noto Sans CJK SC", body_pt=9.5,
        justify=True, hyphenation="engine", noteworthy_columns=True, cjk_latin_spacing=True,
        header_pos="bottom-left", footer_pos="top-right",
        features=("US Letter", "sans", "justified", "hyphenated (Typst)",
                  "CJK-Latin autospacing (quarter-em gaps, no glyph)",
                  "two-column Noteworthy", "running header at the BOTTOM, page number at "
                  "the TOP"),
    ),
    Variant(
        "ci-2025-07", "typst", "a4-sans",
        latin_font="Liberation Sans", cjk_font="Noto Sans CJK SC", body_pt=9.5,
        justify=True, hyphenation="engine", fake_bold=True,
        header_pos="top-left", footer_pos="bottom-right", footer_style="page-n",
        features=("A4", "sans", "justified", "hyphenated (Typst)",
                  "fake bold labels (text drawn twice)"),
    ),
    # --------------------------------------------------------------- LibreOffice
    Variant(
        "ci-2024-03", "libreoffice", "a4-sans",
        latin_font="DejaVu Sans", cjk_font="Noto Sans CJK SC", cjk_latin_spacing=True,
        header_pos="top-center", footer_pos="bottom-right",
        features=("A4", "sans", "ragged right", "header centred", "footer bottom-right",
                  "Asian/Latin autospacing (LibreOffice default)",
                  "bullets as text '•'"),
    ),
    Variant(
        "ci-2023-01", "libreoffice", "letter-serif-justify",
        page="letter", latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        justify=True, hyphenation="engine",
        header_pos="top-left", footer_pos="bottom-center",
        features=("US Letter", "serif", "justified", "hyphenated (LibreOffice)"),
    ),
    Variant(
        "ci-2025-07", "libreoffice", "a4-columns",
        latin_font="Liberation Sans", cjk_font="WenQuanYi Zen Hei", body_pt=9.5,
        noteworthy_columns=True, header_pos="top-right", footer_pos="bottom-center",
        features=("A4", "sans", "two-column Noteworthy (section columns)",
                  "header top-right"),
    ),
    # ---------------------------------------------------------------- WeasyPrint
    Variant(
        "ci-2024-03", "weasyprint", "letter-serif-hyphens",
        page="letter", latin_font="DejaVu Serif", cjk_font="Noto Serif CJK SC",
        justify=True, hyphenation="css-auto",
        header_pos="top-center", footer_pos="top-right",
        features=("US Letter", "serif", "justified", "CSS hyphens:auto (pyphen)",
                  "header and page number both at the top", "CSS leader() dot leaders"),
    ),
    Variant(
        "ci-2023-01", "weasyprint", "a4-sans-columns",
        latin_font="Liberation Sans", cjk_font="Noto Sans CJK SC", body_pt=9.5,
        justify=True, hyphenation="css-auto", noteworthy_columns=True,
        header_pos="bottom-center", footer_pos="bottom-right", footer_style="n-of-m",
        features=("A4 (the golden is Letter)", "sans", "justified", "CSS hyphens:auto (pyphen)",
                  "two-column Noteworthy", "header and page number both at the bottom"),
    ),
    Variant(
        "ci-2025-07", "weasyprint", "a4-serif",
        latin_font="Liberation Serif", cjk_font="WenQuanYi Zen Hei",
        header_pos="top-left", footer_pos="bottom-center", merge_links=True,
        margin_mm=(22.0, 45.0, 22.0, 45.0),
        features=("A4", "serif", "ragged right", "narrow measure",
                  "link rectangle spanning two lines (one annotation + QuadPoints)"),
    ),
    # ------------------------------------------- issue 11's fixture in the first engines
    Variant(
        "ci-2025-11b", "chromium", "letter-serif-soft",
        page="letter", latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        justify=True, hyphenation="soft", noteworthy_columns=True,
        header_pos="top-right", footer_pos="bottom-center",
        margin_mm=(20.0, 30.0, 20.0, 30.0),
        features=("US Letter", "serif", "justified", "hyphenated (soft hyphens; breaks "
                  "drawn as U+2010)", "two-column Noteworthy", "bullets drawn as shapes",
                  "one link annotation per line"),
    ),
    Variant(
        "ci-2025-11b", "typst", "a4-sans",
        latin_font="DejaVu Sans", cjk_font="Noto Sans CJK SC", body_pt=9.5,
        justify=True, hyphenation="engine", noteworthy_columns=True,
        header_pos="top-left", footer_pos="bottom-right", footer_style="page-n",
        features=("A4", "sans", "justified", "hyphenated (Typst: breaks drawn as U+002D)",
                  "two-column Noteworthy"),
    ),
    Variant(
        "ci-2025-11b", "libreoffice", "a4-serif-columns",
        latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        justify=True, hyphenation="engine", noteworthy_columns=True,
        header_pos="top-center", footer_pos="bottom-right",
        features=("A4", "serif", "justified", "hyphenated (LibreOffice)",
                  "two-column Noteworthy (section columns)"),
    ),
    # ------------------------------------------------------------------- Scribus
    Variant(
        "ci-2025-11b", "scribus", "a4-dtp",
        latin_font="Liberation Serif", cjk_font="WenQuanYi Zen Hei", body_pt=9.5,
        justify=True, hyphenation="engine", story_columns=2, bullet_shape="circle",
        sidebar_mm=58.0, shuffle=True, margin_mm=(20.0, 18.0, 20.0, 18.0),
        features=("A4", "serif", "justified", "hyphenated (Scribus)", "text frames",
                  "story bodies in two columns", "two-column Noteworthy",
                  "bullets drawn as filled circles", "one link annotation per line",
                  "one text object per line, shuffled", "back page in a narrow frame "
                  "(roles wrap)", "hyphen glyphs mapped to U+00AD"),
    ),
    Variant(
        "ci-2024-03", "scribus", "letter-rules",
        page="letter", latin_font="Liberation Sans", cjk_font="WenQuanYi Zen Hei",
        bullet_shape="rule", sidebar_mm=62.0, shuffle=True, names_bold=False,
        features=("US Letter", "sans", "ragged right", "text frames",
                  "bullets drawn as short rules", "two-column Noteworthy",
                  "one link annotation per line", "one text object per line, shuffled",
                  "back page in a narrow frame (roles wrap), names in colour, not bold"),
    ),
    # ------------------------------------------------- Word (python-docx) -> LibreOffice
    Variant(
        "ci-2025-11b", "word", "letter-serif",
        page="letter", latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        body_pt=10.5, justify=True, hyphenation="soft", noteworthy_columns=True,
        role_breaks=True, margin_mm=(25.4, 44.0, 25.4, 50.0),
        features=("US Letter", "serif", "narrow measure (article and issuing-body lines "
                  "wrap)", "optional hyphens (U+00AD) in long words, broken by LibreOffice "
                  "as '-' ('chip-' / 'makers', next to 'self-' / 'reliant' and 'medium-' / "
                  "'and long-term')", "Word styles (Normal: 8 pt after, line spacing 1.08)",
                  "Word bullets (U+F0B7, Symbol)", "two-column justified Noteworthy section",
                  "line break after the comma of long roles", "header/footer absent on "
                  "page 1, PAGE field"),
    ),
    Variant(
        "ci-2023-01", "word", "letter-serif",
        page="letter", latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        body_pt=10.0, justify=True, noteworthy_columns=True, role_breaks=True,
        margin_mm=(20.0, 32.0, 20.0, 32.0),
        features=("US Letter", "serif", "narrow measure (article lines wrap)",
                  "Word styles (Normal: 8 pt after, line spacing 1.08)",
                  "Word bullets (U+F0B7, Symbol)", "two-column justified Noteworthy section",
                  "line break after the comma of long roles"),
    ),
    # ------------------------------------------------------ Ghostscript re-distil
    Variant(
        "ci-2024-03", "ghostscript", "weasyprint-letter-serif-hyphens", page="letter",
        base="ci-2024-03--weasyprint-letter-serif-hyphens",
        features=("gs -sDEVICE=pdfwrite of the WeasyPrint rendering",
                  "ligature ToUnicode written as UTF-16LE ('fi' -> U+6600 U+6900)",
                  "font descriptors rewritten (StemV 150 on regular faces)"),
    ),
    Variant(
        "ci-2025-11b", "ghostscript", "scribus-a4-dtp",
        base="ci-2025-11b--scribus-a4-dtp",
        features=("gs -sDEVICE=pdfwrite of the Scribus rendering",
                  "font descriptors rewritten (StemV 150 on regular faces)"),
    ),
    # ------------------------------------------------ the newer eras (issue 18)
    Variant(
        "ci-2021-01", "chromium", "letter-serif",
        page="letter", latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        header_pos="top-left", footer_pos="bottom-center",
        features=("2020-21 Briefing", "no top-stories heading", "US Letter", "serif",
                  "ragged right"),
    ),
    Variant(
        "ci-2021-01", "typst", "letter-serif-justify",
        page="letter", latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        justify=True, hyphenation="engine", noteworthy_columns=True,
        header_pos="top-right", footer_pos="bottom-right", footer_style="page-n",
        features=("2020-21 Briefing", "no top-stories heading", "US Letter", "serif",
                  "justified", "hyphenated (Typst)", "two-column Noteworthy"),
    ),
    Variant(
        "ci-2021-01", "libreoffice", "a4-sans",
        latin_font="DejaVu Sans", cjk_font="WenQuanYi Zen Hei",
        header_pos="top-left", footer_pos="bottom-center",
        features=("2020-21 Briefing", "no top-stories heading", "A4", "sans", "ragged right"),
    ),
    Variant(
        "ci-2024-10", "chromium", "a4-sans",
        latin_font="Liberation Sans", cjk_font="Noto Sans CJK SC",
        header_pos="top-left", footer_pos="bottom-center",
        features=("2024 Brief", "topic title", "introduction", "chart as inline SVG "
                  "(vector bars, real-text labels)", "two-lead-in At a glance", "A4", "sans"),
    ),
    Variant(
        "ci-2024-10", "typst", "a4-sans-fakebold",
        latin_font="Liberation Sans", cjk_font="Noto Sans CJK SC",
        justify=True, hyphenation="engine", fake_bold=True,
        header_pos="top-right", footer_pos="bottom-center",
        features=("2024 Brief", "chart as an SVG image (text kept as text)", "A4", "sans",
                  "justified", "hyphenated (Typst)", "fake bold labels"),
    ),
    Variant(
        "ci-2024-10", "libreoffice", "a4-serif-justify",
        latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        justify=True, hyphenation="engine",
        header_pos="top-center", footer_pos="bottom-right",
        features=("2024 Brief", "chart as an SVG image (text kept as text)", "A4", "serif",
                  "justified", "hyphenated (LibreOffice)"),
    ),
    Variant(
        "ci-2025-11", "chromium", "a4-serif-justify",
        latin_font="Liberation Serif", cjk_font="Noto Serif CJK SC",
        justify=True, hyphenation="soft", noteworthy_columns=True,
        header_pos="top-center", footer_pos="bottom-right", footer_style="n-of-m",
        features=("2025 format", "several documents per story", "glued Chinese title",
                  "untagged sources", "no reporting period", "A4", "serif", "justified",
                  "soft hyphens", "two-column Noteworthy, thanks line under both columns"),
    ),
    Variant(
        "ci-2025-11", "typst", "a4-sans",
        latin_font="DejaVu Sans", cjk_font="Noto Sans CJK SC", body_pt=9.5,
        header_pos="top-left", footer_pos="bottom-center",
        features=("2025 format", "several documents per story", "glued Chinese title",
                  "untagged sources", "no reporting period", "A4", "sans", "ragged right"),
    ),
    Variant(
        "ci-2025-11", "libreoffice", "letter-serif",
        page="letter", latin_font="Liberation Serif", cjk_font="WenQuanYi Zen Hei",
        header_pos="top-right", footer_pos="bottom-center",
        features=("2025 format", "several documents per story", "glued Chinese title",
                  "US Letter (the golden is A4)", "serif", "ragged right"),
    ),
)
