"""The declarative vocabulary: every label, heading and printed pattern, as data.

Parsers never spell a label themselves; they ask this module. What one newsletter prints
(its labels, headings, cover line, back-page landmarks, title) comes from its profile file
(:mod:`newsextract.profiles`): :func:`compile_vocabulary` turns a profile's strings into the
named patterns of a :class:`Vocabulary`. What every newsletter prints alike (dates, contents
lines, numbered titles, news dates, e-mail addresses) is named here. Labels match
case-insensitively and tolerate one typo (the ``regex`` module's fuzzy matching); patterns
are named and ordered from the most specific to the fallback, as in trafilatura's
``xpaths.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import NamedTuple

import regex

from newsextract.profiles.loader import builtin_profiles
from newsextract.profiles.model import LabelSpec, Profile

__all__ = [
    "ARTICLE_LINK_MARK",
    "CONTENTS_ENTRY",
    "COVER_DATE_ONLY",
    "DATE_PATTERNS",
    "EDITION_LINE",
    "EMAIL",
    "ETC",
    "FIGURE_CAPTION",
    "FIGURE_NOTE",
    "LANGUAGE_TAGS",
    "MONTHS",
    "NEWS_DATE",
    "STORY_TITLE",
    "Heading",
    "HeadingMatch",
    "Label",
    "LabelMatch",
    "Vocabulary",
    "compile_vocabulary",
    "default_vocabulary",
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


def match_label(text: str, labels: Sequence[Label]) -> LabelMatch | None:
    """Given the start of a block's text, return the label of ``labels`` it opens with."""
    head = text[:48]
    for label in labels:
        m = label.pattern.match(head)
        if m:
            return LabelMatch(label, m.end())
    return None


def _words(text: str) -> str:
    return r"\s+".join(regex.escape(w) for w in text.split())


def _printed_title(wordmarks: Sequence[str], name: str, kinds: Sequence[str]) -> str:
    """Return the pattern of a cover title line.

    An optional wordmark, the name, an optional kind ("Brief", "Briefing") and an optional
    edition after a dash ("– January 2021").
    """
    marks = "|".join(_words(w) for w in sorted(wordmarks, key=len, reverse=True))
    kind = "|".join(_words(k) for k in sorted(kinds, key=len, reverse=True))
    return (rf"^\s*(?:(?:{marks})\s+)?{_words(name)}(?:\s+(?:{kind}))?"
            rf"(?:{_DASH}{_MONTH}\s+\d{{4}})?\s*$")


def _top_heading(spellings: Sequence[str]) -> Heading:
    def one(spelling: str) -> str:
        parts = [_words(p) for p in spelling.split("{count}")]
        return r"\s*(?P<count>\d{1,2})\s*".join(parts)

    alts = "|".join(one(s) for s in spellings)
    return Heading("top", regex.compile(rf"^\s*(?:{alts})\s*:?\s*$", regex.I))


def _cover_line(period_labels: Sequence[str]) -> regex.Pattern[str]:
    """Cover line "FEBRUARY 1, 2022 (REPORTING PERIOD: DECEMBER 28 - JANUARY 25)".

    An open period prints one side only ("DECEMBER 28 -", "- JANUARY 25").
    """
    day = rf"{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    label = "|".join(_words(p) for p in period_labels)
    return regex.compile(
        rf"(?P<pub>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})\s*\(\s*(?:{label})\s*:?\s*"
        rf"(?:(?P<start>{day}){_DASH}(?P<end>{day})?|{_DASH}(?P<end>{day}))\s*\)",
        regex.I,
    )


def _openings(patterns: Sequence[str]) -> regex.Pattern[str] | None:
    if not patterns:
        return None
    return regex.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", regex.I)


def _label(key: str, spec: LabelSpec) -> Label:
    return Label(key, tuple(spec.aliases), spec.max_errors)


@dataclass(frozen=True)
class Vocabulary:
    """One newsletter's printed words as compiled patterns (see :func:`compile_vocabulary`).

    ``story_labels`` open a story's fields, in the order they usually appear; ``headings``
    match whole blocks (keys ``contents``, ``top``, ``noteworthy``, ``policy_news``,
    ``corporate_news``, ``authors``, ``editors``, ``publisher``); ``top_count`` is what a
    top heading without a number announces. ``introduction`` and ``acknowledgement`` match
    the opening of those paragraphs (None: the newsletter prints none).
    """

    profile: Profile
    story_labels: tuple[Label, ...]
    headings: tuple[Heading, ...]
    top_count: int | None
    contact: Label
    phone: Label
    mail: Label
    cover_line: regex.Pattern[str]
    title: regex.Pattern[str]
    wordmarks: tuple[str, ...]
    introduction: regex.Pattern[str] | None
    acknowledgement: regex.Pattern[str] | None

    def label(self, text: str) -> LabelMatch | None:
        """Given the start of a block's text, return the story label it opens with."""
        return match_label(text, self.story_labels)

    def heading(self, text: str) -> HeadingMatch | None:
        """Given a block's whole text, return the heading it is and the match, or None."""
        if len(text) > 60:
            return None
        for h in self.headings:
            m = h.pattern.match(text)
            if m:
                return HeadingMatch(h, m)
        return None

    def opens_introduction(self, text: str) -> bool:
        """Say whether ``text`` opens the introduction ("In this issue ...")."""
        return self.introduction is not None and self.introduction.match(text) is not None

    def opens_acknowledgement(self, text: str) -> bool:
        """Say whether ``text`` opens the thanks line ("The authors would like to thank")."""
        return self.acknowledgement is not None and self.acknowledgement.match(text) is not None

    def is_title(self, text: str) -> bool:
        """Say whether ``text`` is the newsletter's cover title line."""
        return self.title.match(text) is not None


def compile_vocabulary(profile: Profile) -> Vocabulary:
    """Given a profile, return its vocabulary: its strings as named, compiled patterns."""
    lab, head, back, ident = profile.labels, profile.headings, profile.back, profile.identity
    labels = tuple(_label(k, getattr(lab, k)) for k in
                   ("at_a_glance", "comment", "article", "issuing_bodies", "date"))
    headings = (
        _heading("contents", *head.contents),
        _top_heading(head.top.spellings),
        _heading("noteworthy", *head.news),
        *(_heading(n.section, *n.spellings) for n in head.news_sections),
        _heading("authors", *back.authors),
        _heading("editors", *back.editors),
        _heading("publisher", *back.publisher),
    )
    title = ident.title_pattern or _printed_title(ident.wordmarks, ident.title, ident.title_kinds)
    return Vocabulary(
        profile=profile, story_labels=labels, headings=headings, top_count=head.top.count,
        contact=_label("contact", back.contact), phone=_label("phone", back.phone),
        mail=_label("mail", back.mail), cover_line=_cover_line(profile.cover.period_labels),
        title=regex.compile(title, regex.I), wordmarks=tuple(w.upper() for w in ident.wordmarks),
        introduction=_openings(head.introduction),
        acknowledgement=_openings(back.acknowledgements),
    )


@cache
def default_vocabulary() -> Vocabulary:
    """Return the vocabulary of the first installed built-in profile (parsers' default)."""
    return compile_vocabulary(builtin_profiles()[0])
