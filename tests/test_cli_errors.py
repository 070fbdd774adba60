"""Input and output failures of every command: one line on stderr, the documented status,
nothing already written lost or left half-written.

Output failures exit with ``cli.EXIT_OUTPUT`` (2, as usage errors), failed inputs
with 1. The tests run as root here, where ``chmod`` refuses nothing, so refused
permissions and a full disk are faked at the operating-system calls (``open``,
``os.mkdir``, ``os.replace``, ``os.fsync``, a file's ``write``); a parent that is a file
and ``/dev/full`` are real. Every write point of every format is failed in turn by
``tests/test_output_faults.py``.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import newsextract.api
from newsextract import cli
from newsextract.batch import pool
from newsextract.batch.outputs import TEMP_PREFIX
from newsextract.batch.tables import TABLES
from newsextract.models import Issue
from test_batch_support import fake_extract, fake_extract_issues, write_fake

_REAL_OPEN = builtins.open


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake extractor in forked workers (see tests/test_cli.py)."""
    monkeypatch.setattr(newsextract.api, "extract_issue", fake_extract)
    monkeypatch.setattr(newsextract.api, "extract_issues", fake_extract_issues)
    monkeypatch.setattr(pool, "default_context", lambda: multiprocessing.get_context("fork"))


def one_error_line(err: str) -> str:
    """Return the only line of ``err``; fail when there are more, or a traceback."""
    assert "Traceback" not in err
    lines = err.strip("\n").splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsextract: ")
    return lines[0]


def _under(path: object, folder: Path) -> bool:
    try:
        return Path(os.fsdecode(path)).resolve().is_relative_to(folder.resolve())  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make a folder refuse every write as a read-only folder would (``EACCES``)."""
    folders: list[Path] = []

    def refused(path: object) -> PermissionError:
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))  # type: ignore[arg-type]

    def fake_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if any(c in mode for c in "wax+") and any(_under(file, f) for f in folders):
            raise refused(file)
        return _REAL_OPEN(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    real_mkdir, real_replace = os.mkdir, os.replace

    def fake_mkdir(path: object, *args: object, **kwargs: object) -> None:
        if any(_under(path, f) for f in folders) and not Path(os.fsdecode(path)).exists():  # type: ignore[arg-type]
            raise refused(path)
        real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    def fake_replace(src: object, dst: object, *args: object, **kwargs: object) -> None:
        if any(_under(dst, f) for f in folders):
            raise refused(dst)
        real_replace(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)
    monkeypatch.setattr(os, "replace", fake_replace)
    return folders.append


def _fd_path(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


@pytest.fixture
def disk_full_on_fsync(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[str], bool]], None]:
    """Make ``os.fsync`` of files whose path matches fail with ``ENOSPC``."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name an open file")
    real_fsync = os.fsync
    matches: list[Callable[[str], bool]] = []

    def fake_fsync(fd: int) -> None:
        if any(m(_fd_path(fd)) for m in matches):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fake_fsync)
    return matches.append


