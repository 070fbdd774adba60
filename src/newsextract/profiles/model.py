"""The newsletter profile as a Pydantic model: what a profile file may say, validated.

A profile describes one newsletter's printed skeleton: who publishes it and how its cover
title reads (:class:`Identity`), the labels that open a story's fields (:class:`StoryLabels`),
its section headings (:class:`Headings`), its cover line (:class:`Cover`) and its back page
(:class:`BackPage`). It holds strings only; :mod:`newsextract.vocabulary` compiles them into
the named patterns the parsers use. docs/profiles.md explains every key.
"""

from __future__ import annotations

from typing import Annotated, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

__all__ = [
    "BackPage",
    "Cover",
    "Headings",
    "Identity",
    "LabelSpec",
    "NewsHeading",
    "Profile",
    "StoryLabels",
    "TopHeading",
]

#: A non-empty printed string (surrounding spaces stripped).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: A non-empty list of printed strings.
Spellings = Annotated[list[Text], Field(min_length=1)]
#: The profile's name: lower case letters, digits and dashes ("china-industries").
Name = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _valid_patterns(patterns: list[str]) -> list[str]:
    for p in patterns:
        try:
            regex.compile(p)
        except regex.error as exc:
            raise ValueError(f"not a valid regular expression {p!r}: {exc}") from exc
    return patterns


class Identity(_Strict):
    """Who publishes the newsletter and how its cover prints the title.

    The cover title line matches ``title_pattern`` when one is given; otherwise an optional
    wordmark, ``title``, an optional word of ``title_kinds`` and an optional edition after a
    dash ("– January 2021").
    """

    newsletter: Text = Field(description="Canonical newsletter name (Issue.newsletter).")
    publisher: Text = Field(description="Publishing institute (Issue.publisher).")
    title: Text = Field(description="The name as the cover prints it.")
    title_kinds: list[Text] = Field(default_factory=list,
                                    description='Optional words after the name ("Brief").')
    wordmarks: list[Text] = Field(default_factory=list,
                                  description="Publisher wordmarks printed on the cover.")
    title_pattern: str | None = Field(default=None,
                                      description="A regular expression for the title line.")

    @field_validator("title_pattern")
    @classmethod
    def _pattern(cls, v: str | None) -> str | None:
        return None if v is None else _valid_patterns([v])[0]


class LabelSpec(_Strict):
    """An inline label: its spellings (the first is the printed form) and typo tolerance."""

    aliases: Spellings
    max_errors: int = Field(default=1, ge=0, le=3)


class StoryLabels(_Strict):
    """The labels that open a story's fields, by key."""

    at_a_glance: LabelSpec
    comment: LabelSpec
    article: LabelSpec
    issuing_bodies: LabelSpec
    date: LabelSpec


class TopHeading(_Strict):
    """The heading over the top stories.

    ``{count}`` in a spelling stands for the number of stories it announces ("TOP
    {count}"); ``count`` is the number a heading without one announces (None: unknown).
    """

    spellings: Spellings
    count: int | None = Field(default=None, ge=1, le=99)

    @field_validator("spellings")
    @classmethod
    def _one_count(cls, v: list[str]) -> list[str]:
        for s in v:
            if s.count("{count}") > 1 or regex.search(r"\{(?!count\})", s):
                raise ValueError(f"{s!r}: expected at most one '{{count}}' and no other braces")
        return v


class NewsHeading(_Strict):
    """A news-list heading and the Issue list its items go to."""

    section: Literal["policy_news", "corporate_news"]
    spellings: Spellings


class Headings(_Strict):
    """Section headings, each a block of its own."""

    contents: Spellings
    top: TopHeading
    news: Spellings = Field(description="The heading over the news lists (NOTEWORTHY).")
    news_sections: list[NewsHeading] = Field(min_length=1)
    introduction: list[str] = Field(
        default_factory=list,
        description="Regular expressions opening an introduction paragraph (not a story).",
    )

    @field_validator("introduction")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        return _valid_patterns(v)


class Cover(_Strict):
    """The cover line: "FEBRUARY 1, 2022 (REPORTING PERIOD: DECEMBER 28 - JANUARY 25)"."""

    period_labels: Spellings = Field(
        description="What the bracket after the date says before the period.")


class BackPage(_Strict):
    """The back page's landmarks: people and publisher headings, contact and phone labels."""

    authors: Spellings
    editors: Spellings
    publisher: Spellings
    contact: LabelSpec
    phone: LabelSpec
    mail: LabelSpec
    acknowledgements: list[str] = Field(
        default_factory=list,
        description="Regular expressions opening the line thanking contributors.",
    )

    @field_validator("acknowledgements")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        return _valid_patterns(v)


class Profile(_Strict):
    """One newsletter, as a profile file describes it."""

    name: Name = Field(description="The profile's name (Issue.profile, --profile NAME).")
    description: str = ""
    identity: Identity
    labels: StoryLabels
    headings: Headings
    cover: Cover
    back: BackPage
