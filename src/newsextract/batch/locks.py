"""One writer per output: the locks a batch holds on every path it writes.

A run *claims* what it writes: the output folder and everything under it (``--format
json|markdown|csv|parquet``: per-input files, the journal, the tables, their temporary
files), or one file (``--format jsonl``: the ``-o`` file and the temporary files beside
it), and the errors file unless it lies in the output folder. Two claims overlap when they
name the same file, or one lies inside the other's folder; two runs with overlapping
claims exclude each other, whatever the other paths they use.

The locks are ``flock(2)`` locks, taken without waiting, in one fixed order, and released
when the run has written its last byte (after the tables are rebuilt):

* a folder claim holds an exclusive lock on the folder itself;
* a file claim holds an exclusive lock on a lock file beside it,
  ``.NAME.newsextract-lock`` (removed on release; reused if a killed run left it);
* every claim holds a shared lock on each folder above it, so a run writing into a folder
  and a run writing a file somewhere inside it see each other.

The second run gets :class:`~newsextract.errors.OutputInUseError` naming the path and the
process ids holding it (read from ``/proc/locks`` on Linux). Locks are advisory and local
to one machine: they do not protect against other programs, or runs on another host
writing to the same network share. Without ``fcntl`` (Windows) nothing is locked.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from newsextract.batch.outputs import TEMP_PREFIX, output_error, remove_stale_temp_files
from newsextract.errors import OutputInUseError

__all__ = ["LOCK_SUFFIX", "Claim", "OutputLock", "lock_file"]

#: Suffix of the lock file beside a claimed file (``.issues.jsonl.newsextract-lock``).
LOCK_SUFFIX = ".newsextract-lock"

_PROC_LOCKS = Path("/proc/locks")


@dataclass(frozen=True, slots=True)
class Claim:
    """A path a run writes: one file, or a folder and everything under it (``tree``)."""

    path: Path
    tree: bool = False


def lock_file(path: Path) -> Path:
    """Return the lock file of the claimed file ``path``."""
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


def _real(claim: Claim) -> Path:
    """Return the claim's path with symbolic links resolved (its folder must exist)."""
    if claim.tree:
        return claim.path.resolve()
    return claim.path.parent.resolve() / claim.path.name


def _flock(fd: int, *, shared: bool) -> bool:
    """Lock ``fd`` without waiting; False when another holder is in the way."""
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def holder_pids(fd: int) -> list[int]:
    """Return the ids of the processes holding a ``flock`` on the file open as ``fd``.

    Read from ``/proc/locks`` (Linux); an empty list elsewhere or when none is found.
    """
    st = os.fstat(fd)
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    pids: set[int] = set()
    try:
        text = _PROC_LOCKS.read_text(encoding="ascii", errors="replace")
    except OSError:
        return []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 6 and parts[1] == "FLOCK" and parts[5] == wanted:
            with contextlib.suppress(ValueError):
                pids.add(int(parts[4]))
    return sorted(pids)


def _pids_text(pids: list[int]) -> str:
    if not pids:
        return "pid unknown"
    return ("pid " if len(pids) == 1 else "pids ") + ", ".join(str(p) for p in pids)


@dataclass(slots=True)
class _Request:
    """One lock to take: a folder (shared or exclusive) or a claimed file's lock file."""

    real: Path
    claim: Claim
    kind: str  # "folder-shared", "folder", "file"

    @property
    def order(self) -> tuple[tuple[str, ...], int]:
        return self.real.parts, 0 if self.kind == "folder-shared" else 1


class OutputLock:
    """Exclusive use of the paths of ``claims`` until :meth:`release` (or the ``with`` ends).

    Every folder a claim names or lies in must exist. Raises
    :class:`~newsextract.errors.OutputInUseError` when another run holds an overlapping
    claim and :class:`~newsextract.errors.OutputError` when a lock file cannot be made.
    """

    def __init__(self, claims: list[Claim]) -> None:
        self.claims = claims
        self._held: list[tuple[int, Path | None]] = []  # (fd, lock file to remove)
        if importlib.util.find_spec("fcntl") is None:  # pragma: no cover - Windows
            return  # no flock: runs are not kept apart there
        try:
            for request in self._requests():
                self._take(request)
        except BaseException:
            self.release()
            raise

    def _requests(self) -> list[_Request]:
        trees = [(_real(c), c) for c in self.claims if c.tree]
        requests: dict[tuple[str, Path], _Request] = {}
        for claim in self.claims:
            real = _real(claim)
            if not claim.tree and any(t == real.parent or t in real.parents for t, _ in trees):
                continue  # inside our own folder claim: covered by it
            kind = "folder" if claim.tree else "file"
            requests[(kind, real)] = _Request(real, claim, kind)
            for parent in real.parents:
                key = ("folder-shared", parent)
                requests.setdefault(key, _Request(parent, claim, "folder-shared"))
        for kind, real in list(requests):  # our own folder claim excludes its shared lock
            if kind == "folder-shared" and ("folder", real) in requests:
                del requests[(kind, real)]
        return sorted(requests.values(), key=lambda r: r.order)

    def _take(self, request: _Request) -> None:
        if request.kind == "file":
            self._take_file(request)
            return
        shared = request.kind == "folder-shared"
        try:
            fd = os.open(request.real, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except PermissionError as exc:
            if shared:
                return  # a folder above ours that we may not read: no run of ours writes it
            raise output_error(request.claim.path, exc, folder=True) from exc
        except OSError as exc:
            raise output_error(request.claim.path, exc, folder=request.claim.tree) from exc
        if not _flock(fd, shared=shared):
            pids = holder_pids(fd)
            os.close(fd)
            raise self._busy(request, pids)
        self._held.append((fd, None))

    def _take_file(self, request: _Request) -> None:
        path = lock_file(request.real)
        for _attempt in range(100):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise output_error(request.claim.path, exc) from exc
            if not _flock(fd, shared=False):
                pids = holder_pids(fd)
                os.close(fd)
                raise self._busy(request, pids)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                self._held.append((fd, path))
                return
            os.close(fd)  # the holder removed it while we opened it: take the new one
        raise OutputInUseError(str(request.claim.path), "its lock file keeps being replaced")

    def _busy(self, request: _Request, pids: list[int]) -> OutputInUseError:
        who = f"in use by another newsextract run ({_pids_text(pids)})"
        if request.kind == "folder-shared":
            who += f", which writes to the folder {request.real}"
        return OutputInUseError(
            str(request.claim.path), who + "; wait for it to end or choose another output"
        )

    def remove_stale_temp_files(self) -> int:
        """Delete the temporary files killed runs left on the claimed paths; return how many."""
        removed = 0
        for claim in self.claims:
            if claim.tree:
                removed += remove_stale_temp_files(claim.path)
                continue
            with contextlib.suppress(OSError):
                for stale in claim.path.parent.glob(f"{TEMP_PREFIX}{claim.path.name}.*"):
                    with contextlib.suppress(OSError):
                        stale.unlink()
                        removed += 1
        return removed

    def release(self) -> None:
        """Remove the lock files and release every lock (in reverse order)."""
        while self._held:
            fd, path = self._held.pop()
            if path is not None:
                with contextlib.suppress(OSError):
                    os.unlink(path)
            os.close(fd)

    def __enter__(self) -> OutputLock:
        """Hold the locks for the ``with`` block."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Release the locks."""
        self.release()
