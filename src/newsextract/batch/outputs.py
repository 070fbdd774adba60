"""Writing results so that nothing is lost, and reading them back to resume.

* Whole files (one JSON or Markdown file per PDF, CSV tables) are written to a temporary
  file in the same folder, fsynced and renamed over the target: a reader sees the old file
  or the new one, never half of one.
* JSON Lines (``issues.jsonl``, ``errors.jsonl``) are appended one complete line per
  ``write``, flushed at once and fsynced every few lines and at the end. A process killed
  mid-line leaves a truncated last line; :func:`scan_jsonl` finds it on the next run and cuts
  it off (or rewrites the file without a damaged line elsewhere).

Resuming is by content hash and page range: each output record is one issue, keyed by
its :class:`IssueKey` (``source.sha256`` and ``source.pages`` of a JSON line or a JSON
file, the ``sha256``/``pages`` comment of a Markdown file). An input is done when its
issues' page ranges cover it from page 1 to its last page (a bundle binds several issues
into one PDF; a run killed between two of them left only some), or when its SHA-256 is
in ``errors.jsonl``. An input redone after such a kill writes only the issues missing.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, NamedTuple

from newsextract.batch.records import BatchUsageError, ErrorRecord
from newsextract.errors import OutputError

__all__ = [
    "TEMP_PREFIX",
    "AppendLog",
    "Coverage",
    "ErrorLog",
    "IssueKey",
    "JsonlIssues",
    "PerFileIssues",
    "UnsafeOutputPathError",
    "atomic_write",
    "issue_key",
    "issue_key_from",
    "issue_sha256",
    "iter_jsonl",
    "make_folder",
    "markdown_key",
    "markdown_marker",
    "markdown_sha256",
    "output_error",
    "read_line_at",
    "remove_stale_temp_files",
    "scan_jsonl",
]

_log = logging.getLogger(__name__)

#: Prefix of the temporary files of atomic writes (removed on the next run if left over).
TEMP_PREFIX = ".newsextract-tmp-"

_MD_MARKER = re.compile(
    r"<!-- newsextract sha256=(?P<sha>[0-9a-f]{64})"
    r"(?: pages=(?P<first>\d+)-(?P<last>\d+)/(?P<count>\d+))? -->"
)


class IssueKey(NamedTuple):
    """What identifies one output record: its input's SHA-256 and its pages in that input.

    ``first``/``last`` are the issue's page range, ``page_count`` the input's pages. A
    record written before schema 2.1 (no page range) counts as the whole input.
    """

    sha256: str
    first: int
    last: int
    page_count: int


class Coverage:
    """Which issues of which inputs an output holds, and which inputs are complete."""

    def __init__(self) -> None:
        """Start empty."""
        self._ranges: dict[str, list[tuple[int, int]]] = {}
        self._counts: dict[str, int] = {}
        #: SHA-256s of inputs whose every issue is in the output.
        self.done: set[str] = set()

    def add(self, key: IssueKey) -> None:
        """Record that the output holds the issue ``key``."""
        ranges = self._ranges.setdefault(key.sha256, [])
        if (key.first, key.last) not in ranges:
            ranges.append((key.first, key.last))
        self._counts[key.sha256] = key.page_count
        if self._complete(key.sha256):
            self.done.add(key.sha256)

    def has(self, sha256: str, first: int) -> bool:
        """Tell whether the output holds the issue of input ``sha256`` opening at ``first``."""
        return any(f == first for f, _ in self._ranges.get(sha256, ()))

    def _complete(self, sha256: str) -> bool:
        expected, count = 1, self._counts[sha256]
        for first, last in sorted(self._ranges[sha256]):
            if first > expected:
                return False
            expected = max(expected, last + 1)
        return expected > count


def issue_key_from(data: object) -> IssueKey | None:
    """Return the key of an issue's JSON data, or None when it has no source hash."""
    if not isinstance(data, dict):
        return None
    source = data.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("sha256"), str):
        return None
    count = source.get("page_count")
    count = count if isinstance(count, int) and count >= 0 else 0
    pages = source.get("pages")
    first, last = 1, max(count, 1)
    if isinstance(pages, dict) and isinstance(pages.get("first"), int) and isinstance(
        pages.get("last"), int
    ):
        first, last = int(pages["first"]), int(pages["last"])
    return IssueKey(str(source["sha256"]), first, last, count)


