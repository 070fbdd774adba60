"""Engine-neutral description of one issue as printed pages of styled paragraphs.

Every engine writer (HTML for Chromium, FODT for LibreOffice, Typst) renders the same
:class:`Doc`: a list of :class:`Page` objects, each a list of :class:`Para`. The writers put
a forced page break between two pages, so the printed page of every story, news item and
contents target is the page the golden says (``TopStory.pages``, ``NewsItem.page``,
``ContentsEntry.page``) whatever engine paginates the text.

A paragraph is a list of :class:`Run` (text + bold/italic/superscript/link), built from the
golden's strings exactly as :mod:`newsextract.testing.render_text` prints them: links go on
the first occurrence of their text after the previous link, ordinal suffixes ("14th") are
raised as superscripts.
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

ROOT = Path(__file__).resolve().parents[2]

DEFAULT_LABELS = {
    "at_a_glance": "At a glance:",
    "comment": "MERICS comment:",
    "article": "Article:",
    "issuing_bodies": "Issuing bodies:",
    "issuing_body": "Issuing body:",
    "date": "Date:",
}
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

    Kinds: cover-line, wordmark, cover-title, cover-authors, section (CONTENTS, MERICS TOP N,
    NOTEWORTHY), subsection (Policy news, AUTHORS ...), story (numbered title), body,
    line (article/bodies/date), bullet, news (bullet item), toc1, toc2 (``number`` holds
    "1. ", ``page`` the printed number), person-name, person, plain.
    """

    kind: str
    runs: list[Run]
    number: str = ""
    page: int | None = None
    space_before: bool = False  # extra gap (a story that starts mid-page)

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


@dataclass
class Doc:
    name: str
    issue: Issue
    pages: list[Page]
    header: str
    title: str

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


def load(name: str) -> tuple[Issue, dict[str, Any]]:
    """Return the golden Issue and the fixture source's layout for ``name``."""
    golden = Issue.model_validate_json((ROOT / "fixtures" / f"{name}.json").read_text("utf-8"))
    src = json.loads((ROOT / "fixtures" / "src" / f"{name}.json").read_text("utf-8"))
    return golden, dict(src.get("layout", {}))


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


def _label(layout: dict[str, Any], rank: int, key: str) -> str:
    per = {str(k): v for k, v in layout.get("story_labels", {}).items()}
    return per.get(str(rank), {}).get(key) or {**DEFAULT_LABELS, **layout.get("labels", {})}[key]


def _story_blocks(s: TopStory, layout: dict[str, Any]) -> list[tuple[str, Para]]:
    """(section, para) pairs; section is 'head' (title + at a glance) or 'rest'."""
    r = s.rank
    out: list[tuple[str, Para]] = [("head", Para("story", rich(s.title), number=f"{r}. "))]
    lab = lambda key: Run(_label(layout, r, key), bold=True, label=True)  # noqa: E731
    g = s.at_a_glance
    if g.text or g.points:
        runs = [lab("at_a_glance")]
        if g.text:
            runs += [Run(" "), *rich(g.text)]
        out.append(("head", Para("body", runs)))
        out += [("head", Para("bullet", rich(p))) for p in g.points]
    for k, p in enumerate(s.comment):
        runs = rich(p.text, [(ln.text, ln.url) for ln in p.links])
        if k == 0:
            runs = [lab("comment"), Run(" "), *runs]
        out.append(("rest", Para("body", runs)))
    if len(s.documents) > 1:
        raise ValueError(f"story {s.rank}: this page plan prints one document per story")
    for a in s.documents:
        if a.title or a.title_zh or a.url:
            runs = [lab("article")]
            if a.title:
                runs += [Run(" "), *rich(a.title)]
            if a.title_zh:
                runs += [Run(" ("), *rich(a.title_zh), Run(")")]
            if a.url:
                runs += [Run(" ("), Run("Link", href=a.url), Run(")")]
            out.append(("rest", Para("line", runs)))
        if a.issuing_bodies or not a.issuing_bodies_complete:
            sep = layout.get("issuing_body_separator", "; ")
            names = [b.acronym or b.name or "" for b in a.issuing_bodies]
            if not a.issuing_bodies_complete:
                names.append("etc.")
            key = "issuing_body" if len(a.issuing_bodies) == 1 else "issuing_bodies"
            out.append(("rest", Para("line", [lab(key), Run(" "), *rich(sep.join(names))])))
        if a.date:
            out.append(("rest", Para("line", [lab("date"), Run(" " + long_date(a.date))])))
    return out


def _news(item: NewsItem) -> Para:
    runs: list[Run] = []
    if item.date:
        runs.append(Run(f"{month_day(item.date)}:", italic=True))
    if item.text:
        if runs:
            runs.append(Run(" "))
        runs += rich(item.text, [(ln.text, ln.url) for ln in item.links])
    if item.sources:
        runs.append(Run(" ("))
        for k, src in enumerate(item.sources):
            if k:
                runs.append(Run("; "))
            tag = {"zh": " (CN)", "en": " (EN)", None: ""}[src.language]
            runs.append(Run(src.label + tag, href=src.url))
        runs.append(Run(")"))
    return Para("news", runs)


def header_text(issue: Issue, layout: dict[str, Any]) -> str:
    fmt = layout.get("header_text", "{newsletter} | {date}")
    date = long_date(issue.publication_date) if issue.publication_date else ""
    return " ".join(fmt.format(newsletter=issue.newsletter, date=date).split())


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
        Para("cover-title", plain(iss.newsletter)),
    ]
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
    # ---- stories
    entry_page = {e.title: e.page for e in iss.contents}
    for i, s in enumerate(iss.top_stories):
        if not s.pages:
            raise ValueError(f"{name}: story {s.rank} has no pages")
        page = pages.at(s.pages[0])
        if i == 0:
            top = f"MERICS TOP {len(iss.top_stories)}"
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
    if iss.policy_news or iss.corporate_news:
        first_page = entry_page["NOTEWORTHY"]
        page = pages.at(first_page)
        page.paras.append(Para("section", plain("NOTEWORTHY")))
        page.columns_from = len(page.paras)
        for title, items in (("Policy news", iss.policy_news),
                             ("Corporate news", iss.corporate_news)):
            if not items:
                continue
            page = pages.at(entry_page[title])
            page.paras.append(Para("subsection", plain(title)))
            for item in items:
                page = pages.at(item.page or page.number)
                page.paras.append(_news(item))
    # ---- back page
    back = pages.at(pages.pages[-1].number + 1)
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
    return Doc(name, iss, pages.pages, header_text(iss, layout), iss.newsletter)
