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

from collections.abc import Iterable, Sequence

import regex

from newsextract.drawings import find_figures
from newsextract.reader.params import DEFAULT_PARAMS, LayoutParams
from newsextract.reader.spacing import body_size
from newsextract.reader.types import Block, Document, Line, PageSize
from newsextract.story_zones import StoryBuilder, attach_captions, is_heading_like
from newsextract.vocabulary import (
    COVER_DATE_ONLY,
    STORY_TITLE,
    Vocabulary,
    default_vocabulary,
    match_label,
)
from newsextract.zones import Segments, StoryZone, ZonedBlock

__all__ = ["CoverFinder", "Segments", "StoryZone", "ZonedBlock", "has_landmark", "segment"]

#: Headings that come after an issue's cover: once one is seen, a cover opens the next issue.
_AFTER_COVER = frozenset({"contents", "top", "noteworthy", "authors", "editors", "publisher"})
#: The back page's headings: a cover line after them is the next issue's, wherever it stands.
_BACK = frozenset({"authors", "editors", "publisher"})
#: Headings that come after an issue's contents: a contents heading after one of these
#: opens the next issue even where its cover line is unreadable.
_AFTER_CONTENTS = _AFTER_COVER - {"contents"}

#: How many blocks after a numbered title are searched for a story label, where no
#: top-list heading announced the stories (a title wrapped in two blocks, then the label).
LABEL_LOOKAHEAD = 6


