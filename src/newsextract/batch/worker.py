"""What runs in a worker: one file's bytes in, one :class:`FileOutcome` out.

:func:`extract_record` is a picklable top-level function taking ``(name, data)`` (bind the
options with :func:`functools.partial`), so it runs unchanged in this package's process
pool, a ``ProcessPoolExecutor``, or on a Dask or Ray cluster. It never raises for a bad
file: every failure becomes the outcome's error record.

:func:`worker_main` is the loop of one process of :class:`newsextract.batch.pool.WorkerPool`:
it applies the memory cap (``RLIMIT_AS``), then answers tasks sent over its pipe until told
to stop or until its parent disappears.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import hashlib
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Protocol

from newsextract.backends import DEFAULT_BACKEND
from newsextract.batch.records import ErrorRecord, FileOutcome
from newsextract.errors import NewsExtractError, NotANewsletterError, ResourceLimitError
from newsextract.models import Issue, SourceFile
from newsextract.profiles import Profile

__all__ = [
    "READY",
    "ExtractFunction",
    "TaskFunction",
    "display_basename",
    "extract_record",
    "worker_main",
]

_log = logging.getLogger(__name__)

_MIB = 1024 * 1024


class ExtractFunction(Protocol):
    """The shape of :func:`newsextract.extract_issues` as the batch calls it.

    It returns the issues of the PDF in page order (several for a bundle), or one issue.
    """

    def __call__(
        self,
        source: bytes,
        *,
        strict: bool = ...,
        password: str | None = ...,
        backend: str = ...,
        max_bytes: int | None = ...,
        profile: Profile | None = ...,
        provenance: bool = ...,
    ) -> Issue | Sequence[Issue]:
        """Extract the issues of PDF bytes (``profile`` None: detected)."""
        ...


#: A task as the pool or an executor runs it: ``(display name, bytes) -> outcome``.
TaskFunction = Callable[[str, bytes], FileOutcome]

#: What a pool worker sends once it has started and is ready for its first task.
READY = "newsextract-worker-ready"

#: Set in a pool worker once a memory cap is in force (for the error message).
_memory_cap_mb: int | None = None


def display_basename(name: str) -> str:
    """Return the base file name of a display name (``a.zip::dir/x.pdf`` gives ``x.pdf``)."""
    member = name.rsplit("::", 1)[-1]
    return member.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or member


def _default_extract(
    source: bytes,
    *,
    strict: bool = False,
    password: str | None = None,
    backend: str = DEFAULT_BACKEND,
    max_bytes: int | None = None,
    profile: Profile | None = None,
    provenance: bool = False,
) -> Issue | Sequence[Issue]:
    # Looked up at call time so a test (or a plugin) can replace newsextract.api.extract_issues.
    from newsextract import api

    if provenance:  # passed only when asked for: a replaced extract_issues may not take it
        return list(api.extract_issues(
            source, strict=strict, password=password, backend=backend, max_bytes=max_bytes,
            profile=profile, provenance=True,
        ))
    return list(api.extract_issues(
        source, strict=strict, password=password, backend=backend, max_bytes=max_bytes,
        profile=profile,
    ))


def _caused_by_memory(exc: BaseException) -> bool:
    """Tell whether a ``MemoryError`` is behind ``exc`` (pdfplumber and the reader wrap it)."""
    todo: list[BaseException] = [exc]
    seen: set[int] = set()
    while todo and len(seen) < 32:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, MemoryError):
            return True
        todo.extend(a for a in current.args if isinstance(a, BaseException))
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                todo.append(linked)
    return False


def _memory_detail() -> str:
    cap = _memory_cap_mb
    if cap is not None:
        return f"extraction exceeded the memory limit of {cap} MiB"
    return "extraction ran out of memory"


def _error(name: str, sha: str, exc_type: str, code: str, message: str) -> ErrorRecord:
    return ErrorRecord(file=name, sha256=sha, error=exc_type, code=code, message=message)


def extract_record(
    name: str,
    data: bytes,
    *,
    strict: bool = False,
    password: str | None = None,
    backend: str = DEFAULT_BACKEND,
    max_bytes: int | None = None,
    extract: ExtractFunction | None = None,
    profile: Profile | None = None,
    provenance: bool = False,
) -> FileOutcome:
    """Extract ``data`` (the file called ``name``) and return an outcome; never raises.

    Every issue of the file is extracted (a bundle gives several, each with its
    ``source.pages``). Each issue's ``source`` is always set: ``file_name`` to the base
    name of ``name`` (the extractor only sees bytes) and ``sha256`` to the hash of
    ``data`` (what resuming matches on, with the page range). ``extract`` replaces
    :func:`newsextract.extract_issues` (tests inject fakes here; one returning a single
    issue will do); it gets ``profile`` only when one is given (None: detected). A
    ``MemoryError`` (the worker's memory cap) becomes a
    :class:`~newsextract.errors.ResourceLimitError` record; any exception that is not a
    :class:`~newsextract.errors.NewsExtractError` is recorded under its own class name
    with code ``internal``. An error caused by a ``MemoryError`` (pdfplumber wraps it) is
    reported as the resource limit it is. ``provenance`` asks for ``Issue.provenance``
    (passed on only when True, so an ``extract`` without the parameter still works).
    """
    sha = hashlib.sha256(data).hexdigest()
    fn: ExtractFunction = extract if extract is not None else _default_extract
    start = time.perf_counter()

    def failed(exc_type: str, code: str, message: str) -> FileOutcome:
        return FileOutcome(
            name=name,
            sha256=sha,
            issue_json=None,
            pages=0,
            seconds=time.perf_counter() - start,
            error=_error(name, sha, exc_type, code, message),
        )

    try:
        # profile and provenance are passed only when asked for: a replaced extract (a
        # test's fake, a plugin) may take neither
        call = functools.partial(fn, data, strict=strict, password=password, backend=backend,
                                 max_bytes=max_bytes)
        if profile is not None:
            call = functools.partial(call, profile=profile)
        if provenance:
            call = functools.partial(call, provenance=True)
        got = call()
        issues = [got] if isinstance(got, Issue) else list(got)
        if not issues:
            raise NotANewsletterError(name, "no issue found")
        base = display_basename(name)
        payloads: list[str] = []
        pages = 0
        for issue in issues:
            if issue.source is None:
                issue.source = SourceFile(file_name=base, sha256=sha, page_count=0)
            else:
                issue.source = issue.source.model_copy(update={"file_name": base, "sha256": sha})
            pages = max(pages, issue.source.page_count)
            payloads.append(issue.model_dump_json())
        del issues, got
    except MemoryError:
        return failed(ResourceLimitError.__name__, ResourceLimitError.code, _memory_detail())
    except RecursionError:
        return failed("RecursionError", "internal", "maximum recursion depth exceeded")
    except Exception as exc:
        if _caused_by_memory(exc):
            return failed(ResourceLimitError.__name__, ResourceLimitError.code, _memory_detail())
        if isinstance(exc, NewsExtractError):
            return failed(type(exc).__name__, exc.code, exc.detail)
        message = str(exc) or "raised without a message"
        return failed(type(exc).__name__, "internal", message)
    return FileOutcome(
        name=name,
        sha256=sha,
        issue_json=payloads[0],
        pages=pages,
        seconds=time.perf_counter() - start,
        more_issues_json=tuple(payloads[1:]),
    )


def _address_space_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def apply_memory_cap(memory_mb: int) -> bool:
    """Cap this process's address space at its current size plus ``memory_mb`` MiB.

    Returns False where ``RLIMIT_AS`` is unavailable (not Linux). Allocations beyond the
    cap raise ``MemoryError`` (or kill the process when C code cannot recover), which the
    pool reports as a resource-limit failure.
    """
    global _memory_cap_mb
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return False
    base = _address_space_bytes()
    if base is None:
        return False
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = base + memory_mb * _MIB
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - refused by the kernel
        return False
    _memory_cap_mb = memory_mb
    return True


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (a SIGKILLed batch)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - exotic libc
        pass


#: Garbage-collector thresholds in batch workers (Python's defaults are 700, 10, 10).
WORKER_GC_THRESHOLDS = (20_000, 20, 20)


def worker_main(
    conn: Connection, task: TaskFunction, memory_mb: int | None, parent_pid: int | None
) -> None:
    """Run tasks received on ``conn`` until ``None`` arrives or the parent goes away.

    ``parent_pid`` is the process that must be alive (the pool's owner when forked);
    None watches whatever parent the worker has when it starts (a fork server's child).

    Each message is ``(name, data)``; the reply is a :class:`FileOutcome`. After a
    resource-limit failure the worker exits so a fresh process (with an unfragmented heap)
    replaces it. The worker sends :data:`READY` once it has started (imports done, memory
    cap set), so start-up time never counts against a file's time limit.
    """
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    if parent_pid is None:
        parent_pid = os.getppid()
    elif os.getppid() != parent_pid:
        return
    with contextlib.suppress(ImportError):  # a broken install: the task will say so
        import newsextract.api  # noqa: F401 - now, not while the first file's clock runs
    # The worker is ours: the imports never become garbage, and the reader's many small
    # objects need not trigger a young-generation sweep every 700 allocations (~5%).
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    if memory_mb is not None:
        apply_memory_cap(memory_mb)
    try:
        conn.send(READY)
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            if not conn.poll(1.0):
                if os.getppid() != parent_pid:
                    return
                continue
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        name, data = message
        outcome = task(name, data)
        del message, data
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return
        if outcome.error is not None and outcome.error.code == ResourceLimitError.code:
            return
