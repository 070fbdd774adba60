"""Small builders for synthetic reader inputs (glyphs and lines) used by unit tests."""

from __future__ import annotations

from newsextract.reader.types import Glyph

CHAR_W = 0.5  # glyph width in ems


def glyphs(text: str, x: float, baseline: float, size: float = 10.0, *, bold: bool = False,
           italic: bool = False, link: str | None = None, space_glyphs: bool = True,
           sup: str = "") -> list[Glyph]:
    """Lay ``text`` out as glyphs from ``x`` on ``baseline``; ``sup`` is appended raised."""
    out: list[Glyph] = []
    w = CHAR_W * size
    for ch in text:
        if ch == " " and not space_glyphs:
            x += w
            continue
        out.append(Glyph(ch, x, baseline - 0.8 * size, x + w, baseline + 0.2 * size, size,
                         baseline, bold, italic, "F", link=link, space=ch == " "))
        x += w
    small = size * 0.6
    for ch in sup:
        b = baseline - 0.35 * size
        out.append(Glyph(ch, x, b - 0.8 * small, x + CHAR_W * small, b + 0.2 * small, small,
                         b, bold, italic, "F"))
        x += CHAR_W * small
    return out
