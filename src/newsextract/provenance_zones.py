"""Zone by zone, find each value of the Issue in the text map of the zone it was read from.

Used by :func:`newsextract.provenance.locate_values` (a story's zone:
:mod:`newsextract.provenance_story`). Values of one zone are found in print order: each
search starts where the value before it ended (a cursor), within the field's region when
the zone has one, then within the whole zone. A value is never looked for outside its
zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsextract.reader.types import Block
from newsextract.textmap import PageBox, Span, TextMap
from newsextract.vocabulary import LANGUAGE_TAGS
from newsextract.zones import Segments

__all__ = ["Data", "Located", "Region", "after", "locate_back", "locate_contents",
           "locate_cover", "locate_links", "locate_news"]

#: A region of a map to search: ``(lo, hi)``, ``hi`` None for the map's end.
Region = tuple[int, int | None]
#: An Issue part as ``model_dump(mode="python")`` gives it.
Data = Mapping[str, Any]


@dataclass(slots=True)
class Located:
    """The boxes found so far, by JSON Pointer."""

    boxes: dict[str, list[PageBox]] = field(default_factory=dict)

    def _keep(self, pointer: str, tm: TextMap, span: Span | None) -> Span | None:
        if span is not None:
            self.boxes[pointer] = tm.boxes(span)
        return span

    def text(self, pointer: str, tm: TextMap, value: str, *regions: Region) -> Span | None:
        """Find ``value`` in the first region that holds it; keep and return its stretch."""
        for lo, hi in regions:
            span = tm.find(value, lo, hi)
            if span is not None:
                return self._keep(pointer, tm, span)
        return None

    def date(self, pointer: str, tm: TextMap, value: dt.date, *regions: Region) -> Span | None:
        """Find the printed ``value`` in the first region that holds it; keep its stretch."""
        for lo, hi in regions:
            span = tm.find_date(value, lo, hi)
            if span is not None:
                return self._keep(pointer, tm, span)
        return None

    def link(self, pointer: str, tm: TextMap, url: str, *regions: Region) -> Span | None:
        """Find the glyphs linking to ``url`` in the first region that has them; keep them."""
        for lo, hi in regions:
            span = tm.find_link(url, lo, hi)
            if span is not None:
                return self._keep(pointer, tm, span)
        return None

    def derive(self, pointer: str, *sources: str) -> None:
        """Give ``pointer`` the boxes of the values it is derived from (those found)."""
        boxes = [b for s in sources for b in self.boxes.get(s, [])]
        if boxes:
            self.boxes[pointer] = boxes


def after(span: Span | None, default: int) -> int:
    """Return where a found value ends (the next search's start), else ``default``."""
    return span.end if span is not None else default


def locate_cover(out: Located, data: Data, seg: Segments) -> None:
    """Locate the publication date, reporting period and issue title in the cover zone."""
    tm = TextMap.of(seg.cover)
    cur = 0
    if data["publication_date"] is not None:
        cur = after(out.date("/publication_date", tm, data["publication_date"], (0, None)), 0)
    period = data["reporting_period"] or {}
    for side in ("start", "end"):
        if period.get(side) is not None:
            found = out.date(f"/reporting_period/{side}", tm, period[side], (cur, None))
            cur = after(found, cur)
    if data.get("issue_title"):
        out.text("/issue_title", tm, data["issue_title"], (0, None))


def locate_contents(out: Located, data: Data, seg: Segments) -> None:
    """Locate each entry's title and printed page number, in order, in the contents zone."""
    tm = TextMap.of(seg.contents)
    cur = 0
    for i, entry in enumerate(data["contents"]):
        at = f"/contents/{i}"
        title = out.text(f"{at}/title", tm, entry["title"], (cur, None))
        cur = after(title, cur)
        if entry["page"] is not None:
            cur = after(out.text(f"{at}/page", tm, str(entry["page"]), (cur, None)), cur)
        out.derive(f"{at}/level", f"{at}/title")


def locate_links(out: Located, at: str, links: Sequence[Data], tm: TextMap,
                 within: Span) -> None:
    """Locate inline links: each link's text in order, its url on the glyphs it covers."""
    cur = within.start
    for k, link in enumerate(links):
        span = out.text(f"{at}/{k}/text", tm, link["text"], (cur, within.end))
        cur = after(span, cur)
        inner = [(span.start, span.end)] if span is not None else []
        out.link(f"{at}/{k}/url", tm, link["url"], *inner, (within.start, within.end))


def locate_news(out: Located, at: str, items: Sequence[Data], blocks: Sequence[Block]) -> None:
    """Locate each news item's date, text, links and sources, in order, in its list."""
    tm = TextMap.of(blocks)
    cur = 0
    for i, item in enumerate(items):
        ptr = f"{at}/{i}"
        text = out.text(f"{ptr}/text", tm, item["text"], (cur, None)) if item["text"] else None
        if item["date"] is not None:
            out.date(f"{ptr}/date", tm, item["date"], (cur, text.start if text else None))
        if text is not None:
            locate_links(out, f"{ptr}/links", item["links"], tm, text)
        cur = after(text, cur)
        for k, source in enumerate(item["sources"]):
            label = out.text(f"{ptr}/sources/{k}/label", tm, source["label"], (cur, None))
            cur = after(label, cur)
            if source["url"] and label is not None:
                out.link(f"{ptr}/sources/{k}/url", tm, source["url"], (label.start, label.end),
                         (label.start, None))
            if source["language"] is not None:
                cur = _language(out, f"{ptr}/sources/{k}/language", tm, source["language"], cur)


def _language(out: Located, ptr: str, tm: TextMap, language: str, cur: int) -> int:
    """Locate the printed tag of a source's language, "(CN)", right after its label."""
    for tag, lang in LANGUAGE_TAGS.items():
        if lang == language:
            span = tm.find(f"({tag})", cur, min(len(tm.text), cur + 8))
            if span is not None:
                out.boxes[ptr] = tm.boxes(span)
                return span.end
    return cur


def locate_back(out: Located, data: Data, blocks: Sequence[Block]) -> None:
    """Locate people, contact e-mail and publisher block in the back-page zone."""
    tm = TextMap.of(blocks)
    for kind in ("authors", "editors"):
        cur = 0
        for i, person in enumerate(data[kind]):
            cur = after(out.text(f"/{kind}/{i}/name", tm, person["name"], (cur, None)), cur)
            if person["role"]:
                cur = after(out.text(f"/{kind}/{i}/role", tm, person["role"], (cur, None)), cur)
    if data["contact_email"]:
        out.text("/contact_email", tm, data["contact_email"], (0, None))
    publisher = data["publisher_info"]
    cur = 0
    for key in ("name", "address", "phone", "email", "website"):
        values = publisher[key] if isinstance(publisher[key], list) else [publisher[key]]
        for n, value in enumerate(values):
            if value:
                ptr = f"/publisher_info/{key}/{n}" if key == "address" else f"/publisher_info/{key}"
                cur = after(out.text(ptr, tm, value, (cur, None), (0, None)), cur)
