"""Hypothesis strategies: valid :class:`~newsextract.models.Issue` objects and layouts.

Tools that depend on newsextract can generate test newsletters with these::

    from hypothesis import given
    from newsextract.testing import issue_and_layout, render_issue

    @given(issue_and_layout())
    def test_my_tool(pair):
        issue, layout = pair
        pdf = render_issue(issue, layout).pdf
        ...

* :func:`layouts` draws a random :class:`~newsextract.testing.Layout` (page size, margins,
  font family and size, CJK font, label spellings, header text, hyphenation, one or two
  Noteworthy columns, where page breaks fall, and what its era prints: cover title,
  top-list heading or none, introduction, charts, news order and punctuation);
* :func:`issues` draws an issue the renderer prints faithfully *in a given layout* (no word
  wider than the narrowest line of that layout), in the format of one of the newsletter's
  eras (:mod:`newsextract.testing.strategies_eras`: 2020 *Briefing*, 2022, 2024 *Brief*,
  2025 with stories citing several documents);
* :func:`issue_and_layout` draws both, the layout first, from one era.

Each takes ``eras`` (default: every era, :data:`ERAS`).

Every issue is one an extractor can read back exactly; where the printed form alone cannot
tell two issues apart, the strategy avoids one of them (each case is listed, with the
reason, in ``docs/testing.md``):

* a publication date whenever the cover has a reporting period or a news item a date (the
  printed dates have no year; the publication date anchors it);
* news dates inside the reporting period (or shortly before the publication date), story
  dates printed with their year;
* a news item's text ends with ")" only when sources follow it, and at least one of its
  sources carries a language tag or a link (a bare "(Caixin)" reads as part of the text);
* two links to the same URL are never separated by a single space only (they read as one);
* no token ends with "-" (a line-final real hyphen cannot be told from a break hyphen);
* in *At a glance*, every group after the first opens with a lead-in (the bullets of two
  groups one after the other read as one list) and every group but the last has bullets
  (a lead-in ending a page and the next one opening the following page read as one);
* in a story citing several documents, each has a title and a link (its "(Link)" closes
  it), and issuing bodies and dates are printed for all of them or for none (a list
  printed for some of them cannot be assigned to them);
* a Chinese title glued to the English one (no bracket, no space) starts with a Han
  character, and the English title before it holds no Chinese;
* with no reporting period on the cover, news dates lie within 120 days before the
  publication date (the year of an item dated after the publication month is the year
  before, so any date of the past eleven months reads back).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from hypothesis import strategies as st

from newsextract.fields.bodies import load_registry
from newsextract.models import (
    AtAGlance,
    DateRange,
    Figure,
    Issue,
    IssuingBody,
    Link,
    NewsItem,
    NewsSource,
    Paragraph,
    Person,
    PolicyDocument,
    PublisherInfo,
    TopStory,
)
from newsextract.testing.render_types import Layout
from newsextract.testing.strategies_eras import (
    ACKNOWLEDGEMENTS,
    COVER_TITLES,
    ERA_LABELS,
    ERAS,
    INTRODUCTIONS,
    ROLES_BARE,
    TOP_HEADINGS,
    TOPICS,
    caption,
    chart_specs,
    era_strings,
    glance_groups,
    several_documents,
    titles,
)
from newsextract.testing.strategies_text import (
    TextFit,
    cjk_phrase,
    sentence_tokens,
    title_tokens,
    tokens_to_text,
)

__all__ = [
    "ERAS", "LABEL_SPELLINGS", "characters", "issue_and_layout", "issues", "layouts",
    "text_fit",
]

#: Printed spellings of each story label that the vocabulary knows (``layouts`` draws them).
LABEL_SPELLINGS: dict[str, tuple[str, ...]] = {
    "at_a_glance": ("At a glance:", "At a Glance:", "At-a-glance:", "In brief:"),
    "comment": ("MERICS comment:", "MERICS Comment:", "MERICS comments:", "MERICS view:",
                "Comment:", "MERICs comment:"),
    "article": ("Article:", "Source document:", "Document:"),
    "articles": ("Articles:",),
    "issuing_bodies": ("Issuing bodies:", "Issuing Bodies:", "Issued by:",
                       "Issuing authorities:"),
    "issuing_body": ("Issuing body:", "Issued by:", "Issuing authority:"),
    "date": ("Date:", "Date :", "Date issued:", "Issue date:", "Published:"),
}

_HEADERS = ("{newsletter} | {date}", "MERICS China Industries – {date}", "{newsletter}",
            "MERICS {newsletter} {date}")
_CONTACT_LABELS = ("For more information, please contact:", "Contact:")

_URLS = (
    "https://www.gov.cn/zhengce/content/202401/content_{n}.htm",
    "https://www.miit.gov.cn/zwgk/zcwj/art_{n}.html",
    "https://example.com/a?b={n}&c=2",
    "http://www.xinhuanet.com/2024-01/{n}.htm",
    "https://www.caixinglobal.com/{n}/",
    "mailto:press{n}@example.org",
)
_SOURCE_LABELS = (
    "MIIT notice", "State Council document", "NDRC statement", "Xinhua article",
    "Caixin report", "Caixin article", "SCMP article", "Reuters article", "Yicai article",
    "Securities Times report", "Company announcement", "CATL press release", "Gov.cn notice",
)
_NAMES = (
    "Jane Doe", "Richard Roe", "Rebecca Arcesati", "François Chimits", "Max J. Zenglein",
    "Antonia Hmaidi", "Jeroen Groenewegen-Lau", "Kevin Liang", "Anna Pfeiffer", "Wang Lei",
    "Noah Petersen", "Julia Brandt",
)
_ROLES = (
    "Analyst, MERICS", "Senior Analyst, MERICS", "Head of Program Economy, MERICS",
    "Director Communications and Publications, MERICS", "Editor, MERICS",
    "Chief Economist", "Visiting Academic Fellow, MERICS",
)
_EMAILS = ("publications@merics.de", "editors@example.org", "info@merics.de",
           "press@example.com")
_PUBLISHERS = ("MERICS | Mercator Institute for China Studies",
               "Mercator Institute for China Studies")
_ADDRESS = ("Klosterstraße 64", "Alte Jakobstraße 85", "10179 Berlin", "Germany",
            "Berlin, Germany")
_PHONES = ("+49 30 3440 999 0", "+49 (0)30 3440 999 0", "030 3440 999 0")
_WEBSITES = ("www.merics.org", "merics.org", "https://merics.org/en")


# ------------------------------------------------------------------------------- layouts

@st.composite
def layouts(draw: st.DrawFn, news_columns: Literal[1, 2] | None = None,
            eras: Sequence[str] = ERAS) -> Layout:
    """Draw a :class:`Layout` from the whole supported range, in one of ``eras``.

    Page size, margins (10-50 mm), font family, body size (6-16 pt), CJK font, header text,
    footer numbers, issuing-body separator, label spellings (also per story), hyphenation,
    page breaks before Noteworthy and between stories, the contact label and one or two
    Noteworthy columns (fixed when ``news_columns`` is given); then what the era prints
    (:mod:`~newsextract.testing.strategies_eras`): cover title, top-list heading or none,
    introduction, acknowledgements position, charts and their frame, label drift, glued
    Chinese titles, corporate news first, a full stop after news sources.
    """
    era = draw(st.sampled_from(tuple(eras)))
    spellings_of = {key: (*spellings, *ERA_LABELS.get(era, {}).get(key, ()))
                    for key, spellings in LABEL_SPELLINGS.items()}
    labels = {
        key: draw(st.sampled_from(spellings))
        for key, spellings in spellings_of.items()
        if draw(st.integers(0, 3)) == 0
    }
    drift = ("Date :", "MERICs comment:", "At a Glance:", "Issuing Bodies:",
             *(s for per in ERA_LABELS.get(era, {}).values() for s in per))
    per_story = draw(st.dictionaries(
        st.integers(1, 6),
        st.dictionaries(st.sampled_from(sorted(LABEL_SPELLINGS)), st.sampled_from(drift)),
        max_size=2,
    ))
    story_labels = {
        rank: {k: v for k, v in per.items()
               if v in spellings_of[k]}
        for rank, per in per_story.items()
    }
    layout = Layout(
        page_size=draw(st.sampled_from(("A4", "letter"))),
        margin_mm=draw(st.integers(20, 100)) / 2,
        font_family=draw(st.sampled_from(("sans", "serif"))),
        body_size=draw(st.integers(12, 32)) / 2,
        cjk_font=draw(st.sampled_from(("embedded", "cid"))),
        header_text=draw(st.sampled_from(_HEADERS)),
        footer_page_numbers=draw(st.booleans()),
        issuing_body_separator=draw(st.sampled_from(("; ", ", "))),
        labels=labels,
        story_labels={r: v for r, v in story_labels.items() if v},
        hyphenate=draw(st.booleans()),
        page_break_before_noteworthy=draw(st.booleans()),
        stories_start_new_page=draw(st.booleans()),
        contact_label=draw(st.sampled_from(_CONTACT_LABELS)),
        news_columns=news_columns if news_columns is not None else draw(st.sampled_from((1, 2))),
        cover_title=draw(st.sampled_from(COVER_TITLES[era])),
        top_heading=draw(st.sampled_from(TOP_HEADINGS[era])),
    )
    if era in ("2024", "2025"):
        layout = replace(
            layout,
            introduction=draw(st.none() | st.sampled_from(INTRODUCTIONS)),
            acknowledgements_at=draw(st.sampled_from(("back", "news"))),
            chart_frame=draw(st.booleans()),
        )
        layout = replace(layout, charts=draw(st.dictionaries(
            st.integers(1, 4), chart_specs(layout), max_size=2)))
    if era == "2025":
        layout = replace(
            layout,
            corporate_first=draw(st.booleans()),
            news_source_stop=draw(st.integers(0, 3)) > 0,
            glued_title_zh=tuple(draw(st.sets(st.integers(1, 6), max_size=3))),
        )
    return layout


def text_fit(layout: Layout) -> TextFit:
    """Return the :class:`TextFit` of ``layout``: the widest unbreakable token it can print.

    The narrowest lines are a contents entry (indent, "99. ", leader reserve), a news or
    bullet item (hanging indent, in one Noteworthy column) and a story title (1.3 times the
    body size, bold).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from newsextract.testing.render_styles import toc_reserve
    from newsextract.testing.render_text import get_fonts

    fonts = get_fonts(layout.font_family, layout.cjk_font)
    b = layout.body_size
    frame = layout.page_dimensions[0] - 2 * layout.margin_pt
    toc = frame - 1.5 * b - toc_reserve(fonts, b) - float(stringWidth("99. ", fonts.regular, b))
    news = layout.news_column_width - 1.5 * b
    scale = 1.3
    limit = 0.97 * min(frame, scale * toc, scale * news)
    return TextFit(layout.font_family, layout.cjk_font, b, limit, scale)


