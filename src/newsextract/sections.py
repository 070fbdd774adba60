"""The segmenter: label the reader's blocks with the newsletter zone they belong to.

Given a :class:`~newsextract.reader.types.Document`, :func:`segment` returns
:class:`Segments`: the cover, the contents, each top story (title blocks and body blocks),
the policy and corporate news lists and the back matter. Like GROBID's cascade, this stage
only cuts the document into zones; each zone then goes to its own small parser in
:mod:`newsextract.fields`. Headings are recognised through :mod:`newsextract.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsextract.reader.params import DEFAULT_PARAMS, LayoutParams
from newsextract.reader.spacing import body_size
from newsextract.reader.types import Block, Document, Line, PageSize
from newsextract.vocabulary import (
    CONTACT,
    COVER_DATE_ONLY,
    COVER_LINE,
    STORY_TITLE,
    match_heading,
    match_label,
)
from newsextract.zones import Segments, StoryZone, ZonedBlock

__all__ = ["CoverFinder", "Segments", "StoryZone", "ZonedBlock", "has_landmark", "segment"]

#: Headings that come after an issue's cover: once one is seen, a cover opens the next issue.
_AFTER_COVER = frozenset({"contents", "top", "noteworthy", "authors", "editors", "publisher"})
#: Headings that come after an issue's contents: a contents heading after one of these
#: opens the next issue even where its cover line is unreadable.
_AFTER_CONTENTS = _AFTER_COVER - {"contents"}


def has_landmark(line_texts: Iterable[str]) -> bool:
    """Return True when any line is a cover date line or a contents/top/news heading.

    Used on the first pages only, to give up early on documents of another kind.
    """
    for text in line_texts:
        if COVER_LINE.search(text):
            return True
        hit = match_heading(text)
        if hit and hit.heading.key in {"contents", "top", "noteworthy"}:
            return True
    return False


class CoverFinder:
    """Tells, page by page, which pages of a PDF open an issue (the reader's ``opens_document``).

    A bundle (a yearly compilation, an archive) binds many issues into one PDF. An issue
    opens at its cover: a page carrying the cover date line (with or without the reporting
    period) in its body, once the issue before has shown a landmark that follows a cover
    (its contents, top list, news or back-page heading); or, where a cover is unreadable,
    at a contents heading once the issue before is past its contents. A date line in the
    top or bottom margin band (``margin_band_share``), where running headers and footers
    stand, is a running line, not a cover. Called once per page, in page order, with that
    page's lines and size; keeps what it has seen of the current issue.
    """

    __slots__ = ("_band", "_past_contents", "_past_cover")

    def __init__(self, params: LayoutParams = DEFAULT_PARAMS) -> None:
        """Start before the first page; ``params`` give the margin bands."""
        self._band = params.margin_band_share
        self._past_cover = False
        self._past_contents = False

    def __call__(self, lines: Sequence[Line], size: PageSize) -> bool:
        """Given one page's lines and size, return True when this page opens a new issue."""
        cover = False
        keys: set[str] = set()
        lo, hi = size.height * self._band, size.height * (1 - self._band)
        for line in lines:
            text = line.text.strip()
            _x0, top, _x1, bottom = line.box
            in_body = top > lo and bottom < hi
            if in_body and (COVER_LINE.search(text) or COVER_DATE_ONLY.match(text)):
                cover = True
            hit = match_heading(text)
            if hit is not None:
                keys.add(hit.heading.key)
        opens = (cover and self._past_cover) or ("contents" in keys and self._past_contents)
        if opens:
            self._past_cover = self._past_contents = False
        self._past_cover |= bool(keys & _AFTER_COVER)
        self._past_contents |= bool(keys & _AFTER_CONTENTS)
        return opens


def _opens_contact(block: Block) -> bool:
    """Return True for the back page's contact line ("For more information, please contact:").

    It opens the back matter when no AUTHORS or EDITORS heading comes before it.
    """
    return block.bullet is None and match_label(block.text, (CONTACT,)) is not None


def _is_heading_like(block: Block, body: float) -> bool:
    return block.is_bold() or block.size > body + 0.5


def segment(doc: Document) -> Segments:
    """Given a document, return its zones.

    A small state machine walks the blocks in reading order: cover until the contents
    heading, contents until the top heading, stories (each opened by a bold numbered title)
    until NOTEWORTHY, the policy and corporate lists under their subheadings, back matter
    from the AUTHORS, EDITORS or PUBLISHER heading or the contact line on.
    """
    seg = Segments()
    body = body_size((ln for b in doc.blocks for ln in b.lines), params=doc.params)
    state = "cover"
    news_target = seg.policy
    for block in doc.blocks:
        hit = match_heading(block.text) if _is_heading_like(block, body) else None
        key = hit.heading.key if hit else None
        if key == "contents" and state == "cover":
            state = "contents"
            seg.contents.append(block)
            seg.zones.append(ZonedBlock(block, "contents.heading"))
            continue
        if key == "top" and state in {"cover", "contents"} and hit is not None:
            state = "stories"
            seg.top_heading = block
            seg.top_count = int(hit.match.group("count"))
            seg.zones.append(ZonedBlock(block, "stories.heading"))
            continue
        if key == "noteworthy" and state in {"cover", "contents", "stories"}:
            state = "news"
            seg.noteworthy_heading = block
            seg.zones.append(ZonedBlock(block, "news.heading"))
            continue
        if key in {"policy_news", "corporate_news"} and state == "news":
            news_target = seg.policy if key == "policy_news" else seg.corporate
            seg.zones.append(ZonedBlock(block, f"news.{key}.heading"))
            continue
        if state != "contents" and (
            key in {"authors", "editors", "publisher"} or _opens_contact(block)
        ):
            state = "back"
        if state == "cover":
            seg.cover.append(block)
            seg.zones.append(ZonedBlock(block, "cover"))
        elif state == "contents":
            seg.contents.append(block)
            seg.zones.append(ZonedBlock(block, "contents"))
        elif state == "stories":
            _story_block(seg, block, body)
        elif state == "news":
            # a block without a bullet goes with the list too: an item's continuation the
            # reader split (at a column end, say), joined by fields.news.item_groups
            news_target.append(block)
            label = "news.policy" if news_target is seg.policy else "news.corporate"
            seg.zones.append(ZonedBlock(block, label))
        else:
            seg.back.append(block)
            seg.zones.append(ZonedBlock(block, "back"))
    return seg


def _story_block(seg: Segments, block: Block, body: float) -> None:
    m = STORY_TITLE.match(block.text)
    if m and _is_heading_like(block, body) and block.bullet is None:
        seg.stories.append(StoryZone(rank=int(m.group("rank")), title=[block]))
        seg.zones.append(ZonedBlock(block, "story.title"))
        return
    if not seg.stories:
        seg.unassigned.append(block)
        seg.zones.append(ZonedBlock(block, "unassigned"))
        return
    story = seg.stories[-1]
    same_size = abs(block.size - story.title[0].size) <= 0.5
    if (not story.body and _is_heading_like(block, body)
            and (block.is_bold() or same_size) and match_label(block.text) is None):
        # a title wrapped into a second block (after a size change, or a line of Chinese
        # in a CJK font without a bold face); a bold label standing alone ("At a glance:"
        # before its bullets) opens the body instead
        story.title.append(block)
        seg.zones.append(ZonedBlock(block, "story.title"))
        return
    story.body.append(block)
    seg.zones.append(ZonedBlock(block, "story.body"))
