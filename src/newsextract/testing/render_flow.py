"""The flowables of a rendered issue: cover, contents, top stories, noteworthy, back page.

Every paragraph is a :class:`~newsextract.testing.render_track.TrackedParagraph`; those of a
story, a news item or a contents target carry a tag (``story:<i>``, ``policy:<i>``,
``corporate:<i>``, ``sec:top``, ``sec:noteworthy``, ``sec:policy``, ``sec:corporate``);
comment paragraphs also a part tag (``story:<i>:comment:<k>``).
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

from newsextract.models import Issue, NewsItem, PolicyDocument, TopStory
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


def contents_lines(issue: Issue, fonts: FontSet) -> list[ContentsLine]:
    """Return the contents entries for ``issue`` in print order."""
    out: list[ContentsLine] = []
    if issue.top_stories:
        t = f"MERICS TOP {len(issue.top_stories)}"
        out.append(ContentsLine("sec:top", t, plain_markup(t, fonts), 1))
        for i, s in enumerate(issue.top_stories):
            m = rich_markup(s.title, fonts, where=f"story {s.rank} title")
            out.append(ContentsLine(f"story:{i}", s.title, m, 2, f"{s.rank}. "))
    if issue.policy_news or issue.corporate_news:
        out.append(ContentsLine("sec:noteworthy", "NOTEWORTHY", "NOTEWORTHY", 1))
        if issue.policy_news:
            out.append(ContentsLine("sec:policy", "Policy news", "Policy news", 2))
        if issue.corporate_news:
            out.append(ContentsLine("sec:corporate", "Corporate news", "Corporate news", 2))
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
        text = self.layout.story_labels.get(rank, {}).get(key) or self.layout.labels[key]
        return f"<b>{plain_markup(text, self.fonts)}</b>"

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
        self.add(self.fitted(plain_markup(iss.newsletter, f), self.st.cover_title))
        self.add(HRFlowable(width="35%", thickness=3, color=colors.HexColor(ACCENT),
                            hAlign="LEFT", spaceBefore=0, spaceAfter=0))
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

    # ----------------------------------------------------------------------- stories
    def story(self, i: int, s: TopStory) -> None:
        tag, r, where = f"story:{i}", s.rank, f"story {s.rank}"
        self.add(self.para(f"{r}. " + self.rich(s.title, f"{where} title"), self.st.story, tag))
        g = s.at_a_glance
        if g.text or g.points:
            text = self.label(r, "at_a_glance")
            if g.text:
                text += " " + self.rich(g.text, f"{where} at_a_glance")
            self.add(self.para(text, self.st.body, tag, part=f"{tag}:at_a_glance"))
            for k, pt in enumerate(g.points):
                if not pt:
                    raise ValueError(f"{where}: at_a_glance point {k} is empty")
                self.add(self.para(self.rich(pt, f"{where} point {k}"), self.st.bullet, tag,
                                   bullet="•", part=f"{tag}:point:{k}"))
            if g.points:
                self.add(Spacer(0, 0.3 * self.st.body.leading))
        for k, para in enumerate(s.comment):
            if not para.text:
                raise ValueError(f"{where}: comment paragraph {k} is empty")
            text = self.rich(para.text, f"{where} comment {k}",
                             [(ln.text, ln.url) for ln in para.links])
            if k == 0:
                text = self.label(r, "comment") + " " + text
            self.add(self.para(text, self.st.body, tag, part=f"{tag}:comment:{k}"))
        if len(s.documents) > 1:
            raise ValueError(f"{where}: this layout prints one document per story")
        for a in s.documents:
            self.document(a, r, where, tag)

    def document(self, a: PolicyDocument, r: int, where: str, tag: str) -> None:
        """Print one policy document's Article, Issuing bodies and Date lines."""
        if a.title or a.title_zh or a.url:
            bits = [self.label(r, "article")]
            if a.title:
                bits.append(self.rich(a.title, f"{where} article title"))
            if a.title_zh:
                bits.append("(" + self.rich(a.title_zh, f"{where} article title_zh") + ")")
            if a.url:
                bits.append("(" + link_markup("Link", a.url, LINK_COLOR) + ")")
            self.add(self.para(" ".join(bits), self.st.line, tag))
        if a.issuing_bodies or not a.issuing_bodies_complete:
            sep = self.layout.issuing_body_separator
            names = [self.rich(b.acronym or b.name or "", f"{where} issuing body")
                     for b in a.issuing_bodies]
            if not a.issuing_bodies_complete:
                names.append("etc.")
            key = "issuing_body" if len(a.issuing_bodies) == 1 else "issuing_bodies"
            self.add(self.para(self.label(r, key) + " " + sep.join(names), self.st.line, tag))
        if a.date:
            self.add(self.para(self.label(r, "date") + " " + format_long_date(a.date),
                               self.st.line, tag))

    # -------------------------------------------------------------------------- news
    def news(self, tag: str, item: NewsItem, where: str) -> None:
        bits: list[str] = []
        if item.date:
            bits.append(f"<i>{format_month_day(item.date)}:</i>")
        if item.text:
            bits.append(self.rich(item.text, where, [(ln.text, ln.url) for ln in item.links]))
        if item.sources:
            srcs = []
            for k, src in enumerate(item.sources):
                inner = self.rich(src.label, f"{where} source {k}")
                inner += {"zh": " (CN)", "en": " (EN)", None: ""}[src.language]
                srcs.append(link_markup(inner, src.url, LINK_COLOR) if src.url else inner)
            bits.append("(" + "; ".join(srcs) + ")")
        self.add(self.para(" ".join(bits), self.st.bullet, tag, bullet="•", part=tag))

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
        if not (iss.authors or iss.editors or iss.contact_email or has_pub):
            return False
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
    lines = contents_lines(issue, fonts)
    bld.contents(lines, numbers)
    if issue.top_stories:
        n = len(issue.top_stories)
        bld.add(PageBreakIfNotEmpty(),
                bld.para(f"MERICS TOP {n}", st.section, "sec:top"))
        for i, s in enumerate(issue.top_stories):
            if i:
                bld.add(PageBreakIfNotEmpty() if layout.stories_start_new_page
                        else Spacer(0, 1.5 * st.body.leading))
            bld.story(i, s)
    if issue.policy_news or issue.corporate_news:
        if layout.page_break_before_noteworthy or not issue.top_stories:
            bld.add(PageBreakIfNotEmpty())
        else:
            bld.add(Spacer(0, 1.5 * st.body.leading))
        bld.add(bld.para("NOTEWORTHY", st.section, "sec:noteworthy"))
        start = len(bld.flow)
        for key, title, items in (("policy", "Policy news", issue.policy_news),
                                  ("corporate", "Corporate news", issue.corporate_news)):
            if not items:
                continue
            bld.add(bld.para(title, st.subsection, f"sec:{key}"))
            for i, item in enumerate(items):
                bld.news(f"{key}:{i}", item, f"{key}_news {i}")
        if layout.news_columns == 2:
            # Both lists in two balanced columns under the full-width NOTEWORTHY heading.
            bld.flow[start:] = [BalancedColumns(
                bld.flow[start:], nCols=2, innerPadding=NEWS_GUTTER_EM * layout.body_size,
                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
            )]
    tail = len(bld.flow)
    bld.add(PageBreakIfNotEmpty())
    if not bld.back():
        del bld.flow[tail:]
    return bld.flow

