"""The declarative vocabulary: every label, heading and printed pattern, as data.

Parsers never spell a label themselves; they ask this module. A new spelling is one more
alias below, a new newsletter one more :class:`Profile`. Labels match case-insensitively and
tolerate one typo (the ``regex`` module's fuzzy matching); patterns are named and ordered
from the most specific to the fallback, as in trafilatura's ``xpaths.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import regex

__all__ = [
    "ACKNOWLEDGEMENT",
    "ARTICLE_LINK_MARK",
    "CONTENTS_ENTRY",
    "COVER_DATE_ONLY",
    "COVER_LINE",
    "DATE_PATTERNS",
    "EDITION_LINE",
    "EMAIL",
    "ETC",
    "FIGURE_CAPTION",
    "FIGURE_NOTE",
    "INTRODUCTION",
    "LANGUAGE_TAGS",
    "MONTHS",
    "NEWS_DATE",
    "PROFILES",
    "STORY_TITLE",
    "Heading",
    "HeadingMatch",
    "Label",
    "LabelMatch",
    "Profile",
    "match_heading",
    "match_label",
]


@dataclass(frozen=True)
class Label:
    """An inline label that opens a field, e.g. ``At a glance:``.

    ``aliases`` are the spellings we know; matching ignores case and spacing, tolerates
    ``max_errors`` typos and requires the colon (with optional space before it).
    """

    key: str
    aliases: tuple[str, ...]
    max_errors: int = 1

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        """The compiled pattern matching the label at the start of a text."""
        def alternation(aliases: Sequence[str]) -> str:
            return "|".join(
                r"\s*".join(regex.escape(w) for w in a.split())
                for a in sorted(aliases, key=len, reverse=True)
            )

        exact = alternation(self.aliases)
        # Typos are tolerated only in long aliases: "Dat:" must not pass for "Date:".
        long = [a for a in self.aliases if len(a) >= 8]
        fuzzy = ""
        if self.max_errors and long:
            fuzzy = f"|(?:{alternation(long)}){{e<={self.max_errors}}}"
        return regex.compile(
            rf"^\s*(?:(?:{exact}){fuzzy})\s*:\s*", regex.IGNORECASE | regex.BESTMATCH
        )


@dataclass(frozen=True)
class Heading:
    """A section heading that stands alone as a block, e.g. ``NOTEWORTHY``.

    ``pattern`` must match the whole block text; named groups carry values (``count``).
    """

    key: str
    pattern: regex.Pattern[str]


def _heading(key: str, *spellings: str, extra: str = "") -> Heading:
    alts = "|".join(r"\s+".join(regex.escape(w) for w in s.split()) for s in spellings)
    return Heading(key, regex.compile(rf"^\s*(?:{alts}){extra}\s*:?\s*$", regex.IGNORECASE))


#: Story field labels, in the order they usually appear.
STORY_LABELS: tuple[Label, ...] = (
    Label("at_a_glance", ("At a glance", "At-a-glance", "In brief")),
    Label("comment", ("MERICS comment", "MERICS comments", "MERICS view", "Comment"), max_errors=2),
    Label("article", ("Article", "Articles", "Source document", "Source documents", "Document",
                       "Documents")),
    Label(
        "issuing_bodies",
        ("Issuing bodies", "Issuing body", "Issued by", "Issuing authorities", "Issuing authority"),
    ),
    Label("date", ("Date", "Dates", "Date issued", "Issue date", "Published")),
)

#: Section headings (whole-block matches).
HEADINGS: tuple[Heading, ...] = (
    _heading("contents", "CONTENTS", "Table of contents"),
    _heading("top", "MERICS TOP", "MERICS' TOP", "MERICS’ TOP", "MERICS´ TOP", "TOP",
             extra=r"\s+(?P<count>\d{1,2})"),
    _heading("noteworthy", "NOTEWORTHY", "Noteworthy news"),
    _heading("policy_news", "Policy news", "Policy"),
    _heading("corporate_news", "Corporate news", "Company news", "Corporate"),
    _heading("authors", "AUTHORS", "AUTHOR"),
    _heading("editors", "EDITORS", "EDITOR"),
    _heading("publisher", "PUBLISHER"),
)

#: Back-page labels.
CONTACT = Label("contact", ("For more information, please contact", "Contact"), max_errors=2)
PHONE = Label("phone", ("Tel.", "Tel", "Phone", "Telephone"), max_errors=0)
MAIL = Label("mail", ("Mail", "E-mail", "Email"), max_errors=0)

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*[-–—‐]\s*"

#: Dates as printed, most specific first. Named groups: month, day, year (year optional).
DATE_PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("iso", regex.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})$")),
    (
        "month_day_year",
        regex.compile(
            rf"^(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$",
            regex.I,
        ),
    ),
    (
        "day_month_year",
        regex.compile(
            rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})$",
            regex.I,
        ),
    ),
    (
        "month_day",
        regex.compile(rf"^(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?$", regex.I),
    ),
    (
        "day_month",
        regex.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<month>{_MONTH})$", regex.I),
    ),
)

_PERIOD_DAY = rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
#: Cover line: "FEBRUARY 1, 2022 (REPORTING PERIOD: DECEMBER 28 - JANUARY 25)"; an open
#: period prints one side only ("DECEMBER 28 -", "- JANUARY 25").
COVER_LINE = regex.compile(
    rf"(?P<pub>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})\s*\(\s*reporting\s+period\s*:?\s*"
    rf"(?:(?P<start>{_PERIOD_DAY}){_DASH}(?P<end>{_PERIOD_DAY})?|{_DASH}(?P<end>{_PERIOD_DAY}))"
    r"\s*\)",
    regex.I,
)
#: An edition printed on a line of its own under the title: "January 2021".
EDITION_LINE = regex.compile(rf"^\s*(?:[-–—]\s*)?{_MONTH}\s+\d{{4}}\s*$", regex.I)
#: A cover without a reporting period: just the publication date.
COVER_DATE_ONLY = regex.compile(rf"^(?P<pub>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})$", regex.I)

#: Contents line: title, dot leaders, page number at the end. Leaders set apart from the
#: title by a space leave the title its own final full stop ("No. ....... 4").
CONTENTS_ENTRY = regex.compile(
    r"^(?P<title>.*?)\s+[.·…]{2,}(?:\s*[.·…])*\s*(?P<page>\d{1,3})$"  # spaced-off leaders
    r"|^(?P<title>.*?)\s*(?:[.·…]\s*){2,}\s*(?P<page>\d{1,3})$"  # dot leaders
    r"|^(?P<title2>.*?\S)\s+(?P<page2>\d{1,3})$"  # fallback: a tab or wide gap
)
#: Numbered story title, "3. Robotics plan ...".
STORY_TITLE = regex.compile(r"^\s*(?P<rank>\d{1,2})\s*[.)]\s+(?P<title>\S.*)$", regex.S)
#: News item date prefix "January 4:" (italic in print).
NEWS_DATE = regex.compile(rf"^\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)\s*:\s*", regex.I)
#: Trailing "etc." of an issuing-body list (or the whole list: "Issuing bodies: etc.").
ETC = regex.compile(r"(?:^|[;,]\s*|\s+)etc\.?\s*$", regex.I)
#: A language tag after a source label: "(CN)".
SOURCE_TAG = regex.compile(r"\s*\((?P<tag>[A-Z]{2})\)\s*$")
#: Language tags we know; anything else stays in the label.
LANGUAGE_TAGS: dict[str, str] = {"CN": "zh", "ZH": "zh", "EN": "en"}
#: The printed link mark closing a document of an article line: "English title (中文标题)
#: (Link)"; a story citing several documents prints one after each.
ARTICLE_LINK_MARK = regex.compile(r"\(\s*link\s*\)", regex.I)
EMAIL = regex.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
WEBSITE = regex.compile(r"^(?:https?://)?(?:www\.)?[\w\-]+(?:\.[\w\-]+)+(?:/\S*)?$", regex.I)


@dataclass(frozen=True)
class Profile:
    """What identifies one newsletter: its title on the cover and its publisher.

    ``title_pattern`` matches every printed variant of the cover's title line (the title
    drifts from era to era); ``newsletter`` is the one canonical name they all map to.
    """

    newsletter: str
    publisher: str
    title_pattern: regex.Pattern[str]
    wordmarks: tuple[str, ...] = field(default=())


def _printed_title(
    wordmarks: Sequence[str], name: str, kinds: Sequence[str]
) -> regex.Pattern[str]:
    """Return the pattern of a cover title line.

    An optional wordmark, the name, an optional kind ("Brief", "Briefing") and an optional
    edition after a dash ("– January 2021").
    """
    def words(text: str) -> str:
        return r"\s+".join(regex.escape(w) for w in text.split())

    marks = "|".join(words(w) for w in wordmarks)
    kind = "|".join(words(k) for k in sorted(kinds, key=len, reverse=True))
    return regex.compile(
        rf"^\s*(?:(?:{marks})\s+)?{words(name)}(?:\s+(?:{kind}))?"
        rf"(?:{_DASH}{_MONTH}\s+\d{{4}})?\s*$",
        regex.I,
    )


#: Known newsletters. The first is the default.
PROFILES: tuple[Profile, ...] = (
    Profile(
        newsletter="China Industries",
        publisher="MERICS",
        # "China Industries" (2022-23), "China Industries Briefing – January 2021"
        # (2020-21), "China Industries Brief" (2024-26)
        title_pattern=_printed_title(("MERICS",), "China Industries", ("Briefing", "Brief")),
        wordmarks=("MERICS",),
    ),
)

#: The introduction some issues print before the stories ("In this issue of MERICS China
#: Industries Brief, we cover the following topics:"), followed by a list of the stories'
#: titles: neither a story, nor the contents, nor news.
INTRODUCTION = regex.compile(r"^\s*in\s+this\s+(?:issue|edition)\b", regex.I)
#: The closing line thanking contributors ("The authors would like to thank Jane Doe for
#: her contributions to this MERICS China Industries."): Issue.acknowledgements.
ACKNOWLEDGEMENT = regex.compile(
    r"^\s*(?:the\s+authors?|we)\s+(?:would\s+like\s+to\s+|wish\s+to\s+)?thanks?\b", regex.I
)
#: A figure's caption opens with its label: "Figure 1:", "Chart 2.", "Fig. 3:".
FIGURE_CAPTION = regex.compile(
    r"^\s*(?:figure|fig\.|chart|graph|exhibit)\s*(?:\d{1,2}[a-z]?)?\s*[:.]\s*\S", regex.I
)
#: A figure's source or note line ("Source: NBS"): figure text, never its caption.
FIGURE_NOTE = Label("figure_note", ("Source", "Sources", "Note", "Notes", "Data"), max_errors=0)


class LabelMatch(NamedTuple):
    """A label found at the start of a text; its value starts at ``end``."""

    label: Label
    end: int


class HeadingMatch(NamedTuple):
    """A block that is a heading; ``match`` carries its named groups (``count``)."""

    heading: Heading
    match: regex.Match[str]


def match_label(text: str, labels: Sequence[Label] = STORY_LABELS) -> LabelMatch | None:
    """Given the start of a block's text, return the label it opens with and its end."""
    head = text[:48]
    for label in labels:
        m = label.pattern.match(head)
        if m:
            return LabelMatch(label, m.end())
    return None


def match_heading(text: str) -> HeadingMatch | None:
    """Given a block's whole text, return the heading it is and the match, or None."""
    if len(text) > 60:
        return None
    for h in HEADINGS:
        m = h.pattern.match(text)
        if m:
            return HeadingMatch(h, m)
    return None
