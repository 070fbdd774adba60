"""The worker pool: time limit, memory cap, crashes, a bad file mid-batch, flat parent memory."""

from __future__ import annotations

import concurrent.futures as cf
import functools
import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

import pytest

from newsextract.batch import (
    BatchCounts,
    BatchReport,
    ExecutorRunner,
    FileEvent,
    FileOutcome,
    WorkerPool,
    convert,
    extract_record,
)
from newsextract.batch.pool import Completed
from test_batch_support import (
    bomb_pdf,
    fake_extract,
    fake_pdf,
    plumber_extract,
    text_pdf,
    write_fake,
)

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="RLIMIT_AS and prctl are Linux features"
)


def _errors(path: Path) -> dict[str, dict[str, str]]:
    records = [json.loads(line) for line in path.read_text().splitlines()]
    return {Path(r["file"].split("::")[-1]).name: r for r in records}


def _task() -> functools.partial[FileOutcome]:
    return functools.partial(extract_record, extract=fake_extract)


def test_pool_runs_tasks_and_reuses_workers() -> None:
    with WorkerPool(2, _task(), timeout_s=10) as pool:
        results = {}
        pending = [(i, fake_pdf(tag=str(i))) for i in range(6)]
        while pending or pool.busy:
            while pending and pool.has_capacity():
                key, data = pending.pop()
                pool.submit(key, f"f{key}.pdf", "", data)
            for done in pool.wait(1.0):
                results[done.key] = done.outcome
        assert sorted(results) == list(range(6))
        assert all(o.ok and o.pages == 3 for o in results.values())
        assert pool.spawned == 2


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_pool_works_without_fork(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    ctx = multiprocessing.get_context(method)
    with WorkerPool(1, _task(), timeout_s=20, context=ctx) as pool:
        deadline = time.monotonic() + 30
        while not pool.has_capacity():  # the worker is still starting
            assert time.monotonic() < deadline
            assert pool.wait(0.2) == []
        pool.submit(1, "a.pdf", "", fake_pdf(tag="a"))
        done: list[Completed] = []
        while not done and time.monotonic() < deadline:
            done = pool.wait(0.5)
        assert done and done[0].outcome.ok


class _ExitsWhenUnpickled:
    """A task that kills the spawned worker while it is being unpickled there."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return (os._exit, (3,))


def test_workers_that_cannot_start_stop_the_pool() -> None:
    ctx = multiprocessing.get_context("spawn")
    task = _ExitsWhenUnpickled()
    with WorkerPool(1, task, context=ctx) as pool:  # type: ignore[arg-type]
        deadline = time.monotonic() + 60
        with pytest.raises(RuntimeError, match="5 worker processes in a row failed to start"):
            while time.monotonic() < deadline:
                assert not pool.has_capacity()
                pool.wait(0.1)


def test_timeout_kills_the_worker_and_the_batch_goes_on(tmp_path: Path) -> None:
    write_fake(tmp_path / "in" / "a.pdf", tag="a")
    write_fake(tmp_path / "in" / "b_sleeps_forever.pdf", "sleep")
    write_fake(tmp_path / "in" / "c.pdf", tag="c")
    start = time.monotonic()
    report = convert(
        [tmp_path / "in"], tmp_path / "o.jsonl", jobs=1, timeout_s=1.0, extract=fake_extract
    )
    assert time.monotonic() - start < 15
    assert (report.succeeded, report.failed, report.exit_code) == (2, 1, 1)
    rec = _errors(tmp_path / "errors.jsonl")["b_sleeps_forever.pdf"]
    assert rec["error"] == "ResourceLimitError"
    assert "time limit of 1 s" in rec["message"]
    assert len(rec["sha256"]) == 64


@linux_only
def test_memory_cap_stops_a_2_gib_allocation(tmp_path: Path) -> None:
    write_fake(tmp_path / "in" / "a.pdf", tag="a")
    write_fake(tmp_path / "in" / "hog.pdf", "alloc")
    write_fake(tmp_path / "in" / "z.pdf", tag="z")
    report = convert(
        [tmp_path / "in"], tmp_path / "o.jsonl", jobs=2, memory_mb=256, extract=fake_extract
    )
    assert (report.succeeded, report.failed) == (2, 1)
    rec = _errors(tmp_path / "errors.jsonl")["hog.pdf"]
    assert rec["error"] == "ResourceLimitError"
    assert "memory limit of 256 MiB" in rec["message"]


@linux_only
def test_decompression_bomb_is_stopped_by_the_memory_cap(tmp_path: Path) -> None:
    """A ~1 MB PDF whose content stream inflates to 1 GiB, parsed by pdfplumber/pdfminer."""
    bomb = tmp_path / "in" / "bomb.pdf"
    bomb.parent.mkdir()
    bomb.write_bytes(bomb_pdf(1024))
    assert bomb.stat().st_size < 1_200_000
    (tmp_path / "in" / "fine.pdf").write_bytes(text_pdf("fine"))
    report = convert(
        [tmp_path / "in"], tmp_path / "o.jsonl", jobs=2, memory_mb=400, extract=plumber_extract
    )
    assert (report.succeeded, report.failed) == (1, 1)
    rec = _errors(tmp_path / "errors.jsonl")["bomb.pdf"]
    assert rec["error"] == "ResourceLimitError", rec
    assert "memory limit" in rec["message"]


def test_crashing_worker_is_recorded_and_replaced(tmp_path: Path) -> None:
    for i in range(3):
        write_fake(tmp_path / "in" / f"ok{i}.pdf", tag=str(i))
    write_fake(tmp_path / "in" / "crash.pdf", "crash")
    report = convert([tmp_path / "in"], tmp_path / "o.jsonl", jobs=1, extract=fake_extract)
    assert (report.succeeded, report.failed) == (3, 1)
    rec = _errors(tmp_path / "errors.jsonl")["crash.pdf"]
    assert rec["error"] == "WorkerCrashed"
    assert "SIGSEGV" in rec["message"]


def test_corrupt_file_in_the_middle_of_a_batch(tmp_path: Path) -> None:
    for i in range(10):
        if i == 5:
            write_fake(tmp_path / "in" / f"{i:02d}.pdf", "corrupt")
        elif i == 7:
            (tmp_path / "in" / f"{i:02d}.pdf").write_bytes(b"")  # empty: the fake rejects it
        else:
            write_fake(tmp_path / "in" / f"{i:02d}.pdf", tag=str(i))
    write_fake(tmp_path / "in" / "unexpected.pdf", "notimpl")
    report = convert([tmp_path / "in"], tmp_path / "o.jsonl", jobs=2, extract=fake_extract)
    assert (report.total, report.succeeded, report.failed) == (11, 8, 3)
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 8
    errors = _errors(tmp_path / "errors.jsonl")
    assert set(errors) == {"05.pdf", "07.pdf", "unexpected.pdf"}
    assert errors["05.pdf"]["error"] == "MalformedPDFError"
    assert errors["05.pdf"]["code"] == "malformed_pdf"
    assert errors["unexpected.pdf"]["error"] == "NotImplementedError"
    assert errors["unexpected.pdf"]["code"] == "internal"
    for rec in errors.values():
        assert list(rec) == ["file", "sha256", "error", "code", "message"]


class _RssProbe:
    """A progress sink that samples the parent's resident memory."""

    def __init__(self) -> None:
        self.samples: dict[int, float] = {}

    @staticmethod
    def rss_mib() -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * 4096 / 2**20

    def start(self, total: int) -> None:
        pass

    def update(self, event: FileEvent, counts: BatchCounts) -> None:
        if counts.finished % 100 == 0:
            self.samples[counts.finished] = self.rss_mib()

    def tick(self, counts: BatchCounts) -> None:
        pass

    def finish(self, report: BatchReport) -> None:
        pass


@linux_only
def test_parent_memory_stays_flat_over_1000_files(tmp_path: Path) -> None:
    payload = b"%" + b"z" * 200_000 + b"\n"  # 200 kB per file: 200 MB if the parent kept them
    for i in range(1000):
        write_fake(tmp_path / "in" / f"{i:04d}.pdf", tag=str(i), payload=payload)
    probe = _RssProbe()
    report = convert(
        [tmp_path / "in"], tmp_path / "o.jsonl", jobs=2, extract=fake_extract, progress=probe
    )
    assert report.succeeded == 1000
    growth = probe.samples[1000] - probe.samples[200]
    assert growth < 15, probe.samples


def test_executor_runner_with_a_process_pool(tmp_path: Path) -> None:
    for i in range(4):
        write_fake(tmp_path / "in" / f"{i}.pdf", tag=str(i))
    write_fake(tmp_path / "in" / "bad.pdf", "corrupt")
    with cf.ProcessPoolExecutor(2) as ex:
        report = convert(
            [tmp_path / "in"], tmp_path / "o.jsonl", executor=ex, jobs=3, extract=fake_extract
        )
    assert (report.succeeded, report.failed) == (4, 1)


def test_executor_runner_timeout_is_best_effort() -> None:
    def slow(name: str, data: bytes) -> FileOutcome:
        time.sleep(1.5)
        return extract_record(name, data, extract=fake_extract)

    with cf.ThreadPoolExecutor(1) as ex:
        runner = ExecutorRunner(ex, slow, max_in_flight=2, timeout_s=0.3)
        runner.submit(1, "a.pdf", "x" * 64, fake_pdf())
        done: list[Completed] = []
        deadline = time.monotonic() + 5
        while not done and time.monotonic() < deadline:
            done = runner.wait(0.2)
        assert done[0].outcome.error is not None
        assert done[0].outcome.error.error == "ResourceLimitError"
        assert "abandoned" in done[0].outcome.error.message
        runner.close()


def test_executor_exception_becomes_worker_crashed() -> None:
    def boom(name: str, data: bytes) -> FileOutcome:
        raise OSError("node lost")

    with cf.ThreadPoolExecutor(1) as ex:
        runner = ExecutorRunner(ex, boom, max_in_flight=1)
        runner.submit(7, "a.pdf", "s" * 64, b"")
        done: list[Completed] = []
        while not done:
            done = runner.wait(0.5)
        err = done[0].outcome.error
        assert err is not None and err.error == "WorkerCrashed" and "node lost" in err.message
        assert done[0].key == 7
