"""Fonts and inline markup for the fixture renderer (:mod:`newsextract.testing.render`).

Everything here turns model strings into reportlab ``Paragraph`` markup: XML escaping,
switching CJK runs to the CJK font, raising ordinal suffixes ("14th") as superscripts and
placing link annotations. Fonts are registered once per process under names that start
with ``Nx`` so that they cannot collide with anybody else's registrations.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

__all__ = [
    "FONT_DIR",
    "FONT_FILES",
    "FontSet",
    "check_text",
    "format_long_date",
    "format_month_day",
    "get_fonts",
    "hyphenator",
    "plain_markup",
    "rich_markup",
]

#: The only place the renderer reads fonts from: subsets shipped with the package (made by
#: tools/build_fonts.py from Debian's font packages; licences in the same folder).
FONT_DIR: Final = Path(__file__).resolve().parent / "fonts"
#: Font files per role: the Latin families (regular, bold, italic, bold italic) and the
#: embedded CJK face (WenQuanYi Zen Hei).
FONT_FILES: Final[dict[str, tuple[str, ...]]] = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
             "DejaVuSans-BoldOblique.ttf"),
    "serif": ("NewsextractSerif-Regular.ttf", "NewsextractSerif-Bold.ttf",
              "NewsextractSerif-Italic.ttf", "NewsextractSerif-BoldItalic.ttf"),
    "cjk": ("WenQuanYiZenHei.ttf",),
}
#: Registered-name prefix per family (names start with ``Nx`` so that they cannot collide
#: with anybody else's registrations).
_PREFIX: Final = {"sans": "NxDejaVuSans", "serif": "NxSerif", "cjk": "NxWQYZenHei"}
#: The CJK font of ``cjk="cid"``: reportlab's built-in STSong-Light, not embedded.
_CID_FACE: Final = "STSong-Light"


@dataclass(frozen=True)
class FontSet:
    """Registered font names for one layout, plus the code points each font covers.

    ``regular`` doubles as the family name: ``<b>``/``<i>`` inside markup resolve to
    ``bold``/``italic``/``bold_italic`` through reportlab's font-family mapping.
    ``latin_cover`` holds the code points all four Latin faces have; ``cjk_cover`` those of
    the embedded CJK face, ``None`` for the CID font (its coverage is not known: the CJK
    decision then rests on Unicode ranges alone).
    """

    regular: str
    bold: str
    italic: str
    bold_italic: str
    cjk: str
    cjk_embedded: bool
    latin_cover: frozenset[int]
    cjk_cover: frozenset[int] | None


def font_path(name: str) -> Path:
    """Return the path of the packaged font file ``name``; FileNotFoundError naming it if absent.

    There is no fallback to other fonts: a missing file means a broken installation.
    """
    path = FONT_DIR / name
    if not path.is_file():
        raise FileNotFoundError(
            f"renderer font {name!r} is missing from {FONT_DIR} (the package ships it; "
            "reinstall newsextract or rebuild the fonts with tools/build_fonts.py)"
        )
    return path


def _ttfont(name: str, path: Path) -> frozenset[int]:
    """Register the font file at ``path`` under ``name``; return the code points it maps."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    return frozenset(int(c) for c in font.face.charToGlyph)


