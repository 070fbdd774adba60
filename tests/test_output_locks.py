"""One writer per output: two runs sharing any path they write exclude each other.

Run A is a real ``newsextract convert`` in a child process, stopped at a known point (just
before it writes its first result, or just before it rebuilds the tables) until the test
lets it go; run B is started while A waits. B must stop at once with one line naming the
shared path and A's pid, exit with ``EXIT_OUTPUT`` and write nothing; A then finishes with
every record written once. Runs that share no path do not exclude each other.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsextract.api
from newsextract import cli
from newsextract.batch import pool
from newsextract.batch.locks import LOCK_SUFFIX, Claim, OutputLock
from newsextract.errors import OutputInUseError
from test_batch_support import fake_extract, fake_extract_issues, write_fake

TESTS = Path(__file__).resolve().parent

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="flock and /proc/locks (pids)"
)

# The CLI in a child process with the fake extractor, stopped at POINT ("write": before
# the first result is written; "tables": before the tables are rebuilt) until GATE exists.
_CHILD = """
import importlib, os, sys, time
sys.path.insert(0, {tests!r})
import test_batch_support as s
s.install_fake()
c = importlib.import_module("newsextract.batch.convert")  # the package exports convert()
gate, ready, point = sys.argv[1:4]

def wait():
    open(ready, "w").close()
    while not os.path.exists(gate):
        time.sleep(0.01)

if point == "write":
    real_complete = c._Batch.complete
    state = {{"waited": False}}
    def complete(self, done):
        if not state["waited"]:
            state["waited"] = True
            wait()
        real_complete(self, done)
    c._Batch.complete = complete
else:
    real_tables = c.write_tables
    def write_tables(*args, **kwargs):
        wait()
        return real_tables(*args, **kwargs)
    c.write_tables = write_tables
