"""Both reader backends give the same Issue: fixtures, engine renderings, generated issues.

The generated part is the bounded version of ``tools/backend_agreement.py`` (which runs
thousands): a few examples of the round-trip strategies in every test run, rendered once
and read by both backends, plus the stored cases of every kind of disagreement found
(``tests/agreement_cases/``, each also checked against the rendered truth).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from newsextract import Issue, extract_issue
from newsextract.backends import BACKENDS, DEFAULT_BACKEND

ROOT = Path(__file__).resolve().parents[1]
INPUTS = sorted((ROOT / "fixtures").glob("*.pdf")) + sorted(
    (ROOT / "fixtures" / "engines").glob("*.pdf")
)
CASES = Path(__file__).parent / "agreement_cases"
#: Generated examples per test run (about 0.3 s each on a quiet machine).
GENERATED = 10


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


def test_both_backends_are_named_and_the_default_is_one_of_them() -> None:
    assert set(BACKENDS) == {"pdfplumber", "pdfium"} and DEFAULT_BACKEND in BACKENDS


pytest.importorskip("reportlab")

from newsextract.testing import Layout, issue_and_layout, render_issue  # noqa: E402


def _both(pdf: bytes) -> tuple[Issue, Issue]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return extract_issue(pdf, backend="pdfplumber"), extract_issue(pdf, backend="pdfium")


@settings(max_examples=GENERATED, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.large_base_example])
@given(issue_and_layout())
def test_backends_agree_on_generated_issues(pair: tuple[Issue, Layout]) -> None:
    plumber, pdfium = _both(render_issue(*pair).pdf)
    assert pdfium == plumber


def _load(path: Path) -> tuple[Issue, Layout]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["why"], f"{path.name}: say which disagreement the case guards"
    layout = dict(data["layout"])
    layout["story_labels"] = {int(k): v for k, v in layout["story_labels"].items()}
    return Issue.model_validate(data["issue"]), Layout(**layout)


def test_cases_are_stored() -> None:
    assert len(list(CASES.glob("*.json"))) >= 4


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda p: p.stem)
def test_backends_agree_on_stored_cases(path: Path) -> None:
    rendered = render_issue(*_load(path))
    plumber, pdfium = _both(rendered.pdf)
    assert pdfium == plumber
    assert plumber.model_copy(update={"source": None, "warnings": []}) == rendered.issue
