"""A readable Markdown rendering of an :class:`~newsextract.models.Issue`.

Headings for the issue and its sections, each top story with labelled parts (*At a
glance*, *MERICS comment*, the document, who issued it), the news lists as bullets whose
sources are Markdown links. Every value from the PDF is escaped for the place it goes
(:mod:`newsextract.batch.markdown_escape`): a headline holding ``*``, ``[``, ``<script>`` or
a line break cannot change the formatting or add an element, a link target cannot leave
its link, and only the link schemes the model allows (http, https, mailto) ever become
links.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsextract.batch.markdown_escape import escape_markdown, markdown_code
from newsextract.batch.markdown_escape import markdown_link as _link
from newsextract.models import (
    ContentsEntry,
    Issue,
    IssuingBody,
    Link,
    NewsItem,
    Person,
    TopStory,
    is_safe_url,
)
from newsextract.urls import UnsafeURLError, clean_url

__all__ = ["escape_markdown", "issue_to_markdown", "markdown_link"]


def markdown_link(text: str, url: str | None) -> str:
    """Return ``[text](url)``, both escaped; plain escaped text for an unsafe URL.

    Which URLs are safe is the models' decision (:func:`newsextract.models.is_safe_url`,
    the rule of :mod:`newsextract.urls`), so a stricter rule there applies here unchanged.
    """
    return _link(text, url, safe=url is not None and is_safe_url(url))


def _derived_link(text: str, url: str) -> str:
    """Return a link to ``url`` built from printed text (an e-mail, a website) if it is safe."""
    try:
        return markdown_link(text, clean_url(url))
    except UnsafeURLError:
        return markdown_link(text, None)


def _paragraph(text: str, links: Sequence[Link]) -> str:
    """Escape ``text``, turning the first occurrence of each link's text into a link."""
    out: list[str] = []
    pos = 0
    for link in links:
        idx = text.find(link.text, pos) if link.text else -1
        if idx < 0:
            continue
        out.append(escape_markdown(text[pos:idx]))
        out.append(markdown_link(link.text, link.url))
        pos = idx + len(link.text)
    out.append(escape_markdown(text[pos:]))
    return "".join(out).strip()


def _person(p: Person) -> str:
    return escape_markdown(p.name) + (f" ({escape_markdown(p.role)})" if p.role else "")


def _body(b: IssuingBody) -> str:
    if b.acronym and b.name and b.acronym != b.name:
        return f"{escape_markdown(b.acronym)} ({escape_markdown(b.name)})"
    return escape_markdown(b.acronym or b.name or "")


def _pages(pages: Sequence[int]) -> str:
    if not pages:
        return ""
    if len(pages) > 1 and pages[-1] - pages[0] == len(pages) - 1:
        return f"{pages[0]}–{pages[-1]}"
    return ", ".join(str(p) for p in pages)


def _contents(entries: Sequence[ContentsEntry]) -> list[str]:
    lines = ["## Contents", ""]
    for e in entries:
        indent = "  " if e.level == 2 else ""
        page = f" — p. {e.page}" if e.page is not None else ""
        lines.append(f"{indent}- {escape_markdown(e.title)}{page}")
    return [*lines, ""]


def _story(s: TopStory) -> list[str]:
    lines = [f"### {s.rank}. {escape_markdown(s.title)}", ""]
    if s.at_a_glance.text or s.at_a_glance.points:
        lines.append("**At a glance:** " + escape_markdown(s.at_a_glance.text).strip())
        lines.append("")
        lines.extend(f"- {escape_markdown(p)}" for p in s.at_a_glance.points)
        if s.at_a_glance.points:
            lines.append("")
    if s.comment:
        lines.extend(["**MERICS comment:**", ""])
        for par in s.comment:
            lines.extend([_paragraph(par.text, par.links), ""])
    facts: list[str] = []
    for d in s.documents:
        title = d.title or d.title_zh or d.url or "(untitled)"
        doc = markdown_link(title, d.url)
        if d.title_zh and d.title:
            doc += f" — {escape_markdown(d.title_zh)}"
        facts.append(f"- **Document:** {doc}")
        if d.issuing_bodies or not d.issuing_bodies_complete:
            bodies = "; ".join(_body(b) for b in d.issuing_bodies)
            if not d.issuing_bodies_complete:
                bodies = f"{bodies}; etc." if bodies else "etc."
            facts.append(f"  - **Issued by:** {bodies}")
        if d.date:
            facts.append(f"  - **Date:** {d.date.isoformat()}")
    for fig in s.figures:
        page = f" (p. {fig.page})" if fig.page else ""
        facts.append(f"- **Figure:** {escape_markdown(fig.caption)}{page}")
    if s.pages:
        facts.append(f"- **Pages:** {_pages(s.pages)}")
    if facts:
        lines.extend([*facts, ""])
    return lines


