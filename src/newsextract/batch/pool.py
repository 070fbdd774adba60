"""Running tasks: this package's killable process pool, or any ``concurrent.futures.Executor``.

``concurrent.futures.ProcessPoolExecutor`` cannot stop one task: a file that loops forever
or inflates a stream to gigabytes would hold a worker (or the whole pool) hostage. So
:class:`WorkerPool` keeps one ``multiprocessing`` process per job, each fed over its own
pipe. The parent waits on all pipes and process sentinels at once; a worker past its
deadline is SIGKILLed and replaced, and so is one that died. Each worker caps its own
address space (``RLIMIT_AS``), so a decompression bomb ends in ``MemoryError`` inside the
worker, not in the machine's OOM killer.

:class:`ExecutorRunner` offers the same small interface on top of any executor (a Dask
``Client.get_executor()``, a Ray adapter, a ``ProcessPoolExecutor``): limits there are
best-effort (a task past its deadline is reported and abandoned, not killed).
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import importlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Protocol

from newsextract.batch.records import ErrorRecord, FileOutcome, WorkerCrashed
from newsextract.batch.worker import READY, TaskFunction, worker_main
from newsextract.errors import ResourceLimitError

__all__ = [
    "Completed",
    "ExecutorRunner",
    "Runner",
    "WorkerPool",
    "default_context",
]

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Completed:
    """A finished task: the caller's ``key`` and the outcome."""

    key: int
    outcome: FileOutcome


class Runner(Protocol):
    """What :func:`newsextract.batch.convert` needs from a pool."""

    def has_capacity(self) -> bool:
        """Tell whether :meth:`submit` may be called now."""
        ...

    @property
    def busy(self) -> int:
        """Number of tasks submitted and not yet returned by :meth:`wait`."""
        ...

    def submit(self, key: int, name: str, sha256: str, data: bytes) -> None:
        """Start the task for one file; ``key`` comes back in its :class:`Completed`."""
        ...

    def wait(self, timeout: float) -> list[Completed]:
        """Return the tasks finished (or failed, or timed out) within ``timeout`` seconds."""
        ...

    def close(self) -> None:
        """Stop every worker; unfinished tasks are abandoned."""
        ...


