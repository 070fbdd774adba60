"""``convert``: a whole batch, from input arguments to outputs and ``errors.jsonl``.

The parent process lists the inputs, reads each file only when a worker is free for it,
hashes it, skips it when an earlier run already dealt with those bytes, and otherwise sends
``(name, bytes)`` to a worker. Results come back as JSON strings and are written by the
parent alone (one writer, no races): appended to a JSON Lines file, or one file per input,
or a journal from which CSV tables are rebuilt at the end. Every failure becomes a line of
``errors.jsonl``; the batch itself only stops for a usage error.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import hashlib
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from multiprocessing.context import BaseContext
from pathlib import Path, PurePosixPath
from typing import Protocol

from newsextract.backends import DEFAULT_BACKEND
from newsextract.batch.csvout import csv_file_names, write_tables
from newsextract.batch.inputs import InputItem, ItemKind, ItemReader, discover
from newsextract.batch.locks import Claim, OutputLock
from newsextract.batch.markdown import issue_to_markdown
from newsextract.batch.outputs import (
    ErrorLog,
    JsonlIssues,
    PerFileIssues,
    UnsafeOutputPathError,
    issue_key,
    make_folder,
    markdown_key,
    markdown_marker,
)
from newsextract.batch.parquetout import (
    PARQUET_EXTRA_HINT,
    parquet_file_names,
    write_parquet_tables,
)
from newsextract.batch.pool import Completed, ExecutorRunner, Runner, WorkerPool
from newsextract.batch.records import (
    BatchCounts,
    BatchReport,
    BatchUsageError,
    ErrorRecord,
    FileEvent,
    Outcome,
)
from newsextract.batch.worker import ExtractFunction, TaskFunction, extract_record
from newsextract.errors import InputError, OutputError, ProfileError, ResourceLimitError
from newsextract.models import Issue
from newsextract.profiles import ProfileSpec, resolve_profile

__all__ = [
    "DEFAULT_MAX_INPUT_MB",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT_S",
    "Format",
    "Progress",
    "convert",
    "default_errors_path",
    "default_jobs",
    "infer_format",
]

_log = logging.getLogger(__name__)

#: Default wall-time limit of one file, in seconds.
DEFAULT_TIMEOUT_S = 120.0
#: Default memory a worker may add while extracting one file, in MiB.
DEFAULT_MEMORY_MB = 2048
#: Default size limit of one input file, in MiB.
DEFAULT_MAX_INPUT_MB = 100

_MIB = 1024 * 1024
_WAIT_S = 0.25


class Format(str, Enum):
    """Output formats of a batch."""

    JSONL = "jsonl"  # one issue per line in one file
    JSON = "json"  # one JSON file per input, mirrored under a folder
    MARKDOWN = "markdown"  # one Markdown file per input, mirrored under a folder
    CSV = "csv"  # the tables of newsextract.batch.tables as CSV files in a folder
    PARQUET = "parquet"  # the same tables as typed Parquet files (needs pyarrow)


class Progress(Protocol):
    """Receives a batch's progress (see :mod:`newsextract.batch.progress`)."""

    def start(self, total: int) -> None:
        """Begin: the batch found ``total`` inputs."""
        ...

    def update(self, event: FileEvent, counts: BatchCounts) -> None:
        """One input was dealt with; ``counts`` are the totals so far."""
        ...

    def tick(self, counts: BatchCounts) -> None:
        """Refresh rates and ETA (called a few times a second while waiting)."""
        ...

    def finish(self, report: BatchReport) -> None:
        """End: show the report (also called when the batch is interrupted)."""
        ...


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def infer_format(output: str | os.PathLike[str]) -> Format:
    """Guess the format from ``output``: ``*.jsonl`` is JSON Lines, else a folder of JSON."""
    return Format.JSONL if os.fspath(output).lower().endswith(".jsonl") else Format.JSON


def default_errors_path(output: Path, fmt: Format) -> Path:
    """``errors.jsonl`` beside a JSON Lines file, or inside an output folder."""
    return (output.parent if fmt is Format.JSONL else output) / "errors.jsonl"


def _render_json(issue_json: str, sha256: str) -> bytes:
    issue = Issue.model_validate_json(issue_json)
    return (issue.model_dump_json(indent=2) + "\n").encode("utf-8")