def _news(title: str, items: Sequence[NewsItem]) -> list[str]:
    lines = [f"## {title}", ""]
    for item in items:
        text = _paragraph(item.text, item.links)
        date = f"**{item.date.isoformat()}** — " if item.date else ""
        sources = []
        for src in item.sources:
            tag = {"zh": " (CN)", "en": " (EN)"}.get(src.language or "", "")
            sources.append(markdown_link(src.label, src.url) + tag)
        tail = f" *Sources:* {'; '.join(sources)}" if sources else ""
        lines.append(f"- {date}{text}{tail}")
    return [*lines, ""]


def issue_to_markdown(issue: Issue) -> str:
    """Render ``issue`` as a Markdown document (ends with a single newline)."""
    date = issue.publication_date.isoformat() if issue.publication_date else "undated"
    lines = [f"# {escape_markdown(issue.newsletter)} — {date}", ""]
    meta: list[str] = [f"- **Publisher:** {escape_markdown(issue.publisher)}"]
    period = issue.reporting_period
    if issue.issue_title:
        meta.insert(0, f"- **Topic:** {escape_markdown(issue.issue_title)}")
    if period is not None and (period.start or period.end):
        start = period.start.isoformat() if period.start else "?"
        end = period.end.isoformat() if period.end else "?"
        meta.append(f"- **Reporting period:** {start} – {end}")
    if issue.authors:
        meta.append("- **Authors:** " + "; ".join(_person(p) for p in issue.authors))
    if issue.editors:
        meta.append("- **Editors:** " + "; ".join(_person(p) for p in issue.editors))
    if issue.contact_email:
        meta.append(
            "- **Contact:** " + _derived_link(issue.contact_email, "mailto:" + issue.contact_email)
        )
    if issue.source is not None:
        meta.append(
            f"- **Source file:** {escape_markdown(issue.source.file_name)} "
            f"({issue.source.page_count} pages, sha256 {markdown_code(issue.source.sha256)})"
        )
    lines.extend([*meta, ""])
    if issue.contents:
        lines.extend(_contents(issue.contents))
    if issue.top_stories:
        lines.extend(["## MERICS Top stories", ""])
        for story in issue.top_stories:
            lines.extend(_story(story))
    if issue.policy_news:
        lines.extend(_news("Noteworthy policy news", issue.policy_news))
    if issue.corporate_news:
        lines.extend(_news("Noteworthy corporate news", issue.corporate_news))
    if issue.acknowledgements:
        lines.extend(["## Acknowledgements", "", escape_markdown(issue.acknowledgements), ""])
    info = issue.publisher_info
    if info.name or info.address or info.phone or info.email or info.website:
        lines.extend(["## Publisher", ""])
        if info.name:
            lines.append(f"- {escape_markdown(info.name)}")
        if info.address:
            lines.append("- " + ", ".join(escape_markdown(a) for a in info.address))
        if info.phone:
            lines.append(f"- Phone: {escape_markdown(info.phone)}")
        if info.email:
            lines.append("- E-mail: " + _derived_link(info.email, "mailto:" + info.email))
        if info.website:
            scheme = "" if info.website.lower().startswith(("http:", "https:")) else "https://"
            lines.append("- Web: " + _derived_link(info.website, scheme + info.website))
        lines.append("")
    if issue.warnings:
        lines.extend(["## Extraction warnings", ""])
        for w in issue.warnings:
            where = [f"p. {w.page}"] if w.page else []
            where += [markdown_code(w.field)] if w.field else []
            place = f" ({', '.join(where)})" if where else ""
            lines.append(f"- {markdown_code(w.code)}{place}: {escape_markdown(w.message)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
