"""Engine-neutral description of one issue as printed pages of styled paragraphs.

Every engine writer (HTML for Chromium, FODT for LibreOffice, Typst) renders the same
:class:`Doc`: a list of :class:`Page` objects, each a list of :class:`Para`. The writers put
a forced page break between two pages, so the printed page of every story, news item and
contents target is the page the golden says (``TopStory.pages``, ``NewsItem.page``,
``ContentsEntry.page``) whatever engine paginates the text.

A paragraph is a list of :class:`Run` (text + bold/italic/superscript/link), built from the
golden's strings exactly as :mod:`newsextract.testing.render_text` prints them: links go on
the first occurrence of their text after the previous link, ordinal suffixes ("14th") are
raised as superscripts. The fixture source's ``layout`` is read as a
:class:`newsextract.testing.Layout`, and every form that differs between the newsletter's
eras (cover title, top-list heading or none, introduction, glance groups, several documents
per story, glued Chinese titles, news order and punctuation, the thanks line, charts) comes
from :mod:`newsextract.testing.render_forms`, as in the reportlab fixture. A chart is a
``figure`` paragraph holding its :class:`~newsextract.testing.render_chart.Chart` and
caption; each writer draws it (tools/engines/svg_chart.py) at its own text width.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsextract.models import Issue, NewsItem, TopStory
from newsextract.testing.render_chart import Chart, default_chart
from newsextract.testing.render_forms import (
    Piece,
    cover_title,
    document_lines,
    label_text,
    news_pieces,
    news_sections,
    top_heading,
)
from newsextract.testing.render_types import Layout

ROOT = Path(__file__).resolve().parents[2]
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
_SUPER = re.compile(r"(?<=[0-9])(?:st|nd|rd|th)(?![0-9A-Za-z])")


def long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def month_day(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


@dataclass
class Run:
    """A stretch of text with one style. ``label`` marks an inline story label."""

    text: str
    bold: bool = False
    italic: bool = False
    sup: bool = False
    href: str | None = None
    label: bool = False


@dataclass
class Para:
    """One paragraph. ``kind`` selects the style in every writer.

    Kinds: cover-line, wordmark, cover-title, cover-topic, cover-authors, section (CONTENTS,
    MERICS TOP N, NOTEWORTHY), subsection (Policy news, AUTHORS ...), story (numbered title),
    body, line (article/bodies/date), bullet, news (bullet item), toc1, toc2 (``number``
    holds "1. ", ``page`` the printed number), person-name, person, plain, figure (a chart:
    ``chart`` holds it, the runs its caption).
    """

    kind: str
    runs: list[Run]
    number: str = ""
    page: int | None = None
    space_before: bool = False  # extra gap (a story that starts mid-page)
    chart: Chart | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Page:
    """One printed page; ``columns`` paragraphs (the Noteworthy lists) may go in two columns."""

    number: int
    paras: list[Para] = field(default_factory=list)
    cover: bool = False
    columns_from: int | None = None  # index of the first paragraph set in columns
    columns_to: int | None = None  # index after the last one (None: to the page's end)

    @property
    def column_paras(self) -> tuple[list[Para], list[Para], list[Para]]:
        """(before, in columns, after) the paragraphs set in columns (all before if none)."""
        if self.columns_from is None:
            return self.paras, [], []
        end = len(self.paras) if self.columns_to is None else self.columns_to
        return (self.paras[: self.columns_from], self.paras[self.columns_from:end],
                self.paras[end:])


@dataclass
class Doc:
    name: str
    issue: Issue
    pages: list[Page]
    header: str
    title: str
    layout: Layout = field(default_factory=Layout)

    @property
    def page_count(self) -> int:
        return len(self.pages)


def rich(text: str, links: Sequence[tuple[str, str]] = (), *, sup: bool = True) -> list[Run]:
    """Runs for ``text``: each link on the first occurrence after the previous link."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for ltext, url in links:
        at = text.find(ltext, pos)
        if at < 0:
            raise ValueError(f"link text {ltext!r} not in {text[:60]!r}")
        spans.append((at, at + len(ltext), url))
        pos = at + len(ltext)
    supmask = [False] * len(text)
    if sup:
        for m in _SUPER.finditer(text):
            for i in range(m.start(), m.end()):
                supmask[i] = True
    out: list[Run] = []

    def emit(a: int, b: int, href: str | None) -> None:
        i = a
        while i < b:
            j = i + 1
            while j < b and supmask[j] == supmask[i]:
                j += 1
            out.append(Run(text[i:j], sup=supmask[i], href=href))
            i = j

    pos = 0
    for a, b, url in spans:
        emit(pos, a, None)
        emit(a, b, url)
        pos = b
    emit(pos, len(text), None)
    return out


