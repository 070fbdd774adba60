"""Small builders for synthetic reader inputs (glyphs and lines) used by unit tests."""

from __future__ import annotations

from newsextract.reader.types import Block, Glyph, Line, Run, Span

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


Part = str | tuple[str, dict[str, object]]


def hand_block(
    *lines: list[Part], page: int = 1, bullet: str | None = None, column: int = 0,
    y: float = 100.0,
) -> Block:
    """Build a block by hand, without any reader stage: ``lines`` of styled parts.

    A part is text or ``(text, {"bold": True, "link": url, "italic": True})``. Each line
    gets one run per part (10 pt, a box 5 pt a character wide) and the block's text is
    the lines' text joined with single spaces, a space styled as both sides share.
    """
    built: list[Line] = []
    text = ""
    spans: list[Span] = []
    starts: list[int] = []
    for k, parts in enumerate(lines):
        base = y + 12.0 * k
        runs: list[Run] = []
        x = 50.0
        for part in parts:
            t, style = (part, {}) if isinstance(part, str) else part
            box = (x, base - 8.0, x + 5.0 * len(t), base + 2.0)
            runs.append(Run(t, bool(style.get("bold")), bool(style.get("italic")), 10.0, False,
                            style.get("link"), page, box))  # type: ignore[arg-type]
            x += 5.0 * len(t)
        if text:
            a, b = spans[-1], runs[0]
            spans.append(Span(len(text), len(text) + 1, a.bold and b.bold,
                              a.italic and b.italic, False, a.link if a.link == b.link else None))
            text += " "
        starts.append(len(text))
        for r in runs:
            spans.append(Span(len(text), len(text) + len(r.text), r.bold, r.italic, False,
                              r.link))
            text += r.text
        line_box = (50.0, base - 8.0, x, base + 2.0)
        built.append(Line(page, [], base, 10.0, runs, _box=line_box))
    return Block(page=page, lines=built, text=text, spans=spans, line_starts=starts,
                 bullet=bullet, column=column)
