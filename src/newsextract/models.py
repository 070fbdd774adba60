"""The public schema: Pydantic models for one newsletter issue.

These models are the contract with every consumer. Field names are fixed for a given
``schema_version``; fields may be added, never renamed or removed without bumping it.
Validation lives here, not in the parsers: a parser hands over what it read and the models
refuse what is impossible (an unsafe link scheme, a period that ends before it starts).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsextract.urls import ALLOWED_SCHEMES, UnsafeURLError, clean_url, is_clean_url

__all__ = [
    "FORBIDDEN_CHARS",
    "SAFE_URL_SCHEMES",
    "SCHEMA_VERSION",
    "AtAGlance",
    "ContentsEntry",
    "DateRange",
    "ExtractionWarning",
    "Figure",
    "GlanceGroup",
    "Issue",
    "IssuingBody",
    "Link",
    "NewsItem",
    "NewsSource",
    "Paragraph",
    "Person",
    "PolicyDocument",
    "PublisherInfo",
    "SourceFile",
    "TopStory",
    "is_safe_url",
]

#: Version of this schema: the minor number grows with every addition, the major with any
#: rename or removal (the changelog is in docs/schema.md).
SCHEMA_VERSION: Literal["2.0"] = "2.0"

#: URL schemes a link may carry; anything else is dropped by the extractor with a warning.
SAFE_URL_SCHEMES = ALLOWED_SCHEMES

_EMAIL = regex.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Characters no string of the schema holds: C0 and C1 controls (no field holds a line
#: break: every text is single-spaced), lone surrogates, and the bidi controls (embeddings,
#: overrides, isolates, the LRM, RLM and ALM marks), which make text display differently
#: from what it says; the reader removes them with a ``bidi_control_removed`` warning.
FORBIDDEN_CHARS = regex.compile(r"[\p{Cc}\p{Cs}\p{Bidi_Control}]")


def is_safe_url(url: str) -> bool:
    """Return True when ``url`` is a URL the schema allows (:func:`~newsextract.urls.is_clean_url`).

    That is: http, https or mailto, a valid host, nothing unencoded a reader could be
    fooled by, at most :data:`~newsextract.urls.MAX_URL_LENGTH` characters.
    """
    return is_clean_url(url)


def _check_url(v: str | None) -> str | None:
    if v is not None and not is_clean_url(v):
        try:
            reason = f"not a URL newsextract outputs: {clean_url(v)[:60]!r} is its safe form"
        except UnsafeURLError as exc:
            reason = f"unsafe URL ({exc.reason})"
        raise ValueError(reason)
    return v


class _Model(BaseModel):
    """Base: unknown keys are an error, strings are stripped, no string holds a control."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="after")
    def _no_controls(self) -> _Model:
        for name in type(self).model_fields:
            value = getattr(self, name)
            for text in value if isinstance(value, list) else [value]:
                bad = FORBIDDEN_CHARS.search(text) if isinstance(text, str) else None
                if bad is not None:
                    raise ValueError(
                        f"{name} holds a control or bidi character U+{ord(bad.group()):04X}"
                    )
        return self


class Link(_Model):
    """A clickable link: the text it covers and its target."""

    text: str = Field(description="The text the link covers, as printed.", examples=["draft"])
    url: str = Field(
        description=(
            "Target URL: http, https or mailto, with a valid host, spaces, controls and "
            "non-ASCII percent-encoded, at most 8192 characters (see newsextract.urls)."
        ),
        examples=["https://www.miit.gov.cn/"],
    )

    @field_validator("url")
    @classmethod
    def _safe_url(cls, v: str) -> str:
        _check_url(v)
        return v


class Paragraph(_Model):
    """One paragraph of running text with the links inside it."""

    text: str = Field(description="Paragraph text, single-spaced.")
    links: list[Link] = Field(default_factory=list, description="Links in reading order.")


class GlanceGroup(_Model):
    """One lead-in of *At a glance* with the bullets that follow it."""

    text: str = Field(default="", description="The lead-in (the sentences before the bullets).")
    points: list[str] = Field(default_factory=list, description="Its bullets, in order.")


