"""Deciding whether a line-end hyphen is a break hyphen (drop it) or a real one (keep it).

PDFs do not say which is which unless the producer used a soft hyphen (U+00AD, or pdfium's
U+0002), so the decision for a plain "-" uses evidence from the same document, in this order
(most specific first):

1. ``left-right`` appears unbroken elsewhere in the document: keep the hyphen.
2. ``leftright`` appears elsewhere: drop it.
3. ``right`` is a common compound tail ("in", "led", "based", "ups", ...), either half
   is a number, or ``left`` is an acronym ("AI-"): keep it.
4. ``leftright`` is an English word (the packaged SCOWL list): drop it ("inter-" +
   "national", "over-" + "takes").
5. ``left`` is a common compound head ("self", "high", "state", "cross", ...): keep it.
6. both halves are English words (of ``hyphen_min_word`` letters or more), or words used
   elsewhere in the document (``hyphen_min_lexicon_word`` letters or more): keep it
   ("standard-" + "setting").
7. otherwise: a syllable break, drop it ("indus-" + "try").
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import regex

from newsextract.reader.params import LayoutParams

__all__ = ["COMPOUND_HEADS", "COMPOUND_TAILS", "Lexicon", "english_words", "keep_line_end_hyphen"]

WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*")

#: Words that usually start a hyphenated compound rather than end a syllable.
COMPOUND_HEADS = frozenset(
    (
        "self high low state well long short non co cross large small mid multi full top so "
        "world first second third one two three four five six seven eight nine ten half "
        "decision policy market user data end pre post anti inter intra semi sub ultra "
        "all ever best little much"
    ).split()
)


#: Words that usually end a hyphenated compound ("plug-in", "state-led", "AI-related").
COMPOUND_TAILS = frozenset(
    (
        "in up out on off down back over based led owned run made related driven oriented "
        "intensive scale level term free wide end like style type sized"
    ).split()
)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Return the packaged English word list (lower case; read once per process)."""
    raw = resources.files("newsextract").joinpath("data/english_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode("ascii").split())


class Lexicon:
    """The set of words (lower-case) used in a document, hyphenated compounds included."""

    def __init__(self, texts: Iterable[str]) -> None:
        """Build the lexicon from line texts (line-end fragments are excluded)."""
        words: set[str] = set()
        after_break = False
        for text in texts:
            tokens = WORD.findall(text.lower())
            if after_break and tokens:
                tokens = tokens[1:]  # the tail of a word broken at the previous line end
            after_break = text.rstrip().endswith(("-", "\u00ad", "‐"))
            if after_break and tokens:
                tokens = tokens[:-1]
            words.update(tokens)
            for t in tokens:
                if "-" in t:
                    words.update(t.split("-"))
        self.words = frozenset(words)

    def __contains__(self, word: str) -> bool:
        """Return True when ``word`` (any case) occurs in the document."""
        return word.lower() in self.words


def keep_line_end_hyphen(left: str, right: str, lexicon: Lexicon, *, params: LayoutParams) -> bool:
    """Given the word before a line-end "-" and the word after it, say whether to keep it."""
    left_l, right_l = left.lower(), right.lower()
    last = left_l.rsplit("-", 1)[-1]
    head = left.rsplit("-", 1)[-1]
    if f"{left_l}-{right_l}" in lexicon:
        return True
    if f"{left_l}{right_l}" in lexicon or f"{last}{right_l}" in lexicon:
        return False
    tail = right_l[:-1] if right_l.endswith("s") and right_l[:-1] in COMPOUND_TAILS else right_l
    if tail in COMPOUND_TAILS or last.isdigit() or right_l.isdigit():
        return True
    short, shortest = params.hyphen_min_lexicon_word, params.hyphen_min_word
    if len(head) >= shortest and head.isupper():
        return True  # acronyms are not broken into syllables ("AI-related")
    words = english_words()
    if f"{last}{right_l}" in words:
        return False  # "inter-" + "national": the joined word exists
    if last in COMPOUND_HEADS:
        return True
    if len(last) >= shortest and len(right_l) >= shortest and last in words and right_l in words:
        return True
    return len(last) >= short and len(right_l) >= short and last in lexicon and right_l in lexicon
