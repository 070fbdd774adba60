"""What the newsletter's eras add to the strategies of :mod:`newsextract.testing.strategies`.

The eras (``docs/fixtures.md`` shows one fixture of each):

* ``"2020"`` *Briefing*: cover title "China Industries Briefing", no top-list heading or
  "MERICS' Top {n}", an *At a glance* summary ending in a lead-in sentence of its own
  ("These include:") before its bullets;
* ``"2022"``: the format the project was built on (every option at its default);
* ``"2024"`` *Brief*: cover title "China Industries Brief", heading "MERICS Top {n}", a
  topic title, an introduction listing the stories, glance groups (two lead-ins, each with
  its bullets), charts with captions, back-page roles without the institute, a thanks line;
* ``"2025"``: as 2024, plus stories citing two or three documents, Chinese titles glued to
  the English ones, drifting label spellings, untagged linked news sources with a full stop
  after their bracket, corporate news first, news over four months with no reporting
  period on the cover.

Each strategy here draws only what its era prints and only what reads back exactly (the
genuine ambiguities avoided are listed in :mod:`newsextract.testing.strategies`).
"""

from __future__ import annotations

import datetime as dt

import regex
from hypothesis import strategies as st

from newsextract.fields.bodies import load_registry
from newsextract.models import GlanceGroup, IssuingBody, PolicyDocument
from newsextract.testing.render_chart import Chart, chart_plot
from newsextract.testing.render_types import Layout
from newsextract.testing.strategies_text import (
    TextFit,
    cjk_phrase,
    sentence_tokens,
    tokens_to_text,
)

__all__ = [
    "ACKNOWLEDGEMENTS",
    "CAPTION_TOPICS",
    "CHART_WORDS",
    "COVER_TITLES",
    "ERAS",
    "ERA_LABELS",
    "INTRODUCTIONS",
    "LEAD_INS",
    "ROLES_BARE",
    "TOPICS",
    "TOP_HEADINGS",
    "era_strings",
    "fits_caption",
]

#: The eras, oldest first.
ERAS: tuple[str, ...] = ("2020", "2022", "2024", "2025")
#: Cover titles per era (None: the newsletter's name, "China Industries").
COVER_TITLES: dict[str, tuple[str | None, ...]] = {
    "2020": ("China Industries Briefing", "MERICS China Industries Briefing"),
    "2022": (None,),
    "2024": ("China Industries Brief",),
    "2025": ("China Industries Brief", "MERICS China Industries Brief"),
}
#: Top-list headings per era (None: no heading at all).
TOP_HEADINGS: dict[str, tuple[str | None, ...]] = {
    "2020": (None, "MERICS' Top {n}"),
    "2022": ("MERICS TOP {n}",),
    "2024": ("MERICS Top {n}",),
    "2025": ("MERICS Top {n}",),
}
INTRODUCTIONS = (
    "In this issue of MERICS China Industries Brief, we cover the following topics:",
    "In this issue of MERICS China Industries, we cover the following topics:",
)
#: Label spellings an era adds, by label key (labels drift in number and case).
ERA_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "2025": {
        "article": ("Articles:",),
        "articles": ("Articles:", "Article:"),
        "issuing_bodies": ("Issuing body:", "Issuing Body:", "Issuing Bodies:"),
        "issuing_body": ("Issuing Body:", "Issuing bodies:"),
    },
}
#: The 2020-21 summaries end in a lead-in sentence of their own before the bullets.
LEAD_INS = ("These include:", "The main action points include:", "Key targets include:",
            "The plan's main goals are:")
#: Short topics; a topic title joins two or three with " + ".
TOPICS = ("Chip subsidies", "Port automation", "Rare earths", "Battery recycling",
          "Humanoid robots", "Solar overcapacity", "Data centers", "Low-altitude economy",
          "Shipbuilding", "Steel output", "EV exports")
ROLES_BARE = ("Analyst", "Senior Analyst", "Visiting Fellow", "Head of Program Economy",
              "Lead Analyst")
ACKNOWLEDGEMENTS = (
    "The authors would like to thank {name} for her contributions to this MERICS China "
    "Industries.",
    "The authors would like to thank {name} for his contributions to this MERICS China "
    "Industries.",
    "The authors would like to thank {name} for their research assistance.",
)
#: Caption parts: "Figure {k}: {topic} by {dimension}, {years} ({unit})", shortened to fit.
CAPTION_TOPICS = ("Chip subsidies", "Port throughput", "Battery output", "Solar exports",
                  "Steel output", "Robot installations")
