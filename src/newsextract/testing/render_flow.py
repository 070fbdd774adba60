"""The flowables of a rendered issue: cover, contents, top stories, noteworthy, back page.

Every paragraph is a :class:`~newsextract.testing.render_track.TrackedParagraph`; those of a
story, a news item or a contents target carry a tag (``story:<i>``, ``policy:<i>``,
``corporate:<i>``, ``sec:top``, ``sec:noteworthy``, ``sec:policy``, ``sec:corporate``);
comment paragraphs also a part tag (``story:<i>:comment:<k>``), glance lead-ins after the
first ``story:<i>:glance:<g>``. Charts are :class:`~newsextract.testing.render_figure.
ChartFlowable` objects tagged ``story:<i>`` and ``story:<i>:figure:<j>``. The printed forms
that changed between eras come from :mod:`newsextract.testing.render_forms`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
)
from reportlab.platypus.flowables import BalancedColumns, HRFlowable, PageBreakIfNotEmpty

from newsextract.models import Issue, NewsItem, TopStory
from newsextract.testing.render_chart import chart_plot, default_chart
from newsextract.testing.render_figure import ChartFlowable
from newsextract.testing.render_forms import (
    Piece,
    cover_title,
    document_lines,
    label_text,
    news_pieces,
    news_sections,
    top_heading,
)
from newsextract.testing.render_styles import ACCENT, LINK_COLOR, Styles, make_styles
from newsextract.testing.render_text import (
    FontSet,
    format_long_date,
    format_month_day,
    link_markup,
    plain_markup,
    rich_markup,
)
from newsextract.testing.render_track import Cursor, Recorder, TrackedParagraph, overflows
from newsextract.testing.render_types import NEWS_GUTTER_EM, Layout

__all__ = ["LEADER_CB", "ContentsLine", "build_flowables", "contents_lines"]

#: Name of the canvas callback that draws contents leaders and page numbers.
LEADER_CB = "nxleader"


@dataclass(frozen=True)
class ContentsLine:
    """One contents entry: its tracking tag, the model title, the printed markup, level."""

    tag: str
    title: str
    markup: str
    level: int
    number: str = ""


def contents_lines(issue: Issue, layout: Layout, fonts: FontSet) -> list[ContentsLine]:
    """Return the contents entries for ``issue`` in print order.

    The top list's entry is its heading (none where ``Layout.top_heading`` is None); the
    news lists follow in print order (:func:`~newsextract.testing.render_forms.news_sections`).
    """
    out: list[ContentsLine] = []
    if issue.top_stories:
        t = top_heading(layout, len(issue.top_stories))
        if t is not None:
            out.append(ContentsLine("sec:top", t, plain_markup(t, fonts), 1))
        for i, s in enumerate(issue.top_stories):
            m = rich_markup(s.title, fonts, where=f"story {s.rank} title")
            out.append(ContentsLine(f"story:{i}", s.title, m, 2, f"{s.rank}. "))
    sections = news_sections(issue, layout)
    if sections:
        out.append(ContentsLine("sec:noteworthy", "NOTEWORTHY", "NOTEWORTHY", 1))
        for key, title, _items in sections:
            out.append(ContentsLine(f"sec:{key}", title, title, 2))
    return out


class _Builder:
    """Collects the flowables of one pass."""

    def __init__(
        self, issue: Issue, layout: Layout, fonts: FontSet, styles: Styles, rec: Recorder,
        frame_width: float,
    ) -> None:
        self.issue, self.layout, self.fonts, self.st, self.rec = (
            issue, layout, fonts, styles, rec,
        )
        self.frame_width = frame_width
        self.flow: list[Any] = []

    def para(
        self, markup: str, style: ParagraphStyle, tag: str | None = None,
        bullet: str | None = None, part: str | None = None,
    ) -> TrackedParagraph:
        p = TrackedParagraph(markup, style, bulletText=bullet)
        p.nx_tag, p.nx_part, p.nx_recorder = tag, part, self.rec
        p.nx_cursor = Cursor(" ".join(p.getPlainText().split()))
        return p

    def add(self, *items: Any) -> None:
        self.flow.extend(items)

    def rich(self, text: str, where: str, links: Sequence[tuple[str, str]] = ()) -> str:
        return rich_markup(text, self.fonts, links, LINK_COLOR, where)

    def label(self, rank: int, key: str) -> str:
        return f"<b>{plain_markup(label_text(self.layout, rank, key), self.fonts)}</b>"

    def pieces(self, pieces: Sequence[Piece], where: str) -> str:
        """Return the markup of printed pieces (:mod:`~newsextract.testing.render_forms`)."""
        out: list[str] = []
        for p in pieces:
            if p.kind == "label":
                out.append(f"<b>{plain_markup(p.text, self.fonts)}</b>")
            elif p.kind == "text":
                out.append(self.rich(p.text, where, p.links))
            elif p.kind == "link":
                out.append(link_markup(self.rich(p.text, where), p.url or "", LINK_COLOR))
            elif p.kind == "date":
                out.append(f"<i>{plain_markup(p.text, self.fonts)}</i>")
            else:
                out.append(plain_markup(p.text, self.fonts))
        return "".join(out)

    def fitted(self, markup: str, style: ParagraphStyle) -> TrackedParagraph:
        """Return a cover paragraph, shrunk (to body size at least) until no word overflows."""
        size = float(style.fontSize)
        while True:
            st = ParagraphStyle(f"{style.name}-{size:.1f}", parent=style, fontSize=size,
                                leading=size * style.leading / style.fontSize)
            p = self.para(markup, st)
            p.wrap(self.frame_width, 1e6)
            if not overflows(p) or size <= self.layout.body_size:
                return self.para(markup, st)
            size = max(self.layout.body_size, size * 0.9)

    # ------------------------------------------------------------------------- cover
    def cover(self, frame_height: float) -> None:
        iss, f = self.issue, self.fonts
        parts: list[str] = []
        if iss.publication_date:
            parts.append(format_long_date(iss.publication_date).upper())
        rp = iss.reporting_period
        if rp is not None and (rp.start or rp.end):
            span = " - ".join(format_month_day(d).upper() for d in (rp.start, rp.end) if d)
            if not rp.end:
                span += " -"
            elif not rp.start:
                span = "- " + span
            parts.append(f"(REPORTING PERIOD: {span})")
        self.add(Spacer(0, 0.1 * frame_height))
        if parts:
            self.add(self.para(plain_markup(" ".join(parts), f), self.st.cover_line))
        else:
            self.add(Spacer(0, self.st.cover_line.leading + self.st.cover_line.spaceAfter))
        self.add(self.fitted(plain_markup(iss.publisher, f), self.st.wordmark))
        self.add(self.fitted(plain_markup(cover_title(iss, self.layout), f),
                             self.st.cover_title))
        self.add(HRFlowable(width="35%", thickness=3, color=colors.HexColor(ACCENT),
                            hAlign="LEFT", spaceBefore=0, spaceAfter=0))
        if iss.issue_title:
            self.add(self.para(self.rich(iss.issue_title, "issue_title"), self.st.cover_topic))
        if iss.authors:
            names = ", ".join(a.name.upper() for a in iss.authors)
            self.add(self.para(plain_markup(names, f), self.st.cover_authors))
        self.add(NextPageTemplate("body"), PageBreak())

    # ---------------------------------------------------------------------- contents
    def contents(self, lines: Sequence[ContentsLine], numbers: Mapping[str, int] | None) -> None:
        self.add(self.para("CONTENTS", self.st.section))
        for line in lines:
            num = str(numbers[line.tag]) if numbers is not None else ""
            style = self.st.toc1 if line.level == 1 else self.st.toc2
            if line.number:
                # Hanging indent: wrapped lines of "4. Title" align with the title.
                hang = float(stringWidth(line.number, style.fontName, style.fontSize))
                style = ParagraphStyle(f"nx-toc-{hang:.2f}", parent=style,
                                       leftIndent=style.leftIndent + hang, firstLineIndent=-hang)
            self.add(self.para(
                f'{line.number}{line.markup}<onDraw name="{LEADER_CB}" label="{num}"/>', style
            ))

    def introduction(self) -> None:
        """Print ``Layout.introduction`` and the story titles as a bulleted list."""
        intro = self.layout.introduction
        if intro is None:
            return
        self.add(Spacer(0, self.st.body.leading),
                 self.para(plain_markup(intro, self.fonts), self.st.body))
        for s in self.issue.top_stories:
            self.add(self.para(self.rich(s.title, f"story {s.rank} title"), self.st.bullet,
                               bullet="•"))

    # ----------------------------------------------------------------------- stories
    def story(self, i: int, s: TopStory) -> None:
        tag, r, where = f"story:{i}", s.rank, f"story {s.rank}"
        self.add(self.para(f"{r}. " + self.rich(s.title, f"{where} title"), self.st.story, tag))
        self.glance(i, s)
        charts = self.charts(i, s)
        for k, para in enumerate(s.comment):
            if not para.text:
                raise ValueError(f"{where}: comment paragraph {k} is empty")
            text = self.rich(para.text, f"{where} comment {k}",
                             [(ln.text, ln.url) for ln in para.links])
            if k == 0:
                text = self.label(r, "comment") + " " + text
            self.add(self.para(text, self.st.body, tag, part=f"{tag}:comment:{k}"))
            while charts and (charts[0][0] <= k or k == len(s.comment) - 1):
                self.add(charts.pop(0)[1])
        for _, chart in charts:  # a story without comment paragraphs
            self.add(chart)
        for k, line in enumerate(document_lines(s, self.layout)):
            self.add(self.para(self.pieces(line, f"{where} document line {k}"), self.st.line,
                               tag))

    def glance(self, i: int, s: TopStory) -> None:
        """Print *At a glance*: each group's lead-in (the first after the label), its bullets."""
        tag, r, where = f"story:{i}", s.rank, f"story {s.rank}"
        k = 0
        for g, group in enumerate(s.at_a_glance.groups):
            if not (group.text or group.points):
                raise ValueError(f"{where}: at_a_glance group {g} is empty")
            if g == 0:
                text = self.label(r, "at_a_glance")
                if group.text:
                    text += " " + self.rich(group.text, f"{where} at_a_glance")
                self.add(self.para(text, self.st.body, tag, part=f"{tag}:at_a_glance"))
            elif group.text:
                self.add(self.para(self.rich(group.text, f"{where} at_a_glance group {g}"),
                                   self.st.body, tag, part=f"{tag}:glance:{g}"))
            for pt in group.points:
                if not pt:
                    raise ValueError(f"{where}: at_a_glance point {k} is empty")
                self.add(self.para(self.rich(pt, f"{where} point {k}"), self.st.bullet, tag,
                                   bullet="•", part=f"{tag}:point:{k}"))
                k += 1
            if group.points:
                self.add(Spacer(0, 0.3 * self.st.body.leading))

    def charts(self, i: int, s: TopStory) -> list[tuple[int, ChartFlowable]]:
        """Return the story's charts with the comment paragraph each follows, in order."""
        specs = self.layout.charts.get(s.rank, [])
        out: list[tuple[int, ChartFlowable]] = []
        for j, fig in enumerate(s.figures):
            chart = (specs[j] if j < len(specs)
                     else default_chart(fig.caption, out[-1][0] if out else 0))
            if out and chart.after_comment < out[-1][0]:
                raise ValueError(f"story {s.rank}: figure {j} would print before figure {j - 1}")
            plot = chart_plot(chart, fig.caption, self.frame_width, self.layout.body_size,
                              frame=self.layout.chart_frame)
            flow = ChartFlowable(plot, self.fonts, self.rec, (f"story:{i}",
                                                              f"story:{i}:figure:{j}"))
            flow.spaceBefore, flow.spaceAfter = 0.2 * self.st.body.leading, self.st.body.leading
            out.append((chart.after_comment, flow))
        return out

    # -------------------------------------------------------------------------- news
    def news(self, tag: str, item: NewsItem, where: str) -> None:
        markup = self.pieces(news_pieces(item, self.layout), where)
        self.add(self.para(markup, self.st.bullet, tag, bullet="•", part=tag))

    def acknowledgements(self) -> None:
        """Print ``Issue.acknowledgements`` (where it is, the layout decides)."""
        if self.issue.acknowledgements:
            self.add(self.para(self.rich(self.issue.acknowledgements, "acknowledgements"),
                               self.st.plain), Spacer(0, 0.9 * self.st.person.leading))

    # ---------------------------------------------------------------------- back page
    def people(self, heading: str, people: Sequence[Any], kind: str) -> None:
        if not people:
            return
        self.add(self.para(heading, self.st.subsection))
        for k, person in enumerate(people):
            block = [self.para("<b>" + self.rich(person.name, f"{kind} {k} name") + "</b>",
                               self.st.person)]
            if person.role:
                block.append(self.para(self.rich(person.role, f"{kind} {k} role"),
                                       self.st.person))
            self.add(KeepTogether(block), Spacer(0, 0.9 * self.st.person.leading))

    def back(self) -> bool:
        iss, p = self.issue, self.issue.publisher_info
        has_pub = bool(p.name or p.address or p.phone or p.email or p.website)
        thanks = bool(iss.acknowledgements) and self.layout.acknowledgements_at == "back"
        if not (iss.authors or iss.editors or iss.contact_email or has_pub or thanks):
            return False
        if thanks:
            self.acknowledgements()
        self.people("AUTHORS", iss.authors, "author")
        self.people("EDITORS", iss.editors, "editor")
        if iss.contact_email:
            e = iss.contact_email
            self.add(self.para(plain_markup(self.layout.contact_label, self.fonts),
                               self.st.person),
                     self.para(link_markup(self.rich(e, "contact_email"), f"mailto:{e}",
                                           LINK_COLOR), self.st.person),
                     Spacer(0, 0.9 * self.st.person.leading))
        if has_pub:
            self.add(self.para("PUBLISHER", self.st.subsection))
            if p.name:
                self.add(self.para("<b>" + self.rich(p.name, "publisher name") + "</b>",
                                   self.st.plain))
            for k, line in enumerate(p.address):
                self.add(self.para(self.rich(line, f"publisher address {k}"), self.st.plain))
            if p.phone:
                self.add(self.para("Tel.: " + self.rich(p.phone, "publisher phone"),
                                   self.st.plain))
            if p.email:
                mail = link_markup(self.rich(p.email, "publisher email"), f"mailto:{p.email}",
                                   LINK_COLOR)
                self.add(self.para("Mail: " + mail, self.st.plain))
            if p.website:
                w = p.website
                url = w if ":" in w.split("/")[0] else f"https://{w}"
                self.add(self.para(link_markup(self.rich(w, "publisher website"), url,
                                               LINK_COLOR), self.st.plain))
        return True


