"""Pathological files: both backends refuse each with the same typed error.

The files are generated (``newsextract.testing.hostile_pdf``): the 1 MB → 1 GiB bomb, a
cyclic page tree (and an empty one), 200k nested arrays, 5,000 pages, 200k characters on a
page and a truncated cross-reference table. Each must raise a ``NewsExtractError`` of one
type on pdfplumber and pdfium, and the type expected for what the file is.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import pytest
import regex

from newsextract import (
    MalformedPDFError,
    NewsExtractError,
    NotANewsletterError,
    ResourceLimitError,
    extract_issue,
)
from newsextract.reader.plumber import MAX_WIDTH_CODES, _width_codes
from newsextract.testing.hostile_pdf import PATHOLOGICAL, pdf_from_objects, wide_width_table_pdf

BACKENDS = ("pdfplumber", "pdfium")


def _empty_page_tree() -> bytes:
    return pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R >>",
                             b"<< /Type /Pages /Kids [] /Count 0 >>"])


CASES: dict[str, Callable[[], bytes]] = {**PATHOLOGICAL, "empty_page_tree": _empty_page_tree}

#: What each file is: a bomb is refused by the preflight, a page tree without a page and a
#: file cut off before its trailer (no /Root) are damaged, and the others are readable
#: PDFs that are not newsletters.
EXPECTED: dict[str, type[NewsExtractError]] = {
    "bomb_1gib": ResourceLimitError,
    "cyclic_page_tree": MalformedPDFError,
    "empty_page_tree": MalformedPDFError,
    "nested_arrays_200k": NotANewsletterError,
    "pages_5000": NotANewsletterError,
    "chars_200k_on_a_page": NotANewsletterError,
    "truncated_xref": MalformedPDFError,
    "wide_width_table": MalformedPDFError,
}


def _error(data: bytes, backend: str) -> NewsExtractError:
    with pytest.raises(NewsExtractError) as info:
        extract_issue(data, backend=backend)
    return info.value


@pytest.mark.parametrize("name", sorted(CASES))
def test_both_backends_give_the_same_typed_error(name: str) -> None:
    data = CASES[name]()
    errors = {backend: _error(data, backend) for backend in BACKENDS}
    types = {backend: type(e) for backend, e in errors.items()}
    assert types["pdfplumber"] is types["pdfium"], errors
    assert types["pdfium"] is EXPECTED[name], errors


def test_the_files_are_what_their_names_say() -> None:
    assert len(PATHOLOGICAL["bomb_1gib"]()) < 1_200_000
    assert PATHOLOGICAL["nested_arrays_200k"]().count(b"[" * 1000) >= 200
    assert PATHOLOGICAL["pages_5000"]().count(b"/Type /Page ") == 5_000
    long_page = PATHOLOGICAL["chars_200k_on_a_page"]()
    start = long_page.index(b"stream\n") + len(b"stream\n")
    shown = regex.findall(rb"\(([^)]*)\) Tj", zlib.decompress(long_page[start:]))
    assert sum(len(s) for s in shown) == 200_000
    truncated = PATHOLOGICAL["truncated_xref"]()
    assert b"xref" in truncated and b"trailer" not in truncated


@pytest.mark.parametrize(("table", "group", "codes"), [
    ([1, [207, 270, 342], 10, [374, 423], 18, 26, 462], 3, 3 + 2 + 9),
    ([0, 99_999_999, 1000], 3, MAX_WIDTH_CODES + 1),
    ([5, 4, 1000], 3, 0),  # an empty range
    ([float("nan"), 3, 1000], 3, MAX_WIDTH_CODES + 1),
    ([1, [-1000, 500, 880, -1000, 500, 880], 20, 29, -1000, 500, 880], 5, 2 + 10),
    ("not a table", 3, 0),
])
def test_width_table_spans(table: object, group: int, codes: int) -> None:
    assert _width_codes(table, group) == codes


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_impossible_width_range_is_refused_naming_the_table(backend: str) -> None:
    """The fuzz campaign's hang (seed 601759: "29 31 605" mutated into a 100-million-code
    range): refused before pdfminer expands it, on both backends (pdfium hands the page to
    pdfminer: a lone glyph in an unembedded font)."""
    error = _error(wide_width_table_pdf(), backend)
    assert isinstance(error, MalformedPDFError)
    assert "/W" in str(error)
    # a table at the limit reads
    assert not isinstance(_error(wide_width_table_pdf(MAX_WIDTH_CODES), backend),
                          MalformedPDFError)
