"""Bracketed groups in a text: a Chinese title, a news item's sources, lists outside them.

Shared by the story parser (an article's Chinese title, a list of documents' bodies) and
the news parser (a news item's trailing source list). ASCII and full-width brackets count
alike.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "BracketGroup",
    "Part",
    "TopGroup",
    "split_detached_group",
    "split_outside_brackets",
    "split_trailing_group",
    "top_level_groups",
]

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


class Part(NamedTuple):
    """A piece of a text cut at a separator: where it starts and its text (unstripped)."""

    start: int
    text: str


def split_outside_brackets(text: str, sep: str = ";") -> list[Part]:
    """Given a text, return its pieces cut at ``sep`` wherever it stands outside brackets."""
    parts: list[Part] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append(Part(start, text[start:i]))
            start = i + 1
    parts.append(Part(start, text[start:]))
    return parts


class TopGroup(NamedTuple):
    """A bracketed group not inside another.

    ``text[start:end]`` is the group with its brackets, ``inside`` is without them, and
    ``detached`` says whether it stands as a word of its own (a space or nothing before).
    """

    start: int
    end: int
    inside: str
    detached: bool


def top_level_groups(text: str) -> list[TopGroup]:
    """Given a text, return its closed bracketed groups that no other group holds."""
    out: list[TopGroup] = []
    depth = 0
    opened = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif ch in _CLOSE and depth > 0:
            depth -= 1
            if depth == 0:
                detached = opened == 0 or text[opened - 1].isspace()
                out.append(TopGroup(opened, i + 1, text[opened + 1:i].strip(), detached))
    return out