def has_landmark(line_texts: Iterable[str], vocabs: Sequence[Vocabulary]) -> bool:
    """Return True when any line is a cover date line or a contents/top/news heading.

    Of any of ``vocabs`` (the profiles tried). Used on the first pages only, to give up
    early on documents of another kind.
    """
    for text in line_texts:
        for vocab in vocabs:
            if vocab.cover_line.search(text):
                return True
            hit = vocab.heading(text)
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
    stand, is a cover's only where its date is new to the issue being read or that issue
    has shown its back page on an earlier page: a running line repeats the issue's date
    before its back page, while some layouts set the cover line at the very top of the
    cover. Called once per page, in page order, with that page's lines and size; keeps
    what it has seen of the current issue. The cover line and headings are those of any
    of ``vocabs`` (the profiles tried; default: the first built-in profile).
    """

    __slots__ = ("_band", "_dates", "_params", "_past_back", "_past_contents", "_past_cover",
                 "_vocabs")

    def __init__(
        self, vocabs: Sequence[Vocabulary] = (), params: LayoutParams = DEFAULT_PARAMS
    ) -> None:
        """Start before the first page; ``params`` give the margin bands."""
        self._vocabs = tuple(vocabs) or (default_vocabulary(),)
        self._band = params.margin_band_share
        self._params = params
        self._past_cover = False
        self._past_contents = False
        self._past_back = False  # the current issue's back page seen on an earlier page
        self._dates: set[tuple[str, ...]] = set()  # the current issue's cover dates

    def _continues(self, line: Line, lines: Sequence[Line]) -> bool:
        """Say whether ``line`` goes on the paragraph of the line just above it.

        The line above (the nearest one overlapping it across) has its size (within
        ``size_tolerance_pt``) and stands at a line pitch above it (at most
        ``pitch_max_em`` of the size): a date wrapped onto a line of its own ("Date:
        December 12, 2029;" / "November 27, 2029") is not a cover's date line.
        """
        p = self._params
        x0, top, x1, _bottom = line.box
        above = [ln for ln in lines if ln.box[3] <= top + p.size_tolerance_pt
                 and ln.box[0] < x1 and x0 < ln.box[2] and ln is not line]
        if not above:
            return False
        near = max(above, key=lambda ln: ln.baseline)
        reach = p.pitch_max_em * line.size
        return (abs(near.size - line.size) <= p.size_tolerance_pt
                and line.baseline - near.baseline <= reach)

    def _cover_match(self, text: str, wrapped: str,
                     date_only: bool = True) -> regex.Match[str] | None:
        """Return the cover line a line holds, or opens where it wraps into ``wrapped``.

        ``date_only``: a line that is a date alone may be one (a cover without a period).
        """
        found = COVER_DATE_ONLY.match(text) if date_only else None
        for vocab in self._vocabs:
            found = found or vocab.cover_line.search(text) or vocab.cover_line.match(wrapped)
        return found

    def __call__(self, lines: Sequence[Line], size: PageSize) -> bool:
        """Given one page's lines and size, return True when this page opens a new issue."""
        cover = False
        keys: set[str] = set()
        dates: set[tuple[str, ...]] = set()
        lo, hi = size.height * self._band, size.height * (1 - self._band)
        texts = [_plain(line.text) for line in lines]
        for k, line in enumerate(lines):
            text = texts[k]
            _x0, top, _x1, bottom = line.box
            # a cover line wrapped in two: the line with its next
            wrapped = f"{text} {texts[k + 1]}" if k + 1 < len(lines) else text
            alone = (COVER_DATE_ONLY.match(text) is not None
                     and not self._continues(line, lines))
            found = self._cover_match(text, wrapped, date_only=alone)
            if found is not None:
                date = _date_key(found.group("pub"))
                in_body = top > lo and bottom < hi
                new = date is not None and date not in self._dates
                cover |= in_body or new or self._past_back
                if date is not None:
                    dates.add(date)
            for vocab in self._vocabs:
                hit = vocab.heading(text)
                if hit is not None:
                    keys.add(hit.heading.key)
        opens = (cover and self._past_cover) or ("contents" in keys and self._past_contents)
        if opens:
            self._past_cover = self._past_contents = self._past_back = False
            self._dates = set()
        self._dates |= dates
        self._past_back |= bool(keys & _BACK)
        self._past_cover |= bool(keys & _AFTER_COVER)
        self._past_contents |= bool(keys & _AFTER_CONTENTS)
        return opens


def _plain(text: str) -> str:
    """Given a line's text, return it stripped, a soft hyphen drawn as a dash read as one."""
    return text.replace("\xad", "-").strip()


#: The words of a printed date ("Nov. 20, 2025" -> Nov, 20, 2025).
_DATE_WORDS = regex.compile(r"\w+")


def _date_key(pub: str | None) -> tuple[str, ...] | None:
    """Given a cover line's date as printed, return (month's first 3 letters, day, year).

    A running line may spell the month in full or short.
    """
    if not pub:
        return None
    month, *rest = _DATE_WORDS.findall(pub.casefold())
    return (month[:3], *rest)


def _opens_contact(block: Block, vocab: Vocabulary) -> bool:
    """Return True for the back page's contact line ("For more information, please contact:").

    It opens the back matter when no AUTHORS or EDITORS heading comes before it.
    """
    return block.bullet is None and match_label(block.text, (vocab.contact,)) is not None


def is_story_title(block: Block, body: float) -> bool:
    """Return True for a numbered title set as a heading ("3. Robotics plan ...")."""
    return (block.bullet is None and STORY_TITLE.match(block.text) is not None
            and is_heading_like(block, body))


def _labels_follow(blocks: list[Block], i: int, body: float, vocab: Vocabulary) -> bool:
    """Return True when a story label follows the numbered title ``blocks[i]``.

    Only before any other numbered title or section heading: then it opens a story where
    no heading announced one.
    """
    for b in blocks[i + 1:i + 1 + LABEL_LOOKAHEAD]:
        if vocab.label(b.text) is not None:
            return True
        if is_story_title(b, body) or vocab.heading(b.text) is not None:
            return False
    return False


def segment(doc: Document, vocab: Vocabulary | None = None) -> Segments:
    """Given a document and its newsletter's vocabulary, return its zones.

    ``vocab`` spells the headings and labels (default: the first built-in profile's).

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
    walk = _Walk(doc, body, vocab or default_vocabulary())
    for i, block in enumerate(doc.blocks):
        walk.step(i, block)
    attach_captions(walk.seg, body, walk.stories.regions)
    return walk.seg


class _Walk:
    """The segmenter's state while it walks a document's blocks."""

    def __init__(self, doc: Document, body: float, vocab: Vocabulary) -> None:
        self.doc, self.body, self.vocab = doc, body, vocab
        self.seg = Segments()
        self.stories = StoryBuilder(self.seg, doc, body, find_figures(doc, body), vocab)
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
        hit = self.vocab.heading(block.text) if is_heading_like(block, self.body) else None
        key = hit.heading.key if hit else None
        if key == "contents" and state in {"cover", "intro"}:
            self.state = "contents"
            seg.contents.append(block)
            seg.zones.append(ZonedBlock(block, "contents.heading"))
            return
        if key == "top" and state in {"cover", "contents", "intro"} and hit is not None:
            self.state = "stories"
            seg.top_heading = block
            count = hit.match.groupdict().get("count")
            seg.top_count = int(count) if count else self.vocab.top_count
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
        if state not in {"cover", "contents"} and self.vocab.opens_acknowledgement(block.text):
            seg.acknowledgements.append(block)
            seg.zones.append(ZonedBlock(block, "acknowledgements"))
            return
        if self.vocab.opens_introduction(block.text) and (
                state in {"cover", "contents"} or (state == "stories" and not seg.stories)):
            self.state = "intro"
        if (self.state in {"cover", "contents", "intro"} and is_story_title(block, self.body)
                and _labels_follow(self.doc.blocks, i, self.body, self.vocab)):
            self.state = "stories"
        if self.state != "contents" and (
            key in {"authors", "editors", "publisher"} or _opens_contact(block, self.vocab)
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
