"""Robustness: mutated fixtures and a real-world corpus never escape NewsExtractError.

CI runs a modest, deterministic sample on both backends and the corpus on the default one;
``python -m pytest -m slow tests/test_robustness.py`` runs the long campaign
(``tools/fuzz.py``: 5,000 mutated inputs, then the corpus, on the default backend, a
process per input and a hard time limit; see docs/testing.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsextract import Issue, NewsExtractError, NotANewsletterError, extract_issue
from newsextract.backends import DEFAULT_BACKEND
from newsextract.testing.mutations import mutate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").glob("*.pdf"))
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("**/*.pdf")) if CORPUS.is_dir() else []
FUZZ_SEEDS = int(os.environ.get("NEWSEXTRACT_FUZZ_SEEDS", "90"))
#: (seed, backend) pairs the long campaign (tools/fuzz.py) found bugs with, kept as
#: regressions.
REGRESSION_SEEDS = [
    (101080, "pdfplumber"),  # hang: a mutated number put a glyph at x=1e9 (gutter search)
    (301969, "pdfium"),  # a contents line read as "... 0": ContentsEntry(page=0) raised
    (302179, "pdfium"),  # the same, from flipped bytes
]
SAMPLE = [(seed, backend) for seed in range(FUZZ_SEEDS) for backend in ("pdfplumber", "pdfium")]


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("seed", "backend"), [*SAMPLE, *REGRESSION_SEEDS])
def test_mutated_fixture_returns_issue_or_typed_error(seed: int, backend: str) -> None:
    base = FIXTURES[seed % len(FIXTURES)]
    other = FIXTURES[(seed + 1) % len(FIXTURES)]
    name, data = mutate(seed, base.read_bytes(), other.read_bytes())
    try:
        result = extract_issue(data, backend=backend)
    except NewsExtractError as exc:
        assert "<bytes>" in str(exc), f"{name}: error does not name its input"
        return
    assert isinstance(result, Issue), name


@pytest.mark.corpus
@pytest.mark.timeout(30)
@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus is absent")
@pytest.mark.parametrize("pdf", CORPUS_FILES, ids=lambda p: p.name)
def test_real_world_pdf_is_refused_with_a_typed_error(pdf: Path) -> None:
    with pytest.raises(NewsExtractError) as info:
        extract_issue(pdf)
    message = str(info.value)
    assert pdf.name in message and len(info.value.detail) > 15
    assert "Traceback" not in message
    if isinstance(info.value, NotANewsletterError):
        # every installed profile was tried (tests/conftest.py installs the second one)
        assert ("not a newsletter of any installed profile (china-industries, " in message
                or "newsletter (profile china-industries), the installed profile it matched "
                   "best: found" in message), message


def test_corpus_has_the_expected_size() -> None:
    if not CORPUS_FILES:
        pytest.skip("../shared/corpus is absent")
    assert len(CORPUS_FILES) >= 170


def _campaign(*args: str) -> str:
    """Run tools/fuzz.py on the default backend; return its report (fails on any bug)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "fuzz.py"), "--jobs", "2",
         "--backend", DEFAULT_BACKEND, *args],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.slow
@pytest.mark.timeout(4 * 3600)
def test_long_fuzz_campaign_on_the_default_backend() -> None:
    count = os.environ.get("NEWSEXTRACT_FUZZ_COUNT", "5000")
    report = _campaign("--count", count, "--seed", "500000", "--timeout", "60")
    assert f"{count} mutated inputs" in report


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.timeout(3600)
@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus is absent")
def test_corpus_campaign_on_the_default_backend() -> None:
    report = _campaign("--corpus", str(CORPUS), "--timeout", "30")
    assert f"{len(CORPUS_FILES)} PDFs of" in report and "Issue " not in report