from newsextract.cli import main
sys.exit(main(sys.argv[4:]))
"""


class Held:
    """Run A: a child ``newsextract`` stopped at ``point`` until :meth:`finish`."""

    def __init__(self, tmp: Path, point: str, argv: list[str]) -> None:
        self.gate, self.ready = tmp / "gate", tmp / "ready"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _CHILD.format(tests=str(TESTS)),
                str(self.gate),
                str(self.ready),
                point,
                *argv,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while not self.ready.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                _, err = self.proc.communicate(timeout=10)
                raise AssertionError(f"run A did not reach {point}: {err}")
            time.sleep(0.01)

    @property
    def pid(self) -> int:
        """Run A's process id."""
        return self.proc.pid

    def finish(self) -> tuple[int, str]:
        """Let A go on; return its status and standard error."""
        self.gate.touch()
        _, err = self.proc.communicate(timeout=120)
        return self.proc.returncode, err

    def kill(self) -> None:
        """Stop A (test failed before :meth:`finish`)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate(timeout=30)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Three good fake PDFs and a corrupt one (which gets an error record)."""
    for name in "abc":
        write_fake(tmp_path / "in" / f"{name}.pdf", tag=name)
    write_fake(tmp_path / "in" / "bad.pdf", "corrupt")
    return tmp_path / "in"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake extractor in forked workers of in-process runs."""
    monkeypatch.setattr(newsextract.api, "extract_issue", fake_extract)
    monkeypatch.setattr(newsextract.api, "extract_issues", fake_extract_issues)
    monkeypatch.setattr(pool, "default_context", lambda: multiprocessing.get_context("fork"))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _sha256s(path: Path) -> list[str]:
    return [json.loads(x)["source"]["sha256"] for x in _lines(path)]


# (A's arguments, B's arguments, the path B must name), relative to tmp_path; "IN" is the
# input folder.
RACES = {
    "same -o, different --errors": (
        ["-o", "out/issues.jsonl", "--errors", "e1.jsonl"],
        ["-o", "out/issues.jsonl", "--errors", "e2.jsonl"],
        "out/issues.jsonl",
    ),
    "same --errors, different -o": (
        ["-o", "a.jsonl", "--errors", "shared/errors.jsonl"],
        ["-o", "b.jsonl", "--errors", "shared/errors.jsonl"],
        "shared/errors.jsonl",
    ),
    "same table folder": (
        ["-o", "tables", "--format", "csv", "--errors", "e1.jsonl"],
        ["-o", "tables", "--format", "parquet", "--errors", "e2.jsonl"],
        "tables",
    ),
    "the journal inside a table folder": (
        ["-o", "tables", "--format", "csv"],
        ["-o", "tables/issues.jsonl", "--errors", "e2.jsonl"],
        "tables/issues.jsonl",
    ),
    "errors file inside a JSON folder": (
        ["-o", "json", "--format", "json"],
        ["-o", "other.jsonl", "--errors", "json/errors.jsonl"],
        "json/errors.jsonl",
    ),
    "a folder holding another run's output": (
        ["-o", "out/sub/issues.jsonl", "--errors", "e1.jsonl"],
        ["-o", "out", "--format", "markdown", "--errors", "e2.jsonl"],
        "out",
    ),
}


def _argv(tmp: Path, inputs: Path, args: list[str]) -> list[str]:
    paths = {"-o", "--errors"}
    out = ["convert", str(inputs), "-j", "1", "--progress", "none"]
    for i, arg in enumerate(args):
        out.append(str(tmp / arg) if i and args[i - 1] in paths else arg)
    return out


# Run A stopped before its first write, and (when it writes tables) before the tables are
# rebuilt: the lock is held until the last byte.
POINTS = [(race, "write") for race in RACES] + [
    (race, "tables") for race, (a_args, _, _) in RACES.items() if "csv" in a_args
]


@pytest.mark.parametrize(("race", "point"), POINTS)
def test_two_runs_sharing_a_path_exclude_each_other(
    tmp_path: Path, inputs: Path, race: str, point: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a_args, b_args, shared = RACES[race]
    a = Held(tmp_path, point, _argv(tmp_path, inputs, a_args))
    try:
        before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
        assert cli.main(_argv(tmp_path, inputs, b_args)) == cli.EXIT_OUTPUT
        err = capsys.readouterr().err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert f"{tmp_path / shared}: in use by another newsextract run (pid {a.pid})" in err
        after = sorted(p for p in tmp_path.rglob("*") if p.is_file())
        assert after == before  # B wrote nothing, not even a lock file
    finally:
        status, a_err = a.finish()
    assert status == 1, a_err  # bad.pdf failed
    # A wrote each record once.
    a_out = tmp_path / a_args[a_args.index("-o") + 1]
    journal = a_out / "issues.jsonl" if a_out.is_dir() else a_out
    if journal.exists():
        assert sorted(_sha256s(journal)) == sorted(set(_sha256s(journal)))
        assert len(_sha256s(journal)) == 3
    a_errors = (
        tmp_path / a_args[a_args.index("--errors") + 1]
        if "--errors" in a_args
        else a_out / "errors.jsonl"
    )
    assert len(_lines(a_errors)) == 1
    assert not list(tmp_path.rglob(f"*{LOCK_SUFFIX}"))  # lock files removed on release


def test_after_the_first_run_the_second_resumes_without_duplicates(
    tmp_path: Path, inputs: Path, fake: None
) -> None:
    a_args, b_args, _ = RACES["same -o, different --errors"]
    a = Held(tmp_path, "write", _argv(tmp_path, inputs, a_args))
    try:
        assert cli.main(_argv(tmp_path, inputs, b_args)) == cli.EXIT_OUTPUT
    finally:
        assert a.finish()[0] == 1
    assert cli.main(_argv(tmp_path, inputs, b_args)) == 1  # bad.pdf, recorded in e2 now
    assert len(_sha256s(tmp_path / "out" / "issues.jsonl")) == 3  # nothing appended twice


def test_runs_sharing_no_path_run_together(
    tmp_path: Path, inputs: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    a = Held(
        tmp_path,
        "write",
        _argv(tmp_path, inputs, ["-o", "out/a.jsonl", "--errors", "out/a-errors.jsonl"]),
    )
    try:
        b_argv = _argv(tmp_path, inputs, ["-o", "out/b.jsonl", "--errors", "out/b-errors.jsonl"])
        assert cli.main(b_argv) == 1, capsys.readouterr().err  # runs beside A
        assert len(_lines(tmp_path / "out" / "b.jsonl")) == 3
    finally:
        assert a.finish()[0] == 1
    assert len(_lines(tmp_path / "out" / "a.jsonl")) == 3


def test_a_lock_names_every_path_it_covers(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with OutputLock([Claim(tmp_path / "out", tree=True), Claim(tmp_path / "errors.jsonl")]):
        for claim, shared in (
            (Claim(tmp_path / "out" / "deep" / "x.jsonl"), tmp_path / "out"),
            (Claim(tmp_path / "errors.jsonl"), tmp_path / "errors.jsonl"),
            (Claim(tmp_path, tree=True), tmp_path),
        ):
            (tmp_path / "out" / "deep").mkdir(exist_ok=True)
            with pytest.raises(OutputInUseError, match=f"pid {os.getpid()}") as caught:
                OutputLock([claim])
            assert caught.value.path == str(claim.path)
            assert str(shared) in str(caught.value)
        other = OutputLock([Claim(tmp_path / "other.jsonl")])  # a sibling: free
        other.release()
    OutputLock([Claim(tmp_path, tree=True)]).release()  # free again once released


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "x.jsonl", "--errors", "x.jsonl"],
        ["-o", "t", "--format", "csv", "--errors", "t/issues.csv"],
        ["-o", "t", "--format", "parquet", "--errors", "t/issues.jsonl"],
        ["-o", "j", "--format", "json", "--errors", "j/a.json"],
    ],
)
def test_an_errors_file_that_is_an_output_is_refused(
    tmp_path: Path, inputs: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(tmp_path.rglob("*"))
    assert cli.main(_argv(tmp_path, inputs, args)) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--errors" in err, err
    assert sorted(tmp_path.rglob("*")) == before  # refused before anything was made