CHART_WORDS = {
    "dimension": ("province", "year", "company", "sector"),
    "unit": ("CNY bn", "GWh", "number", "percent", "mn t"),
    "province": ("Jiangsu", "Zhejiang", "Guangdong", "Shandong", "Hubei", "Sichuan", "Anhui",
                 "Inner Mongolia"),
    "year": ("2019", "2020", "2021", "2022", "2023", "2024", "2025"),
    "quarter": ("Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024", "Q1 2025"),
    "source": ("Source: NBS", "Source: MIIT, MERICS research", "Source: company reports",
               "Source: Wind"),
}
_HAN_START = regex.compile(r"^\p{Han}")


def era_strings() -> list[str]:
    """Return every string the era strategies can print (for the font coverage)."""
    out: list[str] = [*INTRODUCTIONS, *LEAD_INS, *TOPICS, " + ", *ROLES_BARE,
                      *ACKNOWLEDGEMENTS, *CAPTION_TOPICS, "Figure 1: by , 2020-2024 ()",
                      "0123456789.", "Index", "Year", "Province", "Quarter"]
    out += [t for titles in (*COVER_TITLES.values(), *TOP_HEADINGS.values())
            for t in titles if t]
    out += [s for labels in ERA_LABELS.values() for spellings in labels.values()
            for s in spellings]
    out += [w for words in CHART_WORDS.values() for w in words]
    return out


def fits_caption(caption: str, layout: Layout, fit: TextFit) -> bool:
    """Say whether ``caption`` prints on one line of a chart in ``layout`` (bold, body size)."""
    width = layout.page_dimensions[0] - 2 * layout.margin_pt
    try:
        plot = chart_plot(Chart(bars=(("2020", 1.0),)), caption, width, layout.body_size,
                          frame=layout.chart_frame)
    except ValueError:
        return False
    inner = width - 2 * plot.caption.x
    return fit.width(caption) / fit.scale <= inner


@st.composite
def chart_specs(draw: st.DrawFn, layout: Layout) -> list[Chart]:
    """Draw one or two charts that fit ``layout`` (comment paragraphs they follow ascending)."""
    width = layout.page_dimensions[0] - 2 * layout.margin_pt
    out: list[Chart] = []
    after = 0
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(("province", "year", "quarter")))
        cats = draw(st.lists(st.sampled_from(CHART_WORDS[kind]), min_size=1,
                             max_size=8, unique=True))
        values = [draw(st.integers(0, 2000)) / 10 for _ in cats]
        after = draw(st.integers(after, after + 2))
        chart = Chart(
            bars=tuple(zip(cats, values, strict=True)),
            unit=draw(st.sampled_from(("", *CHART_WORDS["unit"]))),
            axis_label=draw(st.sampled_from(("", kind.capitalize()))),
            source=draw(st.none() | st.sampled_from(CHART_WORDS["source"])),
            after_comment=after,
        )
        while True:
            try:
                chart_plot(chart, "Figure 1", width, layout.body_size, frame=layout.chart_frame)
                break
            except ValueError:  # too many bars, or the source line too long: fewer, none
                chart = Chart(bars=chart.bars[:-1] or (("2020", 1.0),), unit=chart.unit,
                              axis_label=chart.axis_label, after_comment=after)
        out.append(chart)
    return out


@st.composite
def caption(draw: st.DrawFn, number: int, layout: Layout, fit: TextFit) -> str:
    """Draw a figure caption that fits a chart of ``layout`` on one line."""
    topic = draw(st.sampled_from(CAPTION_TOPICS))
    dim = draw(st.sampled_from(CHART_WORDS["dimension"]))
    unit = draw(st.sampled_from(CHART_WORDS["unit"]))
    for text in (f"Figure {number}: {topic} by {dim}, 2020-2024 ({unit})",
                 f"Figure {number}: {topic} by {dim}", f"Figure {number}: {topic}",
                 f"Figure {number}"):
        if fits_caption(text, layout, fit):
            return text
    return topic.split()[0]


