"""Reading the batch journal in table order, and replacing table files atomically."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsextract.batch.outputs import (
    TEMP_PREFIX,
    issue_key_from,
    iter_jsonl,
    output_error,
    read_line_at,
)
from newsextract.models import Issue

__all__ = ["iter_journal", "replacing"]

#: ``link()`` errors of file systems without hard links (then the backup is a copy).
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK}


def _index_entry(line: str) -> tuple[str, str]:
    """Return a journal line's sort date and its issue's identity (SHA-256, first page)."""
    data = json.loads(line)
    date = data.get("publication_date") or "9999-99-99"  # undated issues last
    key = issue_key_from(data)
    return str(date), (f"{key.sha256}:{key.first}" if key is not None else "")


def iter_journal(journal: Path) -> Iterator[Issue]:
    """Yield the issues of a JSON Lines ``journal`` by publication date (undated last), key.

    An issue whose key (SHA-256 and first page: a bundle's issues share the SHA-256)
    occurs twice is yielded once. The journal is read twice (an index of offsets, then
    the issues in order), so memory stays small.
    """
    index: list[tuple[str, str, int]] = []
    if journal.exists():
        for offset, line in iter_jsonl(journal):
            date, key = _index_entry(line)
            index.append((date, key, offset))
    index.sort()
    seen: set[str] = set()
    order: list[int] = []
    for _date, key, offset in index:
        if key and key in seen:
            continue
        seen.add(key)
        order.append(offset)
    if not order:
        return
    with open(journal, "rb") as src:
        for offset in order:
            yield Issue.model_validate_json(read_line_at(src, offset))


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _error_target(exc: OSError, folder: Path, temps: Sequence[Path], names: Sequence[str]) -> Path:
    """Return the table that an ``OSError`` raised while writing the temporary files concerns."""
    name = Path(exc.filename).name if isinstance(exc.filename, str) else ""
    return next((folder / n for n, t in zip(names, temps) if t.name == name), folder / names[0])


def _back_up(target: Path, backup: Path) -> bool:
    """Keep the current ``target`` as ``backup`` (a hard link, else a copy); False if none."""
    try:
        os.link(target, backup)
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        shutil.copyfile(target, backup)
    return True


def _swap_in(folder: Path, temps: Sequence[Path], names: Sequence[str], token: str) -> None:
    """Rename every temporary file over its table, all or none.

    Each existing table is first hard-linked to a backup; when a rename fails, the tables
    already replaced get their backups back (a new table is removed), so the folder holds
    the old set of tables, never a mix. The backups are temporary files, removed at the
    end or by the next run.
    """
    targets = [folder / name for name in names]
    backups = [folder / f"{TEMP_PREFIX}{name}.{token}.old" for name in names]
    kept: list[bool] = []
    try:
        for target, backup in zip(targets, backups, strict=True):
            try:
                kept.append(_back_up(target, backup))
            except OSError as exc:
                raise output_error(target, exc) from exc
        done = 0
        try:
            for tmp, target in zip(temps, targets, strict=True):
                os.replace(tmp, target)
                done += 1
        except OSError as exc:
            for target, backup, had in list(zip(targets, backups, kept))[:done]:
                with contextlib.suppress(OSError):
                    if had:
                        os.replace(backup, target)
                    else:
                        os.unlink(target)
            raise output_error(targets[done], exc) from exc
    finally:
        for backup in backups:
            with contextlib.suppress(OSError):
                backup.unlink()


@contextlib.contextmanager
def replacing(folder: Path, file_names: Sequence[str]) -> Iterator[list[Path]]:
    """Yield one temporary path per file name in ``folder``; rename them over the files.

    The caller writes every temporary file inside the ``with`` block. When it ends without
    an exception, every file is fsynced, then all are renamed over ``folder/name`` together
    (a failed rename puts the old tables back). Whatever happens, no temporary file is
    left, and when anything fails no table is changed. An ``OSError`` is raised as
    :class:`~newsextract.errors.OutputError` naming the file concerned.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(folder, exc, folder=True) from exc
    token = f"{os.getpid()}.{secrets.token_hex(4)}"
    temps = [folder / f"{TEMP_PREFIX}{name}.{token}" for name in file_names]
    try:
        try:
            yield temps
        except OSError as exc:
            raise output_error(_error_target(exc, folder, temps, file_names), exc) from exc
        for tmp, name in zip(temps, file_names, strict=True):
            try:
                _fsync_file(tmp)
            except OSError as exc:
                raise output_error(folder / name, exc) from exc
        _swap_in(folder, temps, file_names, token)
    finally:
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
