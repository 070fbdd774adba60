"""Hypothesis strategies for hostile issues: what an attacker could put in a PDF's text.

Every string of an :func:`hostile_issues` draw is built from fragments chosen to break an
output format: control characters (ESC, NUL, CR, DEL, C1), bidi controls (U+202E ...),
spreadsheet formula starters (``=``, ``+``, ``-``, ``@``, TAB, CR, ``'``), Markdown and
HTML metacharacters (``[x](javascript:...)``, ``<script>``, ``# heading`` after a line
break, character references, backticks, table pipes) and URLs with spaces, line breaks,
parentheses and angle brackets. The issues are built with the models, so they hold only
what the models accept: a value a model refuses is replaced by the same value without
control characters, then by a plain one (so the strategy keeps working when the models
become stricter); URLs are what the extractor makes of the hostile targets
(:func:`~newsextract.urls.clean_url`: percent-encoded, or a plain URL where it refuses).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import regex
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from newsextract.models import (
    AtAGlance,
    ContentsEntry,
    DateRange,
    ExtractionWarning,
    Issue,
    IssuingBody,
    Link,
    NewsItem,
    NewsSource,
    Paragraph,
    Person,
    PolicyDocument,
    PublisherInfo,
    SourceFile,
    TopStory,
)
from newsextract.urls import UnsafeURLError, clean_url

__all__ = ["HOSTILE_SNIPPETS", "hostile_issues", "hostile_text", "hostile_url"]

#: Fragments that mean something to Markdown, HTML, a spreadsheet or a terminal.
HOSTILE_SNIPPETS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "</a>",
    '<img src=x onerror="alert(1)">',
    "<!--",
    "-->",
    "[x](javascript:alert(1))",
    "![i](https://e.org/i.png)",
    "[ref]",
    "\n[ref]: javascript:alert(1)\n",
    "\n# Injected heading\n",
    "\n\n- injected item",
    "\n===\n",
    "\n---\n",
    "    indented code",
    "> quote",
    "1. one",
    "2) two",
    "* star",
    "+ plus",
    "```",
    "`code`",
    "~~strike~~",
    "| a | b |\n| --- | --- |",
    "***",
    "__x__",
    "&lt;b&gt;",
    "&#60;script&#62;",
    "&amp;",
    "&copy;",
    "\\",
    "!",
    "<https://e.org>",
    "<javascript:alert(1)>",
    "<x@y.org>",
    "www.example.org",
    'https://e.org/a b"c',
    '=HYPERLINK("http://x","y")',
    "=1+2",
    "+49 30",
    "-1",
    "@SUM(A1:A9)",
    "\t=cmd",
    "\r=cmd",
    "'quoted",
    "\x1b[31m",
    "\x1b]8;;https://x\x07",
    "\x00",
    "\x7f",
    "\x85",
    "\x9b",
    "\u202eevil\u202c",
    "\u2066x\u2069",
    "\u200f",
    "\u2028",
    "%0A",
    "%",
    "(",
    ")",
    ")(",
    "<",
    ">",
    '"',
    "中文",
)

_ALPHABET = st.characters(codec="utf-8")  # every code point but the surrogates
_FRAGMENT = st.one_of(
    st.sampled_from(HOSTILE_SNIPPETS),
    st.text(_ALPHABET, max_size=6),
    st.sampled_from(("a", "word", " ", "  ", "\n", "x y")),
)
_CONTROLS = regex.compile(r"[\p{Cc}\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

M = TypeVar("M", bound=BaseModel)


def hostile_text(*, max_fragments: int = 5) -> st.SearchStrategy[str]:
    """Draw a string made of up to ``max_fragments`` hostile fragments (may be empty)."""
    return st.lists(_FRAGMENT, max_size=max_fragments).map("".join)


def hostile_url() -> st.SearchStrategy[str]:
    """Draw a URL with an allowed scheme and a hostile rest (spaces, ``)``, ``<``, breaks)."""
    scheme = st.sampled_from(("https://", "http://", "HTTPS://", "mailto:"))
    return st.builds(lambda s, rest: s + rest, scheme, hostile_text(max_fragments=4))


def _plain(value: object) -> object:
    """Return ``value`` with control and bidi characters removed from every string in it."""
    if isinstance(value, str):
        return _CONTROLS.sub("", value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _model(cls: type[M], fallback: Callable[[], M], **fields: Any) -> M:
    """Build ``cls`` from ``fields``; without controls if refused; else ``fallback()``."""
    for attempt in (fields, _plain(fields)):
        try:
            return cls(**attempt)  # type: ignore[arg-type]
        except ValidationError:
            continue
    return fallback()


def _url(draw: st.DrawFn) -> str | None:
    """Draw a hostile URL as the extractor outputs it (:func:`~newsextract.urls.clean_url`)."""
    url = draw(st.one_of(st.none(), hostile_url()))
    if url is None:
        return None
    try:
        return clean_url(url)
    except UnsafeURLError:
        return "https://example.org/"


def _label(draw: st.DrawFn) -> str:
    """Draw a hostile string that is not empty once stripped."""
    return draw(hostile_text()).strip() or "x" + draw(hostile_text())


def _links(draw: st.DrawFn, text: str) -> list[Link]:
    """Draw links whose text is a slice of ``text`` (so the renderer places them) or not."""
    links = []
    for _ in range(draw(st.integers(0, 2))):
        if text and draw(st.booleans()):
            i = draw(st.integers(0, len(text) - 1))
            j = draw(st.integers(i + 1, len(text)))
            link_text = text[i:j]
        else:
            link_text = draw(hostile_text(max_fragments=2))
        url = _url(draw) or "https://example.org/"
        links.append(
            _model(
                Link, lambda: Link(text="x", url="https://example.org/"), text=link_text, url=url
            )
        )
    return links


def _paragraph(draw: st.DrawFn) -> Paragraph:
    text = draw(hostile_text())
    return _model(Paragraph, lambda: Paragraph(text=""), text=text, links=_links(draw, text))


def _story(draw: st.DrawFn, rank: int) -> TopStory:
    bodies = [
        _model(
            IssuingBody,
            lambda: IssuingBody(acronym="X"),
            acronym=draw(st.one_of(st.none(), hostile_text(max_fragments=2))),
            name=_label(draw),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    glance = _model(
        AtAGlance,
        AtAGlance,
        text=draw(hostile_text()),
        points=draw(st.lists(hostile_text(max_fragments=3), max_size=3)),
    )
    return _model(
        TopStory,
        lambda: TopStory(rank=rank, title="x"),
        rank=rank,
        title=_label(draw),
        at_a_glance=glance,
        comment=[_paragraph(draw) for _ in range(draw(st.integers(0, 2)))],
        documents=[_model(
            PolicyDocument,
            PolicyDocument,
            title=draw(st.one_of(st.none(), hostile_text())),
            title_zh=draw(st.one_of(st.none(), hostile_text(max_fragments=2))),
            url=_url(draw),
            issuing_bodies=bodies,
            issuing_bodies_complete=draw(st.booleans()),
            date=draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1),
                                                    dt.date(2030, 12, 31)))),
        )],
        pages=sorted(draw(st.sets(st.integers(1, 40), max_size=3))),
    )


def _news(draw: st.DrawFn) -> NewsItem:
    text = draw(hostile_text())
    sources = [
        _model(
            NewsSource,
            lambda: NewsSource(label="x"),
            label=_label(draw),
            language=draw(st.sampled_from((None, "zh", "en"))),
            url=_url(draw),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return _model(
        NewsItem,
        lambda: NewsItem(text="x"),
        date=draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))),
        text=text,
        links=_links(draw, text),
        sources=sources,
        page=draw(st.one_of(st.none(), st.integers(1, 40))),
    )


def _email(draw: st.DrawFn) -> str | None:
    if draw(st.booleans()):
        return None
    parts = [draw(hostile_text(max_fragments=2)) or "a" for _ in range(3)]
    email = f"{parts[0]}@{parts[1]}.{parts[2]}"
    info = _model(PublisherInfo, PublisherInfo, email=email)
    return info.email


@st.composite
def hostile_issues(draw: st.DrawFn) -> Issue:
    """Draw a valid :class:`Issue` whose every string is hostile (see the module docstring)."""

    def people(most: int) -> list[Person]:
        return [
            _model(
                Person,
                lambda: Person(name="x"),
                name=_label(draw),
                role=draw(st.one_of(st.none(), hostile_text(max_fragments=2))),
            )
            for _ in range(draw(st.integers(0, most)))
        ]

    publisher = _model(
        PublisherInfo,
        PublisherInfo,
        name=draw(st.one_of(st.none(), hostile_text())),
        address=draw(st.lists(hostile_text(max_fragments=2), max_size=2)),
        phone=draw(st.one_of(st.none(), hostile_text(max_fragments=2))),
        email=_email(draw),
        website=draw(st.one_of(st.none(), hostile_text(max_fragments=2), hostile_url())),
    )
    contents = [
        _model(
            ContentsEntry,
            lambda: ContentsEntry(title="x", level=1),
            title=_label(draw),
            page=draw(st.one_of(st.none(), st.integers(1, 40))),
            level=draw(st.sampled_from((1, 2))),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    warnings = [
        _model(
            ExtractionWarning,
            lambda: ExtractionWarning(code="x", message="x"),
            code=draw(hostile_text(max_fragments=2)),
            message=draw(hostile_text()),
            page=draw(st.one_of(st.none(), st.integers(1, 40))),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    source = _model(
        SourceFile,
        lambda: SourceFile(file_name="x.pdf", sha256="0" * 64, page_count=1),
        file_name=draw(hostile_text(max_fragments=2)),
        sha256=draw(st.text("0123456789abcdef", min_size=64, max_size=64)),
        page_count=draw(st.integers(0, 40)),
    )
    pub = draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))))
    return _model(
        Issue,
        Issue,
        newsletter=draw(hostile_text()),
        publisher=draw(hostile_text(max_fragments=2)),
        publication_date=pub,
        reporting_period=DateRange(start=pub, end=pub),
        authors=people(2),
        editors=people(1),
        contact_email=_email(draw),
        publisher_info=publisher,
        contents=contents,
        top_stories=[_story(draw, rank) for rank in range(1, draw(st.integers(0, 2)) + 1)],
        policy_news=[_news(draw) for _ in range(draw(st.integers(0, 2)))],
        corporate_news=[_news(draw) for _ in range(draw(st.integers(0, 1)))],
        source=source,
        warnings=warnings,
    )