@functools.cache
def get_fonts(family: Literal["sans", "serif"], cjk: Literal["embedded", "cid"]) -> FontSet:
    """Register (once per process) and return the fonts for ``family`` and ``cjk`` mode.

    Every font comes from :data:`FONT_DIR` (:func:`font_path` raises for a missing one),
    except ``STSong-Light`` for ``cjk="cid"``: a CID font reportlab knows without a file,
    which the PDF names but does not embed.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    # every file is looked up before anything is registered: a missing one changes nothing
    paths = [font_path(f) for f in FONT_FILES[family]]
    cjk_path = font_path(FONT_FILES["cjk"][0]) if cjk == "embedded" else None
    prefix = _PREFIX[family]
    names = (prefix, f"{prefix}-Bold", f"{prefix}-Italic", f"{prefix}-BoldItalic")
    covers = [_ttfont(n, p) for n, p in zip(names, paths, strict=True)]
    pdfmetrics.registerFontFamily(
        prefix, normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    cjk_cover: frozenset[int] | None
    if cjk_path is not None:
        cjk_name = _PREFIX["cjk"]
        cjk_cover = _ttfont(cjk_name, cjk_path)
    else:
        cjk_name = _CID_FACE
        pdfmetrics.registerFont(UnicodeCIDFont(_CID_FACE))
        cjk_cover = None
    # The CJK font has no bold or italic face: map every style back onto itself.
    pdfmetrics.registerFontFamily(
        cjk_name, normal=cjk_name, bold=cjk_name, italic=cjk_name, boldItalic=cjk_name
    )
    return FontSet(
        regular=names[0],
        bold=names[1],
        italic=names[2],
        bold_italic=names[3],
        cjk=cjk_name,
        cjk_embedded=cjk == "embedded",
        latin_cover=frozenset.intersection(*covers),
        cjk_cover=cjk_cover,
    )


# --------------------------------------------------------------------------- text checks

_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def check_text(text: str, where: str) -> None:
    """Raise ValueError when ``text`` cannot be printed so that it reads back exactly.

    Refused: leading/trailing/double whitespace or any whitespace other than a single
    ASCII space (the extractor collapses whitespace), control and format characters
    (including the soft hyphen U+00AD, which the renderer uses as its break mark),
    unassigned and private-use code points, and alphabetic presentation forms
    (U+FB00-U+FB4F: ligatures such as "ﬁ" read back as "fi") and characters outside the
    Basic Multilingual Plane (reportlab's TrueType subsets do not read them back; emoji come
    back as a different BMP character). Characters that no font
    has a glyph for are refused later, by :func:`rich_markup`.
    """
    if text != " ".join(text.split()) or any(c.isspace() and c != " " for c in text):
        raise ValueError(f"{where}: text is not single-spaced: {text[:60]!r}")
    for c in text:
        if (unicodedata.category(c) in _BAD_CATEGORIES or "\ufb00" <= c <= "\ufb4f"
                or ord(c) > 0xFFFF):
            raise ValueError(f"{where}: unprintable character U+{ord(c):04X} in {text[:60]!r}")


# --------------------------------------------------------------------------------- dates

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)


def format_long_date(d: dt.date) -> str:
    """Return ``d`` as printed in the newsletter: ``"December 28, 2023"``."""
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def format_month_day(d: dt.date) -> str:
    """Return ``d`` without its year: ``"January 3"``."""
    return f"{_MONTHS[d.month - 1]} {d.day}"


# ------------------------------------------------------------------------ CJK detection

_CJK_STRONG = re.compile(
    "["
    "\u1100-\u11ff"  # Hangul Jamo
    "\u2e80-\u2fdf"  # CJK radicals, Kangxi radicals
    "\u3000-\u303f"  # CJK symbols and punctuation (incl. 《》「」、。)
    "\u3040-\u31ff"  # Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun...
    "\u3200-\u4dbf"  # enclosed CJK, compatibility, CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\ufe30-\ufe4f"  # CJK compatibility forms
    "\uff00-\uffef"  # half-width and full-width forms
    "\U00020000-\U0003134f"  # CJK extensions B-H
    "]"
)
#: Characters that follow their neighbours: CJK inside a CJK run, Latin elsewhere.
_NEUTRAL = frozenset("“”‘’")


def _cjk_mask(text: str, fonts: FontSet) -> list[bool]:
    """Return, per character, whether it is drawn in the CJK font.

    ValueError when the font a character is drawn in has no glyph for it (the CID font's
    coverage is not known and not checked).
    """
    kinds: list[str] = []
    for c in text:
        if c in _NEUTRAL:
            kinds.append("N")
        elif _CJK_STRONG.match(c):
            kinds.append("C")
        elif c != " " and ord(c) not in fonts.latin_cover and (
            ord(c) in fonts.cjk_cover if fonts.cjk_cover is not None
            else unicodedata.east_asian_width(c) in "WF"
        ):
            # Not in the Latin font but in the CJK one: draw it where a glyph exists.
            kinds.append("C")
        else:
            kinds.append("L")
    mask = [k == "C" for k in kinds]
    n = len(text)
    for i, k in enumerate(kinds):
        if k != "N":
            continue
        left = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] != "N"), "")
        right = next((kinds[j] for j in range(i + 1, n) if kinds[j] != "N"), "")
        mask[i] = "C" in (left, right)
    for c, cjk in zip(text, mask, strict=True):
        cover = fonts.cjk_cover if cjk else fonts.latin_cover
        if c != " " and cover is not None and ord(c) not in cover:
            raise ValueError(f"no font has a glyph for U+{ord(c):04X} in {text[:60]!r}")
    return mask


_SUPER = re.compile(r"(?<=[0-9])(?:st|nd|rd|th)(?![0-9A-Za-z])")


def _super_mask(text: str) -> list[bool]:
    """Return, per character, whether it is part of an ordinal suffix (14th, 1st...)."""
    mask = [False] * len(text)
    for m in _SUPER.finditer(text):
        for i in range(m.start(), m.end()):
            mask[i] = True
    return mask


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(s: str) -> str:
    return _esc(s).replace('"', "&quot;")


def _runs(
    text: str, start: int, end: int, cjk: Sequence[bool], sup: Sequence[bool], fonts: FontSet
) -> Iterator[str]:
    """Yield markup for ``text[start:end]``, grouping characters by font and rise."""
    i = start
    while i < end:
        key = (cjk[i], sup[i])
        j = i + 1
        while j < end and (cjk[j], sup[j]) == key:
            j += 1
        chunk = _esc(text[i:j])
        if chunk == " " and i > 0 and j < len(text) and cjk[i - 1] and cjk[j]:
            # A space between two Chinese runs ("中共中央 国务院") must not become a line
            # break: Chinese wraps between any two characters, so a reader could not tell
            # the space from a wrap. A no-break space keeps it visible on the line.
            chunk = "\u00a0"
        if key[0]:
            yield f'<font name="{fonts.cjk}">{chunk}</font>'
        elif key[1]:
            yield f"<super>{chunk}</super>"
        else:
            yield chunk
        i = j


def link_markup(inner: str, url: str, color: str) -> str:
    """Wrap already-built markup ``inner`` in a coloured, underlined URI link."""
    return f'<a href="{_attr(url)}" color="{color}" underline="1">{inner}</a>'


def rich_markup(
    text: str,
    fonts: FontSet,
    links: Sequence[tuple[str, str]] = (),
    link_color: str = "#1f5fa8",
    where: str = "text",
) -> str:
    """Return Paragraph markup for ``text`` with its ``links`` ((text, url) pairs).

    Each link goes on the first occurrence of its text at or after the end of the previous
    link; ValueError when it is not found (or ``text`` fails :func:`check_text`).
    """
    check_text(text, where)
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for k, (ltext, url) in enumerate(links):
        if not ltext:
            raise ValueError(f"{where}: link {k} has empty text")
        at = text.find(ltext, pos)
        if at < 0:
            raise ValueError(
                f"{where}: link text {ltext[:40]!r} not found after position {pos} "
                f"in {text[:60]!r}"
            )
        spans.append((at, at + len(ltext), url))
        pos = at + len(ltext)
    cjk = _cjk_mask(text, fonts)
    sup = _super_mask(text)
    out: list[str] = []
    pos = 0
    for s, e, url in spans:
        out.extend(_runs(text, pos, s, cjk, sup, fonts))
        out.append(link_markup("".join(_runs(text, s, e, cjk, sup, fonts)), url, link_color))
        pos = e
    out.extend(_runs(text, pos, len(text), cjk, sup, fonts))
    return "".join(out)


def plain_markup(text: str, fonts: FontSet) -> str:
    """Return markup for ``text`` with CJK switching but no superscripts or links.

    Used for layout furniture (labels, headings, the cover line).
    """
    cjk = _cjk_mask(text, fonts)
    nosup = [False] * len(text)
    return "".join(_runs(text, 0, len(text), cjk, nosup, fonts))


def font_runs(text: str, fonts: FontSet) -> list[tuple[str, bool]]:
    """Split ``text`` into (chunk, is_cjk) runs, for drawing straight onto a canvas."""
    cjk = _cjk_mask(text, fonts)
    out: list[tuple[str, bool]] = []
    for c, k in zip(text, cjk, strict=True):
        if out and out[-1][1] == k:
            out[-1] = (out[-1][0] + c, k)
        else:
            out.append((c, k))
    return out


@functools.lru_cache(maxsize=4)
def hyphenator(lang: str = "en_US") -> Callable[[str], Iterator[tuple[str, str]]]:
    """Return a reportlab hyphenation callable (pyphen) that never breaks next to a hyphen.

    reportlab appends "-" to the head of every break this proposes (it never splits at an
    existing hyphen, since neither the head may end nor the tail start with "-"); the
    renderer then draws that added hyphen as U+00AD, so breaks can be told from real hyphens.
    """
    import pyphen  # type: ignore[import-untyped]

    dic = pyphen.Pyphen(lang=lang)

    def pairs(word: str) -> Iterator[tuple[str, str]]:
        for head, tail in dic.iterate(word):
            if head and tail and not head.endswith(("-", "\xad")) and not tail.startswith("-"):
                yield head, tail

    return pairs