def _render_markdown(issue_json: str, sha256: str) -> bytes:
    issue = Issue.model_validate_json(issue_json)
    source = issue.source
    pages = ((source.pages.first, source.pages.last, source.page_count)
             if source is not None and source.pages is not None else None)
    return (markdown_marker(sha256, pages) + "\n" + issue_to_markdown(issue)).encode("utf-8")


#: Formats written as tables rebuilt from an ``issues.jsonl`` journal at the end of a run.
_TABLE_FORMATS = (Format.CSV, Format.PARQUET)
#: The journal the tables are built from, in the output folder.
_JOURNAL = "issues.jsonl"
#: The file suffix of the formats writing one file per input.
_SUFFIXES = {Format.JSON: ".json", Format.MARKDOWN: ".md"}


def _table_writer(fmt: Format, out: Path, csv_raw: bool) -> Callable[[], int]:
    """Return the call that rebuilds the tables of ``fmt`` in ``out`` from its journal."""
    if fmt is Format.CSV:
        return functools.partial(write_tables, out / _JOURNAL, out, raw=csv_raw)
    return functools.partial(write_parquet_tables, out / _JOURNAL, out)


def output_claims(out: Path, fmt: Format, errors_path: Path) -> list[Claim]:
    """Return what a batch writing ``out`` in ``fmt`` claims (see :mod:`~.locks`).

    JSON Lines claim the ``-o`` file; the other formats the whole output folder; the
    errors file is claimed too (it is covered when it lies in the output folder). An
    errors file that is the output itself is a :class:`BatchUsageError`.
    """
    real_out = out.resolve()
    real_err = errors_path.resolve()
    if real_err.parent == real_out:
        if fmt is Format.CSV:
            taken = {_JOURNAL, *csv_file_names()}
        elif fmt is Format.PARQUET:
            taken = {_JOURNAL, *parquet_file_names()}
        else:
            taken = {real_err.name} if real_err.suffix == _SUFFIXES.get(fmt) else set()
        if real_err.name in taken:
            raise BatchUsageError(f"--errors {errors_path} would overwrite an output file")
    if real_err == real_out:
        raise BatchUsageError(f"--errors {errors_path} is the output")
    return [Claim(out, tree=fmt is not Format.JSONL), Claim(errors_path)]


class _Sink(Protocol):
    done: set[str]

    def claim(self, relpath: PurePosixPath, sha256: str) -> object: ...

    def write(self, relpath: PurePosixPath, sha256: str, issue_json: str) -> None: ...

    def close(self) -> None: ...


def _open_sink(output: Path, fmt: Format, resume: bool) -> _Sink:
    if fmt is Format.JSONL:
        return JsonlIssues(output, resume=resume)
    if fmt in _TABLE_FORMATS:
        return JsonlIssues(output / _JOURNAL, resume=resume)
    if fmt is Format.JSON:
        return PerFileIssues(output, _SUFFIXES[fmt], _render_json, issue_key, resume=resume)
    return PerFileIssues(output, _SUFFIXES[fmt], _render_markdown, markdown_key, resume=resume)


def _close_all(closers: Sequence[Callable[[], object]], *, raise_first: bool) -> None:
    """Call every closer in order; re-raise the first exception when ``raise_first``."""
    first: BaseException | None = None
    for close in closers:
        try:
            close()
        except Exception as exc:
            if first is None:
                first = exc
            else:
                _log.debug("another error while closing: %s", exc)
    if first is not None and raise_first:
        raise first


@dataclass(slots=True)
class _Prepared:
    """An input read and hashed, ready for a worker."""

    sha256: str
    data: bytes


