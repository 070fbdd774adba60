"""Public entry points: :func:`extract_issue` and :func:`layout_zones`.

The pipeline, each stage testable alone::

    bytes ─► reader (backend → glyphs → lines → blocks) ─► sections.segment ─► fields.* ─► Issue

Every failure reaches the caller as a :class:`~newsextract.errors.NewsExtractError`
subclass naming the file; nothing is printed and nothing is kept between calls.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from pydantic import ValidationError

from newsextract.backends import DEFAULT_BACKEND
from newsextract.detect import candidates, choose, describe, landmarks
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
from newsextract.models import FORBIDDEN_CHARS, Issue, PageRange, SourceFile, TopStory
from newsextract.preflight import DEFAULT_INFLATE_LIMITS, InflateLimits, check_inflation
from newsextract.profiles import ProfileSpec
from newsextract.provenance import locate_values
from newsextract.reader import BlockJoiner, get_backend, read_documents
from newsextract.reader.backend import Box
from newsextract.reader.types import Document, Line
from newsextract.sections import CoverFinder, Segments, has_landmark, segment
from newsextract.vocabulary import Vocabulary, default_vocabulary

__all__ = [
    "LoadedSource",
    "Source",
    "ZoneBox",
    "extract_issue",
    "extract_issues",
    "layout_zones",
    "load_source",
]

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


def _early_check(
    name: str, vocabs: Sequence[Vocabulary]
) -> Callable[[Sequence[Sequence[Line]]], None]:
    def early_check(pages: Sequence[Sequence[Line]]) -> None:
        if not has_landmark((ln.text for lines in pages for ln in lines), vocabs):
            heads = "; ".join(
                f"{v.profile.headings.contents[0]}, "
                f"{v.profile.headings.top.spellings[0].replace('{count}', 'N')} or "
                f"{v.profile.headings.news[0]}" for v in vocabs)
            raise NotANewsletterError(
                name,
                f"not {describe(vocabs)}: none of the first {len(pages)} pages "
                f"with text has the cover date line or a heading ({heads})",
            )

    return early_check


def _read_issues(
    data: bytes, name: str, backend: str, password: str | None, vocabs: Sequence[Vocabulary]
) -> Generator[Document, None, None]:
    """Yield the documents of a PDF, one per issue (split at each cover), read one at a time."""
    reader_backend = get_backend(backend)  # a wrong name is the caller's error: ValueError
    parts = read_documents(data, name, reader_backend, password,
                           opens_document=CoverFinder(vocabs),
                           early_check=_early_check(name, vocabs))
    try:
        while True:
            try:
                doc = next(parts)
            except StopIteration:
                return
            except NewsExtractError:
                raise
            except (Exception, RecursionError) as exc:  # never a raw traceback
                raise MalformedPDFError(
                    name, f"unreadable PDF ({type(exc).__name__}: {exc})"
                ) from exc
            yield doc
    finally:
        parts.close()


def _require_newsletter(
    seg: Segments, name: str, vocab: Vocabulary, detected: bool, where: str = ""
) -> None:
    stories = seg.top_heading is not None or bool(seg.stories)
    found = seg.anchors(vocab)
    if found < 2 or (not stories and seg.noteworthy_heading is None):
        best = ", the installed profile it matched best" if detected else ""
        raise NotANewsletterError(
            name,
            f"not {describe([vocab])}{best}{where}: found {found} of 5 landmarks "
            f"({landmarks(vocab)}) and neither the top list nor the news section",
        )


def _segment(doc: Document, vocabs: Sequence[Vocabulary]) -> tuple[Segments, Vocabulary]:
    """Segment ``doc`` with the profile (of ``vocabs``) whose landmarks it shows most."""
    vocab = choose((b.text for b in doc.blocks), vocabs)
    return segment(doc, vocab), vocab


def _build(
    doc: Document,
    seg: Segments,
    data: bytes,
    diag: Diagnostics,
    vocab: Vocabulary | None = None,
) -> Issue:
    vocab = vocab or default_vocabulary()
    for note in doc.notes:
        diag.warn(note.code, note.message, note.page, at=None)  # about the whole document
    cover = parse_cover(seg.cover, diag, vocab)
    anchor = cover.publication_date
    window = DateWindow(cover.period.start, cover.period.end)
    contents = parse_contents(seg.contents, diag, vocab)
    join = BlockJoiner(doc.lexicon, doc.params)
    stories: list[TopStory] = []
    for zone in seg.stories:
        at_story = diag.under("top_stories").item()  # placed below if the story is kept
        story = parse_story(zone, anchor, at_story, join, vocab)
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
    back = parse_back(seg.back, diag, vocab)
    thanks = " ".join(join(seg.acknowledgements).text.split()) if seg.acknowledgements else None
    profile = vocab.profile
    source = SourceFile(
        # a file name may hold what no string of the schema may: shown as U+FFFD
        file_name=FORBIDDEN_CHARS.sub("\ufffd", Path(doc.name).name
                                      if not doc.name.startswith("<") else doc.name),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=doc.page_count,
        pages=PageRange(first=doc.first_page, last=doc.last_page or doc.page_count),
    )
    try:
        return Issue(
            newsletter=profile.identity.newsletter,
            publisher=profile.identity.publisher,
            profile=profile.name,
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
    profile: ProfileSpec | None = None,
    inflate_limits: InflateLimits = DEFAULT_INFLATE_LIMITS,
    provenance: bool = False,
) -> Issue:
    """Extract one newsletter issue from a PDF path, bytes or binary file object.

    Lenient by default: a missing or unreadable field becomes null/empty plus an entry in
    ``Issue.warnings``. With ``strict=True`` the first such problem raises
    :class:`~newsextract.errors.ExtractionError`. A PDF without the newsletter's structure
    raises :class:`~newsextract.errors.NotANewsletterError` in both modes.

    A PDF binding several issues (a bundle, see :func:`extract_issues`) gives its first
    issue with a ``more_issues`` warning saying how many more there are (the whole file is
    read to count them); in strict mode that is an
    :class:`~newsextract.errors.ExtractionError` (``warning_code == "more_issues"``).

    ``backend`` picks the PDF reader: ``"pdfium"`` (the default, through pypdfium2) or
    ``"pdfplumber"`` (pure Python, about 2x slower; it raises ``MemoryError`` under a
    process memory cap where pdfium aborts the process). Both give equal issues on every
    fixture, engine rendering and generated issue checked (docs/architecture.md).

    ``profile`` says which newsletter to read: a loaded
    :class:`~newsextract.profiles.Profile`, a profile file, or the name of an installed
    profile (docs/profiles.md); None tries every installed profile and keeps the one whose
    landmarks the document shows most. ``Issue.profile`` names the profile that read it. A
    profile that cannot be loaded raises :class:`~newsextract.errors.ProfileError`.

    ``max_bytes`` caps the input's size; ``inflate_limits`` how far its compressed streams
    may inflate, checked before a backend reads it (:mod:`newsextract.preflight`): past
    either, :class:`~newsextract.errors.ResourceLimitError`.

    ``provenance=True`` fills ``Issue.provenance``: the page and boxes every value was read
    from, keyed by the value's JSON Pointer (:func:`newsextract.provenance.locate_values`);
    it is None (and left out of the JSON) otherwise.
    """
    vocabs = candidates(profile)
    data, name = load_source(source, max_bytes)
    check_inflation(data, name, inflate_limits)
    docs = _read_issues(data, name, backend, password, vocabs)
    try:
        doc = next(docs)
        seg, vocab = _segment(doc, vocabs)
        _require_newsletter(seg, name, vocab, detected=len(vocabs) > 1)
        more = [(other.first_page, other.last_page) for other in docs]
    finally:
        docs.close()
    diag = Diagnostics(name, strict=strict)
    if more:
        diag.warn(
            "more_issues",
            f"the PDF binds {len(more) + 1} issues; this is the first (pages "
            f"{doc.first_page}-{doc.last_page}), {len(more)} more follow (pages "
            f"{more[0][0]}-{more[-1][1]}): read them all with extract_issues()",
            more[0][0], at=("source", "pages"),
        )
    issue = _build(doc, seg, data, diag, vocab)
    if provenance:
        issue = issue.model_copy(update={"provenance": locate_values(issue, seg, vocab)})
    return issue


def extract_issues(
    source: Source,
    *,
    strict: bool = False,
    password: str | None = None,
    backend: str = DEFAULT_BACKEND,
    max_bytes: int | None = None,
    profile: ProfileSpec | None = None,
    inflate_limits: InflateLimits = DEFAULT_INFLATE_LIMITS,
    provenance: bool = False,
) -> Iterator[Issue]:
    """Yield every newsletter issue of a PDF, in page order: one, or each of a bundle's.

    A bundle (a yearly compilation, an archive) binds many issues into one PDF. The issues
    are told apart by their structure, not by page counts: an issue opens at its cover
    (the cover date line, once the issue before has shown its contents, top list, news or
    back page; see :class:`~newsextract.sections.CoverFinder`). Each issue's
    ``source.pages`` is its page range in the PDF (``first`` is its cover) and every page
    number in it counts from the start of the PDF; ``source.page_count`` is the whole
    PDF's. Issues are read one at a time, each page released once read, so memory does
    not grow with the bundle. Each issue is read with the profile its pages match best
    (of ``profile``, as for :func:`extract_issue`).

    A generator: errors come while iterating, not from the call. The options are
    :func:`extract_issue`'s; a part that does not have the newsletter's structure raises
    :class:`~newsextract.errors.NotANewsletterError` naming its pages (the issues before
    it were yielded). ``provenance=True`` fills each issue's ``Issue.provenance``.
    """
    vocabs = candidates(profile)
    data, name = load_source(source, max_bytes)
    check_inflation(data, name, inflate_limits)
    docs = _read_issues(data, name, backend, password, vocabs)
    try:
        for doc in docs:
            seg, vocab = _segment(doc, vocabs)
            where = "" if doc.first_page == 1 else (
                f" (pages {doc.first_page}-{doc.last_page}, after the first issue)")
            _require_newsletter(seg, name, vocab, detected=len(vocabs) > 1, where=where)
            issue = _build(doc, seg, data, Diagnostics(name, strict=strict), vocab)
            if provenance:
                issue = issue.model_copy(update={"provenance": locate_values(issue, seg, vocab)})
            yield issue
    finally:
        docs.close()


@dataclass(frozen=True, slots=True)
class ZoneBox:
    """One block of a page with the zone the segmenter gave it (for debug pictures)."""

    page: int
    bbox: Box
    label: str
    text: str


def layout_zones(
    source: Source,
    *,
    password: str | None = None,
    backend: str = DEFAULT_BACKEND,
    profile: ProfileSpec | None = None,
    inflate_limits: InflateLimits = DEFAULT_INFLATE_LIMITS,
) -> list[ZoneBox]:
    """Return every block and removed running line with its zone label, in reading order.

    ``profile`` as for :func:`extract_issue`. Each issue of a bundle is segmented on its
    own, as :func:`extract_issues` reads it.
    """
    vocabs = candidates(profile)
    data, name = load_source(source)
    check_inflation(data, name, inflate_limits)
    zones: list[ZoneBox] = []
    docs = _read_issues(data, name, backend, password, vocabs)
    try:
        for doc in docs:
            seg, _vocab = _segment(doc, vocabs)
            zones.extend(ZoneBox(z.block.page, z.block.box, z.label, z.block.text)
                         for z in seg.zones)
            zones.extend(ZoneBox(ln.page, ln.box, "running", ln.text) for ln in doc.removed)
    finally:
        docs.close()
    return zones
