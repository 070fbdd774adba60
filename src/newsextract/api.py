"""Public entry points: :func:`extract_issue` and :func:`layout_zones`.

The pipeline, each stage testable alone::

    bytes ─► reader (backend → glyphs → lines → blocks) ─► sections.segment ─► fields.* ─► Issue

Every failure reaches the caller as a :class:`~newsextract.errors.NewsExtractError`
subclass naming the file; nothing is printed and nothing is kept between calls.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from pydantic import ValidationError

from newsextract.backends import DEFAULT_BACKEND
from newsextract.errors import (
    InputError,
    MalformedPDFError,
    NewsExtractError,
    NotANewsletterError,
    NotAPDFError,
    ResourceLimitError,
)
from newsextract.fields.back import parse_back
from newsextract.fields.contents import parse_contents
from newsextract.fields.cover import parse_cover
from newsextract.fields.dates import DateWindow
from newsextract.fields.diagnostics import Diagnostics
from newsextract.fields.news import parse_news
from newsextract.fields.story import parse_story
from newsextract.models import FORBIDDEN_CHARS, Issue, SourceFile, TopStory
from newsextract.preflight import DEFAULT_INFLATE_LIMITS, InflateLimits, check_inflation
from newsextract.reader import BlockJoiner, get_backend, read_document
from newsextract.reader.backend import Box
from newsextract.reader.types import Document, Line
from newsextract.sections import Segments, has_landmark, segment
from newsextract.vocabulary import PROFILES

__all__ = ["LoadedSource", "Source", "ZoneBox", "extract_issue", "layout_zones", "load_source"]

#: What :func:`extract_issue` accepts: a path, the PDF bytes, or a binary file object.
Source = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO

#: Default input size cap (bytes): 200 MB.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


class LoadedSource(NamedTuple):
    """A source's PDF bytes and the name errors give it (its path, or ``<bytes>``)."""

    data: bytes
    name: str