def plain(text: str, **kw: Any) -> list[Run]:
    return [Run(text, **kw)]


def load(name: str) -> tuple[Issue, Layout]:
    """Return the golden Issue and the fixture source's layout for ``name``."""
    golden = Issue.model_validate_json((ROOT / "fixtures" / f"{name}.json").read_text("utf-8"))
    src = json.loads((ROOT / "fixtures" / "src" / f"{name}.json").read_text("utf-8"))
    return golden, Layout(**src.get("layout", {}))


def runs_of(pieces: Sequence[Piece]) -> list[Run]:
    """Runs for printed pieces (:class:`newsextract.testing.render_forms.Piece`)."""
    out: list[Run] = []
    for p in pieces:
        if p.kind == "label":
            out.append(Run(p.text, bold=True, label=True))
        elif p.kind == "text":
            out += rich(p.text, p.links)
        elif p.kind == "link":
            out += rich(p.text, [(p.text, p.url or "")])
        elif p.kind == "date":
            out.append(Run(p.text, italic=True))
        else:
            out.append(Run(p.text))
    return out


class _Pages:
    def __init__(self) -> None:
        self.pages: list[Page] = []

    def at(self, number: int) -> Page:
        """The page ``number``; pages must be asked for in ascending order, without gaps."""
        if self.pages and self.pages[-1].number == number:
            return self.pages[-1]
        expected = self.pages[-1].number + 1 if self.pages else 1
        if number != expected:
            raise ValueError(f"page plan jumps from {expected - 1} to {number}")
        self.pages.append(Page(number))
        return self.pages[-1]


def _story_blocks(s: TopStory, layout: Layout) -> list[tuple[str, Para]]:
    """(section, para) pairs; section is 'head' (title + at a glance) or 'rest'."""
    r = s.rank
    out: list[tuple[str, Para]] = [("head", Para("story", rich(s.title), number=f"{r}. "))]

    def lab(key: str) -> Run:
        return Run(label_text(layout, r, key), bold=True, label=True)

    for g, group in enumerate(s.at_a_glance.groups):
        runs = [lab("at_a_glance")] if g == 0 else []
        if group.text:
            runs += [*([Run(" ")] if runs else []), *rich(group.text)]
        if runs:
            out.append(("head", Para("body", runs)))
        out += [("head", Para("bullet", rich(p))) for p in group.points]
    charts: list[tuple[int, Para]] = []
    specs = layout.charts.get(r, [])
    for j, fig in enumerate(s.figures):
        chart = specs[j] if j < len(specs) else default_chart(
            fig.caption, charts[-1][0] if charts else 0)
        charts.append((chart.after_comment, Para("figure", plain(fig.caption), chart=chart)))
    for k, p in enumerate(s.comment):
        runs = rich(p.text, [(ln.text, ln.url) for ln in p.links])
        if k == 0:
            runs = [lab("comment"), Run(" "), *runs]
        out.append(("rest", Para("body", runs)))
        while charts and (charts[0][0] <= k or k == len(s.comment) - 1):
            out.append(("rest", charts.pop(0)[1]))
    out += [("rest", para) for _, para in charts]
    for line in document_lines(s, layout):
        out.append(("rest", Para("line", runs_of(line))))
    return out


def _news(item: NewsItem, layout: Layout) -> Para:
    return Para("news", runs_of(news_pieces(item, layout)))


def header_text(issue: Issue, layout: Layout) -> str:
    date = long_date(issue.publication_date) if issue.publication_date else ""
    text = " ".join(layout.header_text.format(newsletter=issue.newsletter, date=date).split())
    return text if date else text.rstrip(" |")