# ---------------------------------------------------------------------------------- text

@st.composite
def _paragraph(
    draw: st.DrawFn, fit: TextFit, *, sentences: int = 3, end: str = ".",
    allow_parens: bool = True, min_words: int = 3,
) -> list[str]:
    """Draw 1..``sentences`` sentences as one token list."""
    n = draw(st.integers(1, sentences))
    tokens: list[str] = []
    for k in range(n):
        tokens += draw(sentence_tokens(fit, min_words=min_words,
                                       end=end if k == n - 1 else ".",
                                       allow_parens=allow_parens))
    return tokens


_URL = st.builds(lambda t, n: t.format(n=n), st.sampled_from(_URLS), st.integers(1, 40))


@st.composite
def _links(draw: st.DrawFn, tokens: list[str], max_links: int = 3) -> list[Link]:
    """Draw links over disjoint, ordered token ranges of ``tokens``.

    The renderer puts a link on the first occurrence of its text after the link before,
    so a range whose text occurs earlier (the "1" of "15th" before a token "1") is skipped:
    the link would not be printed where it was drawn.
    """
    n = len(tokens)
    text = tokens_to_text(tokens)
    starts = sorted(set(draw(st.lists(st.integers(0, n - 1), max_size=max_links))))
    links: list[Link] = []
    prev_end, prev_url, prev_char = -2, "", 0
    for k, s in enumerate(starts):
        if s < prev_end:
            continue
        stop = starts[k + 1] if k + 1 < len(starts) else n
        e = min(stop, s + draw(st.integers(1, 4)))
        url = draw(_URL)
        if s == prev_end and url == prev_url:
            continue  # two same-URL links one space apart read as one link
        link_text = tokens_to_text(tokens[s:e])
        at = len(tokens_to_text(tokens[:s])) + (1 if s else 0)
        if text.find(link_text, prev_char) != at:
            continue
        links.append(Link(text=link_text, url=url))
        prev_end, prev_url, prev_char = e, url, at + len(link_text)
    return links


