"""Back-matter zone to people, contact e-mail and publisher details.

People are read by the page's structure, a name and then its role lines
(:mod:`newsextract.fields.people`), not one block per person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from pydantic import ValidationError

from newsextract.fields.common import bold_lines
from newsextract.fields.diagnostics import Diagnostics, Path
from newsextract.fields.people import read_people, section_lines
from newsextract.models import Person, PublisherInfo
from newsextract.reader.types import Block
from newsextract.vocabulary import CONTACT, EMAIL, MAIL, PHONE, WEBSITE, match_heading, match_label

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


def _people(blocks: list[Block], diag: Diagnostics, at: Path) -> list[Person]:
    """Read a people section's blocks (heading left out) into people.

    Names and roles are told apart by structure (:mod:`newsextract.fields.people`); a person
    the models refuse is left out with a warning about ``at``.
    """
    out: list[Person] = []
    for p in read_people(section_lines(blocks)):
        try:
            out.append(Person(name=p.name, role=p.role))
        except ValidationError as exc:
            diag.warn("invalid_value", f"person dropped: {exc.errors()[0]['msg']}", p.page,
                      at=at)
    return out


def _publisher(lines: list[PublisherLine], bold_known: bool, diag: Diagnostics) -> PublisherInfo:
    """Read the publisher block: name, address lines, phone, mail and website.

    Where the producer keeps bold (``bold_known``) the name is the bold lines at the top (a
    long name wraps); else it is the first line unless that is a phone, mail or website.
    """
    n = 0
    if bold_known:
        while n < len(lines) and lines[n].bold:
            n += 1
    elif lines and match_label(lines[0].text, (PHONE, MAIL)) is None and not WEBSITE.match(
            lines[0].text):
        n = 1
    name = " ".join(ln.text for ln in lines[:n]) or None
    address: list[str] = []
    phone = email = website = None
    for text in (ln.text for ln in lines[n:]):
        hit = match_label(text, (PHONE, MAIL))
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


def parse_back(blocks: list[Block], diag: Diagnostics) -> BackFields:
    """Given the back-matter blocks (headings included), return people and publisher.

    The AUTHORS, EDITORS and PUBLISHER headings open their sections; the contact line
    ("For more information, please contact:") and the e-mail after it may stand anywhere.
    """
    out = BackFields()
    mode: str | None = None
    want_email = False
    sections: dict[str, list[Block]] = {"authors": [], "editors": []}
    publisher_lines: list[PublisherLine] = []
    # Headings and names are bold where the producer keeps bold; then so is the publisher.
    bold_known = any(b.is_bold() for b in blocks)
    for b in blocks:
        hit = match_heading(b.text)
        if hit and hit.heading.key in {"authors", "editors", "publisher"}:
            mode = hit.heading.key
            continue
        contact = match_label(b.text, (CONTACT,))
        if contact or want_email:
            rest = b.text[contact.end:] if contact else b.text
            m = EMAIL.search(rest)
            if m:
                out.contact_email = m.group(0)
                want_email = False
            else:
                want_email = True
            continue
        if mode in sections:
            sections[mode].append(b)
        elif mode == "publisher":
            publisher_lines.extend(PublisherLine(ln.text, b.page, ln.bold) for ln in bold_lines(b))
    out.authors = _people(sections["authors"], diag, ("authors",))
    out.editors = _people(sections["editors"], diag, ("editors",))
    out.publisher = _publisher(publisher_lines, bold_known, diag)
    page = blocks[0].page if blocks else None
    if not out.authors:
        diag.warn("missing_field", "no authors found on the back page", page, at=("authors",))
    if out.publisher.name is None:
        diag.warn("missing_field", "no publisher found on the back page", page,
                  at=("publisher_info", "name"))
    return out
