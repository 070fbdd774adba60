"""The characters the packaged font subsets hold (``newsextract/testing/fonts``).

``tools/build_fonts.py`` keeps, of every font it subsets, the glyphs of
:func:`font_characters` that the original font has: a margin of whole Unicode blocks
(:data:`LATIN_MARGIN`, :data:`CJK_MARGIN`), every character the Hypothesis strategies can
draw (:func:`newsextract.testing.strategies.characters`) and the characters of the
fixture sources (``fixtures/src/*.json``), which the script passes in as ``extra``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

__all__ = ["CJK_MARGIN", "LATIN_MARGIN", "font_characters"]


def _block(first: int, last: int) -> frozenset[str]:
    return frozenset(chr(c) for c in range(first, last + 1))


#: Printable ASCII, Latin-1 Supplement and General Punctuation.
LATIN_MARGIN: Final = _block(0x20, 0x7E) | _block(0xA0, 0xFF) | _block(0x2000, 0x206F)
#: CJK Symbols and Punctuation, and the full-width forms of ASCII.
CJK_MARGIN: Final = _block(0x3000, 0x303F) | _block(0xFF01, 0xFF5E)


def font_characters(extra: Iterable[str] = ()) -> frozenset[str]:
    """Return the characters the font subsets are made for: margins, strategies, ``extra``.

    ``extra`` is any text whose characters must be printable too (the fixture sources).
    """
    from newsextract.testing.strategies import characters

    return LATIN_MARGIN | CJK_MARGIN | characters() | frozenset("".join(extra))
