"""What a line-end hyphen stands for: a syllable break, a real hyphen, a suspended compound.

A line ends in a hyphen and the next line goes on in lower case. Three readings exist, and
:func:`line_end_hyphen` picks one from evidence, in this order (first that applies):

1. **The glyph drawn.** A producer that marks its own breaks with a character of their own
   (Chromium and WeasyPrint draw U+2010 at a break, U+002D for a real hyphen) shows it: a
   hyphen character drawn at line ends but never inside a line, while another hyphen
   character is, is the document's *break mark* (:attr:`Lexicon.break_marks`). A break mark
   is a syllable break: dropped ("chip‐" / "maker": "chipmaker").
2. **A suspended compound.** The next word is a conjunction (:data:`CONJUNCTIONS`: "and",
   "or", "to", "nor") and the two do not make a word ("toma-" / "to" does): the hyphen
   belongs to a compound whose head is left hanging, and the line break stands for a
   space: "medium-" / "and long-term" reads "medium- and long-term".
3. **The glyph drawn, again.** In a document that has a break mark, any other line-end
   hyphen is a real one, kept ("self-" / "reliance").
4. **The document's own words** (:class:`Lexicon`, the words of its lines, line-end
   fragments left out): ``left-right`` written elsewhere keeps the hyphen, ``leftright``
   drops it ("chip-" / "maker" in a document that writes "chipmaker").
5. **Word shapes**: a common compound tail ("in", "led", "based", ...), a number on either
   side, or an acronym head ("AI-") keeps it.
6. **The English word list** (the packaged SCOWL list): ``leftright`` an English word drops
   it ("inter-" + "national"); a common compound head ("self", "high", "state", ...)
   keeps it; both halves English words (``hyphen_min_word`` letters or more), or words
   the document uses (``hyphen_min_lexicon_word``), keep it ("standard-" + "setting").
7. **Hyphenation patterns** (pyphen's en_US patterns, the dictionary LibreOffice, Scribus
   and WeasyPrint hyphenate with): a typesetter breaks a word only where its patterns
   allow, so a split at a pattern point is a syllable break (dropped, "indus-" / "try")
   and a split anywhere else a real hyphen (kept, "e-" / "commerce").

The soft hyphen U+00AD comes first of all. A producer that marks its breaks with it (and
draws no U+00AD inside its lines) says the word goes on: it is dropped
(:mod:`newsextract.reader.join`). A document that draws U+00AD inside its lines as a
visible hyphen maps every hyphen glyph to it (Scribus builds its ToUnicode so): there it
is a hyphen like "-" (:attr:`Lexicon.soft_hyphen_drawn`) and the evidence above decides.
An unused soft hyphen drawn without width inside a line is left out by the reader
(:mod:`newsextract.reader.lines`). pdfium reports a drawn line-end U+00AD like any other
line-end hyphen ("-"), so with that backend only the evidence above decides.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache
from importlib import resources

import regex

from newsextract.reader.params import LayoutParams

__all__ = [
    "COMPOUND_HEADS",
    "COMPOUND_TAILS",
    "CONJUNCTIONS",
    "HYPHENS",
    "SOFT_HYPHEN",
    "HyphenBreak",
    "Lexicon",
    "english_words",
    "keep_line_end_hyphen",
    "line_end_hyphen",
]

WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*")
#: The characters a hyphen is drawn as.
HYPHENS = "-‐\u00ad"
#: The soft hyphen (glyphs maps pdfium's U+0002 to it).
SOFT_HYPHEN = "\u00ad"
#: Hyphen characters drawn inside a line (not at its end).
_INLINE_HYPHEN = regex.compile(r"[-‐\u00ad](?!$)")

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

#: Words after which a line-end hyphen is a suspended compound's ("medium- and long-term").
CONJUNCTIONS = frozenset(("and", "or", "to", "nor"))


class HyphenBreak(Enum):
    """What a line-end hyphen stands for (see the module docstring)."""

    DROP = "drop"  # a syllable break: "indus-" / "try" reads "industry"
    KEEP = "keep"  # a real hyphen: "self-" / "reliance" reads "self-reliance"
    KEEP_SPACED = "keep_spaced"  # a suspended compound: "medium-" / "and" keeps a space


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Return the packaged English word list (lower case; read once per process)."""
    raw = resources.files("newsextract").joinpath("data/english_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode("ascii").split())


@lru_cache(maxsize=1)
def _patterns() -> object:
    """Return pyphen's en_US hyphenation dictionary (loaded once per process)."""
    import pyphen  # type: ignore[import-untyped]  # no type information shipped

    return pyphen.Pyphen(lang="en_US")


def pattern_points(word: str) -> frozenset[int]:
    """Return where the en_US hyphenation patterns allow ``word`` to break (offsets)."""
    dic = _patterns()
    return frozenset(dic.positions(word.lower()))  # type: ignore[attr-defined]


class Lexicon:
    """What a document's lines tell about its words and how it draws hyphens.

    ``words`` holds the words used (lower case, hyphenated compounds and their parts
    included, line-end fragments left out); ``soft_hyphen_drawn`` says the document draws
    the soft hyphen U+00AD inside its lines as a visible hyphen (the reader has left out
    the invisible ones), so that U+00AD is an ordinary hyphen glyph here, at line ends too;
    ``break_marks`` are the hyphen characters drawn at line ends but never inside a line
    while another hyphen character is (the producer's own break mark, see the module
    docstring).
    """

    def __init__(self, texts: Iterable[str]) -> None:
        """Build the lexicon from line texts (line-end fragments are excluded)."""
        words: set[str] = set()
        inline: set[str] = set()
        ends: set[str] = set()
        after_break = False
        for text in texts:
            stripped = text.rstrip()
            inline.update(_INLINE_HYPHEN.findall(stripped))
            tokens = WORD.findall(stripped.lower().replace(SOFT_HYPHEN, "-"))
            if after_break and tokens:
                tokens = tokens[1:]  # the tail of a word broken at the previous line end
            after_break = stripped.endswith(("-", SOFT_HYPHEN, "‐"))
            if after_break:
                ends.add(stripped[-1])
                if tokens:
                    tokens = tokens[:-1]
            words.update(tokens)
            for t in tokens:
                if "-" in t or "‐" in t:
                    words.update(regex.split("[-‐]", t))
                    words.add(t.replace("‐", "-"))
        self.words = frozenset(words)
        self.soft_hyphen_drawn = SOFT_HYPHEN in inline
        self.break_marks = (frozenset(ends - inline - {SOFT_HYPHEN}) if inline - {SOFT_HYPHEN}
                            else frozenset[str]())

    def __contains__(self, word: str) -> bool:
        """Return True when ``word`` (any case) occurs in the document."""
        return word.lower() in self.words


def line_end_hyphen(
    left: str, right: str, hyphen: str, lexicon: Lexicon, *, params: LayoutParams
) -> HyphenBreak:
    """Given the words beside a line-end ``hyphen`` (the character drawn), say what it is.

    ``left`` is the word before the hyphen (a compound's earlier parts included), ``right``
    the word after the line break. The evidence and its order: the module docstring.
    """
    if hyphen in lexicon.break_marks:
        return HyphenBreak.DROP
    left_l, right_l = left.lower(), right.lower()
    last = left_l.rsplit("-", 1)[-1]
    joined = f"{last}{right_l}"
    if right_l in CONJUNCTIONS and joined not in english_words() and joined not in lexicon:
        return HyphenBreak.KEEP_SPACED
    if lexicon.break_marks:
        return HyphenBreak.KEEP
    if keep_line_end_hyphen(left, right, lexicon, params=params):
        return HyphenBreak.KEEP
    return HyphenBreak.DROP


def keep_line_end_hyphen(left: str, right: str, lexicon: Lexicon, *, params: LayoutParams) -> bool:
    """Given the words beside a line-end "-" no glyph settles, say whether to keep it.

    Steps 4 to 7 of the module docstring.
    """
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
    if len(last) >= short and len(right_l) >= short and last in lexicon and right_l in lexicon:
        return True
    # a typesetter breaks a word only where its hyphenation patterns allow
    return len(last) not in pattern_points(f"{last}{right_l}")