def issue_key(text: str) -> IssueKey | None:
    """Return the :class:`IssueKey` of an issue JSON document, or None when it has none.

    Raises ``ValueError`` when ``text`` is not JSON.
    """
    return issue_key_from(json.loads(text))


class UnsafeOutputPathError(ValueError):
    """An output path would leave the output folder (e.g. through a symbolic link)."""

    code = "unsafe_output_path"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse
        pass
    finally:
        os.close(fd)


def _blocking_file(path: Path, *, folder: bool) -> Path | None:
    """Return the nearest existing ancestor of ``path`` when it is not a folder, else None.

    With ``folder``, ``path`` itself (meant to be a folder) counts as an ancestor.
    """
    for parent in (path, *path.parents) if folder else path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def output_error(path: Path, exc: OSError, *, folder: bool = False) -> OutputError:
    """Describe ``exc``, raised while writing ``path``, as an :class:`OutputError`.

    The reason is the operating system's (``Permission denied``, ``No space left on
    device``), except where a parent of ``path`` is a file: that file is named instead of
    the misleading ``File exists``/``Not a directory`` (``folder``: ``path`` is meant to be
    a folder, so it may be that file itself).
    """
    blocker = _blocking_file(path, folder=folder)
    if blocker is not None:
        reason = f"{blocker} is a file, not a folder"
    elif isinstance(exc, IsADirectoryError):
        reason = "it is a folder, not a file"
    else:
        reason = exc.strerror or str(exc) or type(exc).__name__
    return OutputError(str(path), f"cannot write: {reason}")


