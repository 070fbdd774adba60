"""Fault injection at every operating-system call that writes (this module holds no tests).

:class:`Faults` wraps ``open`` (in a writing mode), a file's ``write`` and ``truncate``,
``os.open`` (with a writing flag), ``os.write``, ``os.fsync``, ``os.replace``,
``os.rename``, ``os.link``, ``os.ftruncate``, ``os.truncate``, ``os.mkdir``, ``os.unlink``
and ``os.remove``. Every call that concerns a path under ``root`` is an *event*, named
by the operation and the line of ``src/newsextract`` that caused it (the innermost frame
of our code on the stack: a buffered file's ``write`` counts where our code wrote or
flushed it). A recording run lists the events; a failing run raises ``OSError(err)`` at
event ``fail_at`` instead of doing it (half of the data lands first for a ``write``
failing with ``ENOSPC`` or ``EIO``, as on a disk that fills up). Nothing needs root and
nothing really fills a disk.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsextract"
_REAL_OPEN = builtins.open
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_TOKEN = re.compile(r"\.\d+\.[0-9a-f]{8}(?=$|\.old$)")  # pid and random part of a temp name


@dataclass(frozen=True)
class Event:
    """One writing call: the operation, the line of our code behind it, the path (relative)."""

    op: str
    site: str
    path: str


def _site() -> str:
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(str(SRC)):
            return f"{Path(name).relative_to(SRC.parent).as_posix()}:{frame.f_lineno}"
        frame = frame.f_back  # type: ignore[assignment]
    return "outside newsextract"


def _fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


@dataclass
class Faults:
    """Record the writing calls under ``root``; fail the ``fail_at``-th (1-based) with ``err``."""

    root: Path
    fail_at: int | None = None
    err: int = errno.ENOSPC
    before: Callable[[], None] | None = None  # called before each event up to the failing one
    events: list[Event] = field(default_factory=list)
    failed: Event | None = None
    _busy: bool = False

    def _check(self, op: str, path: object, *, partial: Callable[[], None] | None = None) -> None:
        if self._busy:
            return
        text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
        real = Path(text).resolve() if text else None
        if real is None or not real.is_relative_to(self.root.resolve()):
            return
        # Relative to the root, temporary files' random part left out: runs compare.
        rel = _TOKEN.sub("", real.relative_to(self.root.resolve()).as_posix())
        self._busy = True
        try:
            if self.before is not None and self.failed is None:  # states up to the failure
                self.before()
        finally:
            self._busy = False
        event = Event(op, _site(), rel)
        self.events.append(event)
        if len(self.events) == self.fail_at:
            self.failed = event
            if partial is not None and self.err in (errno.ENOSPC, errno.EIO):
                partial()
            raise OSError(self.err, os.strerror(self.err), text)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Put the wrappers in place for the rest of the test (or until ``undo``)."""
        faults = self

        class File(io.FileIO):
            def write(self, data: Any) -> int:
                view = memoryview(data).cast("B")

                def half() -> None:
                    io.FileIO.write(self, view[: len(view) // 2])

                faults._check("write", self.name, partial=half)
                return super().write(view)

            def truncate(self, size: int | None = None) -> int:
                faults._check("truncate", self.name)
                return super().truncate(size)

        def fake_open(
            file: Any,
            mode: str = "r",
            buffering: int = -1,
            encoding: str | None = None,
            errors: str | None = None,
            newline: str | None = None,
            closefd: bool = True,
            opener: Any = None,
        ) -> Any:
            if isinstance(file, int) or not any(c in mode for c in "wax+"):
                return _REAL_OPEN(file, mode, buffering, encoding, errors, newline, closefd, opener)
            faults._check("open", file)
            raw_mode = "".join(c for c in mode if c not in "bt")
            raw = File(file, raw_mode, closefd=closefd, opener=opener)
            if buffering == 0:
                return raw
            size = io.DEFAULT_BUFFER_SIZE if buffering in (-1, 1) else buffering
            buffered: Any = (
                io.BufferedRandom(raw, size) if "+" in mode else io.BufferedWriter(raw, size)
            )
            if "b" in mode:
                return buffered
            text = io.TextIOWrapper(buffered, encoding, errors, newline, buffering == 1)
            text.mode = mode  # type: ignore[misc]
            return text

        def wrap(name: str, op: str, where: Callable[..., object]) -> None:
            real = getattr(os, name)

            def wrapper(*args: Any, **kwargs: Any) -> Any:
                faults._check(op, where(*args, **kwargs))
                return real(*args, **kwargs)

            monkeypatch.setattr(os, name, wrapper)

        real_os_open = os.open

        def fake_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & _WRITE_FLAGS:
                faults._check("open", path)
            return real_os_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(os, "open", fake_os_open)
        wrap("write", "write", lambda fd, *_: _fd_path(fd))
        wrap("fsync", "fsync", lambda fd: _fd_path(fd if isinstance(fd, int) else fd.fileno()))
        wrap("ftruncate", "truncate", lambda fd, *_: _fd_path(fd))
        wrap("truncate", "truncate", lambda path, *_: path)
        wrap("replace", "replace", lambda src, dst, **_: dst)
        wrap("rename", "replace", lambda src, dst, **_: dst)
        wrap("link", "link", lambda src, dst, **_: dst)
        wrap("mkdir", "mkdir", lambda path, *_, **__: path)
        wrap("unlink", "unlink", lambda path, **_: path)
        wrap("remove", "unlink", lambda path, **_: path)
