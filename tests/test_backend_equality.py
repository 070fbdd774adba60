"""Both reader backends give the same Issue on every fixture and every engine rendering."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from newsextract import extract_issue

ROOT = Path(__file__).resolve().parents[1]
INPUTS = sorted((ROOT / "fixtures").glob("*.pdf")) + sorted(
    (ROOT / "fixtures" / "engines").glob("*.pdf")
)


def test_inputs_cover_fixtures_and_engine_renderings() -> None:
    assert len(INPUTS) >= 15


@pytest.mark.parametrize("pdf", INPUTS, ids=lambda p: p.stem)
def test_pdfplumber_and_pdfium_agree(pdf: Path) -> None:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    data = pdf.read_bytes()
    plumber = extract_issue(data, backend="pdfplumber")
    pdfium = extract_issue(data, backend="pdfium")
    assert pdfium == plumber


def test_unknown_backend_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="unknown backend"):
        extract_issue(INPUTS[0], backend="tesseract")
