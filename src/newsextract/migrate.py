"""Upgrade documents of an older schema version to the current one (:func:`upgrade`).

Schema 2.0 renamed and moved fields (the rule: a rename or removal bumps the major
version), so a 1.x document does not validate as an :class:`~newsextract.models.Issue`
any more. :func:`upgrade` rewrites its JSON data as 2.0 would have it, without reading the
PDF again::

    from newsextract import Issue
    from newsextract.migrate import upgrade
    issue = Issue.model_validate(upgrade(json.loads(old_line)))

From 2.0 to 2.1 only the version changes (2.1 added ``Issue.provenance``, left out of the
output unless asked for). What changes from 1.x to 2.0:

* a top story's ``article`` (``title``, ``title_zh``, ``url``), ``issuing_bodies``,
  ``issuing_bodies_complete`` and ``date`` become its one entry of ``documents`` (none
  when all of them were empty); a story gets ``figures: []``;
* ``at_a_glance`` gets ``groups``: its text with its points as one group (none when both
  are empty);
* a ``reporting_period`` with neither ``start`` nor ``end`` becomes ``null``;
* ``issue_title`` and ``acknowledgements`` are added as ``null``;
* warnings' ``field`` pointers into the moved values follow them
  (``/top_stories/2/article`` → ``/top_stories/2/documents/0``); a 1.0 warning without a
  ``field`` gets ``null``.

From 2.0 to 2.1 a field is added: ``source.pages``, the issue's page range in the PDF. A
document of 2.0 or older was read from a PDF as one issue, so it gets ``{"first": 1,
"last": page_count}`` (``null`` where its ``page_count`` is 0).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import regex

from newsextract.models import SCHEMA_VERSION

__all__ = ["UPGRADABLE", "upgrade"]

#: The versions :func:`upgrade` reads (the current one is returned unchanged).
UPGRADABLE = ("1.0", "1.1", "2.0", SCHEMA_VERSION)

#: A v1 pointer into a story's document fields: /top_stories/N/<field>[/rest].
_V1_DOCUMENT_POINTER = regex.compile(
    r"^(?P<story>/top_stories/\d+)/(?:(?P<article>article)(?:/(?P<afield>title|title_zh|url))?"
    r"|(?P<field>issuing_bodies|issuing_bodies_complete|date))(?P<rest>(?:/.*)?)$"
)


def _document(story: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the 2.0 document of a v1 story's document fields, or None when all are empty."""
    article = story.get("article") or {}
    doc = {
        "title": article.get("title"),
        "title_zh": article.get("title_zh"),
        "url": article.get("url"),
        "issuing_bodies": list(story.get("issuing_bodies") or []),
        "issuing_bodies_complete": story.get("issuing_bodies_complete", True),
        "date": story.get("date"),
    }
    empty = (not any(doc[k] for k in ("title", "title_zh", "url", "issuing_bodies", "date"))
             and doc["issuing_bodies_complete"])
    return None if empty else doc


def _pointer(field: str | None) -> str | None:
    """Return a v1 warning pointer as it reads in 2.0."""
    if field is None:
        return None
    m = _V1_DOCUMENT_POINTER.match(field)
    if m is None:
        return field
    base = f"{m.group('story')}/documents/0"
    if m.group("article"):
        return base + (f"/{m.group('afield')}" if m.group("afield") else "") + m.group("rest")
    return f"{base}/{m.group('field')}{m.group('rest')}"


def upgrade(data: Mapping[str, Any]) -> dict[str, Any]:
    """Given an Issue's JSON data of schema 1.0, 1.1, 2.0 or 2.1, return it as schema 2.1.

    A 2.0 document gets its version and ``source.pages`` (the whole file); ``profile`` and
    ``provenance`` (added in 2.1) stay null. Raises ValueError for a ``schema_version`` it
    does not know.
    """
    version = data.get("schema_version", "1.0")
    if version == SCHEMA_VERSION:
        return dict(data)
    if version not in UPGRADABLE:
        raise ValueError(f"cannot upgrade schema_version {version!r}; known: {UPGRADABLE}")
    out = _to_2_0(data) if version != "2.0" else copy.deepcopy(dict(data))
    out["schema_version"] = SCHEMA_VERSION
    source = out.get("source")
    if isinstance(source, dict) and "pages" not in source:
        count = source.get("page_count")
        source["pages"] = ({"first": 1, "last": count}
                           if isinstance(count, int) and count > 0 else None)
    return out


def _to_2_0(data: Mapping[str, Any]) -> dict[str, Any]:
    """Given a 1.x document, return it as schema 2.0 would have it (version left to set)."""
    out = copy.deepcopy(dict(data))
    stories = []
    for story in out.get("top_stories", []):
        doc = _document(story)
        for key in ("article", "issuing_bodies", "issuing_bodies_complete", "date"):
            story.pop(key, None)
        story["documents"] = [doc] if doc is not None else []
        story["figures"] = []
        glance = story.get("at_a_glance") or {}
        if glance.get("text") or glance.get("points"):
            glance["groups"] = [{"text": glance.get("text", ""),
                                 "points": list(glance.get("points", []))}]
        else:
            glance["groups"] = []
        story["at_a_glance"] = glance
        stories.append(story)
    out["top_stories"] = stories
    period = out.get("reporting_period")
    if not period or (period.get("start") is None and period.get("end") is None):
        out["reporting_period"] = None
    out.setdefault("issue_title", None)
    out.setdefault("acknowledgements", None)
    out["warnings"] = [{**w, "field": _pointer(w.get("field"))}
                       for w in out.get("warnings", [])]
    return out
