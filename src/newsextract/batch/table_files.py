"""Reading the batch journal in table order, and replacing table files atomically."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsextract.batch.outputs import TEMP_PREFIX, iter_jsonl, output_error, read_line_at
from newsextract.models import Issue

__all__ = ["iter_journal", "replacing"]


def _index_entry(line: str) -> tuple[str, str]:
    data = json.loads(line)
    date = data.get("publication_date") or "9999-99-99"  # undated issues last
    source = data.get("source") or {}
    return str(date), str(source.get("sha256") or "")


def iter_journal(journal: Path) -> Iterator[Issue]:
    """Yield the issues of a JSON Lines ``journal`` by publication date (undated last), SHA-256.

    An issue whose SHA-256 occurs twice is yielded once. The journal is read twice (an
    index of offsets, then the issues in order), so memory stays small.
    """
    index: list[tuple[str, str, int]] = []
    if journal.exists():
        for offset, line in iter_jsonl(journal):
            date, sha = _index_entry(line)
            index.append((date, sha, offset))
    index.sort()
    seen: set[str] = set()
    order: list[int] = []
    for _date, sha, offset in index:
        if sha and sha in seen:
            continue
        seen.add(sha)
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


@contextlib.contextmanager
def replacing(folder: Path, file_names: Sequence[str]) -> Iterator[list[Path]]:
    """Yield one temporary path per file name in ``folder``; rename them over the files.

    The caller writes every temporary file inside the ``with`` block. When it ends without
    an exception, each file is fsynced and renamed over ``folder/name``; whatever happens,
    no temporary file is left, and when anything fails before the renames no table is
    changed. An ``OSError`` is raised as :class:`~newsextract.errors.OutputError` naming the
    file concerned.
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
            name = Path(exc.filename).name if isinstance(exc.filename, str) else ""
            target = next(
                (folder / n for n, t in zip(file_names, temps) if t.name == name),
                folder / file_names[0],
            )
            raise output_error(target, exc) from exc
        for tmp, name in zip(temps, file_names, strict=True):
            try:
                _fsync_file(tmp)
                os.replace(tmp, folder / name)
            except OSError as exc:
                raise output_error(folder / name, exc) from exc
    finally:
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
