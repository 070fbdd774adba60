"""Paragraph styles of the renderer (sizes derive from ``Layout.body_size``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from newsextract.testing.render_text import FontSet, hyphenator
from newsextract.testing.render_types import Layout

__all__ = ["ACCENT", "LINK_COLOR", "Styles", "make_styles", "toc_reserve"]

#: Heading colour (a dark teal) and link colour.
ACCENT = "#00566e"
LINK_COLOR = "#1f5fa8"


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one layout."""

    body: ParagraphStyle
    line: ParagraphStyle
    bullet: ParagraphStyle
    story: ParagraphStyle
    section: ParagraphStyle
    subsection: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle
    cover_line: ParagraphStyle
    wordmark: ParagraphStyle
    cover_title: ParagraphStyle
    cover_authors: ParagraphStyle
    cover_topic: ParagraphStyle
    plain: ParagraphStyle
    person: ParagraphStyle


def toc_reserve(fonts: FontSet, size: float) -> float:
    """Width kept free right of contents text for the leader and the page number."""
    return float(stringWidth("0000", fonts.regular, size)) + 2.5 * size


def make_styles(layout: Layout, fonts: FontSet) -> Styles:
    """Return the styles for ``layout``."""
    b = layout.body_size
    lead = round(1.35 * b, 2)
    hy: Any = hyphenator() if layout.hyphenate else ""
    common: dict[str, Any] = {
        "fontName": fonts.regular,
        "fontSize": b,
        "leading": lead,
        "splitLongWords": 0,
        "spaceShrinkage": 0,
        "embeddedHyphenation": 0,
        "uriWasteReduce": 0,
        "hyphenationLang": "",
        "allowWidows": 1,
        "allowOrphans": 0,
    }
    body = ParagraphStyle(
        "nx-body", **{**common, "hyphenationLang": hy}, alignment=TA_LEFT,
        spaceAfter=0.55 * lead,
    )
    line = ParagraphStyle("nx-line", parent=body, alignment=TA_LEFT)
    bullet = ParagraphStyle(
        "nx-bullet", parent=body, leftIndent=1.5 * b, bulletIndent=0.4 * b,
        bulletFontName=fonts.regular, bulletFontSize=b, spaceAfter=0.3 * lead,
    )
    heading: dict[str, Any] = {
        **common, "fontName": fonts.bold, "textColor": colors.HexColor(ACCENT),
        "keepWithNext": 1, "alignment": TA_LEFT,
    }
    story = ParagraphStyle(
        "nx-story", **{**heading, "fontSize": 1.3 * b, "leading": 1.3 * lead},
        spaceAfter=0.7 * lead,
    )
    section = ParagraphStyle(
        "nx-section", **{**heading, "fontSize": 1.7 * b, "leading": 1.7 * lead},
        spaceAfter=0.9 * lead,
    )
    subsection = ParagraphStyle(
        "nx-subsection", **{**heading, "fontSize": 1.2 * b, "leading": 1.2 * lead},
        spaceBefore=0.5 * lead, spaceAfter=0.5 * lead,
    )
    reserve = toc_reserve(fonts, b)
    toc1 = ParagraphStyle(
        "nx-toc1", **{**common, "fontName": fonts.bold}, rightIndent=reserve,
        spaceBefore=0.7 * lead, spaceAfter=0.15 * lead,
    )
    toc2 = ParagraphStyle(
        "nx-toc2", **common, leftIndent=1.5 * b, rightIndent=reserve, spaceAfter=0.15 * lead,
    )
    cover_line = ParagraphStyle(
        "nx-cover-line", **{**common, "fontName": fonts.bold, "fontSize": 0.95 * b},
        textColor=colors.HexColor(ACCENT), spaceAfter=2.5 * lead,
    )
    wordmark = ParagraphStyle(
        "nx-wordmark", **{**common, "fontName": fonts.bold, "fontSize": 3.0 * b,
                          "leading": 3.3 * b},
        textColor=colors.HexColor(ACCENT), spaceAfter=0.6 * lead,
    )
    cover_title = ParagraphStyle(
        "nx-cover-title", **{**common, "fontName": fonts.bold, "fontSize": 4.4 * b,
                             "leading": 4.9 * b},
        textColor=colors.HexColor("#1a1a1a"), spaceAfter=1.2 * lead,
    )
    cover_authors = ParagraphStyle(
        "nx-cover-authors", **{**common, "fontSize": 1.1 * b, "leading": 1.5 * b},
        textColor=colors.HexColor("#333333"), spaceBefore=0.8 * lead,
    )
    cover_topic = ParagraphStyle(
        "nx-cover-topic", **{**common, "fontName": fonts.bold, "fontSize": 1.5 * b,
                             "leading": 1.9 * b},
        textColor=colors.HexColor(ACCENT), spaceBefore=0.8 * lead,
    )
    plain = ParagraphStyle("nx-plain", **common, spaceAfter=0.2 * lead)
    person = ParagraphStyle("nx-person", **common)
    return Styles(
        body=body, line=line, bullet=bullet, story=story, section=section, subsection=subsection,
        toc1=toc1, toc2=toc2, cover_line=cover_line, wordmark=wordmark,
        cover_title=cover_title, cover_authors=cover_authors, cover_topic=cover_topic,
        plain=plain, person=person,
    )