@st.composite
def glance_groups(draw: st.DrawFn, fit: TextFit, era: str) -> list[GlanceGroup]:
    """Draw *At a glance* as groups: one (2020: its text ends in a lead-in) or two (2024-).

    Every group after the first opens with a lead-in (bullets of two groups one after the
    other read as one list) and every group but the last has bullets (a lead-in that ends
    a page and the next one that opens the following page read as one paragraph).
    """
    count = draw(st.integers(1, 2)) if era in ("2024", "2025") else 1
    groups: list[GlanceGroup] = []
    for g in range(count):
        last = g == count - 1
        points = [tokens_to_text(draw(_sentences(fit, 2, draw(st.sampled_from(("", "."))))))
                  for _ in range(draw(st.integers(0 if last else 1, 4)))]
        text = ""
        if g or draw(st.integers(0, 5)):
            text = tokens_to_text(draw(_sentences(fit, 3, draw(st.sampled_from((".", ":"))))))
            if era == "2020" and points:
                lead = draw(st.sampled_from([s for s in LEAD_INS
                                             if all(fit.fits(w) for w in s.split())] or [""]))
                head = text[:-1] + "." if text.endswith(":") else text
                text = " ".join(t for t in (head, lead) if t)
        if text or points:
            groups.append(GlanceGroup(text=text, points=points))
    return groups


@st.composite
def _sentences(draw: st.DrawFn, fit: TextFit, most: int, end: str) -> list[str]:
    n = draw(st.integers(1, most))
    tokens: list[str] = []
    for k in range(n):
        tokens += draw(sentence_tokens(fit, min_words=2, end=end if k == n - 1 else "."))
    return tokens


def _acronym_bodies() -> list[IssuingBody]:
    return [IssuingBody(acronym=e.acronym, name=e.name) for e in load_registry().entries
            if e.acronym]


@st.composite
def several_documents(draw: st.DrawFn, fit: TextFit, glued: bool,
                      pub: dt.date | None) -> list[PolicyDocument]:
    """Draw two or three documents of one story, each with a title and a link.

    Bodies and dates go to all of them or to none (a list printed for some only cannot be
    assigned); in a ``glued`` story the Chinese titles start with a Han character and the
    English titles hold no Chinese, so the two can be told apart without a bracket.
    """
    n = draw(st.integers(2, 3))
    with_bodies, with_dates = draw(st.booleans()), draw(st.booleans())
    hi = pub or dt.date(2030, 12, 31)
    docs = []
    for _ in range(n):
        docs.append(PolicyDocument(
            **draw(titles(fit, glued, required=True)),
            url=draw(st.sampled_from(_DOC_URLS)).format(n=draw(st.integers(1, 99))),
            issuing_bodies=(draw(st.lists(st.sampled_from(_acronym_bodies()), min_size=1,
                                          max_size=4)) if with_bodies else []),
            issuing_bodies_complete=not (with_bodies and draw(st.integers(0, 4)) == 0),
            date=draw(st.dates(hi - dt.timedelta(days=400), hi)) if with_dates else None,
        ))
    return docs


_DOC_URLS = ("https://www.gov.cn/zhengce/content/2025/content_{n}.htm",
             "https://www.miit.gov.cn/zwgk/zcwj/art_{n}.html",
             "https://www.mot.gov.cn/zhengcejiedu/{n}/")


@st.composite
def titles(draw: st.DrawFn, fit: TextFit, glued: bool,
           required: bool = False) -> dict[str, str | None]:
    """Draw a document's ``title`` and ``title_zh`` (both, one, or none unless ``required``).

    In a ``glued`` story the English title holds no Chinese and a Chinese title after it
    starts with a Han character; where their glued last word does not fit a line, the
    Chinese title is left out.
    """
    en_tokens = draw(sentence_tokens(fit, min_words=3, max_words=14, end="",
                                     allow_parens=False, cjk=not glued))
    if draw(st.integers(0, 3)) == 0:
        years = [t for t in fit.pool(("(2024–2026)", "(2025–2027)")) if fit.fits(t)]
        en_tokens += years[:1]
    en: str | None = tokens_to_text(en_tokens) if draw(st.integers(0, 4)) else None
    zh: str | None = draw(cjk_phrase(fit)) or None if draw(st.integers(0, 3)) else None
    if glued and en and zh and not (_HAN_START.match(zh) and fit.fits(en_tokens[-1] + zh)):
        zh = None
    if required and not (en or zh):
        en = tokens_to_text(en_tokens)
    return {"title": en, "title_zh": zh}