def _fitting(fit: TextFit, options: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Options whose every word fits (the shortest option when none does)."""
    ok = [o for o in options if all(fit.fits(w) for w in o.split())]
    return st.sampled_from(ok or [min(options, key=len)])


# ---------------------------------------------------------------------------------- dates

@st.composite
def _publication_date(draw: st.DrawFn) -> dt.date:
    """Draw a date in 2015-2030, often just after New Year (periods then cross it)."""
    if draw(st.booleans()):
        year = draw(st.integers(2015, 2030))
        return dt.date(year, 1, 1) + dt.timedelta(days=draw(st.integers(0, 45)))
    return draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))


@st.composite
def _period(draw: st.DrawFn, pub: dt.date) -> DateRange | None:
    """Draw a reporting period ending on or before ``pub``; sometimes open-ended or absent."""
    end = pub - dt.timedelta(days=draw(st.integers(0, 10)))
    start = end - dt.timedelta(days=draw(st.integers(0, 40)))
    kind = draw(st.sampled_from(("full", "full", "full", "full", "start", "end", "none")))
    if kind == "none":
        return None
    return DateRange(start=start if kind in ("full", "start") else None,
                     end=end if kind in ("full", "end") else None)


def _news_window(
    pub: dt.date | None, period: DateRange | None, era: str = "2022"
) -> tuple[dt.date, dt.date] | None:
    if pub is None:
        return None
    if period is None and era == "2025":
        return pub - dt.timedelta(days=120), pub  # news over four months
    end = (period.end if period else None) or pub
    start = (period.start if period else None) or end - dt.timedelta(days=40)
    return start, end


# -------------------------------------------------------------------------------- stories

@st.composite
def _bodies(draw: st.DrawFn, fit: TextFit) -> list[IssuingBody]:
    entries = load_registry().entries
    picked = draw(st.lists(st.sampled_from(entries), max_size=6))
    out = []
    for e in picked:
        body = IssuingBody(acronym=e.acronym, name=e.name)
        printed = e.acronym or e.name
        if all(fit.fits(w + ";") for w in printed.split()):
            out.append(body)
    return out


@st.composite
def _story(draw: st.DrawFn, fit: TextFit, rank: int, pub: dt.date | None, era: str,
           layout: Layout) -> TopStory:
    title = tokens_to_text(draw(title_tokens(fit)))
    if era == "2022":
        glance_text = ""
        if draw(st.integers(0, 5)):
            glance_text = tokens_to_text(draw(_paragraph(
                fit, sentences=3, end=draw(st.sampled_from((".", ":"))))))
        points = [tokens_to_text(draw(_paragraph(fit, sentences=2, end=draw(st.sampled_from(
            ("", "."))), min_words=2))) for _ in range(draw(st.integers(0, 4)))]
        glance = AtAGlance(text=glance_text, points=points)
    else:
        glance = AtAGlance(groups=draw(glance_groups(fit, era)))
    comment = []
    for _ in range(draw(st.integers(0, 3))):
        tokens = draw(_paragraph(fit, sentences=4))
        comment.append(Paragraph(text=tokens_to_text(tokens), links=draw(_links(tokens))))
    figures = []
    if era in ("2024", "2025") and comment and draw(st.integers(0, 2)) == 0:
        for j in range(draw(st.integers(1, 2))):
            figures.append(Figure(caption=draw(caption(j + 1, layout, fit))))
    glued = rank in layout.glued_title_zh
    if era == "2025" and draw(st.integers(0, 2)) == 0:
        documents = draw(several_documents(fit, glued, pub))
    else:
        documents = draw(_one_document(fit, pub, era, glued))
    return TopStory(rank=rank, title=title, at_a_glance=glance, comment=comment,
                    documents=documents, figures=figures)


@st.composite
def _one_document(draw: st.DrawFn, fit: TextFit, pub: dt.date | None, era: str,
                  glued: bool) -> list[PolicyDocument]:
    en = zh = url = None
    if draw(st.integers(0, 5)):
        if era == "2025":
            drawn = draw(titles(fit, glued))
            en, zh = drawn["title"], drawn["title_zh"]
        else:
            en = tokens_to_text(draw(title_tokens(fit))) if draw(st.integers(0, 4)) else None
            zh = draw(cjk_phrase(fit)) or None if draw(st.integers(0, 3)) else None
        url = draw(_URL.filter(lambda u: not u.startswith("mailto:"))) if draw(
            st.integers(0, 4)) else None
    bodies = draw(_bodies(fit)) if draw(st.integers(0, 5)) else []
    complete = draw(st.integers(0, 4)) > 0
    date = None
    if draw(st.integers(0, 5)):
        hi = pub or dt.date(2030, 12, 31)
        date = draw(st.dates(hi - dt.timedelta(days=400), hi))
    if any((en, zh, url, bodies, date)) or not complete:
        return [PolicyDocument(title=en, title_zh=zh, url=url, issuing_bodies=bodies,
                               issuing_bodies_complete=complete, date=date)]
    return []


# ----------------------------------------------------------------------------------- news

@st.composite
def _sources(draw: st.DrawFn, fit: TextFit, era: str = "2022") -> list[NewsSource]:
    if era == "2025" and draw(st.integers(0, 2)):
        # one or two untagged sources, linked: "(NDRC action plan)"
        return [NewsSource(label=draw(_fitting(fit, _SOURCE_LABELS)), url=draw(_URL))
                for _ in range(draw(st.integers(1, 2)))]
    n = draw(st.integers(0, 3))
    out: list[NewsSource] = []
    for _ in range(n):
        label = draw(_fitting(fit, _SOURCE_LABELS))
        language: Literal["zh", "en"] | None = draw(st.sampled_from(("zh", "en", None)))
        url = draw(_URL) if draw(st.integers(0, 3)) else None
        out.append(NewsSource(label=label, language=language, url=url))
    if out and all(s.language is None and s.url is None for s in out):
        # A list of bare labels reads as a bracketed remark: give one a tag.
        out[0] = out[0].model_copy(update={"language": "zh"})
    return out


@st.composite
def _news_item(draw: st.DrawFn, fit: TextFit,
               window: tuple[dt.date, dt.date] | None, era: str = "2022") -> NewsItem:
    sources = draw(_sources(fit, era))
    tokens = draw(_paragraph(fit, sentences=2, end=draw(st.sampled_from(("", ".")))))
    if not sources:
        while tokens and tokens[-1].endswith(")"):
            tokens[-1] = tokens[-1].rstrip(")")
            if not tokens[-1]:
                tokens.pop()
        if not tokens:
            tokens = ["Policy"]
    date = None
    if window is not None and draw(st.integers(0, 7)):
        date = draw(st.dates(*window))
    return NewsItem(date=date, text=tokens_to_text(tokens), links=draw(_links(tokens)),
                    sources=sources)


# ------------------------------------------------------------------------------ back page

@st.composite
def _people(draw: st.DrawFn, fit: TextFit, most: int,
            roles: tuple[str, ...] = _ROLES) -> list[Person]:
    names = draw(st.lists(_fitting(fit, _NAMES), max_size=most, unique=True))
    return [Person(name=n, role=draw(st.none() | _fitting(fit, roles))) for n in names]


@st.composite
def _publisher(draw: st.DrawFn, fit: TextFit) -> PublisherInfo:
    if not draw(st.integers(0, 5)):
        return PublisherInfo()

    def maybe(options: tuple[str, ...]) -> str | None:
        return draw(_fitting(fit, options)) if draw(st.integers(0, 4)) else None

    return PublisherInfo(
        name=maybe(_PUBLISHERS),
        address=draw(st.lists(_fitting(fit, _ADDRESS), max_size=3)),
        phone=maybe(_PHONES),
        email=maybe(_EMAILS),
        website=maybe(_WEBSITES),
    )


# ---------------------------------------------------------------------------------- issue

@st.composite
def issues(draw: st.DrawFn, layout: Layout | None = None, max_stories: int = 4,
           max_news: int = 6, eras: Sequence[str] = ERAS) -> Issue:
    """Draw a valid :class:`Issue` that ``layout`` (default: ``Layout()``) prints faithfully.

    Any number of stories (0..``max_stories``, ranks ascending, usually 1..n) and policy and
    corporate news items (0..``max_news`` each; at least one story or item so the PDF is a
    newsletter), short and long texts with links, Chinese titles, optional fields left
    empty, a reporting period that may cross a year boundary; in the format of one of
    ``eras`` (glance groups, figures, several documents per story, a topic title, a thanks
    line, untagged sources, no reporting period: see
    :mod:`~newsextract.testing.strategies_eras`). Layout-derived fields (contents, pages)
    stay empty: :func:`~newsextract.testing.render_issue` fills them in.
    """
    layout = layout or Layout()
    era = draw(st.sampled_from(tuple(eras)))
    fit = text_fit(layout)
    pub = None if draw(st.integers(0, 7)) == 0 else draw(_publication_date())
    period = draw(_period(pub)) if pub is not None else None
    if era == "2025" and draw(st.booleans()):
        period = None  # a cover with a date and no reporting period
    n = draw(st.integers(0, max_stories))
    if draw(st.integers(0, 3)):
        ranks = list(range(1, n + 1))
    else:
        ranks = sorted(draw(st.lists(st.integers(1, 20), min_size=n, max_size=n, unique=True)))
    stories = [draw(_story(fit, r, pub, era, layout)) for r in ranks]
    window = _news_window(pub, period, era)
    policy = draw(st.lists(_news_item(fit, window, era), max_size=max_news))
    corporate = draw(st.lists(_news_item(fit, window, era), max_size=max_news))
    if not (stories or policy or corporate):
        policy = [draw(_news_item(fit, window, era))]
    modern = era in ("2024", "2025")
    return Issue(
        publication_date=pub,
        reporting_period=period,
        issue_title=draw(_topic_title(fit)) if modern and draw(st.booleans()) else None,
        authors=draw(_people(fit, 3, ROLES_BARE if modern else _ROLES)),
        editors=draw(_people(fit, 2)),
        contact_email=draw(st.none() | _fitting(fit, _EMAILS)),
        publisher_info=draw(_publisher(fit)),
        top_stories=stories,
        policy_news=policy,
        corporate_news=corporate,
        acknowledgements=(draw(_thanks(fit)) if modern and draw(st.booleans()) else None),
    )


@st.composite
def _topic_title(draw: st.DrawFn, fit: TextFit) -> str:
    """Draw a topic title: two or three topics joined by " + "."""
    topics = draw(st.lists(_fitting(fit, TOPICS), min_size=2, max_size=3, unique=True))
    return " + ".join(topics)


@st.composite
def _thanks(draw: st.DrawFn, fit: TextFit) -> str:
    """Draw a thanks line naming a contributor."""
    template = draw(st.sampled_from(ACKNOWLEDGEMENTS))
    return template.format(name=draw(_fitting(fit, _NAMES)))


@st.composite
def issue_and_layout(draw: st.DrawFn, news_columns: Literal[1, 2] | None = None,
                     max_stories: int = 4, max_news: int = 6,
                     eras: Sequence[str] = ERAS) -> tuple[Issue, Layout]:
    """Draw an era of ``eras``, a layout of it, then an issue of it that fits the layout."""
    era = draw(st.sampled_from(tuple(eras)))
    layout = draw(layouts(news_columns=news_columns, eras=(era,)))
    issue = draw(issues(layout, max_stories=max_stories, max_news=max_news, eras=(era,)))
    return issue, layout



# ----------------------------------------------------------------------------- characters

def characters() -> frozenset[str]:
    """Return every character the strategies can put into an issue or a layout.

    Taken from the vocabulary the strategies draw from: the words, numbers, Chinese words,
    title shapes and decorations of :mod:`~newsextract.testing.strategies_text`, the label
    spellings, headers, names, roles, addresses, URLs and other strings above, the
    issuing-body registry, each in upper case too (:class:`TextFit` measures upper-case
    tokens; sentences are capitalised), and all of printable ASCII (model defaults, codes
    and dates are ASCII). The packaged font subsets hold all of them
    (:mod:`newsextract.testing.charset`).
    """
    from newsextract.testing.strategies_text import (
        CJK_WORDS,
        DECORATIONS,
        LATIN_WORDS,
        NUMBER_TOKENS,
        TITLE_SHAPES,
    )

    strings: list[str] = [
        *LATIN_WORDS, *NUMBER_TOKENS, *CJK_WORDS, *TITLE_SHAPES.values(), DECORATIONS,
        *(s for spellings in LABEL_SPELLINGS.values() for s in spellings), *_HEADERS,
        *_CONTACT_LABELS, *_URLS, *_SOURCE_LABELS, *_NAMES, *_ROLES, *_EMAILS, *_PUBLISHERS,
        *_ADDRESS, *_PHONES, *_WEBSITES, "".join(chr(c) for c in range(0x20, 0x7F)),
        *era_strings(),
        *(s for e in load_registry().entries for s in (e.acronym or "", e.name)),
    ]
    return frozenset("".join(strings) + "".join(strings).upper())
