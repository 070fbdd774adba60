"""Faults leave nothing behind: every write point of every format, failed in turn.

For each format a recording run of ``newsextract convert`` lists every writing call it
makes under the output folder (:mod:`faults`: ``open``, ``write``, ``fsync``,
``replace``, ``link``, ``truncate``, ``mkdir``, ``unlink``, each with the line of our code
behind it). Then the same run is repeated once per call, failing the Nth for every N
with ``ENOSPC``, ``EROFS`` or ``EIO`` in turn (only ``ENOSPC`` and ``EIO`` for a write,
fsync or truncate of an open file, where half the data lands first) — a few hundred runs
in all; ``NEWSEXTRACT_FAULTS=points`` fails only the first and last call of every write
point (a distinct operation and line). After each failing run:

* the status is ``EXIT_OUTPUT`` with one error line naming an output and the reason, no
  traceback, no summary — or, when the call's failure is harmless (the fsync of a folder,
  removing a leftover temporary file or lock file), the run succeeds;
* every output is in a state it was in before the failing call (a file whole or absent,
  never half a line), the tables are exactly the tables from before the run, and no
  temporary file is left (unless the failing call was the removal of one);
* running the same command again succeeds and leaves outputs byte for byte equal to a
  clean run over the same inputs, with no temporary or lock file left.

Three scenarios: *grow* (a finished batch gets new inputs), *repair* (a killed run left
an incomplete last line in the journal, a damaged line in the errors file and a
temporary file) and *afresh* (``--no-resume`` over a finished batch: the output and the
errors file are emptied first). The extraction runs in the calling thread (a serial runner) with the
fake extractor, so one run costs milliseconds.
"""

from __future__ import annotations

import errno
import importlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import newsextract.api
from faults import Event, Faults
from newsextract import cli
from newsextract.batch.locks import LOCK_SUFFIX
from newsextract.batch.outputs import TEMP_PREFIX
from newsextract.batch.pool import Completed
from newsextract.batch.tables import TABLES
from newsextract.batch.worker import TaskFunction
from test_batch_support import fake_extract, fake_extract_issues, write_fake

FORMATS = ["jsonl", "json", "markdown", "csv", "parquet"]
SCENARIOS = ["grow", "repair", "afresh"]
ERRNOS = [errno.ENOSPC, errno.EROFS, errno.EIO]
# On a file already open only a full disk or an I/O error can happen (half the data lands).
DATA_ERRNOS = [errno.ENOSPC, errno.EIO]
EVERY_CALL = os.environ.get("NEWSEXTRACT_FAULTS") != "points"
# Failures a run may shrug off, as long as its outputs are complete: making a folder that
# exists (pathlib checks it is there), and the calls below.
HARMLESS = {
    ("mkdir", "*"),
    ("fsync", "newsextract/batch/outputs.py"),  # a folder's fsync (some file systems refuse)
    ("unlink", "newsextract/batch/outputs.py"),  # removing a stale temporary file
    ("unlink", "newsextract/batch/locks.py"),  # removing a lock file on release
    ("unlink", "newsextract/batch/table_files.py"),  # removing a temporary file or backup
}


class SerialRunner:
    """Runs each task at once in the calling thread (a :class:`~.pool.Runner`)."""

    def __init__(self, jobs: int, task: TaskFunction, **_: Any) -> None:
        self._task = task
        self._done: list[Completed] = []

    @property
    def busy(self) -> int:
        """Tasks finished and not yet collected."""
        return len(self._done)

    def has_capacity(self) -> bool:
        """One task at a time."""
        return not self._done

    def submit(self, key: int, name: str, sha256: str, data: bytes) -> None:
        """Run the task now."""
        self._done.append(Completed(key, self._task(name, data)))

    def wait(self, timeout: float) -> list[Completed]:
        """Hand back what ran."""
        done, self._done = self._done, []
        return done

    def close(self) -> None:
        """Nothing to stop."""