class _FillingFile(io.FileIO):
    """A file on a disk that fills up during the ``fail_on``-th write (half of it lands)."""

    fail_on = 2

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.writes = 0

    def write(self, data: object) -> int:  # type: ignore[override]
        self.writes += 1
        view = memoryview(data)  # type: ignore[arg-type]
        if self.writes >= self.fail_on:
            super().write(view[: len(view) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(view)


@pytest.fixture
def filling_appends(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Open ``path`` for appending (unbuffered) as a file on a disk that fills up."""
    targets: list[Path] = []

    def fake_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "ab" and kwargs.get("buffering") == 0 and any(
            Path(os.fsdecode(file)) == t for t in targets  # type: ignore[arg-type]
        ):
            return _FillingFile(file, "ab")
        return _REAL_OPEN(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", fake_open)
    return targets.append


def _temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.startswith(TEMP_PREFIX)]


# --- extract -------------------------------------------------------------------------


def test_extract_a_folder_says_to_use_convert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["extract", str(tmp_path)]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert str(tmp_path) in line and "is a folder" in line and "newsextract convert" in line


def test_extract_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["extract", str(tmp_path / "nope.pdf")]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert f"{tmp_path / 'nope.pdf'}: no such file" in line


def test_extract_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = write_fake(tmp_path / "locked.pdf")

    def refuse(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert cli.main(["extract", str(pdf)]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert str(pdf) in line and "Permission denied" in line and "[InputError]" in line


def test_extract_output_under_a_file(
    tmp_path: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = write_fake(tmp_path / "issue.pdf")
    blocker = tmp_path / "some-file"
    blocker.write_text("keep me")
    target = blocker / "out.json"
    assert cli.main(["extract", str(pdf), "-o", str(target)]) == cli.EXIT_OUTPUT
    line = one_error_line(capsys.readouterr().err)
    assert str(target) in line and f"{blocker} is a file, not a folder" in line
    assert blocker.read_text() == "keep me"


def test_extract_output_in_a_read_only_folder(
    tmp_path: Path,
    fake: None,
    read_only: Callable[[Path], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = write_fake(tmp_path / "issue.pdf")
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "out.json").write_text("old")
    read_only(folder)
    assert cli.main(["extract", str(pdf), "-o", str(folder / "out.json")]) == cli.EXIT_OUTPUT
    line = one_error_line(capsys.readouterr().err)
    assert str(folder / "out.json") in line and "Permission denied" in line
    assert (folder / "out.json").read_text() == "old"
    assert _temp_files(folder) == []


def test_extract_output_on_a_full_disk_keeps_the_old_file(
    tmp_path: Path,
    fake: None,
    disk_full_on_fsync: Callable[[Callable[[str], bool]], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = write_fake(tmp_path / "issue.pdf")
    target = tmp_path / "out" / "issue.json"
    assert cli.main(["extract", str(pdf), "-o", str(target)]) == 0
    before = target.read_bytes()
    disk_full_on_fsync(lambda p: TEMP_PREFIX in p)
    assert cli.main(["extract", str(pdf), "--compact", "-o", str(target)]) == cli.EXIT_OUTPUT
    line = one_error_line(capsys.readouterr().err)
    assert str(target) in line and "No space left on device" in line
    assert target.read_bytes() == before
    assert _temp_files(tmp_path / "out") == []


def test_full_standard_output_is_one_line() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "newsextract.cli", "schema"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == cli.EXIT_OUTPUT
    line = one_error_line(done.stderr)
    assert "standard output" in line and "No space left on device" in line


# --- schema and debug --------------------------------------------------------------------


def test_schema_output_errors(
    tmp_path: Path, read_only: Callable[[Path], None], capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "f"
    blocker.write_text("")
    assert cli.main(["schema", "-o", str(blocker / "schema.json")]) == cli.EXIT_OUTPUT
    assert "is a file, not a folder" in one_error_line(capsys.readouterr().err)
    read_only(tmp_path / "ro")
    argv = ["schema", "-o", str(tmp_path / "ro" / "sub" / "schema.json")]
    assert cli.main(argv) == cli.EXIT_OUTPUT
    line = one_error_line(capsys.readouterr().err)
    assert "schema.json" in line and "Permission denied" in line


def test_debug_input_and_output_errors(
    tmp_path: Path,
    read_only: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("PIL")
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "ci-2024-03.pdf"
    assert cli.main(["debug", str(tmp_path)]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert "is a folder" in line and "newsextract convert" in line
    assert cli.main(["debug", str(tmp_path / "none.pdf")]) == 2
    assert "no such file" in one_error_line(capsys.readouterr().err)
    # The default output goes to the current folder, which refuses writes.
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    read_only(workdir)
    assert cli.main(["debug", str(fixture), "--page", "1", "--resolution", "20"]) == cli.EXIT_OUTPUT
    line = one_error_line(capsys.readouterr().err)
    assert "ci-2024-03-p1.png" in line and "Permission denied" in line


# --- convert -----------------------------------------------------------------------------


def test_convert_output_under_a_file(
    tmp_path: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    blocker = tmp_path / "some-file"
    blocker.write_text("keep me")
    for target, fmt in ((blocker / "out.jsonl", "jsonl"), (blocker / "out", "csv")):
        argv = ["convert", str(tmp_path / "in"), "-o", str(target), "--format", fmt]
        assert cli.main(argv) == cli.EXIT_OUTPUT
        line = one_error_line(capsys.readouterr().err)
        assert str(target) in line and f"{blocker} is a file, not a folder" in line
    assert blocker.read_text() == "keep me"


def test_convert_into_a_read_only_folder(
    tmp_path: Path,
    fake: None,
    read_only: Callable[[Path], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    folder = tmp_path / "ro"
    folder.mkdir()
    read_only(folder)
    for target in (folder / "issues.jsonl", folder / "tables"):
        argv = ["convert", str(tmp_path / "in"), "-o", str(target), "-q"]
        assert cli.main(argv) == cli.EXIT_OUTPUT
        line = one_error_line(capsys.readouterr().err)
        assert "Permission denied" in line and str(folder) in line
    assert list(folder.iterdir()) == []


def test_convert_disk_full_mid_batch_keeps_whole_lines_and_resumes(
    tmp_path: Path,
    fake: None,
    filling_appends: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in "abc":
        write_fake(tmp_path / "in" / f"{name}.pdf", tag=name)
    out = tmp_path / "o" / "issues.jsonl"
    filling_appends(out)
    argv = ["convert", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--progress", "none"]
    assert cli.main(argv) == cli.EXIT_OUTPUT
    line = one_error_line(capsys.readouterr().err)
    assert str(out) in line and "No space left on device" in line
    text = out.read_text()
    assert text.endswith("\n") and len(text.splitlines()) == 1  # the first issue, whole
    Issue.model_validate_json(text.splitlines()[0])
    assert (tmp_path / "o" / "errors.jsonl").read_text() == ""  # no input blamed
    monkeypatch.setattr(builtins, "open", _REAL_OPEN)  # space again: the rerun resumes
    assert cli.main([*argv, "-q"]) == 0
    names = sorted(
        Issue.model_validate_json(x).top_stories[0].title for x in out.read_text().splitlines()
    )
    assert [n.split(":")[0] for n in names] == ["Story a", "Story b", "Story c"]


def test_convert_tables_on_a_full_disk_keep_the_previous_tables(
    tmp_path: Path,
    fake: None,
    disk_full_on_fsync: Callable[[Callable[[str], bool]], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_fake(tmp_path / "in" / "a.pdf", tag="a")
    out = tmp_path / "tables"
    argv = ["convert", str(tmp_path / "in"), "-o", str(out), "--format", "csv", "-q"]
    assert cli.main(argv) == 0
    before = {t.name: (out / f"{t.name}.csv").read_bytes() for t in TABLES}
    write_fake(tmp_path / "in" / "b.pdf", tag="b")
    disk_full_on_fsync(lambda p: TEMP_PREFIX in p and ".csv." in p)
    assert cli.main(argv) == cli.EXIT_OUTPUT
    line = one_error_line(capsys.readouterr().err)
    assert ".csv" in line and "No space left on device" in line
    assert {t.name: (out / f"{t.name}.csv").read_bytes() for t in TABLES} == before
    assert _temp_files(out) == []
    assert len((out / "issues.jsonl").read_text().splitlines()) == 2  # the journal is whole


def test_convert_parquet_without_pyarrow_says_what_to_install(
    tmp_path: Path, fake: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    argv = ["convert", str(tmp_path / "in"), "-o", str(tmp_path / "o"), "--format", "parquet"]
    assert cli.main(argv) == 2
    line = one_error_line(capsys.readouterr().err)
    assert "pip install 'newsextract[parquet]'" in line
    assert not (tmp_path / "o").exists()


# --- global options ---------------------------------------------------------------------


@pytest.fixture
def backend_seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    seen: list[str] = []

    def recording(source: object, **kwargs: object) -> Issue:
        seen.append(str(kwargs["backend"]))
        return fake_extract(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(newsextract.api, "extract_issue", recording)
    monkeypatch.setattr(newsextract.api, "extract_issues",
                        lambda source, **kwargs: [recording(source, **kwargs)])
    yield seen


@pytest.mark.parametrize(
    "argv",
    [
        ["-q", "--backend", "pdfium", "extract", "{pdf}"],
        ["extract", "{pdf}", "-q", "--backend", "pdfium"],
        ["-v", "extract", "--backend", "pdfium", "{pdf}", "--quiet"],
    ],
)
def test_global_options_before_or_after_the_command(
    tmp_path: Path,
    argv: list[str],
    backend_seen: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = write_fake(tmp_path / "issue.pdf")
    assert cli.main([a.format(pdf=pdf) for a in argv]) == 0
    assert backend_seen == ["pdfium"]
    assert json.loads(capsys.readouterr().out)["schema_version"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["extract", "{pdf}", "-q"], "pdfium"),  # the default
        (["--backend", "pdfplumber", "extract", "{pdf}"], "pdfplumber"),
        (["extract", "{pdf}", "--backend", "pdfplumber"], "pdfplumber"),
    ],
)
def test_pdfium_is_the_default_backend_and_pdfplumber_can_be_chosen(
    tmp_path: Path,
    argv: list[str],
    expected: str,
    backend_seen: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = write_fake(tmp_path / "issue.pdf")
    assert cli.main([a.format(pdf=pdf) for a in argv]) == 0
    assert backend_seen == [expected]
    assert json.loads(capsys.readouterr().out)["schema_version"]


def test_quiet_after_convert_and_verbose_after_schema(
    tmp_path: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    assert cli.main(["convert", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert cli.main(["convert", str(tmp_path / "in"), "-o", str(tmp_path / "p.jsonl")]) == 0
    assert "1 inputs" in capsys.readouterr().err  # not quiet: the summary is there
    assert cli.main(["schema", "-v", "--quiet"]) == 0
    assert cli.main(["--quiet", "schema", "-vv"]) == 0


def test_extract_output_that_is_a_folder(
    tmp_path: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = write_fake(tmp_path / "issue.pdf")
    (tmp_path / "out").mkdir()
    assert cli.main(["extract", str(pdf), "-o", str(tmp_path / "out")]) == cli.EXIT_OUTPUT
    line = one_error_line(capsys.readouterr().err)
    assert f"{tmp_path / 'out'}: cannot write: it is a folder, not a file" in line
    assert _temp_files(tmp_path) == []


@pytest.fixture
def unlistable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make ``os.scandir`` refuse a folder, as for one without read permission."""
    refused: list[Path] = []
    real_scandir = os.scandir

    def fake_scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)) in refused:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", fake_scandir)
    return refused.append


def test_convert_an_unreadable_folder(
    tmp_path: Path,
    fake: None,
    unlistable: Callable[[Path], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    write_fake(tmp_path / "in" / "sub" / "b.pdf", tag="b")
    unlistable(tmp_path / "in" / "sub")
    out = tmp_path / "o.jsonl"
    argv = ["convert", str(tmp_path / "in"), "-o", str(out), "--progress", "log"]
    assert cli.main(argv) == 1  # an input failed: the subfolder
    err = capsys.readouterr().err
    assert "Traceback" not in err
    warning = [x for x in err.splitlines() if "WARNING" in x]
    assert len(warning) == 1 and f"{tmp_path / 'in' / 'sub'}: cannot read the folder" in warning[0]
    assert len(out.read_text().splitlines()) == 1  # a.pdf only
    [record] = [json.loads(x) for x in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert record["file"] == str(tmp_path / "in" / "sub") and record["error"] == "InputError"
    assert "Permission denied" in record["message"]
    unlistable(tmp_path / "in")
    assert cli.main(["convert", str(tmp_path / "in"), "-o", str(out), "-q"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert f"{tmp_path / 'in'}: cannot read the folder: Permission denied" in line