class AtAGlance(_Model):
    """The *At a glance* part of a top story: its sentences and its bullets.

    ``groups`` keeps each lead-in with its own bullets, in print order (a story may print
    two); ``text`` is every sentence that is not a bullet, in reading order (the groups'
    texts joined by a space) and ``points`` all bullets in order, so a reader of either
    flat field loses nothing.
    """

    text: str = Field(default="", description="Every sentence that is not a bullet, in order.")
    points: list[str] = Field(default_factory=list, description="All bullet points, in order.")
    groups: list[GlanceGroup] = Field(
        default_factory=list, description="Each lead-in with its own bullets, in order."
    )

    @model_validator(mode="before")
    @classmethod
    def _fill_in(cls, data: object) -> object:
        # Given only text and points, they are one group; given only groups, the flat
        # fields follow from them.
        if not isinstance(data, dict):
            return data
        groups = data.get("groups")
        if not groups and (data.get("text") or data.get("points")):
            return {**data, "groups": [{"text": data.get("text", ""),
                                        "points": list(data.get("points", []))}]}
        if groups and "text" not in data and "points" not in data:
            def field(g: object, key: str) -> object:
                return g.get(key) if isinstance(g, dict) else getattr(g, key, None)

            texts = [str(field(g, "text") or "").strip() for g in groups]
            points = [p for g in groups for p in (field(g, "points") or [])]  # type: ignore[attr-defined]
            return {**data, "text": " ".join(t for t in texts if t), "points": points}
        return data

    @model_validator(mode="after")
    def _groups_agree(self) -> AtAGlance:
        if self.groups:
            text = " ".join(g.text for g in self.groups if g.text)
            points = [p for g in self.groups for p in g.points]
            if text != self.text or points != self.points:
                raise ValueError("text and points must be the groups' texts and points")
        return self


class IssuingBody(_Model):
    """A government body that issued a policy document."""

    acronym: str | None = Field(default=None, description="Acronym as printed, e.g. 'MIIT'.")
    name: str | None = Field(
        default=None,
        description="Full English name from the registry; as printed when unknown.",
        examples=["Ministry of Industry and Information Technology"],
    )

    @model_validator(mode="after")
    def _not_empty(self) -> IssuingBody:
        if not self.acronym and not self.name:
            raise ValueError("an issuing body needs an acronym or a name")
        return self


class PolicyDocument(_Model):
    """One policy document a top story cites: its titles, link, issuing bodies and date."""

    title: str | None = Field(default=None, description="English title.")
    title_zh: str | None = Field(default=None, description="Chinese title as printed.")
    url: str | None = Field(default=None, description="Link to the document.")
    issuing_bodies: list[IssuingBody] = Field(
        default_factory=list, description="Bodies that issued the document, as listed."
    )
    issuing_bodies_complete: bool = Field(
        default=True, description="False when the printed list ends in 'etc.'."
    )
    date: dt.date | None = Field(default=None, description="Date of the document.")

    @field_validator("url")
    @classmethod
    def _safe_url(cls, v: str | None) -> str | None:
        return _check_url(v)


class Figure(_Model):
    """A chart or figure printed in a top story: its caption (its inner text is not kept)."""

    caption: str = Field(min_length=1, description="The caption as printed.")
    page: int | None = Field(default=None, ge=1, description="1-based page it is drawn on.")


class TopStory(_Model):
    """One story of the MERICS TOP list."""

    rank: int = Field(ge=1, description="Position in the top list, from 1.")
    title: str = Field(min_length=1, description="Headline without its number.")
    at_a_glance: AtAGlance = Field(default_factory=AtAGlance, description="Summary + targets.")
    comment: list[Paragraph] = Field(
        default_factory=list, description="MERICS comment, one entry per paragraph."
    )
    documents: list[PolicyDocument] = Field(
        default_factory=list, description="The policy documents it cites, in print order."
    )
    figures: list[Figure] = Field(
        default_factory=list, description="Charts and figures it prints, by caption."
    )
    pages: list[int] = Field(default_factory=list, description="1-based pages the story spans.")

    @field_validator("pages")
    @classmethod
    def _pages_sorted(cls, v: list[int]) -> list[int]:
        if any(p < 1 for p in v) or v != sorted(set(v)):
            raise ValueError("pages must be distinct, ascending, 1-based")
        return v


class NewsSource(_Model):
    """One source cited at the end of a news item, e.g. 'MIIT notice (CN)'."""

    label: str = Field(min_length=1, description="Source label without the language tag.")
    language: Literal["zh", "en"] | None = Field(
        default=None, description="'zh' for (CN), 'en' for (EN), null when not tagged."
    )
    url: str | None = Field(default=None, description="The link on the label.")

    @field_validator("url")
    @classmethod
    def _safe_url(cls, v: str | None) -> str | None:
        return _check_url(v)


class NewsItem(_Model):
    """One item of the Noteworthy policy or corporate news list."""

    date: dt.date | None = Field(default=None, description="Date, year inferred.")
    text: str = Field(description="Item text without the date and the trailing sources.")
    links: list[Link] = Field(default_factory=list, description="Inline links inside text.")
    sources: list[NewsSource] = Field(default_factory=list, description="Trailing sources.")
    page: int | None = Field(default=None, ge=1, description="1-based page it starts on.")


class ContentsEntry(_Model):
    """One line of the table of contents."""

    title: str = Field(min_length=1, description="Entry title without number or leaders.")
    page: int | None = Field(default=None, ge=1, description="Page number as printed.")
    level: Literal[1, 2] = Field(description="1 = section, 2 = story or subsection.")