class _Batch:
    """The state of one running batch (the body of :func:`convert`)."""

    def __init__(
        self,
        items: Sequence[InputItem],
        sink: _Sink,
        errors: ErrorLog,
        runner: Runner,
        progress: Progress | None,
        max_bytes: int | None,
    ) -> None:
        self.items = items
        self.sink = sink
        self.errors = errors
        self.runner = runner
        self.progress = progress
        self.max_bytes = max_bytes
        self.counts = BatchCounts(total=len(items))
        self.seen: set[str] = set()
        self.in_flight: dict[int, InputItem] = {}

    def emit(self, event: FileEvent) -> None:
        self.counts.add(event)
        if self.progress is not None:
            self.progress.update(event, self.counts)

    def fail(self, item: InputItem, record: ErrorRecord, seconds: float = 0.0) -> None:
        self.errors.write(record)
        self.emit(FileEvent(item.display, Outcome.FAILED, seconds=seconds, error=record))

    def _hash_or_empty(self, reader: ItemReader, item: InputItem) -> str:
        try:
            return reader.sha256(item)
        except Exception:  # unreadable bytes: the record says so, without a hash
            return ""

    def _already(self, item: InputItem, sha: str) -> bool:
        """Emit a skip event and return True when ``sha`` was dealt with before."""
        if sha and sha in self.sink.done:
            self.sink.claim(item.relpath, sha)
            self.emit(FileEvent(item.display, Outcome.SKIPPED))
            return True
        if (sha and sha in self.errors.failed_sha256) or (
            not sha and item.display in self.errors.failed_names
        ):
            if sha:
                self.sink.claim(item.relpath, sha)
            self.emit(FileEvent(item.display, Outcome.SKIPPED_FAILED))
            return True
        if sha and sha in self.seen:
            self.emit(FileEvent(item.display, Outcome.DUPLICATE))
            return True
        return False

    def prepare(self, reader: ItemReader, item: InputItem) -> _Prepared | None:
        """Read and hash ``item``; deal with it at once (skip, error) or return its bytes."""
        if item.kind is ItemKind.BROKEN_ARCHIVE:
            sha = self._hash_or_empty(reader, item)
            if not self._already(item, sha):
                self.seen.add(sha)
                record = ErrorRecord(
                    item.display, sha, InputError.__name__, InputError.code, item.problem or ""
                )
                self.fail(item, record)
            return None
        try:
            data = reader.read(item, self.max_bytes)
        except ResourceLimitError as exc:
            sha = self._hash_or_empty(reader, item)
            if not self._already(item, sha):
                self.seen.add(sha)
                record = ErrorRecord(item.display, sha, type(exc).__name__, exc.code, exc.detail)
                self.fail(item, record)
            return None
        except Exception as exc:  # OSError, BadZipFile, bad CRC, zlib/lzma errors, ...
            if not self._already(item, ""):
                detail = f"cannot read the input ({type(exc).__name__}: {exc})"
                self.fail(item, ErrorRecord(item.display, "", "InputError", "input", detail))
            return None
        sha = hashlib.sha256(data).hexdigest()
        if self._already(item, sha):
            return None
        self.seen.add(sha)
        self.sink.claim(item.relpath, sha)
        return _Prepared(sha, data)

    def complete(self, done: Completed) -> None:
        """Write one finished task's output or error record."""
        item = self.in_flight.pop(done.key)
        outcome = done.outcome
        if outcome.error is None and outcome.issue_json is not None:
            try:
                for issue_json in outcome.issues_json:  # one record per issue of a bundle
                    self.sink.write(item.relpath, outcome.sha256, issue_json)
            except UnsafeOutputPathError as exc:
                record = ErrorRecord(
                    item.display, outcome.sha256, type(exc).__name__, exc.code, str(exc)
                )
                self.fail(item, record, outcome.seconds)
                return
            self.emit(
                FileEvent(item.display, Outcome.OK, pages=outcome.pages, seconds=outcome.seconds)
            )
            return
        record = outcome.error or ErrorRecord(
            item.display, outcome.sha256, "WorkerCrashed", "worker_crashed", "no result"
        )
        if record.file != item.display:
            record = ErrorRecord(
                item.display, record.sha256, record.error, record.code, record.message
            )
        self.fail(item, record, outcome.seconds)

    def run(self) -> None:
        """Feed the runner and collect results until every input is dealt with."""
        if self.progress is not None:
            self.progress.start(len(self.items))
        pending = iter(enumerate(self.items))
        exhausted = False
        with ItemReader() as reader:
            while True:
                while not exhausted and self.runner.has_capacity():
                    nxt = next(pending, None)
                    if nxt is None:
                        exhausted = True
                        break
                    key, item = nxt
                    prepared = self.prepare(reader, item)
                    if prepared is None:
                        continue
                    self.in_flight[key] = item
                    self.runner.submit(key, item.display, prepared.sha256, prepared.data)
                    del prepared
                if exhausted and not self.in_flight:
                    break
                for done in self.runner.wait(_WAIT_S):
                    self.complete(done)
                if self.progress is not None:
                    self.progress.tick(self.counts)


