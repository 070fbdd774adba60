"""Never lose data: SIGKILL and resume, truncated lines, reruns, locking, retrying failures."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from newsextract.batch import convert
from newsextract.batch.locks import Claim, OutputLock
from newsextract.batch.outputs import TEMP_PREFIX
from newsextract.errors import OutputInUseError
from test_batch_support import fake_extract, fake_pdf, sorted_lines, write_fake

TESTS = Path(__file__).resolve().parent

# Runs the real CLI in a child process with the fake extractor patched in.
_RUNNER = (
    "import sys; sys.path.insert(0, {tests!r}); import test_batch_support as s; "
    "s.install_fake(); from newsextract.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _make_inputs(root: Path, n: int = 40) -> list[str]:
    for i in range(n):
        write_fake(root / "tree" / f"{i // 10}" / f"f{i:03d}.pdf", "slow", tag=str(i))
    write_fake(root / "tree" / "corrupt.pdf", "corrupt")
    (root / "tree" / "copy-of-f000.pdf").write_bytes((root / "tree/0/f000.pdf").read_bytes())
    with zipfile.ZipFile(root / "bundle.zip", "w") as zf:
        for i in range(3):
            zf.writestr(f"z/m{i}.pdf", fake_pdf("slow", tag=f"zip{i}"))
    return [str(root / "tree"), str(root / "bundle.zip")]


def _cli(args: list[str]) -> subprocess.Popen[bytes]:
    code = _RUNNER.format(tests=str(TESTS))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _done_count(out: Path, fmt: str) -> int:
    if fmt == "jsonl":
        target = out / "issues.jsonl"
        return len(target.read_bytes().splitlines()) if target.exists() else 0
    if fmt == "csv":
        target = out / "issues.jsonl"
        return len(target.read_bytes().splitlines()) if target.exists() else 0
    return len(list(out.rglob("*.json")))


def _processes_mentioning(marker: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if marker.encode() in cmdline and ") Z " not in stat:
            pids.append(int(entry.name))
    return pids


def _snapshot(out: Path, fmt: str) -> dict[str, list[str] | bytes]:
    """What must be equal between an interrupted+resumed run and an uninterrupted one."""
    snap: dict[str, list[str] | bytes] = {"errors": sorted_lines(out / "errors.jsonl")}
    if fmt == "jsonl":
        snap["issues"] = sorted_lines(out / "issues.jsonl")
    elif fmt == "csv":
        snap["journal"] = sorted_lines(out / "issues.jsonl")
        for table in ("issues", "stories", "issuing_bodies", "news"):
            snap[table] = (out / f"{table}.csv").read_bytes()  # byte for byte, unsorted
    else:
        for path in sorted(out.rglob("*.json")):
            snap[path.relative_to(out).as_posix()] = path.read_bytes()
    return snap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and SIGKILL")
@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_sigkill_and_resume_equals_an_uninterrupted_run(tmp_path: Path, fmt: str) -> None:
    inputs = _make_inputs(tmp_path / "in")
    total_outputs = 40 + 3  # the corrupt file fails, the copy is a duplicate

    def target(name: str) -> Path:
        base = tmp_path / name
        return base / "issues.jsonl" if fmt == "jsonl" else base

    reference = convert(inputs, target("reference"), fmt=fmt, jobs=2, extract=fake_extract)
    assert (reference.succeeded, reference.failed, reference.duplicates) == (43, 1, 1)

    out = target("resumed")
    args = ["convert", *inputs, "-o", str(out), "--format", fmt, "-j", "2", "--progress", "log"]
    proc = _cli(args)
    out_dir = tmp_path / "resumed"
    deadline = time.monotonic() + 30
    while _done_count(out_dir, fmt) < 6:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "the batch never got going"
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close() if proc.stderr else None
    done_at_kill = _done_count(out_dir, fmt)
    assert 6 <= done_at_kill < total_outputs, "the kill must land mid-run"

    # The workers die with their parent (PR_SET_PDEATHSIG), leaving nothing behind.
    for _ in range(100):
        if not _processes_mentioning(str(out_dir)):
            break
        time.sleep(0.05)
    assert _processes_mentioning(str(out_dir)) == []

    rerun = _cli(args)
    _, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 1, err.decode()  # the corrupt file failed (in the first run)
    log = err.decode()
    assert "inputs done by an earlier run" in log

    assert _snapshot(out_dir, fmt) == _snapshot(tmp_path / "reference", fmt)
    assert not [p for p in out_dir.rglob(f"{TEMP_PREFIX}*")]


def test_truncated_last_line_is_dropped_and_redone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for i in range(5):
        write_fake(tmp_path / "in" / f"{i}.pdf", tag=str(i))
    out = tmp_path / "o" / "issues.jsonl"
    convert([tmp_path / "in"], out, jobs=1, extract=fake_extract)
    complete = sorted_lines(out)
    data = out.read_bytes()
    out.write_bytes(data[:-40])  # what a SIGKILL in the middle of a write leaves
    report = convert([tmp_path / "in"], out, jobs=1, extract=fake_extract)
    assert (report.skipped, report.succeeded) == (4, 1)
    assert sorted_lines(out) == complete
    assert "incomplete last line" in caplog.text


def test_damaged_line_in_the_middle_is_removed(tmp_path: Path) -> None:
    for i in range(4):
        write_fake(tmp_path / "in" / f"{i}.pdf", tag=str(i))
    out = tmp_path / "issues.jsonl"
    convert([tmp_path / "in"], out, jobs=1, extract=fake_extract)
    complete = sorted_lines(out)
    lines = out.read_text().splitlines(keepends=True)
    lines[1] = lines[1][:50] + "\n"
    out.write_text("".join(lines))
    report = convert([tmp_path / "in"], out, jobs=1, extract=fake_extract)
    assert (report.skipped, report.succeeded) == (3, 1)
    assert sorted_lines(out) == complete


@pytest.mark.parametrize("fmt", ["jsonl", "json", "markdown", "csv"])
def test_rerun_skips_everything_and_changes_nothing(tmp_path: Path, fmt: str) -> None:
    for i in range(4):
        write_fake(tmp_path / "in" / f"{i}.pdf", tag=str(i))
    write_fake(tmp_path / "in" / "bad.pdf", "corrupt")
    out = tmp_path / ("o/issues.jsonl" if fmt == "jsonl" else "o")
    first = convert([tmp_path / "in"], out, fmt=fmt, jobs=2, extract=fake_extract)
    assert (first.succeeded, first.failed, first.exit_code) == (4, 1, 1)
    before = {p: p.read_bytes() for p in (tmp_path / "o").rglob("*") if p.is_file()}
    second = convert([tmp_path / "in"], out, fmt=fmt, jobs=2, extract=fake_extract)
    assert (second.skipped, second.previously_failed, second.succeeded, second.failed) == (
        4,
        1,
        0,
        0,
    )
    assert second.exit_code == 1  # a file of the batch still has no output
    after = {p: p.read_bytes() for p in (tmp_path / "o").rglob("*") if p.is_file()}
    assert after == before


def test_retry_failed_tries_again_without_duplicate_records(tmp_path: Path) -> None:
    write_fake(tmp_path / "in" / "bad.pdf", "corrupt")
    write_fake(tmp_path / "in" / "good.pdf")
    out = tmp_path / "issues.jsonl"
    convert([tmp_path / "in"], out, jobs=1, extract=fake_extract)
    again = convert([tmp_path / "in"], out, jobs=1, extract=fake_extract, retry_failed=True)
    assert (again.failed, again.previously_failed, again.skipped) == (1, 0, 1)
    assert len((tmp_path / "errors.jsonl").read_text().splitlines()) == 1


def test_no_resume_starts_afresh(tmp_path: Path) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    out = tmp_path / "issues.jsonl"
    convert([tmp_path / "in"], out, jobs=1, extract=fake_extract)
    again = convert([tmp_path / "in"], out, jobs=1, extract=fake_extract, resume=False)
    assert (again.succeeded, again.skipped) == (1, 0)
    assert len(out.read_text().splitlines()) == 1


def test_a_second_run_on_the_same_output_is_refused(tmp_path: Path) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    holder = OutputLock([Claim(tmp_path / "issues.jsonl")])
    try:
        with pytest.raises(OutputInUseError, match=f"in use .*pid {os.getpid()}"):
            convert([tmp_path / "in"], tmp_path / "issues.jsonl", extract=fake_extract)
        assert not (tmp_path / "errors.jsonl").exists()  # refused before writing anything
    finally:
        holder.release()
    assert convert([tmp_path / "in"], tmp_path / "issues.jsonl", extract=fake_extract).succeeded


def test_duplicate_bytes_are_extracted_once(tmp_path: Path) -> None:
    data = fake_pdf(tag="same")
    for name in ("a.pdf", "b.pdf", "sub/c.pdf"):
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_bytes(data)
    report = convert([tmp_path / "in"], tmp_path / "o", fmt="json", extract=fake_extract)
    assert (report.succeeded, report.duplicates) == (1, 2)
    assert [p.name for p in (tmp_path / "o").rglob("*.json")] == ["a.json"]


def test_same_name_different_bytes_get_distinct_stable_names(tmp_path: Path) -> None:
    a = write_fake(tmp_path / "a" / "x.pdf", tag="A")
    b = write_fake(tmp_path / "b" / "x.pdf", tag="B")
    out = tmp_path / "o"
    convert([a, b], out, fmt="json", jobs=2, extract=fake_extract)
    names = sorted(p.name for p in out.glob("*.json"))
    assert names[0] != "x.json" and names[1] == "x.json"
    first = json.loads((out / "x.json").read_text())
    assert first["top_stories"][0]["title"].startswith("Story A")
    # Resuming with only the second file keeps both names where they were.
    (out / names[0]).unlink()
    convert([a, b], out, fmt="json", jobs=2, extract=fake_extract)
    assert sorted(p.name for p in out.glob("*.json")) == names


def test_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "o"
    (out / "sub").mkdir(parents=True)
    stale = out / "sub" / f"{TEMP_PREFIX}x.json.123.abcd"
    stale.write_text("half a file")
    write_fake(tmp_path / "in" / "a.pdf")
    convert([tmp_path / "in"], out, fmt="json", extract=fake_extract)
    assert not stale.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses SIGTERM")
def test_sigterm_stops_cleanly_with_status_130(tmp_path: Path) -> None:
    inputs = _make_inputs(tmp_path / "in", n=30)
    out = tmp_path / "o" / "issues.jsonl"
    args = ["convert", *inputs, "-o", str(out), "-j", "2", "--progress", "log"]
    proc = _cli(args)
    deadline = time.monotonic() + 30
    while _done_count(tmp_path / "o", "jsonl") < 4:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err.decode()
    assert "interrupted" in err.decode()
    assert out.read_bytes().endswith(b"\n")  # only complete lines
    rerun = _cli(args)
    rerun.communicate(timeout=60)
    assert rerun.returncode == 1  # the corrupt input
    assert len(out.read_text().splitlines()) == 30 + 3