def load_source(source: Source, max_bytes: int | None = None) -> LoadedSource:
    """Given any accepted source, return its PDF bytes and display name.

    Raises :class:`NotAPDFError` for a missing, unreadable or empty file and
    :class:`ResourceLimitError` for input over ``max_bytes``.
    """
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        data, name = bytes(source), "<bytes>"
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        name = str(path)
        try:
            size = path.stat().st_size
            if size > limit:
                raise ResourceLimitError(name, f"file is {size} bytes, over the {limit}-byte cap")
            data = path.read_bytes()
        except NewsExtractError:
            raise
        except IsADirectoryError as exc:
            raise InputError(name, "is a directory, not a PDF file") from exc
        except OSError as exc:
            raise InputError(name, f"cannot read the file ({exc.strerror or exc})") from exc
    else:
        name = str(getattr(source, "name", "<stream>"))
        try:
            data = source.read(limit + 1)
        except OSError as exc:
            raise InputError(name, f"cannot read the stream ({exc})") from exc
        if not isinstance(data, bytes):
            raise InputError(name, "the file object must be opened in binary mode")
    if len(data) > limit:
        raise ResourceLimitError(name, f"input is over the {limit}-byte cap")
    if not data:
        raise NotAPDFError(name, "the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise NotAPDFError(name, "not a PDF file (no %PDF- header)")
    return LoadedSource(data, name)


def _read(data: bytes, name: str, backend: str, password: str | None) -> Document:
    def early_check(pages: Sequence[Sequence[Line]]) -> None:
        if not has_landmark(ln.text for lines in pages for ln in lines):
            raise NotANewsletterError(
                name,
                f"not a China Industries newsletter: none of the first {len(pages)} pages "
                "with text has the cover date line, CONTENTS, MERICS TOP or NOTEWORTHY",
            )

    reader_backend = get_backend(backend)  # a wrong name is the caller's error: ValueError
    try:
        return read_document(data, name, reader_backend, password, early_check=early_check)
    except NewsExtractError:
        raise
    except (Exception, RecursionError) as exc:  # last line of defence: never a raw traceback
        raise MalformedPDFError(name, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc


def _require_newsletter(seg: Segments, name: str) -> None:
    stories = seg.top_heading is not None or bool(seg.stories)
    if seg.anchors() < 2 or (not stories and seg.noteworthy_heading is None):
        raise NotANewsletterError(
            name,
            "not a China Industries newsletter: found "
            f"{seg.anchors()} of 5 landmarks (cover date line, CONTENTS, MERICS TOP or "
            "stories, NOTEWORTHY, AUTHORS) and neither the top list nor the news section",
        )


def _build(doc: Document, seg: Segments, data: bytes, diag: Diagnostics) -> Issue:
    for note in doc.notes:
        diag.warn(note.code, note.message, note.page, at=None)  # about the whole document
    cover = parse_cover(seg.cover, diag)
    anchor = cover.publication_date
    window = DateWindow(cover.period.start, cover.period.end)
    contents = parse_contents(seg.contents, diag)
    join = BlockJoiner(doc.lexicon, doc.params)
    stories: list[TopStory] = []
    for zone in seg.stories:
        at_story = diag.under("top_stories").item()  # placed below if the story is kept
        story = parse_story(zone, anchor, at_story, join)
        if story is not None and (not stories or story.rank > stories[-1].rank):
            at_story.place(len(stories))
            stories.append(story)
        elif story is not None:
            diag.warn("invalid_value", f"story rank {story.rank} out of order; dropped",
                      zone.title[0].page, at=("top_stories",))
    if seg.top_count is not None and seg.top_count != len(stories):
        diag.warn("story_count_mismatch",
                  f"heading announces {seg.top_count} stories, {len(stories)} found",
                  seg.top_heading.page if seg.top_heading else None, at=("top_stories",))
    policy = parse_news(seg.policy, anchor, window, diag.under("policy_news"), join)
    corporate = parse_news(seg.corporate, anchor, window, diag.under("corporate_news"), join)
    back = parse_back(seg.back, diag)
    thanks = " ".join(join(seg.acknowledgements).text.split()) if seg.acknowledgements else None
    profile = cover.profile or PROFILES[0]
    source = SourceFile(
        # a file name may hold what no string of the schema may: shown as U+FFFD
        file_name=FORBIDDEN_CHARS.sub("\ufffd", Path(doc.name).name
                                      if not doc.name.startswith("<") else doc.name),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=doc.page_count,
    )
    try:
        return Issue(
            newsletter=profile.newsletter,
            publisher=profile.publisher,
            issue_title=cover.issue_title,
            publication_date=cover.publication_date,
            reporting_period=cover.period if cover.period.start or cover.period.end else None,
            authors=back.authors,
            editors=back.editors,
            contact_email=back.contact_email,
            publisher_info=back.publisher,
            contents=contents,
            top_stories=stories,
            policy_news=policy,
            corporate_news=corporate,
            acknowledgements=thanks or None,
            source=source,
            warnings=diag.warnings,
        )
    except ValidationError as exc:  # pragma: no cover - parsers pre-validate every part
        raise MalformedPDFError(doc.name, f"extracted data failed validation: {exc}") from exc


def extract_issue(
    source: Source,
    *,
    strict: bool = False,
    password: str | None = None,
    backend: str = DEFAULT_BACKEND,
    max_bytes: int | None = None,
    inflate_limits: InflateLimits = DEFAULT_INFLATE_LIMITS,
) -> Issue:
    """Extract one newsletter issue from a PDF path, bytes or binary file object.

    Lenient by default: a missing or unreadable field becomes null/empty plus an entry in
    ``Issue.warnings``. With ``strict=True`` the first such problem raises
    :class:`~newsextract.errors.ExtractionError`. A PDF without the newsletter's structure
    raises :class:`~newsextract.errors.NotANewsletterError` in both modes.

    ``backend`` picks the PDF reader: ``"pdfium"`` (the default, through pypdfium2) or
    ``"pdfplumber"`` (pure Python, about 2x slower; it raises ``MemoryError`` under a
    process memory cap where pdfium aborts the process). Both give equal issues on every
    fixture, engine rendering and generated issue checked (docs/architecture.md).

    ``max_bytes`` caps the input's size; ``inflate_limits`` how far its compressed streams
    may inflate, checked before a backend reads it (:mod:`newsextract.preflight`): past
    either, :class:`~newsextract.errors.ResourceLimitError`.
    """
    data, name = load_source(source, max_bytes)
    check_inflation(data, name, inflate_limits)
    doc = _read(data, name, backend, password)
    seg = segment(doc)
    _require_newsletter(seg, name)
    diag = Diagnostics(name, strict=strict)
    return _build(doc, seg, data, diag)


@dataclass(frozen=True, slots=True)
class ZoneBox:
    """One block of a page with the zone the segmenter gave it (for debug pictures)."""

    page: int
    bbox: Box
    label: str
    text: str


def layout_zones(
    source: Source, *, password: str | None = None, backend: str = DEFAULT_BACKEND,
    inflate_limits: InflateLimits = DEFAULT_INFLATE_LIMITS,
) -> list[ZoneBox]:
    """Return every block and removed running line with its zone label, in reading order."""
    data, name = load_source(source)
    check_inflation(data, name, inflate_limits)
    doc = _read(data, name, backend, password)
    seg = segment(doc)
    zones = [ZoneBox(z.block.page, z.block.box, z.label, z.block.text) for z in seg.zones]
    zones.extend(ZoneBox(ln.page, ln.box, "running", ln.text) for ln in doc.removed)
    return zones
