"""Which script a character is written in: the one definition of CJK text (and of Han).

Two questions, two ranges:

* :func:`is_cjk` — does this character belong to Chinese, Japanese or Korean text, its
  punctuation or its full-width forms? Asked wherever CJK text behaves differently from
  Latin text on the page: it breaks between any two characters, carries no spaces between
  its characters, meets Latin text with automatic spacing, and may make its line taller.
* :data:`HAN` — is there a Chinese character (ideograph) in this text? Asked where a value
  must be Chinese, not merely set in CJK punctuation or kana (an article's Chinese title).
"""

from __future__ import annotations

import regex

__all__ = ["CJK", "HAN", "is_cjk"]

#: One CJK character: Han (all planes), kana, hangul, the CJK blocks from CJK Radicals
#: Supplement to the end of the unified ideographs (symbols and punctuation, bopomofo,
#: enclosed and compatibility forms), hangul syllables, compatibility ideographs, and
#: half- and full-width forms.
CJK = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
    r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)

#: A Chinese character (ideograph), anywhere in a text.
HAN = regex.compile(r"\p{Han}")


def is_cjk(text: str) -> bool:
    """Say whether ``text`` starts with a CJK character (:data:`CJK`); False for ""."""
    return CJK.match(text) is not None