class DateRange(_Model):
    """An inclusive date range; years inferred where the PDF omits them."""

    start: dt.date | None = Field(default=None, description="First day.")
    end: dt.date | None = Field(default=None, description="Last day.")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"range starts after it ends: {self.start} > {self.end}")
        return self


class Person(_Model):
    """An author or editor from the back page."""

    name: str = Field(min_length=1, description="Name as printed.", examples=["Jane Doe"])
    role: str | None = Field(
        default=None, description="Role line(s), joined.", examples=["Analyst, MERICS"]
    )


class PublisherInfo(_Model):
    """The publisher block of the back page."""

    name: str | None = Field(
        default=None,
        description="Publisher name line.",
        examples=["MERICS | Mercator Institute for China Studies"],
    )
    address: list[str] = Field(default_factory=list, description="Address lines in order.")
    phone: str | None = Field(default=None, description="Phone number as printed.")
    email: str | None = Field(default=None, description="Publisher's e-mail address.")
    website: str | None = Field(default=None, description="Website as printed.")

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v is not None and not _EMAIL.match(v):
            raise ValueError(f"not an e-mail address: {v!r}")
        return v


class SourceFile(_Model):
    """Where an issue was read from."""

    file_name: str = Field(
        description="Base name of the input; '<bytes>' for memory input. Control and bidi "
        "characters in the name are shown as U+FFFD."
    )
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the input bytes.")
    page_count: int = Field(ge=0, description="Pages in the PDF.")


class ExtractionWarning(_Model):
    """A problem the lenient extractor worked around (strict mode raises instead)."""

    code: str = Field(description="Stable machine-readable code, e.g. 'missing_field'.")
    message: str = Field(description="What happened, for a person.")
    page: int | None = Field(default=None, ge=1, description="1-based page, when known.")
    field: str | None = Field(
        default=None,
        description=(
            "JSON Pointer (RFC 6901) into this Issue of the value the warning concerns, "
            "with indices into the output lists: '/top_stories/2/comment/1' (a paragraph "
            "whose link was dropped), '/policy_news/3/date', '/publication_date'. A value "
            "left out entirely points at where it would be (its list: '/top_stories', or "
            "its field: '/publisher_info/email'). Null only for warnings about the whole "
            "document ('unmapped_glyphs', 'bidi_control_removed': about a page's text), "
            "and in documents of schema 1.0."
        ),
        examples=["/top_stories/0/article", "/policy_news/3/date"],
    )


class Issue(_Model):
    """One newsletter issue: the root of the output."""

    schema_version: Literal["2.0"] = Field(
        default=SCHEMA_VERSION,
        description="Version of this schema. Documents of schema 1.x are upgraded with "
        "newsextract.migrate.upgrade().",
    )
    newsletter: str = Field(
        default="China Industries",
        description="Canonical newsletter name, the same for every era of its title.",
    )
    publisher: str = Field(default="MERICS", description="Publishing institute.")
    issue_title: str | None = Field(
        default=None,
        description="The issue's topic title, where one is printed (null where none).",
        examples=["Chip subsidies + Port automation + Rare earths"],
    )
    publication_date: dt.date | None = Field(default=None, description="Date on the cover.")
    reporting_period: DateRange | None = Field(
        default=None, description="Period covered, years inferred; null where none is printed."
    )
    authors: list[Person] = Field(default_factory=list, description="Authors (back page).")
    editors: list[Person] = Field(default_factory=list, description="Editors (back page).")
    contact_email: str | None = Field(default=None, description="Contact address (back page).")
    publisher_info: PublisherInfo = Field(
        default_factory=PublisherInfo, description="Publisher block (back page)."
    )
    contents: list[ContentsEntry] = Field(default_factory=list, description="Contents page.")
    top_stories: list[TopStory] = Field(
        default_factory=list, description="The MERICS TOP stories, in rank order."
    )
    policy_news: list[NewsItem] = Field(default_factory=list, description="Noteworthy: policy.")
    corporate_news: list[NewsItem] = Field(
        default_factory=list, description="Noteworthy: corporate."
    )
    acknowledgements: str | None = Field(
        default=None,
        description="The closing line thanking contributors, where one is printed.",
        examples=["The authors would like to thank Jane Doe for her contributions."],
    )
    source: SourceFile | None = Field(default=None, description="The input file.")
    warnings: list[ExtractionWarning] = Field(
        default_factory=list, description="Problems worked around (lenient mode)."
    )

    @field_validator("contact_email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v is not None and not _EMAIL.match(v):
            raise ValueError(f"not an e-mail address: {v!r}")
        return v

    @model_validator(mode="after")
    def _ranks(self) -> Issue:
        ranks = [s.rank for s in self.top_stories]
        if any(a >= b for a, b in zip(ranks, ranks[1:])):
            raise ValueError(f"top story ranks must be distinct and ascending, got {ranks}")
        return self
