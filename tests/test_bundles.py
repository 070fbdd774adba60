"""Bundles: a PDF binding several issues gives every issue, each with its page range.

The bundles are the shipped fixtures (and their engine renderings) bound together with
:func:`newsextract.testing.bind_pdfs`. Each issue of a bundle must equal the fixture's
golden with its page numbers moved by the pages bound before it, on both backends.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from newsextract import ExtractionError, Issue, extract_issue, extract_issues
from newsextract.batch import convert
from newsextract.reader.types import PageSize
from newsextract.sections import CoverFinder
from newsextract.testing import bind_pdfs
from test_warnings import check_pointers

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["ci-2023-01", "ci-2024-03", "ci-2025-07"]
BACKENDS = ["pdfplumber", "pdfium"]


@pytest.fixture(scope="module")
def bundle() -> bytes:
    return bind_pdfs([(ROOT / "fixtures" / f"{n}.pdf").read_bytes() for n in NAMES])


def _golden(name: str) -> dict[str, Any]:
    issue = Issue.model_validate_json((ROOT / "fixtures" / f"{name}.json").read_text("utf-8"))
    return issue.model_dump(mode="json")


def moved(data: dict[str, Any], offset: int) -> dict[str, Any]:
    """Return issue JSON data with every page number of the PDF moved by ``offset``.

    (Contents entries keep theirs: a contents page prints the issue's own page numbers.)
    """
    out = json.loads(json.dumps(data))
    for story in out["top_stories"]:
        story["pages"] = [p + offset for p in story["pages"]]
        for figure in story["figures"]:
            figure["page"] = figure["page"] + offset if figure["page"] else None
    for item in out["policy_news"] + out["corporate_news"]:
        item["page"] = item["page"] + offset if item["page"] else None
    for warning in out["warnings"]:
        warning["page"] = warning["page"] + offset if warning["page"] else None
    return out


def _without_source(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "source"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_bundle_of_the_fixtures_gives_their_issues_with_their_page_ranges(
    bundle: bytes, backend: str
) -> None:
    issues = list(extract_issues(bundle, backend=backend))
    assert len(issues) == len(NAMES)
    first = 1
    for name, issue in zip(NAMES, issues, strict=True):
        golden = _golden(name)
        count = golden["source"]["page_count"]
        assert issue.source is not None and issue.source.pages is not None
        assert (issue.source.pages.first, issue.source.pages.last) == (first, first + count - 1)
        assert issue.source.page_count == 24  # the whole bundle's
        got = _without_source(issue.model_dump(mode="json"))
        assert got == _without_source(moved(golden, first - 1)), name
        check_pointers(issue)
        first += count


def test_a_bundle_of_engine_renderings_splits_where_each_rendering_starts() -> None:
    # every producer's layouts of each fixture (several set the cover line in the header
    # band): every issue equals its rendering read alone
    pdfs = sorted((ROOT / "fixtures" / "engines").glob("*.pdf"))
    assert len(pdfs) >= 8
    issues = list(extract_issues(bind_pdfs(p.read_bytes() for p in pdfs), backend="pdfium"))
    assert len(issues) == len(pdfs)
    first = 1
    for pdf, issue in zip(pdfs, issues, strict=True):
        alone = extract_issue(pdf, backend="pdfium")
        assert alone.source is not None and issue.source is not None
        assert issue.source.pages is not None
        assert issue.source.pages.first == first, pdf.name
        expected = moved(alone.model_dump(mode="json"), first - 1)
        assert _without_source(issue.model_dump(mode="json")) == _without_source(expected)
        first += alone.source.page_count


def test_extract_issue_on_a_bundle_returns_the_first_and_warns_how_many_more(
    bundle: bytes,
) -> None:
    issue = extract_issue(bundle, backend="pdfium")
    more = [w for w in issue.warnings if w.code == "more_issues"]
    assert len(more) == 1
    assert "binds 3 issues" in more[0].message and "2 more" in more[0].message
    assert more[0].page == 8  # where the second issue opens
    assert more[0].field == "/source/pages"
    check_pointers(issue)
    assert issue.source is not None and issue.source.pages is not None
    assert (issue.source.pages.first, issue.source.pages.last) == (1, 7)
    others = [w for w in issue.warnings if w.code != "more_issues"]
    expected = _golden("ci-2023-01")
    assert [w.model_dump(mode="json") for w in others] == expected["warnings"]
    got = _without_source(issue.model_dump(mode="json"))
    got["warnings"] = expected["warnings"]
    assert got == _without_source(expected)


def test_extract_issue_on_one_issue_does_not_warn() -> None:
    issue = extract_issue(ROOT / "fixtures" / "ci-2024-03.pdf", backend="pdfium")
    assert not [w for w in issue.warnings if w.code == "more_issues"]


def test_strict_extract_issue_refuses_a_bundle(bundle: bytes) -> None:
    # ci-2024-03 alone is clean in strict mode; bound after itself it is a bundle
    one = (ROOT / "fixtures" / "ci-2024-03.pdf").read_bytes()
    extract_issue(one, strict=True, backend="pdfium")
    with pytest.raises(ExtractionError, match="binds 2 issues") as info:
        extract_issue(bind_pdfs([one, one]), strict=True, backend="pdfium")
    assert info.value.warning_code == "more_issues"
    assert info.value.page == 10


def test_extract_issues_reads_one_issue_at_a_time(bundle: bytes) -> None:
    # a generator: the first issue comes before the later ones are read
    import newsextract.reader as reader

    seen: list[int] = []
    original = reader._finish

    def spy(part: Any, *args: Any) -> Any:
        seen.append(part.first_page)
        return original(part, *args)

    reader._finish = spy  # type: ignore[assignment]
    try:
        it = extract_issues(bundle, backend="pdfium")
        first = next(it)
        assert seen == [1]
        assert first.source is not None and first.source.pages is not None
        assert first.source.pages.last == 7
        assert [i.publication_date for i in it] == [
            Issue.model_validate(_golden(n)).publication_date for n in NAMES[1:]]
        assert seen == [1, 8, 17]
    finally:
        reader._finish = original  # type: ignore[assignment]


# --- convert: one record per issue, resumable ------------------------------------------------


def _keys(lines: list[str]) -> list[tuple[str, int]]:
    out = []
    for line in lines:
        source = json.loads(line)["source"]
        out.append((source["sha256"], source["pages"]["first"]))
    return sorted(out)


def test_convert_writes_one_record_per_issue(tmp_path: Path, bundle: bytes) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "year.pdf").write_bytes(bundle)
    (tmp_path / "in" / "single.pdf").write_bytes((ROOT / "fixtures" / "ci-2024-03.pdf")
                                                 .read_bytes())
    report = convert([tmp_path / "in"], tmp_path / "out.jsonl", backend="pdfium", jobs=1)
    assert (report.succeeded, report.failed) == (2, 0)
    lines = (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 4
    by_file: dict[str, list[int]] = {}
    for line in lines:
        source = json.loads(line)["source"]
        by_file.setdefault(source["file_name"], []).append(source["pages"]["first"])
    assert {k: sorted(v) for k, v in by_file.items()} == {"year.pdf": [1, 8, 17],
                                                          "single.pdf": [1]}
    # one file per issue for the per-file formats; Markdown records the pages
    convert([tmp_path / "in"], tmp_path / "json", fmt="json", backend="pdfium", jobs=1)
    assert sorted(p.name for p in (tmp_path / "json").rglob("*.json")) == [
        "single.json", "year.json", "year.p17.json", "year.p8.json"]
    convert([tmp_path / "in"], tmp_path / "md", fmt="markdown", backend="pdfium", jobs=1)
    marker = (tmp_path / "md" / "year.p8.md").read_text("utf-8").splitlines()[0]
    assert marker.endswith(" pages=8-16/24 -->")
    # tables: the issue key tells the bundle's issues apart
    convert([tmp_path / "in"], tmp_path / "csv", fmt="csv", backend="pdfium", jobs=1)
    import csv

    with open(tmp_path / "csv" / "issues.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    keys = [(r["issue_sha256"], r["issue_first_page"]) for r in rows]
    assert len(keys) == len(set(keys)) == 4
    with open(tmp_path / "csv" / "stories.csv", newline="", encoding="utf-8") as fh:
        stories = list(csv.DictReader(fh))
    per_issue = {(r["issue_sha256"], r["issue_first_page"]): r["top_stories_count"]
                 for r in rows}
    for key, count in per_issue.items():
        assert sum(1 for s in stories
                   if (s["issue_sha256"], s["issue_first_page"]) == key) == int(count)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "markdown"])
def test_a_run_killed_between_the_issues_of_a_bundle_resumes_to_the_clean_result(
    tmp_path: Path, bundle: bytes, fmt: str
) -> None:
    # A kill between two issues of a bundle leaves some of its records (and, in JSON
    # Lines, half of the next line); the rerun writes exactly the missing ones.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "year.pdf").write_bytes(bundle)
    (tmp_path / "in" / "single.pdf").write_bytes((ROOT / "fixtures" / "ci-2025-07.pdf")
                                                 .read_bytes())

    def target(name: str) -> Path:
        return tmp_path / name / "issues.jsonl" if fmt == "jsonl" else tmp_path / name

    def snapshot(out: Path) -> dict[str, bytes]:
        if fmt == "jsonl":
            return {"lines": b"\n".join(sorted(out.read_bytes().splitlines()))}
        return {p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*")) if p.is_file() and p.name != "errors.jsonl"}

    clean = convert([tmp_path / "in"], target("clean"), fmt=fmt, backend="pdfium", jobs=1)
    assert clean.succeeded == 2
    reference = snapshot(target("clean"))

    # what the kill left: the single file done, the bundle's first issue only
    killed = target("killed")
    if fmt == "jsonl":
        lines = target("clean").read_bytes().splitlines(keepends=True)
        firsts = {i: json.loads(ln)["source"] for i, ln in enumerate(lines)}
        keep = [ln for i, ln in enumerate(lines)
                if firsts[i]["file_name"] == "single.pdf" or firsts[i]["pages"]["first"] == 1]
        partial = next(ln for i, ln in enumerate(lines) if firsts[i]["pages"]["first"] == 8)
        killed.parent.mkdir()
        killed.write_bytes(b"".join(keep) + partial[: len(partial) // 2])
    else:
        suffix = ".json" if fmt == "json" else ".md"
        killed.mkdir()
        for name in ("single", "year"):
            (killed / f"{name}{suffix}").write_bytes((target("clean") / f"{name}{suffix}")
                                                    .read_bytes())
    again = convert([tmp_path / "in"], killed, fmt=fmt, backend="pdfium", jobs=1)
    # the single file is skipped, the bundle redone: only its missing issues are written
    assert (again.skipped, again.succeeded, again.failed) == (1, 1, 0)
    assert snapshot(killed) == reference
    # and a third run finds everything done
    third = convert([tmp_path / "in"], killed, fmt=fmt, backend="pdfium", jobs=1)
    assert (third.skipped, third.succeeded) == (2, 0)
    assert snapshot(killed) == reference
    if fmt == "jsonl":
        assert len(_keys(killed.read_text("utf-8").splitlines())) == 4


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL")
def test_sigkill_mid_run_over_bundles_and_resume_equals_an_uninterrupted_run(
    tmp_path: Path,
) -> None:
    fixtures = [(ROOT / "fixtures" / f"{n}.pdf").read_bytes() for n in NAMES]
    (tmp_path / "in").mkdir()
    for k, order in enumerate([(0, 1, 2), (2, 0, 1), (1, 2, 0), (2, 1, 0)]):
        (tmp_path / "in" / f"year{k}.pdf").write_bytes(bind_pdfs(fixtures[i] for i in order))
    clean = convert([tmp_path / "in"], tmp_path / "clean.jsonl", backend="pdfium", jobs=2)
    assert clean.succeeded == 4
    reference = sorted((tmp_path / "clean.jsonl").read_text("utf-8").splitlines())
    assert len(reference) == 12

    out = tmp_path / "resumed.jsonl"
    args = ["convert", str(tmp_path / "in"), "-o", str(out), "--backend", "pdfium", "-j", "2"]
    code = "import sys; from newsextract.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen([sys.executable, "-c", code, *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (out.exists() and out.read_bytes().count(b"\n") >= 1):
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "the batch never got going"
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 1 <= out.read_bytes().count(b"\n") < 12, "the kill must land mid-run"
    time.sleep(0.5)  # the workers die with their parent
    rerun = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                           timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert sorted(out.read_text("utf-8").splitlines()) == reference


# --- where an issue opens: sections.CoverFinder ----------------------------------------------


def _page(*rows: tuple[str, float]) -> list[Any]:
    """One page's lines, each a text at a height (points from the top of an A4 page)."""
    from helpers import hand_block

    return [ln for text, y in rows for ln in hand_block([text], y=y).lines]


A4 = PageSize(595.0, 842.0)
COVER = ("MARCH 1, 2024 (REPORTING PERIOD: JANUARY 27 - FEBRUARY 26)", 140.0)
NEXT_COVER = ("APRIL 2, 2024 (REPORTING PERIOD: FEBRUARY 27 - MARCH 28)", 140.0)


def test_an_issue_opens_at_a_cover_after_the_issue_before_showed_a_later_landmark() -> None:
    find = CoverFinder()
    pages = [
        _page(COVER),
        _page(("CONTENTS", 80.0)),
        _page(("MERICS TOP 3", 80.0), ("1. A story", 120.0)),
        _page(("AUTHORS", 300.0)),
        _page(NEXT_COVER),  # the next issue
        _page(("CONTENTS", 80.0)),
        _page(COVER),  # the first issue again, bound after: still a new issue
    ]
    assert [find(lines, A4) for lines in pages] == [False] * 4 + [True, False, True]


def test_a_date_line_where_running_lines_stand_opens_nothing() -> None:
    # a running footer (or header) carrying the date, on every page: not a cover
    find = CoverFinder()
    footer = ("March 1, 2024", 830.0)
    header = ("MARCH 1, 2024 (REPORTING PERIOD: JANUARY 27 - FEBRUARY 26)", 20.0)
    pages = [
        _page(COVER, ("CONTENTS", 300.0)),
        _page(("MERICS TOP 3", 80.0), footer, header),
        _page(("NOTEWORTHY", 80.0), footer, header),
        _page(("AUTHORS", 300.0), footer),
        _page(("April 2, 2024", 140.0)),  # a cover of the 2022 format: the date alone
    ]
    assert [find(lines, A4) for lines in pages] == [False, False, False, False, True]


def test_a_cover_line_set_in_the_top_band_opens_the_next_issue() -> None:
    # some layouts (ci-2025-11b's renderings) print the cover line at the very top of the
    # cover, where running headers stand: its date is new to the issue, so it is a cover
    find = CoverFinder()
    top = ("APRIL 2, 2024 (REPORTING PERIOD: FEBRUARY 27 - MARCH 28)", 20.0)
    running = ("MARCH 1, 2024 (REPORTING PERIOD: JANUARY 27 - FEBRUARY 26)", 20.0)
    pages = [
        _page(running, ("MERICS", 140.0)),  # the first issue's cover, its line at the top
        _page(("CONTENTS", 80.0), running),
        _page(("AUTHORS", 300.0), running),
        _page(top, ("MERICS", 140.0)),  # the next issue's cover
        _page(("CONTENTS", 80.0), top),
    ]
    assert [find(lines, A4) for lines in pages] == [False, False, False, True, False]


def test_a_cover_line_before_any_later_landmark_opens_nothing_and_contents_can_open() -> None:
    find = CoverFinder()
    pages = [
        _page(COVER),
        _page(COVER),  # the date line again on page 2 (a cover of two pages)
        _page(("CONTENTS", 80.0)),
        _page(("MERICS TOP 2", 80.0)),
        _page(("CONTENTS", 80.0)),  # the next issue, its cover unreadable
        _page(("MERICS TOP 4", 80.0)),
    ]
    assert [find(lines, A4) for lines in pages] == [False, False, False, False, True, False]


def test_layout_zones_segment_each_issue_of_a_bundle(bundle: bytes) -> None:
    # the debug picture's zones: every issue has its own cover, contents and stories
    from newsextract.api import layout_zones

    zones = layout_zones(bundle, backend="pdfium")
    covers = sorted({z.page for z in zones if z.label == "cover"})
    headings = sorted({z.page for z in zones if z.label == "contents.heading"})
    assert covers == [1, 8, 17] and headings == [2, 9, 18]
    assert {z.label for z in zones if z.page == 16} <= {"back", "running"}


def test_only_inputs_an_earlier_run_finished_count_as_done(tmp_path: Path) -> None:
    # an input written in this run is not "done before": the same bytes again in this run
    # are a duplicate, not an input skipped as done (the batch tells them apart by it)
    from pathlib import PurePosixPath

    from newsextract.batch.convert import _render_json
    from newsextract.batch.outputs import JsonlIssues, PerFileIssues, issue_key

    issue = Issue.model_validate(_golden("ci-2024-03"))
    line = issue.model_dump_json()
    sha = issue.source.sha256 if issue.source else ""
    sinks = [lambda: JsonlIssues(tmp_path / "o.jsonl", resume=True),
             lambda: PerFileIssues(tmp_path / "json", ".json", _render_json, issue_key)]
    for make in sinks:
        sink = make()
        sink.claim(PurePosixPath("a.pdf"), sha)
        sink.write(PurePosixPath("a.pdf"), sha, line)
        sink.write(PurePosixPath("a.pdf"), sha, line)  # written once only
        assert sha not in sink.done
        sink.close()
        assert sha in make().done  # the next run finds it done
    assert len((tmp_path / "o.jsonl").read_text("utf-8").splitlines()) == 1
    assert [p.name for p in (tmp_path / "json").iterdir()] == ["a.json"]
