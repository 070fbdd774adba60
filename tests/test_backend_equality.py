"""Both reader backends give the same Issue: fixtures, engine renderings, generated issues.

The generated part is the bounded version of ``tools/backend_agreement.py`` (which runs
thousands): examples of the round-trip strategies, rendered once and read by both
backends, under the Hypothesis profile of ``tests/conftest.py`` (``ci``: 25 derandomized
examples in every test run; ``HYPOTHESIS_PROFILE=thorough``: 2,000), plus the stored cases
of every kind of disagreement found (``tests/agreement_cases/``, each also checked against
the rendered truth).
"""

from __future__ import annotations

import inspect
import json
import logging
import os
from pathlib import Path

import pytest
from hypothesis import given, settings

from newsextract import Issue, extract_issue
from newsextract.api import layout_zones
from newsextract.backends import BACKENDS, DEFAULT_BACKEND

ROOT = Path(__file__).resolve().parents[1]
INPUTS = sorted((ROOT / "fixtures").glob("*.pdf")) + sorted(
    (ROOT / "fixtures" / "engines").glob("*.pdf")
)
CASES = Path(__file__).parent / "agreement_cases"
#: The Hypothesis profile registered in ``tests/conftest.py``: ``ci`` unless
#: HYPOTHESIS_PROFILE says.
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

#: PDFIUM SPACES: renderings where pdfium and pdfplumber differ only by a space pdfium's
#: glyph boxes add or drop, pdfplumber matching the page (xfail(strict=False); remove an
#: entry once the backends agree on it). Stem -> the difference.
PDFIUM_SPACES: dict[str, str] = {
    # Inputs where pdfium reads a space the page does not draw (or drops one it draws), with
    # the diagnosis; empty since a Type3 glyph's advance comes from the font's widths
    # (ci-2024-10--chromium-a4-sans, fixed in issue 13; tests/test_backend_pdfium.py).
}


def _marks(pdf: Path) -> list[pytest.MarkDecorator]:
    reason = PDFIUM_SPACES.get(pdf.stem)
    return [pytest.mark.xfail(strict=False, reason=reason)] if reason else []


def test_inputs_cover_fixtures_and_engine_renderings() -> None:
    assert len(INPUTS) >= 15


def test_pdfium_spaces_name_real_inputs() -> None:
    assert set(PDFIUM_SPACES) <= {p.stem for p in INPUTS}


@pytest.mark.parametrize("pdf", [pytest.param(p, id=p.stem, marks=_marks(p)) for p in INPUTS])
def test_pdfplumber_and_pdfium_agree(pdf: Path) -> None:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    data = pdf.read_bytes()
    plumber = extract_issue(data, backend="pdfplumber")
    pdfium = extract_issue(data, backend="pdfium")
    assert pdfium == plumber


def test_unknown_backend_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="unknown backend"):
        extract_issue(INPUTS[0], backend="tesseract")


def test_both_backends_are_named_and_pdfium_is_the_default() -> None:
    assert set(BACKENDS) == {"pdfplumber", "pdfium"} and DEFAULT_BACKEND == "pdfium"
    for function in (extract_issue, layout_zones):
        assert inspect.signature(function).parameters["backend"].default == "pdfium"


pytest.importorskip("reportlab")

from newsextract.testing import Layout, issue_and_layout, render_issue  # noqa: E402


def _both(pdf: bytes) -> tuple[Issue, Issue]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return extract_issue(pdf, backend="pdfplumber"), extract_issue(pdf, backend="pdfium")


#: Every newsletter the strategies print: the eras' own and the invented second one
#: (installed from fixtures/profiles by tests/conftest.py).
PROFILES = ("china-industries", "supply-chain-monitor")


@settings(settings.get_profile(PROFILE))
@given(issue_and_layout(profiles=PROFILES))
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
