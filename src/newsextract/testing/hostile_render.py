"""Hostile newsletters as PDF files: a rendered issue whose text and links lie.

The test renderer prints only what reads back exactly, so hostile content goes in after
rendering, as a PDF *incremental update* (new versions of some objects appended to the
file, which every reader prefers to the old ones), the way an attacker edits a file:

* text: :func:`base_issue` prints placeholder characters (:data:`PLACEHOLDERS`) in its
  titles, summaries, comment, news texts, source labels and names; the update rewrites
  every font's ``/ToUnicode`` map so that the glyph of each placeholder reads as a hostile
  string (control and bidi characters, line breaks, formula starters, Markdown);
* links: each link annotation is replaced by one with a hostile target (any bytes, as a
  hex string; or UTF-16 with its byte order mark; or a JavaScript or Launch action) and a
  hostile shape (:data:`ANNOTATION_SHAPES`: a rectangle reversed, empty, covering the page,
  too short, of strings, or missing; broken ``/QuadPoints``).

:func:`hostile_edits` draws such edits with Hypothesis; :func:`apply_edit` writes them.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

import regex
from hypothesis import strategies as st

from newsextract.models import (
    AtAGlance,
    DateRange,
    Issue,
    IssuingBody,
    Link,
    NewsItem,
    NewsSource,
    Paragraph,
    Person,
    PolicyDocument,
    TopStory,
)
from newsextract.testing.hostile import HOSTILE_SNIPPETS, hostile_text, hostile_url

__all__ = [
    "ANNOTATION_SHAPES",
    "LINK_COUNT",
    "PLACEHOLDERS",
    "HostileEdit",
    "HostileLink",
    "apply_edit",
    "base_issue",
    "hostile_edits",
]

#: Printable characters the base issue uses only as stand-ins for hostile strings.
PLACEHOLDERS = "¤¦¢¥¬±"
#: How many link annotations the rendered base issue holds (l0 ... l4).
LINK_COUNT = 5
#: The shapes a hostile link annotation may have.
ANNOTATION_SHAPES = (
    "same", "reversed", "empty", "whole_page", "three_numbers", "strings", "no_rect",
    "quad_odd", "quad_strings", "quad_far", "action_not_dict", "uri_number",
)

_BFCHAR = regex.compile(rb"<(?P<code>[0-9A-Fa-f]+)>\s*<(?P<dest>[0-9A-Fa-f]+)>")
_OBJ = regex.compile(rb"(?m)^(?P<id>[0-9]+) 0 obj\s*")
_URI = regex.compile(rb"/URI \((?P<url>https://example\.org/l(?P<n>[0-9]+))\)")


def base_issue() -> Issue:
    """Return the newsletter the hostile files start from (placeholders in its text)."""
    day = dt.date(2024, 3, 15)
    a, b, c, d, e, f = list(PLACEHOLDERS)
    return Issue(
        publication_date=day,
        reporting_period=DateRange(start=day - dt.timedelta(days=28), end=day),
        top_stories=[TopStory(
            rank=1,
            title=f"{a}Story title {b}",
            at_a_glance=AtAGlance(text=f"{c}Summary here.", points=[f"{d}first point"]),
            comment=[Paragraph(text=f"{e}Comment with a draft link {a}.",
                               links=[Link(text="draft", url="https://example.org/l0")])],
            documents=[PolicyDocument(
                title=f"{f}Plan", url="https://example.org/l1",
                issuing_bodies=[IssuingBody(
                    acronym="MIIT", name="Ministry of Industry and Information Technology")],
            )],
            pages=[2],
        )],
        policy_news=[NewsItem(
            date=day, text=f"{a}policy item {b} see the notice.",
            links=[Link(text="notice", url="https://example.org/l2")],
            sources=[NewsSource(label=f"{c}MIIT notice", language="zh",
                                url="https://example.org/l3")],
        )],
        corporate_news=[NewsItem(
            date=day, text=f"{d}corporate item",
            sources=[NewsSource(label="Caixin", url="https://example.org/l4")],
        )],
        authors=[Person(name=f"Jane {e}Doe", role=f"Analyst {f}")],
    )


@dataclass(frozen=True)
class HostileLink:
    """One link annotation's replacement: its target and shape."""

    target: str
    encoding: str = "utf-8"  # "utf-8", "utf-16" (with BOM), "javascript", "launch"
    shape: str = "same"


@dataclass(frozen=True)
class HostileEdit:
    """What to change in the rendered base issue: placeholder texts and link annotations."""

    texts: dict[str, str]
    links: tuple[HostileLink, ...]


def _hex(data: bytes) -> bytes:
    return b"<" + data.hex().upper().encode() + b">"


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be", "surrogatepass")


def _to_unicode(cmap: bytes, texts: dict[str, str]) -> bytes:
    """Return ``cmap`` with each placeholder's destination replaced by its hostile text."""
    wanted = {_utf16(p).hex().upper(): t for p, t in texts.items() if t}

    def swap(m: regex.Match[bytes]) -> bytes:
        text = wanted.get(m.group("dest").decode().upper())
        if text is None:
            return m.group(0)
        return b"<" + m.group("code") + b"> " + _hex(_utf16(text)[:512])

    return _BFCHAR.sub(swap, cmap)


