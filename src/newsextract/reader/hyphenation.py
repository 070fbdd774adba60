"""Deciding whether a line-end hyphen is a break hyphen (drop it) or a real one (keep it).

PDFs do not say which is which unless the producer used a soft hyphen (U+00AD, or pdfium's
U+0002), so the decision for a plain "-" uses evidence from the same document, in this order
(most specific first):

1. ``left-right`` appears unbroken elsewhere in the document: keep the hyphen.
2. ``leftright`` appears elsewhere: drop it.
3. ``left`` is a common compound head ("self", "high", "state", ...) or a number: keep it.
4. both halves are words used elsewhere in the document (and at least three letters): keep.
5. otherwise: a syllable break, drop it ("indus-" + "try").
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

__all__ = ["COMPOUND_HEADS", "Lexicon", "keep_line_end_hyphen"]

WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*")

#: Words that usually start a hyphenated compound rather than end a syllable.
COMPOUND_HEADS = frozenset(
    (
        "self high low state well long short non co cross large small mid multi full top "
        "world first second third one two three four five six seven eight nine ten half "
        "decision policy market user data end pre post anti inter intra semi sub ultra "
        "over under so all ever best little much"
    ).split()
)


class Lexicon:
    """The set of words (lower-case) used in a document, hyphenated compounds included."""

    def __init__(self, texts: Iterable[str]) -> None:
        """Build the lexicon from line texts (line-end fragments are excluded)."""
        words: set[str] = set()
        for text in texts:
            tokens = WORD.findall(text.lower())
            if text.rstrip().endswith(("-", "\u00ad", "‐")) and tokens:
                tokens = tokens[:-1]
            words.update(tokens)
            for t in tokens:
                if "-" in t:
                    words.update(t.split("-"))
        self.words = frozenset(words)

    def __contains__(self, word: str) -> bool:
        """Return True when ``word`` (any case) occurs in the document."""
        return word.lower() in self.words


def keep_line_end_hyphen(left: str, right: str, lexicon: Lexicon) -> bool:
    """Given the word before a line-end "-" and the word after it, say whether to keep it."""
    left_l, right_l = left.lower(), right.lower()
    last = left_l.rsplit("-", 1)[-1]
    if f"{left_l}-{right_l}" in lexicon:
        return True
    if f"{left_l}{right_l}" in lexicon or f"{last}{right_l}" in lexicon:
        return False
    if last in COMPOUND_HEADS or last.isdigit() or right_l.isdigit():
        return True
    return len(last) >= 3 and len(right_l) >= 3 and last in lexicon and right_l in lexicon
