"""Bracketed groups at the end of a text: a Chinese title, a news item's sources.

Shared by the story parser (an article's Chinese title) and the news parser (a news
item's trailing source list).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["BracketGroup", "split_detached_group", "split_trailing_group"]

_OPEN = "(（"
_CLOSE = ")）"


class BracketGroup(NamedTuple):
    """A text's final bracketed group: the text ``before`` it and what is ``inside``."""

    before: str
    inside: str


def split_trailing_group(text: str) -> BracketGroup | None:
    """Given text ending in a bracketed group, return what is before and inside; else None.

    ASCII and full-width brackets count alike, so a Chinese title holding （2022—2025年）
    inside ASCII parentheses is one group.
    """
    s = text.rstrip()
    if not s or s[-1] not in _CLOSE:
        return None
    depth = 0
    for i in range(len(s) - 1, -1, -1):
        ch = s[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth == 0:
                return BracketGroup(s[:i].rstrip(), s[i + 1 : -1].strip())
    return None


def split_detached_group(text: str) -> BracketGroup | None:
    """As :func:`split_trailing_group`, for a group that stands as a word of its own.

    A group glued to the word before it ("加快（2024年版）", "plan(s)") is part of the text;
    a Chinese title or a list of sources is set off by a space ("Plan (关于…)").
    """
    group = split_trailing_group(text)
    if group is None or (group.before and not text[len(group.before)].isspace()):
        return None
    return group