def default_context() -> BaseContext:
    """Return the pool's multiprocessing context.

    ``fork`` when the parent runs a single thread (a replacement worker then starts at
    once, with the extractor already imported); ``forkserver`` when other threads run (a
    fork could copy a lock one of them holds), ``spawn`` where neither exists. With
    ``forkserver`` and ``spawn`` the task function must be picklable.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _signal_name(exitcode: int | None) -> str:
    if exitcode is None:
        return "unknown exit"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


def _failure(
    name: str, sha: str, exc_type: str, code: str, message: str, seconds: float
) -> FileOutcome:
    return FileOutcome(
        name=name,
        sha256=sha,
        issue_json=None,
        pages=0,
        seconds=seconds,
        error=ErrorRecord(file=name, sha256=sha, error=exc_type, code=code, message=message),
    )


@dataclass(slots=True)
class _Job:
    key: int
    name: str
    sha256: str
    started: float
    deadline: float | None


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    started: float
    ready: bool = False
    job: _Job | None = None
    tasks_done: int = field(default=0)


#: How long a new worker may take to start (import the extractor) before it is replaced.
STARTUP_TIMEOUT_S = 120.0
#: Workers that may die or hang while starting, in a row, before the pool gives up.
MAX_STARTUP_FAILURES = 5


class WorkerPool:
    """``jobs`` worker processes, each killable on its own (see the module docstring).

    ``timeout_s`` is the wall-time limit of one file (None: no limit); ``memory_mb`` the
    address space a worker may add while extracting one file (None: no cap; Linux only).
    ``preload`` names modules imported in the parent before the first fork, so workers
    (and their replacements) start with them loaded.
    """

    def __init__(
        self,
        jobs: int,
        task: TaskFunction,
        *,
        timeout_s: float | None = None,
        memory_mb: int | None = None,
        context: BaseContext | None = None,
        preload: Sequence[str] = (),
    ) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self._jobs = jobs
        self._task = task
        self._timeout_s = timeout_s
        self._memory_mb = memory_mb
        self._ctx = context or default_context()
        self._workers: list[_Worker] = []
        self._started = False
        self._startup_failures = 0
        self._preload = tuple(preload)
        forked = self._ctx.get_start_method() == "fork"
        self._parent_pid = os.getpid() if forked else None
        #: Workers started so far (replacements included), for tests and diagnostics.
        self.spawned = 0

    def __enter__(self) -> WorkerPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers (called by the first :meth:`submit` if not before)."""
        if self._started:
            return
        for module in self._preload:
            try:
                importlib.import_module(module)
            except ImportError:  # pragma: no cover - optional speed-up only
                _log.debug("preload of %s failed", module, exc_info=True)
        if self._preload and self._ctx.get_start_method() == "forkserver":
            self._ctx.set_forkserver_preload(list(self._preload))
        self._started = True
        self._workers = [self._spawn() for _ in range(self._jobs)]

    def _spawn(self) -> _Worker:
        parent_end, child_end = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(  # type: ignore[attr-defined]
            target=worker_main,
            args=(child_end, self._task, self._memory_mb, self._parent_pid),
            name="newsextract-worker",
            daemon=True,
        )
        process.start()
        child_end.close()
        self.spawned += 1
        return _Worker(process=process, conn=parent_end, started=time.monotonic())

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        if worker.process.is_alive():  # pragma: no cover - a worker ignoring SIGKILL
            worker.process.kill()
            worker.process.join(timeout=5)
        worker.conn.close()
        with contextlib.suppress(ValueError):  # still running: leave it to the GC
            worker.process.close()

    def _replace(self, index: int, *, kill: bool) -> None:
        self._retire(self._workers[index], kill=kill)
        self._workers[index] = self._spawn()

    @property
    def busy(self) -> int:
        """Number of workers holding a task."""
        return sum(1 for w in self._workers if w.job is not None)

    def has_capacity(self) -> bool:
        """Tell whether some worker is started and idle."""
        self.start()
        return any(w.job is None and w.ready for w in self._workers)

    def submit(self, key: int, name: str, sha256: str, data: bytes) -> None:
        """Send one file to an idle worker (``RuntimeError`` when none is idle)."""
        self.start()
        for worker in self._workers:
            if worker.job is not None or not worker.ready:
                continue
            now = time.monotonic()
            deadline = now + self._timeout_s if self._timeout_s is not None else None
            worker.job = _Job(key, name, sha256, now, deadline)
            try:
                worker.conn.send((name, data))
            except (BrokenPipeError, OSError):
                # Died between the liveness check and the send: wait() reports the crash.
                _log.debug("send to worker %s failed", worker.process.pid, exc_info=True)
            return
        raise RuntimeError("no idle worker")

    def wait(self, timeout: float) -> list[Completed]:
        """Collect finished tasks, killing workers past their deadline; see :class:`Runner`."""
        if not self._started:
            time.sleep(max(0.0, timeout))
            return []
        now = time.monotonic()
        deadlines = [w.job.deadline for w in self._workers if w.job and w.job.deadline]
        if deadlines:
            timeout = min(timeout, max(0.0, min(deadlines) - now))
        handles: list[object] = []
        for worker in self._workers:
            handles.append(worker.process.sentinel)
            if worker.job is not None or not worker.ready:
                handles.append(worker.conn)
        started = time.monotonic()
        if handles:
            multiprocessing.connection.wait(handles, timeout=timeout)  # type: ignore[arg-type]
        else:  # pragma: no cover - no workers at all
            time.sleep(timeout)
        done = self._collect()
        if not done:
            # A dying worker's sentinel is ready before the kernel lets it be reaped:
            # do not spin on it.
            time.sleep(min(0.02, max(0.0, timeout - (time.monotonic() - started))))
        return done

    def _starting(self, index: int, worker: _Worker, now: float) -> None:
        """Look after a worker that has not said it is ready yet."""
        try:
            if worker.conn.poll():
                if worker.conn.recv() == READY:
                    worker.ready = True
                    self._startup_failures = 0
                return
        except (EOFError, OSError):
            pass
        alive = worker.process.is_alive()
        if alive and now - worker.started < STARTUP_TIMEOUT_S:
            return
        self._startup_failures += 1
        _log.warning(
            "a worker process %s while starting (%s)",
            "died" if not alive else "hung",
            _signal_name(worker.process.exitcode),
        )
        if self._startup_failures >= MAX_STARTUP_FAILURES:
            raise RuntimeError(
                f"{self._startup_failures} worker processes in a row failed to start; "
                "is the task function picklable and newsextract importable?"
            )
        self._replace(index, kill=True)

    def _collect(self) -> list[Completed]:
        done: list[Completed] = []
        now = time.monotonic()
        for index, worker in enumerate(self._workers):
            if not worker.ready:
                self._starting(index, worker, now)
                continue
            job = worker.job
            if job is None:
                if not worker.process.is_alive():  # died idle (or exited after a limit)
                    self._replace(index, kill=False)
                continue
            outcome: FileOutcome | None = None
            crashed = False
            try:
                if worker.conn.poll():
                    outcome = worker.conn.recv()
            except (EOFError, OSError):
                crashed = True
            if outcome is not None:
                worker.job = None
                worker.tasks_done += 1
                done.append(Completed(job.key, outcome))
                if not worker.process.is_alive() or (
                    outcome.error is not None and outcome.error.code == ResourceLimitError.code
                ):
                    self._replace(index, kill=False)
                continue
            if crashed or not worker.process.is_alive():
                worker.process.join(timeout=5)
                reason = _signal_name(worker.process.exitcode)
                detail = f"the worker process died while extracting this file ({reason})"
                error, code = WorkerCrashed.__name__, WorkerCrashed.code
                sigkill = int(getattr(signal, "SIGKILL", 9))
                sigabrt = int(getattr(signal, "SIGABRT", 6))
                if worker.process.exitcode == -sigkill and self._memory_mb is not None:
                    detail += "; the system may have run out of memory"
                elif worker.process.exitcode == -sigabrt and self._memory_mb is not None:
                    # pdfium aborts the process when an allocation fails (no MemoryError)
                    detail = (f"the worker was aborted under its memory cap of "
                              f"{self._memory_mb} MB (pdfium aborts when an allocation "
                              "fails): the file needs more memory than the cap")
                    error, code = ResourceLimitError.__name__, ResourceLimitError.code
                done.append(
                    Completed(
                        job.key,
                        _failure(job.name, job.sha256, error, code, detail, now - job.started),
                    )
                )
                worker.job = None
                self._replace(index, kill=True)
                continue
            if job.deadline is not None and now >= job.deadline:
                detail = f"extraction exceeded the time limit of {self._timeout_s:g} s"
                done.append(
                    Completed(
                        job.key,
                        _failure(
                            job.name,
                            job.sha256,
                            ResourceLimitError.__name__,
                            ResourceLimitError.code,
                            detail,
                            now - job.started,
                        ),
                    )
                )
                worker.job = None
                self._replace(index, kill=True)
        return done

    def close(self) -> None:
        """Ask idle workers to stop, kill busy ones, and reap them all."""
        for worker in self._workers:
            if worker.job is None and worker.process.is_alive():
                with contextlib.suppress(BrokenPipeError, OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            if worker.job is not None:
                worker.process.kill()
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._retire(worker, kill=True)
        self._workers = []
        self._started = False


@dataclass(slots=True)
class _Pending:
    key: int
    name: str
    sha256: str
    started: float
    deadline: float | None


class ExecutorRunner:
    """Run tasks on any ``concurrent.futures.Executor`` (Dask, Ray, a process pool ...).

    At most ``max_in_flight`` tasks are outstanding, so the parent holds that many file
    contents at most. ``timeout_s`` is best-effort: a task past it is reported as a
    :class:`~newsextract.errors.ResourceLimitError` and abandoned (``Future.cancel()`` is
    tried, but a running task keeps its worker until it ends). There is no memory cap here:
    use the cluster's own (e.g. Dask's ``memory_limit``, which restarts a worker that
    exceeds it; the lost task then fails here as ``WorkerCrashed``).
    """

    def __init__(
        self,
        executor: cf.Executor,
        task: TaskFunction,
        *,
        max_in_flight: int,
        timeout_s: float | None = None,
    ) -> None:
        self._executor = executor
        self._task = task
        self._max = max(1, max_in_flight)
        self._timeout_s = timeout_s
        self._pending: dict[cf.Future[FileOutcome], _Pending] = {}

    @property
    def busy(self) -> int:
        """Number of outstanding tasks."""
        return len(self._pending)

    def has_capacity(self) -> bool:
        """Tell whether fewer than ``max_in_flight`` tasks are outstanding."""
        return len(self._pending) < self._max

    def submit(self, key: int, name: str, sha256: str, data: bytes) -> None:
        """Submit ``task(name, data)`` to the executor."""
        now = time.monotonic()
        deadline = now + self._timeout_s if self._timeout_s is not None else None
        future = self._executor.submit(self._task, name, data)
        self._pending[future] = _Pending(key, name, sha256, now, deadline)

    def wait(self, timeout: float) -> list[Completed]:
        """Collect finished futures; report (and abandon) those past their deadline."""
        if not self._pending:
            time.sleep(max(0.0, timeout))
            return []
        now = time.monotonic()
        deadlines = [p.deadline for p in self._pending.values() if p.deadline is not None]
        if deadlines:
            timeout = min(timeout, max(0.0, min(deadlines) - now))
        finished, _ = cf.wait(list(self._pending), timeout=timeout, return_when=cf.FIRST_COMPLETED)
        done: list[Completed] = []
        now = time.monotonic()
        for future in finished:
            pending = self._pending.pop(future)
            try:
                outcome = future.result()
            except cf.CancelledError:
                outcome = _failure(
                    pending.name,
                    pending.sha256,
                    WorkerCrashed.__name__,
                    WorkerCrashed.code,
                    "the task was cancelled by the executor",
                    now - pending.started,
                )
            except Exception as exc:
                outcome = _failure(
                    pending.name,
                    pending.sha256,
                    WorkerCrashed.__name__,
                    WorkerCrashed.code,
                    f"the executor lost the task ({type(exc).__name__}: {exc})",
                    now - pending.started,
                )
            done.append(Completed(pending.key, outcome))
        for future, pending in list(self._pending.items()):
            if pending.deadline is not None and now >= pending.deadline:
                future.cancel()
                del self._pending[future]
                detail = (
                    f"extraction exceeded the time limit of {self._timeout_s:g} s "
                    "(abandoned; the executor may still be running it)"
                )
                done.append(
                    Completed(
                        pending.key,
                        _failure(
                            pending.name,
                            pending.sha256,
                            ResourceLimitError.__name__,
                            ResourceLimitError.code,
                            detail,
                            now - pending.started,
                        ),
                    )
                )
        return done

    def close(self) -> None:
        """Cancel outstanding futures; the executor itself belongs to the caller."""
        for future in self._pending:
            future.cancel()
        self._pending.clear()