@pytest.fixture(autouse=True)
def serial(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake extractor, run in this thread; fsync a no-op (durability is not tested
    here, and hundreds of real fsyncs take seconds on a busy disk)."""
    monkeypatch.setattr(newsextract.api, "extract_issue", fake_extract)
    monkeypatch.setattr(newsextract.api, "extract_issues", fake_extract_issues)
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    module = importlib.import_module("newsextract.batch.convert")  # the package has convert()
    monkeypatch.setattr(module, "WorkerPool", SerialRunner)


def _argv(inputs: str, out: str, fmt: str) -> list[str]:
    """The command, with paths relative to the scenario's folder (the current folder)."""
    target = f"{out}/issues.jsonl" if fmt == "jsonl" else f"{out}/folder"
    return ["convert", inputs, "-o", target, "--format", fmt, "--progress", "log"]


def _state(out: Path) -> dict[str, bytes]:
    """Every output file (temporary and lock files aside) by relative path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(TEMP_PREFIX) and not p.name.endswith(LOCK_SUFFIX)
    }


def _leftovers(out: Path) -> list[str]:
    return sorted(
        p.name
        for p in out.rglob("*")
        if p.name.startswith(TEMP_PREFIX) or p.name.endswith(LOCK_SUFFIX)
    )


def _tables(state: dict[str, bytes]) -> dict[str, bytes]:
    names = {f"{t.name}.csv" for t in TABLES} | {f"{t.name}.parquet" for t in TABLES}
    return {k: v for k, v in state.items() if k.rsplit("/", 1)[-1] in names}


@dataclass
class Scenario:
    """A folder of inputs and an output a first run already filled (and maybe damaged)."""

    inputs: Path
    out: Path
    argv: list[str]
    leftovers: list[str]  # temporary files a killed run left


def _prepare(
    tmp: Path, fmt: str, scenario: str, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> Scenario:
    """Fill ``tmp`` with the scenario and make it the current folder."""
    tmp.mkdir(parents=True)
    monkeypatch.chdir(tmp)
    inputs, out = tmp / "in", tmp / "o"
    write_fake(inputs / "a.pdf", tag="a")
    write_fake(inputs / "bad.pdf", "corrupt")
    argv = _argv("in", "o", fmt)
    assert cli.main(argv) == 1
    write_fake(inputs / "sub" / "c.pdf", tag="c", date="2024-05-01")
    write_fake(inputs / "sub" / "bad2.pdf", "corrupt", tag="bad2")
    if scenario == "afresh":
        argv = [*argv, "--no-resume"]  # empties the output and the errors file first
    if scenario == "repair":
        write_fake(inputs / "b.pdf", tag="b", date="2023-01-01")
        assert cli.main(argv) == 1
        folder = out if fmt == "jsonl" else out / "folder"
        errors = folder / "errors.jsonl"
        lines = errors.read_bytes().splitlines(keepends=True)
        errors.write_bytes(lines[0] + b'{"file": "damaged\n' + b"".join(lines[1:]))
        if fmt in ("jsonl", "csv", "parquet"):  # a run killed mid-line
            journal = folder / "issues.jsonl"
            journal.write_bytes(journal.read_bytes()[:-25])
            (folder / f"{TEMP_PREFIX}issues.jsonl.1.abcd").write_bytes(b"half")
        else:  # a run killed before renaming a file
            (folder / "sub").mkdir(exist_ok=True)
            (folder / "sub" / f"{TEMP_PREFIX}c.json.1.abcd").write_bytes(b"half")
        write_fake(inputs / "sub" / "d.pdf", tag="d")
    capsys.readouterr()
    return Scenario(inputs, out, argv, _leftovers(out))


def _reference(tmp: Path, fmt: str, scenario: str, capsys: Any, monkeypatch: Any) -> Any:
    """The outputs of one clean run over the scenario's final inputs."""
    sc = _prepare(tmp / "reference", fmt, scenario, capsys, monkeypatch)
    assert cli.main(_argv("in", "clean", fmt)) == 1
    capsys.readouterr()
    return _state(sc.inputs.parent / "clean")


def _points(events: list[Event]) -> list[int]:
    """1-based indexes of the calls to fail: the first and last of each write point."""
    if EVERY_CALL:
        return list(range(1, len(events) + 1))
    first: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], int] = {}
    for n, event in enumerate(events, start=1):
        first.setdefault((event.op, event.site), n)
        last[(event.op, event.site)] = n
    return sorted(set(first.values()) | set(last.values()))