def build_flowables(
    issue: Issue,
    layout: Layout,
    fonts: FontSet,
    rec: Recorder,
    numbers: Mapping[str, int] | None,
    frame: tuple[float, float],
) -> list[Any]:
    """Return the flowables of the whole issue; ``numbers`` fills in contents page numbers.

    ``frame`` is the (width, height) of the body frame.
    """
    st = make_styles(layout, fonts)
    bld = _Builder(issue, layout, fonts, st, rec, frame[0])
    bld.cover(frame[1])
    lines = contents_lines(issue, layout, fonts)
    bld.contents(lines, numbers)
    bld.introduction()
    if issue.top_stories:
        bld.add(PageBreakIfNotEmpty())
        heading = top_heading(layout, len(issue.top_stories))
        if heading is not None:
            bld.add(bld.para(plain_markup(heading, fonts), st.section, "sec:top"))
        for i, s in enumerate(issue.top_stories):
            if i:
                bld.add(PageBreakIfNotEmpty() if layout.stories_start_new_page
                        else Spacer(0, 1.5 * st.body.leading))
            bld.story(i, s)
    sections = news_sections(issue, layout)
    if sections:
        if layout.page_break_before_noteworthy or not issue.top_stories:
            bld.add(PageBreakIfNotEmpty())
        else:
            bld.add(Spacer(0, 1.5 * st.body.leading))
        bld.add(bld.para("NOTEWORTHY", st.section, "sec:noteworthy"))
        start = len(bld.flow)
        for key, title, items in sections:
            bld.add(bld.para(title, st.subsection, f"sec:{key}"))
            for i, item in enumerate(items):
                bld.news(f"{key}:{i}", item, f"{key}_news {i}")
        if layout.news_columns == 2:
            # Both lists in two balanced columns under the full-width NOTEWORTHY heading.
            bld.flow[start:] = [BalancedColumns(
                bld.flow[start:], nCols=2, innerPadding=NEWS_GUTTER_EM * layout.body_size,
                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
            )]
    if layout.acknowledgements_at == "news" and issue.acknowledgements:
        bld.add(Spacer(0, st.body.leading))
        bld.acknowledgements()
    tail = len(bld.flow)
    bld.add(PageBreakIfNotEmpty())
    if not bld.back():
        del bld.flow[tail:]
    return bld.flow
