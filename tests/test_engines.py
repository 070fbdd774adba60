"""Multi-engine equivalence: every real-engine rendering extracts to its issue's golden.

``fixtures/engines/manifest.json`` lists PDFs of the three fixture issues printed by headless
Chromium, Typst, LibreOffice and WeasyPrint (built by ``tools/engines/build.py``; see
docs/engines.md). The tests only read the committed PDFs: no engine is needed to run them.

Each rendering is compared with the golden ``fixtures/NAME.json`` (``source`` aside) PART by
part -- cover, contents, each top story, each news list, back page, warnings -- so that one
producer quirk fails one precise test case and every other part of the same rendering keeps
guarding the extractor.

Two kinds of known deviations, both per (rendering, part), never across the board:

* ``PRODUCER_LOSSES``: the PDF genuinely does not say what the source text was (e.g. a space
  between two Chinese characters that fell on a line break). The test then accepts exactly
  the readings the printed page allows for that one field (documented in docs/engines.md).
* ``EXTRACTOR_GAPS``: the page says it, the extractor gets it wrong. Marked
  ``xfail(strict=True)`` with the diagnosis, so CI stays green and the mark must be removed
  once the extractor is fixed (a passing xfail fails the run).
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from newsextract import Issue, extract_issue

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ROOT / "fixtures" / "engines"
MANIFEST: list[dict[str, Any]] = json.loads((ENGINES / "manifest.json").read_text("utf-8"))[
    "renderings"
]

#: Parts of an Issue compared separately; "top_stories", "policy_news" and "corporate_news"
#: are further split per item (plus a ":count" part for the list length).
SCALAR_PARTS: dict[str, tuple[str, ...]] = {
    "cover": ("schema_version", "newsletter", "publisher", "profile", "issue_title",
              "publication_date", "reporting_period"),
    "contents": ("contents",),
    "back": ("authors", "editors", "contact_email", "publisher_info", "acknowledgements"),
    "warnings": ("warnings",),
}
LIST_PARTS = ("top_stories", "policy_news", "corporate_news")

# --------------------------------------------------------------------------------------
# Genuine producer information loss: (file stem, part) -> {json path: accepted readings}.
# The golden value is always accepted too; see docs/engines.md "Producer information loss".
_CJK_SPACE_AT_BREAK = "a space between two Chinese runs fell on a line break"
PRODUCER_LOSSES: dict[tuple[str, str], dict[str, tuple[Any, ...]]] = {
    # Chromium broke the line at the space in "国家能源局 国家发展改革委": Chinese may break
    # between any two characters, so the page cannot show that a space was there.
    ("ci-2024-03--chromium-a4-justify", "top_stories[3]"): {
        "documents[0].title_zh": ("国家能源局国家发展改革委关于促进新型储能并网和调度运用的通知",),
    },
    # Typst printed "plug-" at a line end and "in cars" on the next: "plug-in" and "plugin"
    # are both English and print identically (Typst writes U+002D for its own breaks too).
    ("ci-2023-01--typst-letter-sans", "corporate_news[1]"): {
        "text": ("BYD reports sales of more than 1.8 million new energy vehicles in 2022 and "
                 "overtakes Tesla as the world's largest seller of plugin cars",),
        "links[0].text": ("world's largest seller of plugin cars",),
    },
}

# --------------------------------------------------------------------------------------
# Extractor shortcomings: (file stem, part) -> diagnosis. Remove an entry once fixed.
# (Fixed and therefore no longer listed, see docs/engines.md "Quirks the extractor already
# handles": Chromium's zero-advance soft-hyphen spaces, CJK radical-supplement code points,
# CJK-Latin autospacing, real line-end hyphens in Typst/WeasyPrint/Chromium output,
# LibreOffice's ghost spaces around a linked superscript and its taller CJK lines,
# Chromium's 2-em word gaps in narrow justified columns (gutters are now found by
# alignment, reader/gutters.py) and LibreOffice's detached break hyphen.)
EXTRACTOR_GAPS: dict[tuple[str, str], str] = {
    # (rendering, part) -> diagnosis; empty since pdfium reads a Type3 glyph's advance from
    # the font's widths (the Chromium rendering whose Chinese titles are Type3 glyphs).
}


# --------------------------------------------------------------------------------------
@functools.cache
def _golden(name: str) -> dict[str, Any]:
    issue = Issue.model_validate_json((ROOT / "fixtures" / name).read_text("utf-8"))
    return issue.model_dump(mode="json")


@functools.cache
def _extracted(file: str) -> dict[str, Any]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return extract_issue(ENGINES / file).model_dump(mode="json")


def _parts(golden: dict[str, Any]) -> list[str]:
    out = list(SCALAR_PARTS)
    for key in LIST_PARTS:
        out.append(f"{key}:count")
        out += [f"{key}[{i}]" for i in range(len(golden[key]))]
    return out


def _select(issue: dict[str, Any], part: str) -> Any:
    if part in SCALAR_PARTS:
        return {k: issue[k] for k in SCALAR_PARTS[part]}
    if part.endswith(":count"):
        return len(issue[part.removesuffix(":count")])
    key, index = part.rstrip("]").split("[")
    items = issue[key]
    return items[int(index)] if int(index) < len(items) else None


def _differences(expected: Any, got: Any, path: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(got, dict):
        return [d for k in expected
                for d in _differences(expected[k], got.get(k), f"{path}.{k}" if path else k)]
    if isinstance(expected, list) and isinstance(got, list):
        out = ([f"{path}: {len(expected)} items expected, {len(got)} found"]
               if len(expected) != len(got) else [])
        return out + [d for i, (a, b) in enumerate(zip(expected, got))
                      for d in _differences(a, b, f"{path}[{i}]")]
    if expected == got:
        return []
    return [f"{path or '(value)'}:\n    expected {expected!r:.300}\n    got      {got!r:.300}"]


def _get(obj: Any, path: str) -> Any:
    for bit in path.replace("[", ".[").split("."):
        if not bit:
            continue
        if bit.startswith("["):
            obj = obj[int(bit[1:-1])] if isinstance(obj, list) and int(bit[1:-1]) < len(obj) \
                else None
        else:
            obj = obj.get(bit) if isinstance(obj, dict) else None
    return obj


def _set(obj: Any, path: str, value: Any) -> None:
    bits = [b for b in path.replace("[", ".[").split(".") if b]
    for bit in bits[:-1]:
        obj = obj[int(bit[1:-1])] if bit.startswith("[") else obj[bit]
    last = bits[-1]
    if last.startswith("["):
        obj[int(last[1:-1])] = value
    else:
        obj[last] = value


def _cases() -> list[Any]:
    cases = []
    for entry in MANIFEST:
        stem = entry["file"].removesuffix(".pdf")
        for part in _parts(_golden(entry["golden"])):
            marks: list[Any] = []
            reason = EXTRACTOR_GAPS.get((stem, part))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            cases.append(pytest.param(entry["file"], entry["golden"], part,
                                      id=f"{stem}::{part}", marks=marks))
    return cases


def test_manifest_lists_the_corpus() -> None:
    files = {e["file"] for e in MANIFEST}
    assert files == {p.name for p in ENGINES.glob("*.pdf")}, "manifest and PDFs disagree"
    by_golden: dict[str, set[str]] = {}
    for e in MANIFEST:
        assert (ROOT / "fixtures" / e["golden"]).is_file(), e["golden"]
        assert (ENGINES / e["source"]).is_file(), e["source"]
        assert e["bytes"] < 400_000, e["file"]
        by_golden.setdefault(e["golden"], set()).add(e["engine"])
    assert len(by_golden) >= 3
    for golden, engines in by_golden.items():
        # every issue through at least the three required real engines
        assert {"chromium", "typst", "libreoffice"} <= engines, golden


def test_known_deviations_name_real_cases() -> None:
    """Every xfail / producer-loss key must name a real (rendering, part) case."""
    real = {(e["file"].removesuffix(".pdf"), part)
            for e in MANIFEST for part in _parts(_golden(e["golden"]))}
    assert set(EXTRACTOR_GAPS) <= real, set(EXTRACTOR_GAPS) - real
    assert set(PRODUCER_LOSSES) <= real, set(PRODUCER_LOSSES) - real


def test_parts_cover_every_issue_field() -> None:
    covered = {f for fields in SCALAR_PARTS.values() for f in fields} | set(LIST_PARTS)
    # provenance is only filled when asked for; tests/test_provenance.py checks it per engine
    assert covered == set(Issue.model_fields) - {"source", "provenance"}


@pytest.mark.parametrize(("file", "golden", "part"), _cases())
def test_rendering_extracts_to_golden(file: str, golden: str, part: str) -> None:
    stem = file.removesuffix(".pdf")
    expected = json.loads(json.dumps(_select(_golden(golden), part)))
    got = _select(_extracted(file), part)
    for path, readings in PRODUCER_LOSSES.get((stem, part), {}).items():
        # the page allows several readings of this one field: accept any of them
        value = _get(got, path)
        if value in readings:
            _set(expected, path, value)
    diffs = _differences(expected, got)
    assert not diffs, f"{file} {part}:\n" + "\n".join(diffs[:15])


@pytest.mark.parametrize("file", [e["file"] for e in MANIFEST])
def test_no_story_text_is_discarded(file: str) -> None:
    """Issue 11, class 1: a story label owns every block up to the next label."""
    codes = [w["code"] for w in _extracted(file)["warnings"]]
    assert "unexpected_block" not in codes