def convert(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    fmt: Format | str | None = None,
    jobs: int | None = None,
    executor: cf.Executor | None = None,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    max_input_mb: float | None = DEFAULT_MAX_INPUT_MB,
    resume: bool = True,
    retry_failed: bool = False,
    progress: Progress | None = None,
    errors_path: str | os.PathLike[str] | None = None,
    strict: bool = False,
    password: str | None = None,
    backend: str = DEFAULT_BACKEND,
    extract: ExtractFunction | None = None,
    mp_context: BaseContext | None = None,
    csv_raw: bool = False,
    provenance: bool = False,
    profile: ProfileSpec | None = None,
) -> BatchReport:
    """Extract every PDF named by ``inputs`` into ``output``; see ``docs/cli.md``.

    ``inputs`` are files, folders, globs and archives (:func:`~newsextract.batch.inputs.discover`).
    ``fmt`` is ``jsonl`` (``output`` is a file), ``json``/``markdown`` (one file per input
    under the folder ``output``), ``csv`` or ``parquet`` (tables in the folder ``output``,
    see ``docs/tables.md``); by default ``jsonl`` when ``output`` ends in ``.jsonl``, else
    ``json``.

    Without ``executor`` the files run in ``jobs`` worker processes (default: all cores),
    each killed and replaced when a file takes longer than ``timeout_s`` seconds, and capped
    at ``memory_mb`` MiB of extra address space. With an ``executor`` (Dask, Ray, a process
    pool) up to ``jobs`` tasks (default: twice the local cores) are in flight, and the limits
    are best-effort (:class:`~newsextract.batch.pool.ExecutorRunner`). Files over
    ``max_input_mb`` are not read.

    With ``resume`` (the default) inputs whose SHA-256 is already in the output or in the
    errors file are skipped; ``retry_failed`` forgets recorded failures first. Without it
    the output and the errors file are started afresh. ``strict``, ``password`` and
    ``backend`` are passed to :func:`newsextract.extract_issue`; ``extract`` replaces
    :func:`newsextract.extract_issue` (for tests). CSV cells a spreadsheet would run as a
    formula are neutralised unless ``csv_raw`` (:func:`~.csvout.csv_cell`). ``provenance``
    adds ``Issue.provenance`` to every record (the JSON and JSON Lines outputs carry it;
    Markdown and the tables leave it out). ``profile`` (a
    :class:`~newsextract.profiles.Profile`, a profile file or an installed name) reads
    every input with that newsletter profile; None detects each input's (a profile that
    cannot be loaded raises :class:`BatchUsageError` before any work).

    The batch holds a lock on everything it writes (:mod:`~newsextract.batch.locks`)
    until its last byte is written: a second run sharing the output folder, the JSON Lines
    file or the errors file gets :class:`~newsextract.errors.OutputInUseError`. Raises
    :class:`BatchUsageError` when the batch cannot start and
    :class:`~newsextract.errors.OutputError` when an output cannot be written (the batch
    stops; every output is as it was before the failed write, and a rerun resumes); then
    ``progress`` gets no summary (its ``abort()`` is called when it has one). A bad input
    never raises, it is recorded.
    """
    fmt = Format(fmt) if fmt is not None else infer_format(output)
    out = Path(output)
    if jobs is not None and jobs < 1:
        raise BatchUsageError("jobs must be at least 1")
    from newsextract.backends import BACKENDS

    if backend not in BACKENDS:
        raise BatchUsageError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    for label, value in (("timeout", timeout_s), ("memory", memory_mb), ("size", max_input_mb)):
        if value is not None and value <= 0:
            raise BatchUsageError(f"the {label} limit must be positive")
    try:
        chosen = resolve_profile(profile) if profile is not None else None
    except ProfileError as exc:
        raise BatchUsageError(str(exc)) from exc
    items = discover(inputs)
    if not items:
        raise BatchUsageError("no PDF files found in the inputs")
    max_bytes = int(max_input_mb * _MIB) if max_input_mb is not None else None
    err_path = Path(errors_path) if errors_path is not None else default_errors_path(out, fmt)
    if fmt is not Format.JSONL and out.exists() and not out.is_dir():
        raise BatchUsageError(f"{out} is a file; --format {fmt.value} writes into a folder")
    if fmt is Format.JSONL and out.is_dir():
        raise BatchUsageError(f"{out} is a folder; --format jsonl writes one file")
    if fmt is Format.PARQUET:
        try:
            import pyarrow.parquet  # noqa: F401 - checked before any work is done
        except ImportError as exc:
            raise BatchUsageError(PARQUET_EXTRA_HINT) from exc
    claims = output_claims(out, fmt, err_path)
    for path, folder in ((out, out.parent if fmt is Format.JSONL else out), (err_path, None)):
        try:  # fail early, naming the output the caller gave
            make_folder(folder or path.parent)
        except OutputError as exc:
            raise OutputError(str(path), exc.detail) from exc
    task: TaskFunction = functools.partial(
        extract_record,
        strict=strict,
        password=password,
        backend=backend,
        max_bytes=max_bytes,
        extract=extract,
        provenance=provenance,
        profile=chosen,
    )
    if executor is not None:
        runner_factory: Callable[[], Runner] = functools.partial(
            ExecutorRunner,
            executor,
            task,
            max_in_flight=jobs or 2 * default_jobs(),
            timeout_s=timeout_s,
        )
    else:
        runner_factory = functools.partial(
            WorkerPool,
            jobs or default_jobs(),
            task,
            timeout_s=timeout_s,
            memory_mb=memory_mb,
            context=mp_context,
            preload=("newsextract.api", "pdfplumber") if extract is None else (),
        )
    plan = _Plan(
        items, out, fmt, err_path, resume, retry_failed, max_bytes, runner_factory, csv_raw
    )
    with OutputLock(claims) as lock:
        lock.remove_stale_temp_files()
        return _run(plan, progress)


