"""Which profile reads a document: the one asked for, or the best of the installed ones.

:func:`candidates` turns what the caller gave (a profile, a file, a name, or nothing) into
the vocabularies to try; :func:`choose` picks the one whose printed words the document
shows most: its cover title (worth three landmarks), its cover line and each of its
headings found as a line of its own. A tie goes to the profile installed first.
:func:`describe` names the profiles tried, for error messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsextract.profiles import ProfileSpec, installed_profiles, resolve_profile
from newsextract.vocabulary import Vocabulary, compile_vocabulary

__all__ = ["TITLE_WEIGHT", "candidates", "choose", "describe", "landmarks"]

#: What finding a profile's cover title is worth, in landmarks.
TITLE_WEIGHT = 3


def candidates(spec: ProfileSpec | None) -> list[Vocabulary]:
    """Return the vocabularies to try: the profile ``spec`` means, or every installed one."""
    profiles = [resolve_profile(spec)] if spec is not None else installed_profiles()
    return [compile_vocabulary(p) for p in profiles]


def score(texts: Sequence[str], vocab: Vocabulary) -> int:
    """Return how many of ``vocab``'s landmarks the line texts show (the title weighs more)."""
    keys: set[str] = set()
    titled = dated = False
    for text in texts:
        titled = titled or vocab.is_title(text)
        dated = dated or vocab.cover_line.search(text) is not None
        hit = vocab.heading(text)
        if hit is not None:
            keys.add(hit.heading.key)
    return TITLE_WEIGHT * titled + dated + len(keys)


def choose(texts: Iterable[str], vocabs: Sequence[Vocabulary]) -> Vocabulary:
    """Return the vocabulary whose landmarks the texts show most (the first on a tie)."""
    if len(vocabs) == 1:
        return vocabs[0]
    lines = [" ".join(t.split()) for t in texts]
    scores = [score(lines, v) for v in vocabs]
    return vocabs[scores.index(max(scores))]


def describe(vocabs: Sequence[Vocabulary]) -> str:
    """Name the profiles tried: "a <newsletter> newsletter (profile <name>)"."""
    if len(vocabs) == 1:
        p = vocabs[0].profile
        return f"a {p.identity.newsletter} newsletter (profile {p.name})"
    names = ", ".join(v.profile.name for v in vocabs)
    return f"a newsletter of any installed profile ({names})"


def landmarks(vocab: Vocabulary) -> str:
    """Name a profile's landmarks as printed: "cover date line, CONTENTS, TOP N, ..."."""
    head, back = vocab.profile.headings, vocab.profile.back
    top = head.top.spellings[0].replace("{count}", "N")
    return (f"cover date line, {head.contents[0]}, {top} or stories, {head.news[0]}, "
            f"{back.authors[0]}")