def make_folder(path: Path) -> None:
    """Create the folder ``path`` and its parents; :class:`OutputError` when impossible."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(path, exc, folder=True) from exc


def atomic_write(path: Path, data: bytes | Callable[[IO[bytes]], None]) -> None:
    """Write ``data`` (bytes, or a function writing to a binary file) to ``path`` atomically.

    The content goes to a temporary file beside ``path`` that is fsynced and renamed over
    it; the temporary file is removed if anything fails, and ``path`` keeps its old content.
    An ``OSError`` (permission refused, disk full, a parent that is a file) is raised as
    :class:`~newsextract.errors.OutputError` naming ``path``.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(path, exc) from exc
    tmp = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        with open(tmp, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                data(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise output_error(path, exc) from exc
        raise


def remove_stale_temp_files(root: Path) -> int:
    """Delete temporary files a killed run left under ``root``; return how many."""
    if not root.is_dir():
        return 0
    removed = 0
    for dirpath, _dirnames, filenames in os.walk(root):
        for fname in filenames:
            if fname.startswith(TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, fname))
                    removed += 1
    return removed


def scan_jsonl(path: Path, key: Callable[[str], str | None]) -> list[str]:
    """Return ``key(line)`` for every good line of ``path``, repairing the file first.

    A line is good when it ends in a newline and ``key`` returns a string for it (``key``
    returns None or raises ``ValueError`` for a bad one). A bad *last* line (what a kill
    mid-write leaves) is cut off with ``truncate``; bad lines elsewhere make the file be
    rewritten atomically without them. Either is logged as a warning. An ``OSError`` is
    raised as :class:`~newsextract.errors.OutputError` naming ``path``.
    """
    try:
        return _scan_jsonl(path, key)
    except OSError as exc:
        raise output_error(path, exc) from exc


def _scan_jsonl(path: Path, key: Callable[[str], str | None]) -> list[str]:
    if not path.exists():
        return []
    keys: list[str] = []
    bad_offsets: list[int] = []
    good_end = 0
    offset = 0
    with open(path, "rb") as fh:
        for raw in fh:
            start = offset
            offset += len(raw)
            value: str | None = None
            if raw.endswith(b"\n"):
                try:
                    value = key(raw.decode("utf-8"))
                except (ValueError, UnicodeDecodeError):
                    value = None
            if value is None:
                if raw.strip():
                    bad_offsets.append(start)
                continue
            keys.append(value)
            good_end = offset
    if not bad_offsets and good_end == offset:
        return keys
    if all(o >= good_end for o in bad_offsets):
        _log.warning("%s: dropping an incomplete last line (a run was interrupted)", path)
        with open(path, "r+b") as rw:
            rw.truncate(good_end)
            rw.flush()
            os.fsync(rw.fileno())
        return keys
    _log.warning("%s: rewriting the file without %d damaged line(s)", path, len(bad_offsets))
    bad = set(bad_offsets)

    def copy_good(out: IO[bytes]) -> None:
        pos = 0
        with open(path, "rb") as src:
            for raw in src:
                if pos not in bad and raw.endswith(b"\n"):
                    out.write(raw)
                pos += len(raw)

    atomic_write(path, copy_good)
    return keys


def issue_sha256(line: str) -> str | None:
    """Return ``source.sha256`` of an issue JSON document, or None when it has none."""
    data = json.loads(line)
    if not isinstance(data, dict):
        return None
    source = data.get("source")
    if isinstance(source, dict) and isinstance(source.get("sha256"), str):
        return str(source["sha256"])
    return None


def markdown_key(text: str) -> IssueKey | None:
    """Return the :class:`IssueKey` recorded in the first line of a Markdown output, if any."""
    first = text.split("\n", 1)[0]
    m = _MD_MARKER.fullmatch(first.strip())
    if m is None:
        return None
    if m.group("first") is None:  # written before bundles: the whole input
        return IssueKey(m.group("sha"), 1, 1, 0)
    return IssueKey(m.group("sha"), int(m.group("first")), int(m.group("last")),
                    int(m.group("count")))


def markdown_sha256(text: str) -> str | None:
    """Return the SHA-256 recorded in the first line of a Markdown output, if any."""
    key = markdown_key(text)
    return key.sha256 if key else None


def markdown_marker(sha256: str, pages: tuple[int, int, int] | None = None) -> str:
    """Return the first line written to a Markdown output to make it resumable.

    ``pages`` is the issue's ``(first, last, page_count)`` in its input.
    """
    where = f" pages={pages[0]}-{pages[1]}/{pages[2]}" if pages else ""
    return f"<!-- newsextract sha256={sha256}{where} -->"


class AppendLog:
    """An append-only JSON Lines file: one complete line per :meth:`write`.

    Each line is flushed to the operating system at once (a killed process loses at most
    the line being written); ``os.fsync`` runs every ``fsync_every`` lines, every
    ``fsync_interval_s`` seconds, and on :meth:`close` (against power loss).
    """

    def __init__(self, path: Path, *, fsync_every: int = 32, fsync_interval_s: float = 2.0) -> None:
        make_folder(path.parent)
        self.path = path
        try:
            # Unbuffered: every line is one write to the OS, nothing is left in a buffer
            # to be written later after a failed write was undone.
            self._fh = open(path, "ab", buffering=0)  # noqa: SIM115 - closed in close()
        except OSError as exc:
            raise output_error(path, exc) from exc
        self._fsync_every = fsync_every
        self._fsync_interval_s = fsync_interval_s
        self._unsynced = 0
        self._last_sync = time.monotonic()

    def write(self, line: str) -> None:
        """Append ``line`` (without newline).

        When the write fails (disk full ...) the file is cut back to where it was, so it
        never keeps half a line, and :class:`~newsextract.errors.OutputError` is raised.
        """
        if "\n" in line:
            raise ValueError("a JSON line must not contain a newline")
        data = memoryview(line.encode("utf-8") + b"\n")
        fd = self._fh.fileno()
        start = os.fstat(fd).st_size
        try:
            while data:
                data = data[self._fh.write(data) :]
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, start)
            raise output_error(self.path, exc) from exc
        self._unsynced += 1
        if (
            self._unsynced >= self._fsync_every
            or time.monotonic() - self._last_sync >= self._fsync_interval_s
        ):
            self.sync()

    def sync(self) -> None:
        """Force written lines to disk."""
        if self._unsynced:
            try:
                os.fsync(self._fh.fileno())
            except OSError as exc:
                raise output_error(self.path, exc) from exc
            self._unsynced = 0
        self._last_sync = time.monotonic()

    def close(self) -> None:
        """Sync and close (closed even when the sync fails)."""
        if self._fh.closed:
            return
        try:
            self.sync()
        finally:
            self._fh.close()