@dataclass(frozen=True, slots=True)
class _Plan:
    """Everything a batch needs once its options are checked."""

    items: Sequence[InputItem]
    out: Path
    fmt: Format
    errors_path: Path
    resume: bool
    retry_failed: bool
    max_bytes: int | None
    runner_factory: Callable[[], Runner]
    csv_raw: bool


def _report(plan: _Plan, batch: _Batch | None, started: float) -> BatchReport:
    counts = batch.counts if batch is not None else BatchCounts(total=len(plan.items))
    return BatchReport(
        total=counts.total,
        succeeded=counts.succeeded,
        failed=counts.failed,
        skipped=counts.skipped,
        previously_failed=counts.previously_failed,
        duplicates=counts.duplicates,
        pages=counts.pages,
        elapsed_s=time.monotonic() - started,
        output=plan.out,
        errors_path=plan.errors_path,
    )


def _abort(progress: Progress | None) -> None:
    """Tell ``progress`` the batch failed (no summary), when it can be told."""
    abort = getattr(progress, "abort", None)
    if callable(abort):
        abort()


def _run(plan: _Plan, progress: Progress | None) -> BatchReport:
    """Run the batch of ``plan`` (the outputs are locked); see :func:`convert`."""
    started = time.monotonic()
    batch: _Batch | None = None
    closers: list[Callable[[], object]] = []
    try:
        errors = ErrorLog(plan.errors_path, resume=plan.resume, retry_failed=plan.retry_failed)
        closers.insert(0, errors.close)
        sink = _open_sink(plan.out, plan.fmt, plan.resume)
        closers.insert(0, sink.close)
        runner = plan.runner_factory()
        closers.insert(0, runner.close)
        batch = _Batch(plan.items, sink, errors, runner, progress, plan.max_bytes)
        batch.run()
        # Close in order (workers, outputs, errors); the first failure is the one raised.
        _close_all(closers, raise_first=True)
        closers = []
        if plan.fmt in _TABLE_FORMATS:
            _table_writer(plan.fmt, plan.out, plan.csv_raw)()
    except KeyboardInterrupt:
        _close_all(closers, raise_first=False)
        if progress is not None and batch is not None:
            progress.finish(_report(plan, batch, started))  # what was done before the stop
        raise
    except BaseException:
        _close_all(closers, raise_first=False)
        _abort(progress)
        raise
    report = _report(plan, batch, started)
    if progress is not None:
        progress.finish(report)
    return report