def build_doc(name: str) -> Doc:
    """Return the page plan of fixture ``name`` (pages as in its golden)."""
    iss, layout = load(name)
    pages = _Pages()
    # ---- cover
    cover = pages.at(1)
    cover.cover = True
    parts = []
    if iss.publication_date:
        parts.append(long_date(iss.publication_date).upper())
    rp = iss.reporting_period
    if rp is not None and rp.start and rp.end:
        parts.append(f"(REPORTING PERIOD: {month_day(rp.start).upper()} - "
                     f"{month_day(rp.end).upper()})")
    cover.paras += [
        Para("cover-line", plain(" ".join(parts))),
        Para("wordmark", plain(iss.publisher)),
        Para("cover-title", plain(cover_title(iss, layout))),
    ]
    if iss.issue_title:
        cover.paras.append(Para("cover-topic", rich(iss.issue_title)))
    if iss.authors:
        cover.paras.append(Para("cover-authors",
                                plain(", ".join(a.name.upper() for a in iss.authors))))
    # ---- contents
    toc = pages.at(2)
    toc.paras.append(Para("section", plain("CONTENTS")))
    story_no = {s.title: s.rank for s in iss.top_stories}
    for e in iss.contents:
        if e.level == 1:
            toc.paras.append(Para("toc1", plain(e.title, bold=True), page=e.page))
        else:
            num = f"{story_no[e.title]}. " if e.title in story_no else ""
            toc.paras.append(Para("toc2", rich(e.title), number=num, page=e.page))
    if layout.introduction is not None:
        toc.paras.append(Para("body", plain(layout.introduction), space_before=True))
        toc.paras += [Para("bullet", rich(s.title)) for s in iss.top_stories]
    # ---- stories
    entry_page = {e.title: e.page for e in iss.contents}
    for i, s in enumerate(iss.top_stories):
        if not s.pages:
            raise ValueError(f"{name}: story {s.rank} has no pages")
        page = pages.at(s.pages[0])
        top = top_heading(layout, len(iss.top_stories))
        if i == 0 and top is not None:
            if entry_page.get(top) != s.pages[0]:
                raise ValueError(f"{name}: {top} is not on the first story's page")
            page.paras.append(Para("section", plain(top)))
        blocks = _story_blocks(s, layout)
        first = True
        for section, para in blocks:
            if section == "rest" and len(s.pages) > 1:
                page = pages.at(s.pages[-1])
            if len(s.pages) > 2:
                raise ValueError(f"{name}: story {s.rank} spans more than two pages")
            if first and page.paras and i:
                para.space_before = True
            first = False
            page.paras.append(para)
    # ---- noteworthy
    sections = news_sections(iss, layout)
    if sections:
        first_page = entry_page["NOTEWORTHY"]
        page = pages.at(first_page)
        page.paras.append(Para("section", plain("NOTEWORTHY")))
        page.columns_from = len(page.paras)
        for _key, title, items in sections:
            page = pages.at(entry_page[title])
            page.paras.append(Para("subsection", plain(title)))
            for item in items:
                page = pages.at(item.page or page.number)
                page.paras.append(_news(item, layout))
    thanks = [Para("plain", rich(iss.acknowledgements), space_before=True)] \
        if iss.acknowledgements else []
    if layout.acknowledgements_at == "news" and thanks:
        last = pages.pages[-1]
        if last.columns_from is not None:
            last.columns_to = len(last.paras)  # the thanks line runs under both columns
        last.paras += thanks
        thanks = []
    # ---- back page
    back = pages.at(pages.pages[-1].number + 1)
    back.paras += thanks
    for heading, people in (("AUTHORS", iss.authors), ("EDITORS", iss.editors)):
        if people:
            back.paras.append(Para("subsection", plain(heading)))
            for p in people:
                back.paras.append(Para("person-name", plain(p.name, bold=True)))
                if p.role:
                    back.paras.append(Para("person", plain(p.role)))
    if iss.contact_email:
        e = iss.contact_email
        back.paras.append(Para("person", plain("For more information, please contact:"),
                               space_before=True))
        back.paras.append(Para("person", [Run(e, href=f"mailto:{e}")]))
    p = iss.publisher_info
    if p.name or p.address or p.phone or p.email or p.website:
        back.paras.append(Para("subsection", plain("PUBLISHER")))
        if p.name:
            back.paras.append(Para("plain", plain(p.name, bold=True)))
        back.paras += [Para("plain", plain(a)) for a in p.address]
        if p.phone:
            back.paras.append(Para("plain", plain(f"Tel.: {p.phone}")))
        if p.email:
            back.paras.append(Para("plain", [Run("Mail: "),
                                             Run(p.email, href=f"mailto:{p.email}")]))
        if p.website:
            w = p.website
            back.paras.append(Para("plain", [Run(w, href=w if ":" in w else f"https://{w}")]))
    if iss.source and iss.source.page_count != len(pages.pages):
        raise ValueError(f"{name}: plan has {len(pages.pages)} pages, golden "
                         f"{iss.source.page_count}")
    return Doc(name, iss, pages.pages, header_text(iss, layout), iss.newsletter, layout)
