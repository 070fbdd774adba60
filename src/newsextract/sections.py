"""The segmenter: label the reader's blocks with the newsletter zone they belong to.

Given a :class:`~newsextract.reader.types.Document`, :func:`segment` returns
:class:`Segments`: the cover, the contents, an introduction, each top story (title blocks,
body blocks and figures), the policy and corporate news lists, the acknowledgements and
the back matter. Like GROBID's cascade, this stage only cuts the document into zones; each
zone then goes to its own small parser in :mod:`newsextract.fields`. Headings and printed
patterns are recognised through :mod:`newsextract.vocabulary`; figures and drawn bullets
through :mod:`newsextract.drawings`.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsextract.drawings import find_figures
from newsextract.reader.spacing import body_size
from newsextract.reader.types import Block, Document
from newsextract.story_zones import StoryBuilder, attach_captions, is_heading_like
from newsextract.vocabulary import (
    ACKNOWLEDGEMENT,
    CONTACT,
    COVER_LINE,
    INTRODUCTION,
    STORY_TITLE,
    match_heading,
    match_label,
)
from newsextract.zones import Segments, StoryZone, ZonedBlock

__all__ = ["Segments", "StoryZone", "ZonedBlock", "has_landmark", "segment"]

#: How many blocks after a numbered title are searched for a story label, where no
#: top-list heading announced the stories (a title wrapped in two blocks, then the label).
LABEL_LOOKAHEAD = 6


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


def _opens_contact(block: Block) -> bool:
    """Return True for the back page's contact line ("For more information, please contact:").

    It opens the back matter when no AUTHORS or EDITORS heading comes before it.
    """
    return block.bullet is None and match_label(block.text, (CONTACT,)) is not None


def is_story_title(block: Block, body: float) -> bool:
    """Return True for a numbered title set as a heading ("3. Robotics plan ...")."""
    return (block.bullet is None and STORY_TITLE.match(block.text) is not None
            and is_heading_like(block, body))


def _labels_follow(blocks: list[Block], i: int, body: float) -> bool:
    """Return True when a story label follows the numbered title ``blocks[i]``.

    Only before any other numbered title or section heading: then it opens a story where
    no heading announced one.
    """
    for b in blocks[i + 1:i + 1 + LABEL_LOOKAHEAD]:
        if match_label(b.text) is not None:
            return True
        if is_story_title(b, body) or match_heading(b.text) is not None:
            return False
    return False


def segment(doc: Document) -> Segments:
    """Given a document, return its zones.

    A small state machine walks the blocks in reading order: cover until the contents
    heading, contents until the top heading or the first story, stories (each opened by a
    bold numbered title; the first also without a top heading, when story labels follow
    it) until NOTEWORTHY, the policy and corporate lists under their subheadings (in
    either order), back matter from the AUTHORS, EDITORS or PUBLISHER heading or the
    contact line on. An introduction ("In this issue ...") before the stories, with its
    list, and the thanks line wherever it stands after the contents get zones of their
    own. In the stories, text inside a figure is figure text (:mod:`newsextract.story_zones`).
    """
    body = body_size((ln for b in doc.blocks for ln in b.lines), params=doc.params)
    walk = _Walk(doc, body)
    for i, block in enumerate(doc.blocks):
        walk.step(i, block)
    attach_captions(walk.seg, body, walk.stories.regions)
    return walk.seg


class _Walk:
    """The segmenter's state while it walks a document's blocks."""

    def __init__(self, doc: Document, body: float) -> None:
        self.doc, self.body = doc, body
        self.seg = Segments()
        self.stories = StoryBuilder(self.seg, doc, body, find_figures(doc, body))
        self.state = "cover"
        self.news_target = self.seg.policy

    def step(self, i: int, block: Block) -> None:
        """Place the document's block ``i`` (figure text cut out of it first, in stories)."""
        pieces = [block]
        if self.state == "stories":
            pieces = self.stories.take_figure_text(block)
        for piece in pieces:
            self._place(i, piece)

    def _place(self, i: int, block: Block) -> None:
        seg, state = self.seg, self.state
        hit = match_heading(block.text) if is_heading_like(block, self.body) else None
        key = hit.heading.key if hit else None
        if key == "contents" and state in {"cover", "intro"}:
            self.state = "contents"
            seg.contents.append(block)
            seg.zones.append(ZonedBlock(block, "contents.heading"))
            return
        if key == "top" and state in {"cover", "contents", "intro"} and hit is not None:
            self.state = "stories"
            seg.top_heading = block
            seg.top_count = int(hit.match.group("count"))
            seg.zones.append(ZonedBlock(block, "stories.heading"))
            return
        if key == "noteworthy" and state in {"cover", "contents", "intro", "stories"}:
            self.state = "news"
            seg.noteworthy_heading = block
            seg.zones.append(ZonedBlock(block, "news.heading"))
            return
        if key in {"policy_news", "corporate_news"} and state == "news":
            self.news_target = seg.policy if key == "policy_news" else seg.corporate
            seg.zones.append(ZonedBlock(block, f"news.{key}.heading"))
            return
        if state not in {"cover", "contents"} and ACKNOWLEDGEMENT.match(block.text):
            seg.acknowledgements.append(block)
            seg.zones.append(ZonedBlock(block, "acknowledgements"))
            return
        if INTRODUCTION.match(block.text) and (
                state in {"cover", "contents"} or (state == "stories" and not seg.stories)):
            self.state = "intro"
        if (self.state in {"cover", "contents", "intro"} and is_story_title(block, self.body)
                and _labels_follow(self.doc.blocks, i, self.body)):
            self.state = "stories"
        if self.state != "contents" and (
            key in {"authors", "editors", "publisher"} or _opens_contact(block)
        ):
            self.state = "back"
        self._add(block)

    def _add(self, block: Block) -> None:
        seg, state = self.seg, self.state
        if state == "stories":
            self.stories.add(block)
        elif state == "news":
            # a block without a bullet goes with the list too: an item's continuation the
            # reader split (at a column end, say), joined by fields.news.item_groups
            self.news_target.append(block)
            label = "news.policy" if self.news_target is seg.policy else "news.corporate"
            seg.zones.append(ZonedBlock(block, label))
        else:
            zone = {"cover": seg.cover, "contents": seg.contents, "intro": seg.intro,
                    "back": seg.back}[state]
            zone.append(block)
            seg.zones.append(ZonedBlock(block, state))
