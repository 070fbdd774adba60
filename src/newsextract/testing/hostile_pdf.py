"""Pathological PDF files, built in memory: what a hostile upload could hold.

Each builder returns the bytes of a small file (at most a few MB) that stresses one part of
a PDF reader; the tests assert that both backends refuse every one with the same typed
error (:data:`PATHOLOGICAL`):

* :func:`bomb_pdf` — a page whose content stream (about 1 KiB per MiB) inflates to
  ``mib`` MiB of zeros (a decompression bomb);
* :func:`cyclic_page_tree_pdf` — a page tree whose ``/Kids`` lead back to the root;
* :func:`nested_arrays_pdf` — a page dictionary holding ``depth`` nested arrays;
* :func:`many_pages_pdf` — ``count`` pages, each showing one short line;
* :func:`long_page_pdf` — one page showing ``chars`` characters;
* :func:`truncated_xref_pdf` — a one-page file cut off inside its cross-reference table;
* :func:`wide_width_table_pdf` — a Chinese glyph in an unembedded CID font whose width table
  spans ``codes`` char codes in one range (pdfminer expands it code by code).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Sequence

__all__ = [
    "PATHOLOGICAL",
    "bomb_pdf",
    "cyclic_page_tree_pdf",
    "long_page_pdf",
    "many_pages_pdf",
    "nested_arrays_pdf",
    "pdf_from_objects",
    "truncated_xref_pdf",
    "wide_width_table_pdf",
]

_FONT = b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def pdf_from_objects(objects: Sequence[bytes], *, root: int = 1) -> bytes:
    """Return a PDF holding ``objects`` (numbered from 1) with a classic xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref)
    return bytes(out)


def _stream(content: bytes, *, flate: bool = False) -> bytes:
    filt = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(content), filt) + content + b"\nendstream"


def _text(line: str) -> bytes:
    """Return a content stream showing ``line`` (ASCII) at the top left of a Letter page."""
    escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"BT /F1 10 Tf 72 700 Td (" + escaped.encode("ascii") + b") Tj ET"


def _one_page(content: bytes, *, flate: bool = False, extra: bytes = b"") -> bytes:
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        + _FONT + extra + b" >>",
        _stream(content, flate=flate),
    ])


def _bomb_stream(mib: int) -> bytes:
    """Return a zlib stream (about 1 KiB per MiB) that inflates to ``mib`` MiB of zeros."""
    chunk = bytes(1 << 20)
    c = zlib.compressobj(9)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(mib):
        adler = zlib.adler32(chunk, adler)
    return first + again * (mib - 1) + b"\x03\x00" + struct.pack(">I", adler)


def bomb_pdf(mib: int = 1024) -> bytes:
    """Return a one-page PDF (about 1 KiB per MiB) whose content inflates to ``mib`` MiB."""
    return _one_page(_bomb_stream(mib), flate=True)


def cyclic_page_tree_pdf() -> bytes:
    """Return a PDF whose page tree is a cycle: the root's kid lists the root as its kid."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ])


def nested_arrays_pdf(depth: int = 200_000) -> bytes:
    """Return a one-page PDF whose page dictionary holds ``depth`` nested arrays."""
    return _one_page(_text("Nested arrays"),
                     extra=b" /Nested " + b"[" * depth + b"]" * depth)


def many_pages_pdf(count: int = 5_000) -> bytes:
    """Return a PDF of ``count`` pages sharing one content stream (one short line each)."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    pages = [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R " + _FONT + b" >>"
    ] * count
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        _stream(_text("A page of many")),
        *pages,
    ])


def long_page_pdf(chars: int = 200_000) -> bytes:
    """Return a one-page PDF showing ``chars`` characters, 100 a line (compressed)."""
    lines = []
    per_line = 100
    words = "lorem ipsum dolor sit amet consectetur "
    text = (words * (chars // len(words) + 1))[:chars]
    for i in range(0, chars, per_line):
        piece = text[i : i + per_line].replace("(", "").replace(")", "")
        lines.append(b"(" + piece.encode("ascii") + b") Tj T*")
    content = b"BT /F1 4 Tf 4.5 TL 10 780 Td " + b"\n".join(lines) + b" ET"
    return _one_page(zlib.compress(content), flate=True)


def truncated_xref_pdf() -> bytes:
    """Return a one-page PDF cut off inside its cross-reference table (no trailer)."""
    data = _one_page(_text("Truncated cross-reference table"))
    xref = data.rindex(b"\nxref\n") + 1
    return data[: xref + 40]


def wide_width_table_pdf(codes: int = 100_000_000) -> bytes:
    """Return a one-page PDF whose CID font's /W gives one width to ``codes`` char codes.

    The page shows "中" alone in the unembedded STSong-Light (UniGB-UCS2-H), as a damaged
    file might ("0 99999999 1000" where "29 31 605" was).
    """
    cid = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
           b"/FontDescriptor 7 0 R /W [0 %d 1000] >>" % (codes - 1))
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"BT /F1 12 Tf 72 700 Td <4E2D> Tj ET"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        cid,
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >>",
    ])


#: Every pathological file by name, with its builder (default sizes: the issue's cases).
PATHOLOGICAL: dict[str, Callable[[], bytes]] = {
    "bomb_1gib": bomb_pdf,
    "cyclic_page_tree": cyclic_page_tree_pdf,
    "nested_arrays_200k": nested_arrays_pdf,
    "pages_5000": many_pages_pdf,
    "chars_200k_on_a_page": long_page_pdf,
    "truncated_xref": truncated_xref_pdf,
    # a million codes: pdfminer would expand it in about a second (not minutes), so a
    # broken guard fails the tests instead of hanging them
    "wide_width_table": lambda: wide_width_table_pdf(1_000_000),
}
