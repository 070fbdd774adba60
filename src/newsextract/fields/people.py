"""The people of the back page (authors, editors): names and their role lines, by structure.

A person is a name line followed by its role lines ("Head of Communications and" /
"Publications, MERICS"), however the reader cut them into blocks: a narrow frame, a line
break typed after a comma or a role in another style all leave one block per line or
two. So the lines of a people section are read one by one (:func:`section_lines`) and
each is told to be a name or a role (:func:`read_people`):

1. **Style**: where the section's lines differ in weight, slant, size or indent, the
   first line is a name (a section opens with one) and every line in its style is a
   name, every other line a role.
2. **The name's shape**, where they do not (a producer that shows names in colour only):
   a name is two to five capitalised words (initials and particles such as "van" or "de"
   allowed) or a short run of Chinese, with no digit, comma, colon or "@", and none of
   the :data:`ROLE_WORDS` ("Senior Analyst" and "Visiting Fellow" look like names
   otherwise); and after the section's first line it follows more space than the lines
   of one person are apart, when the section shows two such spacings.

A line in the name's style that holds a comma is a name followed by its role on one line
("Jane Doe, Analyst") when the part before the comma has the name's shape.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from newsextract.reader.script import HAN
from newsextract.reader.types import Block

__all__ = ["ROLE_WORDS", "BackLine", "PersonLines", "name_shaped", "read_people",
           "section_lines"]

#: Words of job titles that a name never holds (lower case). Data: add a title here.
ROLE_WORDS = frozenset(
    (
        "analyst fellow director head editor researcher manager officer adviser advisor "
        "programme program coordinator associate senior junior chief president lead "
        "visiting communications publications research intern assistant consultant "
        "professor scientist economist specialist executive deputy vice chair founder "
        "partner team unit department policy affairs relations strategy development "
        "student doctoral postdoctoral correspondent journalist writer designer of and for"
    ).split()
)
#: Lower-case words that may stand inside a name ("Ursula von der Leyen").
NAME_PARTICLES = frozenset("van von der den de da di du la le bin al ter zu y".split())
NAME_WORD = regex.compile(r"^(?:\p{Lu}[\p{L}'’\-]*\.?|\p{Lu}\.)$")
#: Characters a name never holds.
NOT_IN_NAME = regex.compile(r"[\p{N},:;@/()]")
#: A name written in Chinese: two to four Han characters.
CHINESE_NAME = regex.compile(rf"^{HAN.pattern}{{2,4}}$")
#: The fewest and most words a name has.
NAME_WORDS = (2, 5)
#: Extra space (in ems of the text) above a line that shows a new person begins.
PERSON_GAP_EM = 0.25


class BackLine(NamedTuple):
    """One line of the back page: its text, style and place, and where it came from."""

    text: str
    bold: bool
    italic: bool
    size: float
    x0: float
    top: float
    bottom: float
    page: int
    block: Block
    start: int  # the line's slice of ``block.text``
    end: int


class PersonLines(NamedTuple):
    """A person as read: the name, the role (None without role lines) and the page."""

    name: str
    role: str | None
    page: int


def section_lines(blocks: list[Block]) -> list[BackLine]:
    """Return the lines of ``blocks`` in order, each with its text's style and place."""
    out: list[BackLine] = []
    for b in blocks:
        bounds = [*b.line_starts, len(b.text)]
        drawn = [ln for ln in b.lines if ln.text.strip()]
        for k, (a, z) in enumerate(zip(bounds, bounds[1:])):
            text = b.text[a:z].strip()
            if not text:
                continue
            spans = [s for s in b.spans if s.start < z and s.end > a and b.text[
                max(s.start, a):min(s.end, z)].strip()]
            ln = drawn[k] if len(drawn) == len(b.line_starts) else b.lines[0]
            out.append(BackLine(text, all(s.bold for s in spans), all(s.italic for s in spans),
                                round(ln.size, 1), ln.box[0], ln.box[1], ln.box[3], ln.page,
                                b, a, z))
    return out


def name_shaped(text: str) -> bool:
    """Say whether ``text`` has the shape of a person's name (see the module docstring)."""
    if NOT_IN_NAME.search(text):
        return False
    if CHINESE_NAME.match(text):
        return True
    words = text.split()
    lo, hi = NAME_WORDS
    if not lo <= len(words) <= hi or not NAME_WORD.match(words[0]):
        return False
    if any(w.lower().strip(".") in ROLE_WORDS for w in words):
        return False
    return all(NAME_WORD.match(w) or w in NAME_PARTICLES for w in words)


def _style(line: BackLine) -> tuple[bool, bool, float, int]:
    return (line.bold, line.italic, line.size, round(line.x0 / max(line.size, 1.0)))


def _names(lines: list[BackLine]) -> list[bool]:
    """Say of each line whether it is a name (see the module docstring)."""
    if len({_style(ln) for ln in lines}) > 1:
        first = _style(lines[0])
        return [_style(ln) == first for ln in lines]
    gaps = [b.top - a.bottom if a.page == b.page else None for a, b in zip(lines, lines[1:])]
    known = [g for g in gaps if g is not None]
    tight = min(known, default=0.0)
    spaced = bool(known) and max(known) > tight + PERSON_GAP_EM * lines[0].size
    out = [name_shaped(lines[0].text)]
    for ln, gap in zip(lines[1:], gaps):
        after_gap = not spaced or gap is None or gap > tight + PERSON_GAP_EM * ln.size
        out.append(after_gap and name_shaped(ln.text))
    return out


def _role(lines: list[BackLine]) -> str | None:
    """Join role lines: lines of one block as the reader joined them, blocks with a space."""
    parts: list[str] = []
    prev: BackLine | None = None
    start = 0
    for ln in lines:
        if prev is not None and prev.block is ln.block and parts:
            parts[-1] = ln.block.text[start:ln.end].strip()
        else:
            start = ln.start
            parts.append(ln.text)
        prev = ln
    return " ".join(parts) or None


def read_people(lines: list[BackLine]) -> list[PersonLines]:
    """Given a people section's lines (heading left out), return its people in order."""
    if not lines:
        return []
    people: list[tuple[str, list[BackLine], int]] = []
    for ln, is_name in zip(lines, _names(lines)):
        if is_name or not people:
            name, _, rest = ln.text.partition(",")
            if rest.strip() and name_shaped(name.strip()):
                people.append((name.strip(), [ln._replace(text=rest.strip(),
                                                          start=ln.start + len(name) + 1)],
                               ln.page))
            else:
                people.append((ln.text.rstrip(",; ").strip(), [], ln.page))
        else:
            people[-1][1].append(ln)
    return [PersonLines(name, _role(roles), page) for name, roles, page in people]
