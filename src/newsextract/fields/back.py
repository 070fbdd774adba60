"""Back-matter zone to people, contact e-mail and publisher details."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from pydantic import ValidationError

from newsextract.fields.common import block_lines, bold_lines
from newsextract.fields.diagnostics import Diagnostics, Path
from newsextract.models import Person, PublisherInfo
from newsextract.reader.types import Block
from newsextract.vocabulary import (
    EMAIL,
    WEBSITE,
    Vocabulary,
    default_vocabulary,
    match_label,
)

__all__ = ["BackFields", "parse_back"]


@dataclass(slots=True)
class BackFields:
    """What the back page tells."""

    authors: list[Person] = field(default_factory=list)
    editors: list[Person] = field(default_factory=list)
    contact_email: str | None = None
    publisher: PublisherInfo = field(default_factory=PublisherInfo)


class PublisherLine(NamedTuple):
    """One line of the publisher block: its text, page and whether it is all bold."""

    text: str
    page: int
    bold: bool


def _person(block: Block, diag: Diagnostics, at: Path) -> Person | None:
    """Read a person (name line, then role lines); warn about ``at`` if it is refused."""
    lines = block_lines(block)
    if not lines:
        return None
    name = lines[0].rstrip(",; ").strip()
    role = " ".join(lines[1:]).strip() or None
    try:
        return Person(name=name, role=role)
    except ValidationError as exc:
        diag.warn("invalid_value", f"person dropped: {exc.errors()[0]['msg']}", block.page,
                  at=at)
        return None


def _publisher(
    lines: list[PublisherLine], bold_known: bool, diag: Diagnostics, vocab: Vocabulary
) -> PublisherInfo:
    """Read the publisher block: name, address lines, phone, mail and website.

    Where the producer keeps bold (``bold_known``) the name is the bold lines at the top (a
    long name wraps); else it is the first line unless that is a phone, mail or website.
    """
    n = 0
    if bold_known:
        while n < len(lines) and lines[n].bold:
            n += 1
    elif (lines and match_label(lines[0].text, (vocab.phone, vocab.mail)) is None
          and not WEBSITE.match(lines[0].text)):
        n = 1
    name = " ".join(ln.text for ln in lines[:n]) or None
    address: list[str] = []
    phone = email = website = None
    for text in (ln.text for ln in lines[n:]):
        hit = match_label(text, (vocab.phone, vocab.mail))
        if hit and hit.label.key == "phone":
            phone = text[hit.end:].strip()
        elif hit and hit.label.key == "mail":
            m = EMAIL.search(text)
            email = m.group(0) if m else text[hit.end:].strip()
        elif WEBSITE.match(text) and "@" not in text:
            website = text
        else:
            address.append(text)
    try:
        return PublisherInfo(name=name, address=address, phone=phone, email=email, website=website)
    except ValidationError as exc:
        error = exc.errors()[0]
        diag.warn("invalid_value", f"publisher block: {error['msg']}",
                  lines[0].page if lines else None, at=("publisher_info", *error["loc"]))
        return PublisherInfo(name=name, address=address, phone=phone, website=website)


def parse_back(
    blocks: list[Block], diag: Diagnostics, vocab: Vocabulary | None = None
) -> BackFields:
    """Given the back-matter blocks (headings included), return people and publisher.

    ``vocab`` spells the headings and labels (default: the first built-in profile's).
    """
    vocab = vocab or default_vocabulary()
    out = BackFields()
    mode: str | None = None
    want_email = False
    pending_name = False
    publisher_lines: list[PublisherLine] = []
    # Headings and names are bold where the producer keeps bold; then so is the publisher.
    bold_known = any(b.is_bold() for b in blocks)
    for b in blocks:
        hit = vocab.heading(b.text)
        if hit and hit.heading.key in {"authors", "editors", "publisher"}:
            mode = hit.heading.key
            continue
        contact = match_label(b.text, (vocab.contact,))
        if contact or want_email:
            rest = b.text[contact.end:] if contact else b.text
            m = EMAIL.search(rest)
            if m:
                out.contact_email = m.group(0)
                want_email = False
            else:
                want_email = True
            continue
        if mode == "authors" or mode == "editors":
            people = out.authors if mode == "authors" else out.editors
            if not b.is_bold() and people and people[-1].role is None and pending_name:
                # a bold name line followed by its (regular) role lines
                role = " ".join(block_lines(b)) or None
                people[-1] = people[-1].model_copy(update={"role": role})
                pending_name = False
                continue
            person = _person(b, diag, (mode,))
            if person is not None:
                people.append(person)
                pending_name = b.is_bold() and person.role is None
        elif mode == "publisher":
            publisher_lines.extend(PublisherLine(ln.text, b.page, ln.bold) for ln in bold_lines(b))
    out.publisher = _publisher(publisher_lines, bold_known, diag, vocab)
    page = blocks[0].page if blocks else None
    if not out.authors:
        diag.warn("missing_field", "no authors found on the back page", page, at=("authors",))
    if out.publisher.name is None:
        diag.warn("missing_field", "no publisher found on the back page", page,
                  at=("publisher_info", "name"))
    return out
