"""Putting untrusted text into Markdown: one escaper per context (CommonMark rules).

Every string from a PDF goes through exactly one of these before it reaches a Markdown
file, so no value can open an element or set an attribute:

* :func:`escape_markdown` for running text (headings, list items, link text, paragraphs):
  whitespace runs (line breaks included) become one space, so a value cannot start a
  block; every punctuation character with a meaning in CommonMark or GFM is
  backslash-escaped, and a character reference (``&amp;``) is kept literal;
* :func:`markdown_destination` for a link's target: percent-encoded (RFC 3986), so it holds
  no space, control character, ``<``, ``>``, parenthesis or backslash and cannot end
  the link early or add a title;
* :func:`markdown_code` for a code span: a backtick fence longer than any run inside.

C0 and C1 control characters (ESC, NUL, DEL ...), the bidirectional embedding, override
and isolate controls (U+202A-U+202E, U+2066-U+2069, which can make text read differently
from what it says) and lone surrogates never reach the file: they are shown as U+FFFD.
"""

from __future__ import annotations

import regex

__all__ = [
    "REPLACEMENT",
    "escape_markdown",
    "markdown_code",
    "markdown_destination",
    "markdown_link",
    "visible_text",
]

#: What a control or bidi control character is shown as.
REPLACEMENT = "\ufffd"

# Control characters (C0, DEL, C1), the bidi embedding/override/isolate controls and
# lone surrogates (which UTF-8 cannot encode). Whitespace controls (TAB, LF, CR ...) are
# folded into spaces before this is applied.
_INVISIBLE = regex.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SPACES = regex.compile(r"\s+")
# Every ASCII punctuation character CommonMark (or GFM: ~ | ) gives a meaning to in text.
# "!" and "(" only matter after "]", which is escaped, and ":" only inside "<...>".
_SPECIAL = regex.compile(r"([\\`*_\[\]<>#|~])")
# A character reference ("&amp;", "&#35;", "&#x23;") would be decoded: escape its "&".
_ENTITY = regex.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# At the start of a value: a list bullet, a setext underline, an ordered-list number.
_LINE_START = regex.compile(r"^(?P<space>\s*)(?:(?P<mark>[-=+])|(?P<num>\d+)(?P<delim>[.)]))")
# Characters kept as they are in a link destination; everything else is percent-encoded.
_URL_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'*+,;="
)
_HEX = frozenset("0123456789abcdefABCDEF")


def visible_text(text: str) -> str:
    """Return ``text`` on one line: whitespace runs as one space, controls as U+FFFD."""
    return _INVISIBLE.sub(REPLACEMENT, _SPACES.sub(" ", text))


def escape_markdown(text: str) -> str:
    r"""Escape ``text`` so Markdown shows it literally, on one line (see :func:`visible_text`).

    A trailing ``!`` is escaped too, so a link put right after the text stays a link.

    >>> escape_markdown("*not bold* [x](y)")
    '\\*not bold\\* \\[x\\](y)'
    >>> escape_markdown("1. R&amp;D <b>")
    '1\\. R\\&amp;D \\<b\\>'
    """
    text = _SPECIAL.sub(r"\\\1", visible_text(text))
    text = _ENTITY.sub(r"\\&", text)
    if text.endswith("!"):  # a link we append would become an image: "![...](...)"
        text = text[:-1] + "\\!"
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: regex.Match[str]) -> str:
    if m.group("mark"):  # a list bullet or a setext underline
        return m.group("space") + "\\" + m.group("mark")
    return m.group("space") + m.group("num") + "\\" + m.group("delim")  # "1." starts a list


def markdown_destination(url: str) -> str:
    r"""Return ``url`` as a CommonMark link destination that cannot leave the link.

    Every character outside the RFC 3986 unreserved and reserved sets is percent-encoded
    as UTF-8 (spaces, line breaks, control and bidi characters, non-ASCII, ``<``, ``>``,
    ``"``, ``\``, ``[``, ``]``, ``{``, ``}``, ``|``, ``^``, a backtick), and so are
    ``(`` and ``)``; an existing ``%XX`` escape is kept, a lone ``%`` becomes ``%25``. An
    ``&`` that would start a character reference is backslash-escaped, so the target a
    reader's browser gets is the URL itself.
    """
    out: list[str] = []
    for i, ch in enumerate(url):
        if ch == "%":
            escaped = url[i + 1 : i + 3]
            out.append("%" if len(escaped) == 2 and set(escaped) <= _HEX else "%25")
        elif ch == "&" and _ENTITY.match(url, i):
            out.append("\\&")
        elif ch in _URL_SAFE:
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "replace")))
    return "".join(out)


def markdown_code(text: str) -> str:
    """Return ``text`` as an inline code span (one line, controls shown as U+FFFD)."""
    text = visible_text(text)
    runs = [len(r) for r in regex.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown_link(text: str, url: str | None, *, safe: bool) -> str:
    """Return ``[text](url)``, both escaped; the escaped text alone when not ``safe``.

    ``safe`` is the caller's verdict on ``url`` (the models' scheme check today, a stricter
    URL validator later); an empty ``text`` shows the URL instead.
    """
    label = escape_markdown(text).strip() or escape_markdown(url or "").strip()
    if not url or not safe:
        return label
    return f"[{label}]({markdown_destination(url)})"
