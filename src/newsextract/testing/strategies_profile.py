"""What the strategies print for one newsletter profile (:func:`profile_words`).

The eras of :mod:`newsextract.testing.strategies_eras` are those of one newsletter
(:data:`~newsextract.testing.strategies_eras.ERA_PROFILE`); its printed variants (cover
titles, top headings, label drift) are data there. For any other profile the strategies
print what its profile file says, in the variants the profile's patterns accept: each
label alias as written and in lower case, each top-heading spelling (or none: stories are
found by their numbered titles and labels), the title alone or after a wordmark, each contact
alias, and only the introductions and thanks lines its patterns open.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsextract.testing.render_profile import LABEL_KEYS, printed_forms
from newsextract.testing.strategies_eras import (
    ACKNOWLEDGEMENTS,
    COVER_TITLES,
    ERA_LABELS,
    ERA_PROFILE,
    INTRODUCTIONS,
    TOP_HEADINGS,
)
from newsextract.vocabulary import compile_vocabulary

__all__ = ["ERA_LABEL_SPELLINGS", "ProfileWords", "profile_words"]

#: Printed spellings of each story label of :data:`ERA_PROFILE` that its profile knows.
ERA_LABEL_SPELLINGS: dict[str, tuple[str, ...]] = {
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
_ERA_HEADERS = ("{newsletter} | {date}", "MERICS China Industries – {date}", "{newsletter}",
                "MERICS {newsletter} {date}")
_ERA_CONTACTS = ("For more information, please contact:", "Contact:")


@dataclass(frozen=True)
class ProfileWords:
    """The printed variants the strategies draw for one profile, per era where they vary.

    ``labels`` holds each label key's spellings; ``top_count`` is the number of stories a
    heading without ``{n}`` announces.
    """

    profile: str
    labels: dict[str, tuple[str, ...]]
    headers: tuple[str, ...]
    contacts: tuple[str, ...]
    covers: dict[str, tuple[str | None, ...]]
    tops: dict[str, tuple[str | None, ...]]
    era_labels: dict[str, dict[str, tuple[str, ...]]]
    introductions: tuple[str, ...]
    acknowledgements: tuple[str, ...]
    top_count: int | None


def profile_words(profile: str = ERA_PROFILE) -> ProfileWords:
    """Return what the strategies print for ``profile`` (an installed name or a file)."""
    forms = printed_forms(profile)
    p = forms.profile
    vocab = compile_vocabulary(p)
    intros = tuple(t for t in INTRODUCTIONS if vocab.opens_introduction(t))
    thanks = tuple(t for t in ACKNOWLEDGEMENTS if vocab.opens_acknowledgement(t))
    if p.name == ERA_PROFILE:
        return ProfileWords(
            p.name, ERA_LABEL_SPELLINGS, _ERA_HEADERS, _ERA_CONTACTS, COVER_TITLES,
            TOP_HEADINGS, ERA_LABELS, intros, thanks, p.headings.top.count)
    # each alias as written and in lower case; "articles" and "issuing_body" (several
    # documents, one body) only in their printed form
    labels: dict[str, tuple[str, ...]] = {key: (forms.labels[key],) for key in LABEL_KEYS}
    for key in ("at_a_glance", "comment", "article", "issuing_bodies", "date"):
        aliases = getattr(p.labels, key).aliases
        labels[key] = tuple(dict.fromkeys(
            f"{a}:" for a in (*aliases, *(a.lower() for a in aliases))))
    ident = p.identity
    # with and without a kind ("Supply Chain Monitor Monthly", which wraps on a narrow cover)
    covers = (None, *(f"{w} {ident.title}{k}" for w in ident.wordmarks
                      for k in ("", *(f" {kind}" for kind in ident.title_kinds))))
    tops = (*(s.replace("{count}", "{n}") for s in p.headings.top.spellings), None)
    marks = tuple(f"{w} {{newsletter}} – {{date}}" for w in ident.wordmarks)
    return ProfileWords(
        p.name, labels, ("{newsletter} | {date}", "{newsletter}", *marks),
        tuple(f"{a}:" for a in p.back.contact.aliases),
        dict.fromkeys(COVER_TITLES, covers), dict.fromkeys(TOP_HEADINGS, tops), {},
        intros, thanks, p.headings.top.count)