def _truncate(path: Path) -> None:
    """Empty the file ``path`` (synced); :class:`OutputError` when impossible."""
    try:
        with open(path, "r+b") as fh:
            fh.truncate(0)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise output_error(path, exc) from exc


class ErrorLog:
    """``errors.jsonl``: one :class:`ErrorRecord` per failed input.

    Only one run may write it at a time: :func:`newsextract.batch.convert` holds its lock
    (:mod:`newsextract.batch.locks`) before opening it.
    """

    def __init__(self, path: Path, *, resume: bool, retry_failed: bool) -> None:
        make_folder(path.parent)
        self.path = path
        #: SHA-256s of inputs recorded as failed by an earlier run.
        self.failed_sha256: set[str] = set()
        #: Display names of earlier failures whose bytes could not be read (no hash).
        self.failed_names: set[str] = set()
        if path.exists() and path.is_dir():
            raise BatchUsageError(f"{path} is a folder; the errors file needs a file name")
        if not resume or retry_failed:
            if path.exists():
                _truncate(path)
        else:
            for line in scan_jsonl(path, lambda s: ErrorRecord.from_json(s).to_json()):
                record = ErrorRecord.from_json(line)
                if record.sha256:
                    self.failed_sha256.add(record.sha256)
                else:
                    self.failed_names.add(record.file)
        self._log = AppendLog(path)

    def write(self, record: ErrorRecord) -> None:
        """Append ``record``."""
        self._log.write(record.to_json())

    def close(self) -> None:
        """Sync and close."""
        self._log.close()


class JsonlIssues:
    """Issues as JSON Lines, one issue per line, appended as they finish.

    ``done`` holds the SHA-256s of the inputs whose every issue an earlier run wrote
    (after repairing a truncated tail); an issue already in the file is not written again.
    """

    def __init__(self, path: Path, *, resume: bool) -> None:
        if path.exists() and path.is_dir():
            raise BatchUsageError(f"{path} is a folder; JSON Lines output needs a file name")
        make_folder(path.parent)
        self.path = path
        if not resume and path.exists():
            _truncate(path)
        self.coverage = Coverage()
        for line in scan_jsonl(path, lambda s: s if issue_key(s) is not None else None):
            key = issue_key(line)
            if key is not None:
                self.coverage.add(key)
        #: Inputs done by an earlier run (not those this run writes: they are duplicates).
        self.done: set[str] = set(self.coverage.done)
        self._log = AppendLog(path)

    def claim(self, relpath: PurePosixPath, sha256: str) -> None:
        """Nothing to claim: all issues share one file."""

    def write(self, relpath: PurePosixPath, sha256: str, issue_json: str) -> None:
        """Append one issue (unless an earlier, interrupted run wrote it already)."""
        key = issue_key(issue_json)
        if key is not None and self.coverage.has(key.sha256, key.first):
            return
        self._log.write(issue_json)
        if key is not None:
            self.coverage.add(key)

    def close(self) -> None:
        """Sync and close."""
        self._log.close()


