"""A document's printed title to its English title and its Chinese title.

Producers print the Chinese title three ways, tried in this order (most specific first,
as data: :data:`TITLE_SPLITTERS`):

* ``detached_han_group`` — a bracketed group of its own holding Chinese: "Plan (2025-2030)
  (关于…的通知)". Every other group stays in the English title ("Plan (2025-2030)"); a
  group glued to the word before it ("加快（2024年版）", "plan(s)") is part of the text;
* ``glued_han_run`` — the Chinese title runs on from the English one without a bracket
  or a space: "… Plan (2025-2030)工业和信息化部关于印发…的通知". It is the run of text from
  the first Chinese character after which no Latin word stands apart (script runs:
  Chinese titles carry no spaced Latin words, English titles do), glued to the English
  text before it (no space, opening bracket or quote between: a Chinese word set apart
  by a space, "Urges GWh 加快", or quoted, belongs to the English title);
* ``no_chinese`` — the whole text is the English title.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import regex

from newsextract.fields.brackets import top_level_groups
from newsextract.reader.script import HAN

__all__ = ["TITLE_SPLITTERS", "ArticleTitles", "split_article_titles"]

#: A Latin letter set apart by a space: English text, never inside a Chinese title.
SPACED_LATIN = regex.compile(r"\s\p{Latin}")
#: The English title ends glued to the Chinese run: no space, no opening bracket or quote.
GLUE = regex.compile(r"[^\s\p{Ps}\p{Pi}]$")


class ArticleTitles(NamedTuple):
    """A document's English title, its Chinese title (None when none is printed), the rule.

    ``rule`` names the splitter of :data:`TITLE_SPLITTERS` that applied.
    """

    title: str
    title_zh: str | None
    rule: str = "no_chinese"


def _seam(before: str, after: str) -> str:
    """Join two pieces of a title around a removed group (one space, none before punctuation)."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return before or after
    return before + ("" if after[0] in ",.;:)）" else " ") + after


def split_detached_han_group(text: str) -> ArticleTitles | None:
    """Take the last detached bracketed group holding Chinese for the Chinese title."""
    groups = [g for g in top_level_groups(text) if g.detached and HAN.search(g.inside)]
    if not groups:
        return None
    g = groups[-1]
    return ArticleTitles(_seam(text[:g.start], text[g.end:]), g.inside, "detached_han_group")


def split_glued_han_run(text: str) -> ArticleTitles | None:
    """Take a Chinese run glued to the end of the English title for the Chinese title."""
    for m in HAN.finditer(text):
        run = text[m.start():]
        if SPACED_LATIN.search(run):
            continue
        before = text[:m.start()]
        if not before or not GLUE.search(before):
            return None  # set apart (a Chinese word of the English title) or alone
        return ArticleTitles(before.rstrip(), run.strip(), "glued_han_run")
    return None


#: The ways a Chinese title is printed, most specific first (module docstring).
TITLE_SPLITTERS: tuple[tuple[str, Callable[[str], ArticleTitles | None]], ...] = (
    ("detached_han_group", split_detached_han_group),
    ("glued_han_run", split_glued_han_run),
    ("no_chinese", lambda text: ArticleTitles(text.strip(), None)),
)


def split_article_titles(text: str) -> ArticleTitles:
    """Given a document's printed title without label and link, return its two titles.

    The first splitter of :data:`TITLE_SPLITTERS` that applies decides.
    """
    for _name, splitter in TITLE_SPLITTERS:
        found = splitter(text)
        if found is not None:
            return found
    return ArticleTitles(text.strip(), None)  # pragma: no cover - no_chinese always applies
