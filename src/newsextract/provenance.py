"""Provenance: given the Issue and its zones, where each value was read (page and box).

:func:`locate_values` is a stage of its own after the field parsers (it reads their output,
never their insides): it builds a :class:`~newsextract.textmap.TextMap` per zone (cover,
contents, each story, each news list, back page) and finds every value of the Issue inside
the zone it belongs to (:mod:`newsextract.provenance_zones`): a story's values in that
story's zone, news items in their list, people on the back page. The result maps each
value's JSON Pointer (RFC 6901) to its boxes (page, PDF points, top-left origin), one box
per printed line; an item (a story, a paragraph, a news item, a person) gets one box per
page and column around its values. What is printed but cannot be found is listed in
``missing``.

Values that are not printed text get no box (:data:`NOT_PRINTED`): the schema version,
the canonical newsletter and publisher names, ``source``, ``warnings`` and the page numbers
the extractor counts itself. Values derived from printed text take the boxes of what they
were derived from: a source's ``language`` its tag "(CN)", a contents entry's ``level`` and
a document's ``issuing_bodies_complete`` their entry's or list's text, an issuing body's
registry ``name`` (when not printed) its acronym, ``at_a_glance/text`` its groups' texts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import regex

from newsextract.models import Issue, Provenance, SourceBox
from newsextract.provenance_story import locate_story
from newsextract.provenance_zones import (
    Located,
    locate_back,
    locate_contents,
    locate_cover,
    locate_news,
)
from newsextract.textmap import PageBox, TextMap, union_per_column
from newsextract.vocabulary import Vocabulary, default_vocabulary
from newsextract.zones import Segments

__all__ = ["NOT_PRINTED", "escape_token", "locate_values", "value_pointers"]

#: Pointers of values that are not printed text and get no box (indices as ``\d+``).
NOT_PRINTED = regex.compile(
    r"^/(?:schema_version|newsletter|publisher|provenance|source|warnings)(?:/.*)?$"
    r"|^/top_stories/\d+/pages(?:/\d+)?$"
    r"|^/(?:policy_news|corporate_news)/\d+/page$"
    r"|^/top_stories/\d+/figures/\d+/page$"
)


def escape_token(token: str | int) -> str:
    """Return one reference token of a JSON Pointer, escaped as RFC 6901 says."""
    return str(token).replace("~", "~0").replace("/", "~1")


def value_pointers(data: object, pointer: str = "") -> Iterator[tuple[str, object]]:
    """Yield (pointer, value) for every leaf of ``data``, dicts and lists walked.

    None, empty strings and empty lists are no value.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            yield from value_pointers(value, f"{pointer}/{escape_token(key)}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from value_pointers(value, f"{pointer}/{i}")
    elif data is not None and data != "":
        yield pointer, data


def _item_pointers(data: object, pointer: str = "") -> Iterator[str]:
    """Yield the pointer of every object and list item below the root."""
    if isinstance(data, dict):
        if pointer:
            yield pointer
        for key, value in data.items():
            yield from _item_pointers(value, f"{pointer}/{escape_token(key)}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if not isinstance(value, dict | list):
                yield f"{pointer}/{i}"
            yield from _item_pointers(value, f"{pointer}/{i}")


def _fallback(out: Located, leaves: list[tuple[str, object]], seg: Segments) -> None:
    """Look for values no zone locator placed (fields added later) outside the contents."""
    todo = [(p, v) for p, v in leaves if p not in out.boxes and not NOT_PRINTED.match(p)]
    if not todo:
        return
    tm = TextMap.of(z.block for z in seg.zones if not z.label.startswith("contents"))
    for pointer, value in todo:
        if isinstance(value, str):
            out.text(pointer, tm, value, (0, None))
        elif isinstance(value, dt.date):
            out.date(pointer, tm, value, (0, None))


def _default_unprinted(data: object, pointer: str, value: object) -> bool:
    """Tell whether a value is a default with nothing printed behind it.

    ``issuing_bodies_complete`` is True by default: without a printed list of issuing bodies
    there is nothing to box it with (only a printed "etc." makes it False).
    """
    if not pointer.endswith("/issuing_bodies_complete") or value is not True:
        return False
    for token in pointer.split("/")[1:-1]:
        data = data[int(token)] if isinstance(data, list) else data[token]  # type: ignore[index]
    return isinstance(data, dict) and not data.get("issuing_bodies")


def _pointer_order(item: tuple[str, object]) -> list[tuple[int, int | str]]:
    """Sort key of a pointer: its tokens, list indices by number."""
    return [(0, int(t)) if t.isdigit() else (1, t) for t in item[0].split("/")]


def _source_box(box: PageBox) -> SourceBox:
    return SourceBox(page=box.page, x0=round(box.x0, 2), top=round(box.top, 2),
                     x1=round(box.x1, 2), bottom=round(box.bottom, 2))


def locate_values(issue: Issue, seg: Segments, vocab: Vocabulary | None = None) -> Provenance:
    """Given the Issue and the zones of its Document, return where every value was read.

    ``vocab`` is the profile's vocabulary the issue was read with (its story labels mark
    where each field's region starts; default: the first built-in profile's).

    The zones' blocks are the reader's own (:class:`~newsextract.reader.types.Document`):
    their glyphs keep page and box, so nothing else of the Document is needed.

    Every leaf of the Issue's JSON that is printed (not :data:`NOT_PRINTED`) gets the boxes
    of its printed text, or its pointer in ``missing`` (a default with nothing printed
    behind it, ``issuing_bodies_complete`` of a document without issuing bodies, neither);
    every object and list item with a located value below it gets one box per page and
    column around them.
    """
    data = issue.model_dump(mode="python", exclude={"provenance"})
    out = Located()
    locate_cover(out, data, seg)
    locate_contents(out, data, seg)
    for i, story in enumerate(data["top_stories"]):
        zone = next((z for z in seg.stories if z.rank == story["rank"]), None)
        if zone is not None:
            locate_story(out, f"/top_stories/{i}", story, zone, vocab or default_vocabulary())
    locate_news(out, "/policy_news", data["policy_news"], seg.policy)
    locate_news(out, "/corporate_news", data["corporate_news"], seg.corporate)
    locate_back(out, data, seg.back)
    leaves = [(p, v) for p, v in value_pointers(data) if not NOT_PRINTED.match(p)]
    _fallback(out, leaves, seg)
    boxes = {p: b for p, b in out.boxes.items() if b}
    for item in _item_pointers(data):
        if item in boxes or NOT_PRINTED.match(item):
            continue
        below = list(dict.fromkeys(
            b for p, bs in boxes.items() if p.startswith(item + "/") for b in bs))
        if below:
            boxes[item] = union_per_column(below)
    missing = [p for p, v in leaves if p not in boxes and not _default_unprinted(data, p, v)]
    return Provenance(
        boxes={p: [_source_box(b) for b in bs]
               for p, bs in sorted(boxes.items(), key=_pointer_order)},
        missing=missing,
    )