@dataclass
class PerFileIssues:
    """One output file per input, at the input's mirrored safe path under ``root``.

    ``suffix`` is ``.json`` or ``.md``; ``render`` turns (issue JSON, SHA-256) into the
    file's bytes and ``read_key`` finds the :class:`IssueKey` in an existing file's text.

    Names: the first input (in input order) that maps to a path gets it; another input
    with different bytes mapping to the same path gets ``name.<sha256[:12]>.json``. The
    second and later issues of a bundle go beside the first, named after their first
    page: ``name.p10.json``. Every path is checked to stay inside ``root`` (symbolic
    links included).
    """

    root: Path
    suffix: str
    render: Callable[[str, str], bytes]
    read_key: Callable[[str], IssueKey | None]
    resume: bool = True
    coverage: Coverage = field(default_factory=Coverage)
    #: Inputs whose every issue an earlier run wrote (not those this run writes).
    done: set[str] = field(default_factory=set)
    _existing: dict[PurePosixPath, str] = field(default_factory=dict)
    _claimed: dict[PurePosixPath, str] = field(default_factory=dict)
    _by_sha: dict[str, PurePosixPath] = field(default_factory=dict)
    _dirs: set[Path] = field(default_factory=set)

    def __post_init__(self) -> None:
        """Create ``root``, remove stale temporary files and index existing outputs."""
        if self.root.exists() and not self.root.is_dir():
            raise BatchUsageError(f"{self.root} is a file; this format writes into a folder")
        make_folder(self.root)
        self._real_root = self.root.resolve()
        remove_stale_temp_files(self.root)
        if not self.resume:
            return
        for path in sorted(self.root.rglob(f"*{self.suffix}")):
            if not path.is_file():
                continue
            try:
                key = self.read_key(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError):
                key = None
            if key is None:
                continue
            rel = PurePosixPath(path.relative_to(self.root).as_posix())
            self._existing[rel] = key.sha256
            self.coverage.add(key)
        self.done.update(self.coverage.done)

    def _target(self, relpath: PurePosixPath) -> PurePosixPath:
        name = relpath.name
        stem = name[: -len(".pdf")] if name.lower().endswith(".pdf") else name
        return relpath.with_name(stem + self.suffix)

    def _free(self, rel: PurePosixPath, sha256: str) -> bool:
        owner = self._claimed.get(rel) or self._existing.get(rel)
        return owner is None or owner == sha256

    def claim(self, relpath: PurePosixPath, sha256: str) -> PurePosixPath:
        """Reserve (deterministically, in input order) the output path of an input."""
        if sha256 in self._by_sha:
            return self._by_sha[sha256]
        rel = self._target(relpath)
        if not self._free(rel, sha256):
            stem = rel.name[: -len(self.suffix)]
            rel = rel.with_name(f"{stem}.{sha256[:12]}{self.suffix}")
            if not self._free(rel, sha256):
                rel = rel.with_name(f"{stem}.{sha256}{self.suffix}")
        self._claimed[rel] = sha256
        self._by_sha[sha256] = rel
        return rel

    def path_for(self, rel: PurePosixPath) -> Path:
        """Return the absolute output path of ``rel``; :class:`UnsafeOutputPathError` if outside."""
        target = self.root.joinpath(*rel.parts)
        parent = target.parent
        while not parent.exists() and parent != self.root:
            parent = parent.parent
        real = parent.resolve()
        if real != self._real_root and self._real_root not in real.parents:
            raise UnsafeOutputPathError(f"refusing to write outside {self.root}: {rel}")
        make_folder(target.parent)
        real_parent = target.parent.resolve()
        if real_parent != self._real_root and self._real_root not in real_parent.parents:
            raise UnsafeOutputPathError(f"refusing to write outside {self.root}: {rel}")
        if target.is_symlink():
            raise UnsafeOutputPathError(f"refusing to write through a symbolic link: {target}")
        return target

    def write(self, relpath: PurePosixPath, sha256: str, issue_json: str) -> None:
        """Write one issue's file atomically (unless an interrupted run wrote it already)."""
        key = issue_key(issue_json)
        first = key.first if key is not None else 1
        if self.coverage.has(sha256, first):
            return
        rel = self.claim(relpath, sha256)
        if first != 1:  # a later issue of a bundle, beside the first
            stem = rel.name[: -len(self.suffix)]
            rel = rel.with_name(f"{stem}.p{first}{self.suffix}")
            if not self._free(rel, sha256):
                rel = rel.with_name(f"{stem}.p{first}.{sha256[:12]}{self.suffix}")
            self._claimed[rel] = sha256
        target = self.path_for(rel)
        atomic_write(target, self.render(issue_json, sha256))
        self._dirs.add(target.parent)
        if key is not None:
            self.coverage.add(key._replace(sha256=sha256))

    def close(self) -> None:
        """Fsync the folders written to (the renames themselves)."""
        for directory in self._dirs:
            _fsync_dir(directory)
        self._dirs.clear()


def iter_jsonl(path: Path) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for every complete line of ``path``."""
    offset = 0
    with open(path, "rb") as fh:
        for raw in fh:
            if raw.endswith(b"\n"):
                yield offset, raw.decode("utf-8")
            offset += len(raw)


def read_line_at(fh: IO[bytes], offset: int) -> str:
    """Return the line starting at ``offset`` of an open binary file."""
    fh.seek(offset)
    return fh.readline().decode("utf-8")
