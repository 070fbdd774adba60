"""Small builders for synthetic reader inputs (glyphs and lines) used by unit tests."""

from __future__ import annotations

from newsextract.reader.types import Glyph

CHAR_W = 0.5  # glyph width in ems


def glyphs(
    text: str,
    x: float,
    baseline: float,
    size: float = 10.0,
    *,
    bold: bool = False,
    italic: bool = False,
    link: str | None = None,
    space_glyphs: bool = True,
    sup: str = "",
) -> list[Glyph]:
    """Lay ``text`` out as glyphs from ``x`` on ``baseline``; ``sup`` is appended raised."""
    out: list[Glyph] = []
    w = CHAR_W * size
    for ch in text:
        if ch == " " and not space_glyphs:
            x += w
            continue
        out.append(
            Glyph(
                ch,
                x,
                baseline - 0.8 * size,
                x + w,
                baseline + 0.2 * size,
                size,
                baseline,
                bold,
                italic,
                "F",
                link=link,
                space=ch == " ",
            )
        )
        x += w
    small = size * 0.6
    for ch in sup:
        b = baseline - 0.35 * size
        out.append(
            Glyph(
                ch,
                x,
                b - 0.8 * small,
                x + CHAR_W * small,
                b + 0.2 * small,
                small,
                b,
                bold,
                italic,
                "F",
            )
        )
        x += CHAR_W * small
    return out


def blocks_from(rows: list[list[Glyph]], page: int = 1) -> list:  # type: ignore[type-arg]
    """Run the reader's line and block stages over rows of glyphs; return the blocks."""
    from newsextract.reader.hyphenation import Lexicon
    from newsextract.reader.layout import lines_to_blocks, order_lines
    from newsextract.reader.lines import glyphs_to_lines
    from newsextract.reader.params import LayoutParams
    from newsextract.reader.spacing import typical_pitch

    params = LayoutParams()

    gs = [g for row in rows for g in row]
    lines = glyphs_to_lines(gs, page, params=params)
    ordered = order_lines(lines, params=params)
    pitch = typical_pitch([ordered], params=params)
    return lines_to_blocks(ordered, pitch, Lexicon(ln.text for ln in lines), params=params)


def line(
    y: float, *parts: str | tuple[str, dict[str, object]], x: float = 50.0, size: float = 10.0
) -> list[Glyph]:
    """Lay styled parts side by side on one baseline: ``("Label:", {"bold": True})``."""
    out: list[Glyph] = []
    for part in parts:
        text, style = (part, {}) if isinstance(part, str) else part
        out += glyphs(text, x, y, size, **style)  # type: ignore[arg-type]
        x += CHAR_W * size * len(text)
    return out
