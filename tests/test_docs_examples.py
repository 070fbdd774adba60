"""Every Python and shell example in README.md and docs/*.md runs, so the docs cannot drift.

Each document's fenced code blocks are taken in order and run in one scratch folder per
document that holds ``issue.pdf``, ``archive/`` (the three fixture issues), ``more/``,
``issues.zip`` and ``fixtures/``: ``python`` blocks in this process (each on its own),
``bash``/``sh`` blocks by bash with the ``newsextract`` command of this environment on the
``PATH``. Every fence must name its language (``text``, ``json``, ``toml`` ... are not
examples). A block is skipped only by a comment right before it in the document:
``<!-- not run: REASON -->``, or ``<!-- needs: TOOL -->`` for a tool that is not a
dependency (run where the tool is installed). ``<!-- example: NAME -->`` names a block
whose results are checked below against counts taken from the JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex

from newsextract.models import Issue

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
RUN_LANGUAGES = {"python": "python", "bash": "shell", "sh": "shell", "shell": "shell"}

_FENCE = regex.compile(r"^(?P<indent>[ ]*)```(?P<lang>[\w+-]*)[ ]*$")
_MARKER = regex.compile(
    r"^[ ]*<!--[ ]*(?P<kind>not run|needs|example):[ ]*(?P<value>.+?)[ ]*-->[ ]*$"
)


@dataclass(frozen=True)
class Block:
    """One fenced code block of a document and the markers before it."""

    doc: str
    line: int
    lang: str
    code: str
    not_run: str | None = None
    needs: str | None = None
    name: str | None = None

    @property
    def where(self) -> str:
        return f"{self.doc}:{self.line}"


def blocks_of(path: Path, root: Path = ROOT) -> list[Block]:
    """Return the fenced blocks of ``path`` with their markers; fail on a bare fence."""
    lines = path.read_text("utf-8").splitlines()
    doc = path.relative_to(root).as_posix()
    out: list[Block] = []
    markers: dict[str, str] = {}
    i = 0
    while i < len(lines):
        marker = _MARKER.match(lines[i])
        fence = _FENCE.match(lines[i])
        if marker:
            markers[marker["kind"]] = marker["value"]
        elif fence:
            indent, lang = fence["indent"], fence["lang"]
            assert lang, f"{doc}:{i + 1}: a fence without a language (use ```text)"
            end = next(
                j for j in range(i + 1, len(lines)) if lines[j].rstrip() == indent + "```"
            )
            code = "\n".join(line[len(indent) :] for line in lines[i + 1 : end]) + "\n"
            block = Block(
                doc,
                i + 1,
                lang,
                code,
                markers.get("not run"),
                markers.get("needs"),
                markers.get("example"),
            )
            assert not markers or lang in RUN_LANGUAGES, f"{block.where}: marker on a {lang} block"
            out.append(block)
            markers = {}
            i = end
        elif lines[i].strip():
            assert not markers, f"{doc}:{i + 1}: a marker not right before a code block"
        i += 1
    return out


def _sandbox(folder: Path) -> Path:
    fixtures = ROOT / "fixtures"
    (folder / "fixtures").mkdir(parents=True)
    for path in fixtures.glob("*"):
        if path.suffix in (".pdf", ".json"):
            shutil.copy(path, folder / "fixtures" / path.name)
    shutil.copy(fixtures / "ci-2024-03.pdf", folder / "issue.pdf")
    for name in ("ci-2023-01", "ci-2024-03", "ci-2025-07"):
        year = name.split("-")[1]
        (folder / "archive" / year).mkdir(parents=True)
        shutil.copy(fixtures / f"{name}.pdf", folder / "archive" / year / f"{name}.pdf")
    (folder / "more").mkdir()
    shutil.copy(fixtures / "ci-2025-07.pdf", folder / "more" / "july.pdf")
    with zipfile.ZipFile(folder / "issues.zip", "w") as zf:
        zf.write(fixtures / "ci-2023-01.pdf", "2023/ci-2023-01.pdf")
    return folder


def _run_shell(block: Block, folder: Path) -> None:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block.code],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{block.where} exited {done.returncode}:\n{done.stderr}"


def _run_python(block: Block) -> dict[str, object]:
    namespace: dict[str, object] = {"__name__": "__docs_example__"}
    exec(compile(block.code, block.where, "exec"), namespace)
    return namespace


# --- checks of named examples against the JSON ------------------------------------------


def _journal(folder: Path) -> list[Issue]:
    lines = folder.read_text("utf-8").splitlines()
    return [Issue.model_validate_json(line) for line in lines]


def _check_duckdb_bodies(ns: dict[str, object], folder: Path) -> None:
    issues = _journal(folder / "out" / "tables" / "issues.jsonl")
    stories: Counter[str] = Counter()
    first: dict[str, dt.date] = {}
    for issue in issues:
        for document in (d for s in issue.top_stories for d in s.documents):
            for body in {b.acronym or b.name or "" for b in document.issuing_bodies}:
                stories[body] += 1
                assert issue.publication_date is not None
                first[body] = min(first.get(body, issue.publication_date), issue.publication_date)
    rows = ns["per_body"].fetchall()  # type: ignore[attr-defined]
    assert {body: n for body, n, _ in rows} == dict(stories)
    assert {body: seen for body, _, seen in rows} == first
    assert sum(n for _, n, _ in rows) == sum(
        len(d.issuing_bodies) for i in issues for s in i.top_stories for d in s.documents
    )


def _check_pandas_news(ns: dict[str, object], folder: Path) -> None:
    issues = _journal(folder / "out" / "tables" / "issues.jsonl")
    per_issue = ns["per_issue"]
    for issue in issues:
        row = per_issue.loc[str(issue.publication_date)]  # type: ignore[attr-defined]
        assert int(row.get("policy", 0)) == len(issue.policy_news)
        assert int(row.get("corporate", 0)) == len(issue.corporate_news)
    chinese: Counter[str] = Counter()
    for issue in issues:
        for section, items in (("policy", issue.policy_news), ("corporate", issue.corporate_news)):
            chinese[section] += sum(s.language == "zh" for n in items for s in n.sources)
    got = ns["chinese_per_section"].to_dict()  # type: ignore[attr-defined]
    assert got == {k: v for k, v in chinese.items() if v}
    points = ns["points"].map(len).sum()  # type: ignore[attr-defined]
    assert points == sum(len(s.at_a_glance.points) for i in issues for s in i.top_stories)


def _check_parquet_points(ns: dict[str, object], folder: Path) -> None:
    issues = _journal(folder / "out" / "parquet" / "issues.jsonl")
    points = ns["points"]
    expected = sorted(
        (i.publication_date, s.rank, p)
        for i in issues
        for s in i.top_stories
        for p in s.at_a_glance.points
    )
    assert sorted(points) == expected  # type: ignore[call-overload]
    assert isinstance(points[0][0], dt.date)  # type: ignore[index]


def _check_from_another_tool(ns: dict[str, object], folder: Path) -> None:
    goldens = [
        Issue.model_validate_json(p.read_text("utf-8"))
        for p in sorted((folder / "fixtures").glob("*.json"))
    ]
    records = ns["records"]
    assert [(r["title"], r["document"], r["url"]) for r in records] == [  # type: ignore[attr-defined]
        (s.title, d.title, d.url) for g in goldens for s in g.top_stories for d in s.documents
    ]


CHECKS: dict[str, Callable[[dict[str, object], Path], None]] = {
    "duckdb-bodies": _check_duckdb_bodies,
    "pandas-news": _check_pandas_news,
    "parquet-points": _check_parquet_points,
    "from-another-tool": _check_from_another_tool,
}


# --- the tests ------------------------------------------------------------------------------


def test_every_doc_has_blocks_and_every_named_example_exists() -> None:
    names = [b.name for doc in DOCS for b in blocks_of(doc) if b.name]
    assert sorted(names) == sorted(CHECKS)
    runnable = [b for doc in DOCS for b in blocks_of(doc) if b.lang in RUN_LANGUAGES]
    assert len([b for b in runnable if b.not_run is None]) >= 15


def test_markers_and_bare_fences_are_enforced(tmp_path: Path) -> None:
    doc = tmp_path / "x.md"
    doc.write_text("text\n```\ncode\n```\n")
    with pytest.raises(AssertionError, match="without a language"):
        blocks_of(doc, tmp_path)
    doc.write_text("<!-- not run: why -->\n\nprose\n```bash\ntrue\n```\n")
    with pytest.raises(AssertionError, match="not right before"):
        blocks_of(doc, tmp_path)
    doc.write_text("<!-- not run: why -->\n```bash\nfalse\n```\n```python\nx = 1\n```\n")
    got = blocks_of(doc, tmp_path)
    assert [(b.lang, b.not_run) for b in got] == [("bash", "why"), ("python", None)]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_examples_run(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _sandbox(tmp_path)
    monkeypatch.chdir(folder)
    for block in blocks_of(doc):
        kind = RUN_LANGUAGES.get(block.lang)
        if kind is None:
            continue
        if block.not_run is not None:
            assert len(block.not_run) > 10, f"{block.where}: say why it is not run"
            continue
        if block.needs is not None and shutil.which(block.needs) is None:
            warnings.warn(f"{block.where} not run: {block.needs} is not installed", stacklevel=1)
            continue
        if kind == "shell":
            _run_shell(block, folder)
        else:
            namespace = _run_python(block)
            if block.name is not None:
                CHECKS[block.name](namespace, folder)


def test_extract_doc_json_example_is_an_error_record() -> None:
    from newsextract.batch.records import ErrorRecord

    [record] = [b for b in blocks_of(ROOT / "docs" / "cli.md") if b.lang == "json"]
    parsed = ErrorRecord.from_json(record.code.strip())
    assert json.loads(parsed.to_json()) == json.loads(record.code)