def _action(link: HostileLink) -> bytes:
    if link.encoding == "javascript":
        return b"<< /S /JavaScript /JS " + _hex(link.target.encode("utf-8", "replace")) + b" >>"
    if link.encoding == "launch":
        return b"<< /S /Launch /F " + _hex(link.target.encode("utf-8", "replace")) + b" >>"
    if link.encoding == "utf-16":
        raw = b"\xfe\xff" + _utf16(link.target)
    else:
        raw = link.target.encode("utf-8", "surrogatepass")
    return b"<< /S /URI /URI " + _hex(raw) + b" >>"


def _annotation(rect: list[float], link: HostileLink) -> bytes:
    x0, y0, x1, y1 = rect
    shape = link.shape
    r = {
        "reversed": f"[{x1} {y1} {x0} {y0}]", "empty": f"[{x0} {y0} {x0} {y0}]",
        "whole_page": "[-1000000000 -1000000000 1000000000 1000000000]",
        "three_numbers": f"[{x0} {y0} {x1}]", "strings": "[(a) (b) (c) (d)]", "no_rect": "",
    }.get(shape, f"[{x0} {y0} {x1} {y1}]")
    body = b"<< /Type /Annot /Subtype /Link /Border [0 0 0]"
    body += b" /Rect " + r.encode() if r else b""
    if shape == "quad_odd":
        body += b" /QuadPoints [1 2 3]"
    elif shape == "quad_strings":
        body += b" /QuadPoints [(x) 1 2 3 4 5 6 7]"
    elif shape == "quad_far":
        body += b" /QuadPoints [9000 9000 9100 9000 9000 9100 9100 9100]"
    if shape == "action_not_dict":
        body += b" /A 5"
    elif shape == "uri_number":
        body += b" /A << /S /URI /URI 42 >>"
    else:
        body += b" /A " + _action(link)
    return body + b" >>"


def _objects(pdf: bytes) -> dict[int, tuple[int, int]]:
    """Return each object's number with the span of its body (after ``N 0 obj``)."""
    out: dict[int, tuple[int, int]] = {}
    for m in _OBJ.finditer(pdf):
        end = pdf.find(b"endobj", m.end())
        if end > 0:
            out[int(m.group("id"))] = (m.end(), end)
    return out


def apply_edit(pdf: bytes, edit: HostileEdit) -> bytes:
    """Return ``pdf`` (the rendered :func:`base_issue`) with ``edit`` appended as an update."""
    objects = _objects(pdf)
    new: dict[int, bytes] = {}
    for number, (start, end) in objects.items():
        body = pdf[start:end]
        m = _URI.search(body)
        box = regex.search(rb"/Rect \[([^\]]*)\]", body)
        if m is not None and box is not None:
            rect = [float(v) for v in box[1].split()]
            new[number] = _annotation(rect, edit.links[int(m.group("n"))])
        elif b"beginbfchar" in body or (b"/FlateDecode" in body and b"stream" in body):
            s = body.index(b"stream") + len(b"stream")
            s += 2 if body[s:s + 2] == b"\r\n" else 1
            e = body.rindex(b"endstream")
            data = body[s:e].rstrip(b"\r\n")
            try:
                cmap = zlib.decompress(data) if b"/FlateDecode" in body[:s] else data
            except zlib.error:
                continue
            if b"beginbfchar" not in cmap:
                continue
            changed = _to_unicode(cmap, edit.texts)
            new[number] = b"<< /Length %d >>\nstream\n" % len(changed) + changed + b"\nendstream"
    trailer = pdf[pdf.rindex(b"trailer"):]
    root = regex.search(rb"/Root ([0-9]+ [0-9]+ R)", trailer)
    size = regex.search(rb"/Size ([0-9]+)", trailer)
    prev = regex.findall(rb"startxref\s+([0-9]+)", pdf)[-1]
    assert root is not None and size is not None
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for number, body in sorted(new.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number, off in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (number, off)
    out += (b"trailer\n<< /Size " + size[1] + b" /Root " + root[1] + b" /Prev " + prev
            + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


_SCHEMES = st.sampled_from((
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\nscript:x",
    "file:///etc/passwd", "data:text/html,<script>x</script>", "vbscript:msgbox",
    "https://bank.example@evil.example/", "https://exa mple.org/", "https:///nohost",
    "https://e\u202eorg/", "http://[::1", "https://e.org:99999/", "mailto:", "//e.org/x",
))
_TARGET = st.one_of(
    hostile_url(), _SCHEMES,
    st.builds(lambda n: "https://e.org/" + "a" * n, st.integers(8_000, 9_000)),
    st.text(max_size=20),
)
_LINK = st.builds(
    HostileLink, _TARGET,
    st.sampled_from(("utf-8", "utf-8", "utf-8", "utf-16", "javascript", "launch")),
    st.sampled_from(ANNOTATION_SHAPES),
)
_TEXT = st.one_of(st.sampled_from(HOSTILE_SNIPPETS), hostile_text(max_fragments=3),
                  st.sampled_from(("\u202e", "\u2066", "\u200f", "\x1b[31m", "\x00", "\r\n",
                                   "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\t")))


def hostile_edits() -> st.SearchStrategy[HostileEdit]:
    """Draw hostile texts for the placeholders and hostile targets and shapes for the links."""
    texts = st.fixed_dictionaries({p: _TEXT for p in PLACEHOLDERS})
    links = st.tuples(*([_LINK] * LINK_COUNT))
    return st.builds(HostileEdit, texts, links)
