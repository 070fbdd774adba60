"""A story's values in its own zone: rank, title, summary, points, comment, documents.

Used by :func:`newsextract.provenance.locate_values` through
:mod:`newsextract.provenance_zones`' cursor and :class:`Located`. A story's label regions
(summary, comment, document, issuing bodies, date: the profile's labels) run from the
block a label opens to the next label's block; each value is looked for in its region first,
then in the story's body, never outside the story.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsextract.provenance_zones import Data, Located, Region, after, locate_links
from newsextract.reader.types import Block
from newsextract.textmap import Span, TextMap
from newsextract.vocabulary import Vocabulary
from newsextract.zones import StoryZone

__all__ = ["locate_story"]


def _regions(tm: TextMap, blocks: Sequence[Block], first: int, end: int,
             vocab: Vocabulary) -> dict[str, list[Span]]:
    """Return each story label's regions: from its block to the next label's block.

    ``blocks`` (the body) start at the ``first``-th block of the map; the last region ends
    at ``end`` (the body's end).
    """
    marks: list[tuple[str, int]] = []
    for k, block in enumerate(blocks):
        hit = vocab.label(block.text)
        if hit is not None:
            marks.append((hit.label.key, tm.block_starts[first + k]))
    out: dict[str, list[Span]] = {}
    for n, (key, start) in enumerate(marks):
        stop = marks[n + 1][1] if n + 1 < len(marks) else end
        out.setdefault(key, []).append(Span(start, stop))
    return out


def locate_story(
    out: Located, at: str, story: Data, zone: StoryZone, vocab: Vocabulary
) -> None:
    """Locate a story's rank, title, summary, points, comment, documents, figures in its zone."""
    drawn = [b for fig in zone.figures for b in (*fig.caption, *fig.text)]
    tm = TextMap.of([*zone.title, *zone.body, *drawn])
    starts = [*tm.block_starts, len(tm.text)]
    figures_at = starts[len(zone.title) + len(zone.body)]  # where the figures' blocks begin
    body: Region = (starts[len(zone.title)], figures_at)
    out.text(f"{at}/rank", tm, str(story["rank"]), (0, body[0]))
    out.text(f"{at}/title", tm, story["title"], (0, body[0]))
    regions = _regions(tm, zone.body, len(zone.title), figures_at, vocab)
    _glance(out, f"{at}/at_a_glance", story["at_a_glance"], tm,
            _region(regions, "at_a_glance", 0, body), body)
    comment = _region(regions, "comment", 0, body)
    cur = comment[0]
    for j, para in enumerate(story["comment"]):
        span = out.text(f"{at}/comment/{j}/text", tm, para["text"], (cur, comment[1]), body)
        cur = after(span, cur)
        if span is not None:
            locate_links(out, f"{at}/comment/{j}/links", para["links"], tm, span)
    for j, doc in enumerate(story["documents"]):
        _document(out, f"{at}/documents/{j}", doc, tm, regions, j, body)
    cur = figures_at
    for j, figure in enumerate(story["figures"]):  # captions in the figures' blocks, in order
        cur = after(out.text(f"{at}/figures/{j}/caption", tm, figure["caption"], (cur, None),
                             (figures_at, None), body), cur)


def _region(regions: Mapping[str, list[Span]], key: str, n: int, default: Region) -> Region:
    spans = regions.get(key, [])
    return (spans[n].start, spans[n].end) if n < len(spans) else default


def _glance(out: Located, at: str, glance: Data, tm: TextMap, region: Region,
            body: Region) -> None:
    cur = region[0]
    for g, group in enumerate(glance["groups"]):
        if group["text"]:
            cur = after(out.text(f"{at}/groups/{g}/text", tm, group["text"],
                                  (cur, region[1]), body), cur)
        for p, point in enumerate(group["points"]):
            cur = after(out.text(f"{at}/groups/{g}/points/{p}", tm, point,
                                  (cur, region[1]), body), cur)
    if glance["text"] and out.text(f"{at}/text", tm, glance["text"], region, body) is None:
        out.derive(f"{at}/text", *(f"{at}/groups/{g}/text" for g in range(len(glance["groups"]))))
    cur = region[0]
    for p, point in enumerate(glance["points"]):
        cur = after(out.text(f"{at}/points/{p}", tm, point, (cur, region[1]), body), cur)


def _document(out: Located, at: str, doc: Data, tm: TextMap,
              regions: Mapping[str, list[Span]], j: int, body: Region) -> None:
    """Locate a cited document: titles and link in its article region, bodies, its date."""
    article = _region(regions, "article", j, body)
    cur = article[0]
    for key in ("title", "title_zh"):
        if doc[key]:
            cur = after(out.text(f"{at}/{key}", tm, doc[key], (cur, article[1]), body), cur)
    if doc["url"]:
        out.link(f"{at}/url", tm, doc["url"], article, body)
    bodies = _region(regions, "issuing_bodies", j, (cur, None))
    cur = bodies[0]
    for k, issuer in enumerate(doc["issuing_bodies"]):
        ptr = f"{at}/issuing_bodies/{k}"
        first = cur
        for key in ("acronym", "name"):
            if issuer[key]:
                found = out.text(f"{ptr}/{key}", tm, issuer[key], (first, bodies[1]))
                cur = max(cur, after(found, cur))
        if issuer["name"] and f"{ptr}/name" not in out.boxes:  # the registry's name
            out.derive(f"{ptr}/name", f"{ptr}/acronym")
    complete = f"{at}/issuing_bodies_complete"
    out.derive(complete, *(f"{at}/issuing_bodies/{k}/{key}"
                           for k in range(len(doc["issuing_bodies"]))
                           for key in ("acronym", "name")))
    if complete not in out.boxes and "issuing_bodies" in regions:  # the list prints no body
        out.boxes[complete] = tm.boxes(Span(bodies[0], bodies[1] or len(tm.text)))
    if doc["date"] is not None:
        out.date(f"{at}/date", tm, doc["date"], _region(regions, "date", j, (cur, None)), body)