def _harmless(event: Event) -> bool:
    return bool({(event.op, event.site.split(":")[0]), (event.op, "*")} & HARMLESS)


def _check_failed_run(
    sc: Scenario,
    faults: Faults,
    status: int,
    err: str,
    snapshots: list[dict[str, bytes]],
    reference: dict[str, bytes],
) -> None:
    event = faults.failed
    assert event is not None
    lines = err.strip().splitlines()
    assert "Traceback" not in err, err
    if status != cli.EXIT_OUTPUT:
        assert status == 1 and _harmless(event), (event, status, err)
        assert _state(sc.out) == reference, f"{event}: shrugged off, but outputs differ"
        return
    assert not any(" extracted, " in x for x in lines), f"a summary before the failure: {err}"
    assert lines[-1].startswith("newsextract: error: o/"), lines
    assert os.strerror(faults.err) in lines[-1], lines[-1]
    state = _state(sc.out)
    assert state in snapshots, f"{event}: the outputs are in a state never seen before it"
    assert _tables(state) == _tables(snapshots[0]), f"{event}: tables changed"
    if event.op != "unlink":  # what this run made is gone (a killed run's are removed later)
        assert set(_leftovers(sc.out)) <= set(sc.leftovers), event


def _cases() -> Iterator[tuple[str, str]]:
    for fmt in FORMATS:
        for scenario in SCENARIOS:
            yield fmt, scenario


@pytest.mark.parametrize(("fmt", "scenario"), list(_cases()))
def test_every_write_point_fails_cleanly_and_resumes(
    tmp_path: Path, fmt: str, scenario: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    reference = _reference(tmp_path, fmt, scenario, capsys, monkeypatch)
    sc = _prepare(tmp_path / "recording", fmt, scenario, capsys, monkeypatch)
    with monkeypatch.context() as m:
        recorder = Faults(sc.out)
        recorder.install(m)
        assert cli.main(sc.argv) == 1
    capsys.readouterr()
    assert _state(sc.out) == reference  # the recorded run is a clean resume itself
    points = _points(recorder.events)
    assert {e.op for e in recorder.events} >= {"open", "write", "fsync", "mkdir"}
    covered: set[tuple[str, str]] = set()
    for i, n in enumerate(points):
        sc = _prepare(tmp_path / f"fail-{n}", fmt, scenario, capsys, monkeypatch)
        snapshots: list[dict[str, bytes]] = []
        op = recorder.events[n - 1].op
        errnos = DATA_ERRNOS if op in ("write", "fsync", "truncate") else ERRNOS
        faults = Faults(sc.out, fail_at=n, err=errnos[i % len(errnos)])
        faults.before = lambda sc=sc, snaps=snapshots: snaps.append(_state(sc.out))
        with monkeypatch.context() as m:
            faults.install(m)
            status = cli.main(sc.argv)
        err = capsys.readouterr().err
        assert faults.failed == recorder.events[n - 1], "the run did not repeat the recording"
        _check_failed_run(sc, faults, status, err, snapshots, reference)
        assert cli.main(sc.argv) == 1, capsys.readouterr().err  # resume: bad.pdf, bad2.pdf
        capsys.readouterr()
        assert _state(sc.out) == reference, f"{faults.failed}: resume differs from a clean run"
        assert _leftovers(sc.out) == [], faults.failed
        covered.add((faults.failed.op, faults.failed.site))
    assert covered == {(e.op, e.site) for e in recorder.events}
