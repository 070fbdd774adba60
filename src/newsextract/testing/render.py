"""Fixture renderer: print an :class:`~newsextract.models.Issue` as a *China Industries* PDF.

The output copies the structure of the MERICS newsletter (cover, contents with dot leaders,
MERICS TOP stories with bold inline labels, NOTEWORTHY news bullets, back page) and prints
every field of the issue so that an extractor can read it back exactly. It is deterministic
(reportlab ``invariant`` mode): the same issue and layout give byte-identical PDFs.

>>> from newsextract.models import Issue
>>> rendered = render_issue(Issue())  # doctest: +SKIP
>>> rendered.pdf[:5]  # doctest: +SKIP
b'%PDF-'

What an extractor sees (PDF points, origin at the page's *bottom*-left; ``m`` = margin in
points, ``b`` = ``body_size``, ``s = 0.8 * b``):

* body frame: ``x`` from ``m`` to ``width - m``, ``y`` from ``m`` to ``height - m``; text
  starts ``0.5 * b`` below the frame top, so raised superscripts stay inside it;
* running header (pages >= 2): one line, baseline at ``height - HEADER_POS * m``, starting
  at ``x = m``, grey (#777777), size ``s``, regular Latin font (CJK runs in the CJK font);
  a grey hairline (a vector line, no text) at ``height - RULE_POS * m``;
* footer (pages >= 2, ``footer_page_numbers``): the page number centred at
  ``width / 2``, baseline at ``FOOTER_POS * m``, size ``s``;
* the cover (page 1) has neither; its only non-text drawing is a teal bar along the left
  edge and a rule under the title;
* fonts: DejaVu Sans (``sans``) or Newsextract Serif (``serif``, Liberation Serif renamed)
  subsets, bold for labels and headings, oblique/italic for news dates; CJK runs in
  WenQuanYi Zen Hei (embedded subset) or ``STSong-Light`` (CID, not embedded); all from
  the package's own font folder (:data:`~newsextract.testing.render_text.FONT_DIR`);
* bullets are the character "•" (U+2022) drawn in the body font ``0.4 * b`` right of the
  text's left edge; the item text starts at ``1.5 * b`` (wrapped lines align with it);
* ordinal suffixes after a digit ("14th") are ``min(2 pt, 20 %)`` smaller and raised by
  half the surrounding font size (a text rise: pdfminer's ``y0``/``top`` show it, the char
  matrix does not);
* lines break only at spaces; with ``hyphenate=True`` also inside words, and such a break
  ends its line with U+00AD (drawn as a hyphen). A line-final "-" is always a real hyphen;
* every URI link is one annotation per line it covers (a wrapped link gives several);
* contents entries end in a run of "." leader characters and the page number, right
  aligned at ``width - m`` on the entry's last line;
* with ``news_columns=2`` the policy and corporate lists (their subheadings included) run
  in two balanced columns ``1.5 * b`` apart below the full-width NOTEWORTHY heading; an
  item may continue from the foot of the left column to the top of the right one.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from newsextract.models import ContentsEntry, Issue
from newsextract.testing.render_flow import LEADER_CB, build_flowables, contents_lines
from newsextract.testing.render_styles import ACCENT
from newsextract.testing.render_text import (
    FontSet,
    check_text,
    font_runs,
    format_long_date,
    get_fonts,
)
from newsextract.testing.render_track import Recorder
from newsextract.testing.render_types import DEFAULT_LABELS, Layout, Placement, Rendered

__all__ = [
    "DEFAULT_LABELS",
    "FOOTER_POS",
    "HEADER_POS",
    "RULE_POS",
    "Layout",
    "Placement",
    "Rendered",
    "render_issue",
]

#: Header baseline sits ``HEADER_POS * margin`` below the top edge of the page.
HEADER_POS = 0.5
#: The hairline under the header sits ``RULE_POS * margin`` below the top edge.
RULE_POS = 0.72
#: Footer baseline sits ``FOOTER_POS * margin`` above the bottom edge.
FOOTER_POS = 0.4


def _header_text(issue: Issue, layout: Layout) -> str:
    date = format_long_date(issue.publication_date) if issue.publication_date else ""
    try:
        text = layout.header_text.format(newsletter=issue.newsletter, date=date)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"bad header_text {layout.header_text!r}: {exc}") from exc
    text = " ".join(text.split())
    if not date:
        text = text.rstrip(" |")
    return text


class _Pass:
    """One reportlab build: returns the PDF, the pages each tag was drawn on, page count."""

    def __init__(self, issue: Issue, layout: Layout, fonts: FontSet) -> None:
        self.issue, self.layout, self.fonts = issue, layout, fonts
        self.header = _header_text(issue, layout)

    # --------------------------------------------------------------- page callbacks
    def _leader(self, canv: Any, kind: str, label: str | None) -> None:
        """Draw the dot leader and the right-aligned page number of a contents entry."""
        info = canv._curr_tx_info
        x, y = float(info["cur_x"]), float(info["cur_y"])
        f, size = self.fonts.regular, self.layout.body_size
        right = self._frame_width
        label = label or ""
        numw = float(stringWidth(label, f, size))
        dotw = float(stringWidth(".", f, size))
        end = right - max(numw, float(stringWidth("0", f, size))) - 0.5 * size
        n = int((end - x - 0.6 * size) / dotw)
        canv.saveState()
        canv.setFont(f, size)
        canv.setFillColorRGB(0, 0, 0)
        if n > 0:
            canv.drawString(end - n * dotw, y, "." * n)
        if label:
            canv.drawRightString(right, y, label)
        canv.restoreState()

    def _on_cover(self, canv: Any, doc: Any) -> None:
        h = self.layout.page_dimensions[1]
        canv.saveState()
        canv.setFillColor(colors.HexColor(ACCENT))
        canv.rect(0, 0, 0.45 * self.layout.margin_pt, h, stroke=0, fill=1)
        canv.restoreState()

    def _on_body(self, canv: Any, doc: Any) -> None:
        canv.setNamedCB(LEADER_CB, self._leader)
        w, h = self.layout.page_dimensions
        m = self.layout.margin_pt
        size = 0.8 * self.layout.body_size
        canv.saveState()
        canv.setFillColorRGB(0.467, 0.467, 0.467)
        x = m
        for chunk, cjk in font_runs(self.header, self.fonts):
            font = self.fonts.cjk if cjk else self.fonts.regular
            canv.setFont(font, size)
            canv.drawString(x, h - HEADER_POS * m, chunk)
            x += float(stringWidth(chunk, font, size))
        canv.setStrokeColorRGB(0.7, 0.7, 0.7)
        canv.setLineWidth(0.4)
        canv.line(m, h - RULE_POS * m, w - m, h - RULE_POS * m)
        if self.layout.footer_page_numbers:
            canv.setFont(self.fonts.regular, size)
            canv.drawCentredString(w / 2, FOOTER_POS * m, str(canv.getPageNumber()))
        canv.restoreState()

    # ---------------------------------------------------------------------- build
    def run(self, numbers: Mapping[str, int] | None) -> tuple[bytes, int]:
        self.rec = Recorder()

        w, h = self.layout.page_dimensions
        m = self.layout.margin_pt
        self._frame_width = w - 2 * m

        def frame(fid: str) -> Any:
            # The top padding keeps raised superscripts of a first line inside the frame.
            return Frame(m, m, w - 2 * m, h - 2 * m, leftPadding=0, rightPadding=0,
                         topPadding=0.5 * self.layout.body_size, bottomPadding=0, id=fid)

        buf = io.BytesIO()
        doc = BaseDocTemplate(
            buf, pagesize=(w, h), leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m,
            invariant=1, pageCompression=1, title=self.issue.newsletter,
            # the canvas's own initial font (otherwise Helvetica) is one of ours too
            initialFontName=self.fonts.regular,
            author=self.issue.publisher, creator="newsextract.testing.render",
            producer="newsextract.testing.render (reportlab)",
        )
        doc.addPageTemplates([
            PageTemplate(id="cover", frames=[frame("cover")], onPage=self._on_cover),
            PageTemplate(id="body", frames=[frame("body")], onPage=self._on_body),
        ])
        flow = build_flowables(self.issue, self.layout, self.fonts, self.rec, numbers,
                               (w - 2 * m, h - 2 * m))
        doc.build(flow)
        if self.rec.problems:
            raise ValueError(
                "cannot print faithfully (lines break only at spaces or, when hyphenating, "
                f"inside words): {self.rec.problems[0]}"
            )
        return buf.getvalue(), int(doc.page)


def render_issue(issue: Issue, layout: Layout | None = None) -> Rendered:
    """Render ``issue`` as a PDF in the house style of *China Industries*.

    Two reportlab passes: the first records the page of every story, news item and contents
    target; the second prints those numbers on the contents page. Raises ValueError when a
    field cannot be printed faithfully (see :func:`~newsextract.testing.render_text.
    check_text`, links whose text is not in their paragraph, empty bullet points) and
    RuntimeError if the two passes paginate differently (a bug).
    """
    layout = layout if layout is not None else Layout()
    for text in (issue.newsletter, issue.publisher, issue.issue_title or "",
                 issue.acknowledgements or ""):
        check_text(text, "newsletter/publisher/issue_title/acknowledgements")
    fonts = get_fonts(layout.font_family, layout.cjk_font)
    first = _Pass(issue, layout, fonts)
    _, count1 = first.run(None)
    lines = contents_lines(issue, layout, fonts)
    numbers = {ln.tag: min(first.rec.pages[ln.tag]) for ln in lines}
    second = _Pass(issue, layout, fonts)
    pdf, count2 = second.run(numbers)
    if second.rec.pages != first.rec.pages or count1 != count2:
        raise RuntimeError("the two rendering passes paginated differently")

    pages = second.rec.pages
    data = issue.model_dump()
    data["contents"] = [
        ContentsEntry(title=ln.title, page=numbers[ln.tag], level=1 if ln.level == 1 else 2)
        for ln in lines
    ]
    for i, story in enumerate(data["top_stories"]):
        story["pages"] = sorted(pages[f"story:{i}"])
        for j, figure in enumerate(story["figures"]):
            figure["page"] = min(pages[f"story:{i}:figure:{j}"])
    for key in ("policy", "corporate"):
        for i, item in enumerate(data[f"{key}_news"]):
            item["page"] = min(pages[f"{key}:{i}"])
    data["source"] = None
    data["warnings"] = []
    parts = {tag: Placement(tuple(sorted(pages[tag])),
                            tuple((room, text) for _page, room, text in pieces))
             for tag, pieces in second.rec.pieces.items()}
    return Rendered(pdf=pdf, issue=Issue.model_validate(data), parts=parts)
