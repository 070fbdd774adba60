"""Finding the inputs of a batch and reading them one at a time.

An input argument may be a PDF file, a folder (searched recursively for ``*.pdf``), a glob
(``more/**/*.pdf``), or a ``.zip`` / ``.tar`` / ``.tar.gz`` / ``.tgz`` / ``.tar.bz2`` /
``.tar.xz`` archive whose ``*.pdf`` members are read straight into memory, never extracted
to disk. :func:`discover` lists the inputs (metadata only); :class:`ItemReader` reads one
item's bytes when the batch is ready to send it to a worker, so the parent process holds
O(jobs) file contents at any time.

Every item carries a *safe* relative path (:func:`safe_relpath`) for outputs mirrored per
file: a member named ``../../x.pdf`` or ``/etc/x.pdf`` maps to ``x.pdf`` / ``etc/x.pdf``
under the output folder, never outside it.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import re
import tarfile
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import IO

from newsextract.batch.records import BatchUsageError
from newsextract.errors import ResourceLimitError

_log = logging.getLogger(__name__)

__all__ = [
    "ARCHIVE_SUFFIXES",
    "InputItem",
    "ItemKind",
    "ItemReader",
    "archive_kind",
    "discover",
    "safe_relpath",
]

#: Name endings recognised as archives (case-insensitive).
ARCHIVE_SUFFIXES: tuple[str, ...] = (
    ".zip",
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz2",
    ".tar.xz",
    ".txz",
)

_CHUNK = 1 << 20
_GLOB_MAGIC = re.compile(r"[*?\[]")
_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)
_MAX_COMPONENT_BYTES = 200


class ItemKind(str, Enum):
    """Where an item's bytes live."""

    FILE = "file"
    ZIP_MEMBER = "zip"
    TAR_MEMBER = "tar"
    BROKEN_ARCHIVE = "broken"  # an archive or a subfolder that could not even be listed


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input of a batch, not yet read.

    ``display`` names it in logs and error records (``archive.zip::dir/x.pdf`` for a
    member); ``relpath`` is the safe relative path mirrored outputs use; ``size`` is the
    (uncompressed) size when known before reading; ``problem`` explains a
    :attr:`ItemKind.BROKEN_ARCHIVE` (an archive or subfolder that cannot be listed).
    """

    display: str
    relpath: PurePosixPath
    kind: ItemKind
    path: Path
    member: str | None = None
    size: int | None = None
    problem: str | None = None


def archive_kind(path: str | os.PathLike[str]) -> ItemKind | None:
    """Return the archive kind of ``path`` judged by its name, or None for a plain file."""
    name = os.fspath(path).lower()
    if name.endswith(".zip"):
        return ItemKind.ZIP_MEMBER
    if any(name.endswith(s) for s in ARCHIVE_SUFFIXES):
        return ItemKind.TAR_MEMBER
    return None


def _archive_stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return name


def _safe_component(part: str) -> str:
    part = unicodedata.normalize("NFC", part)
    part = _UNSAFE_CHARS.sub("_", part)
    part = part.rstrip(" .")  # Windows drops trailing dots and spaces
    if part.split(".")[0].upper() in _WINDOWS_RESERVED:
        part = "_" + part
    encoded = part.encode("utf-8")
    if len(encoded) > _MAX_COMPONENT_BYTES:
        part = encoded[:_MAX_COMPONENT_BYTES].decode("utf-8", errors="ignore")
    return part


def safe_relpath(name: str) -> PurePosixPath:
    """Return a relative path for ``name`` that cannot leave the folder it is joined to.

    Backslashes count as separators; empty, ``.`` and ``..`` components, a leading ``/``
    and a drive letter are dropped; control characters and ``<>:"|?*`` become ``_``.
    Nothing left gives ``unnamed``.

    >>> safe_relpath("../../etc/x.pdf")
    PurePosixPath('etc/x.pdf')
    >>> safe_relpath("/abs/./a//b.pdf")
    PurePosixPath('abs/a/b.pdf')
    """
    parts: list[str] = []
    for raw in name.replace("\\", "/").split("/"):
        if re.fullmatch(r"[A-Za-z]:", raw) and not parts:
            continue
        if raw in ("", ".", ".."):
            continue
        cleaned = _safe_component(raw)
        if cleaned and cleaned not in (".", ".."):
            parts.append(cleaned)
    return PurePosixPath(*parts) if parts else PurePosixPath("unnamed")


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _walk_pdfs(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Yield ``(pdf, None)`` per PDF below ``root`` and ``(folder, reason)`` per unreadable one.

    PDFs come in sorted order.
    ``os.walk`` silently skips a folder it cannot list; here the folder named on the
    command line is a usage error (:class:`BatchUsageError`) and a subfolder is reported,
    so that its PDFs are not lost without a word.
    """
    unreadable: list[tuple[Path, str]] = []

    def on_error(exc: OSError) -> None:
        where = Path(os.fsdecode(exc.filename)) if exc.filename is not None else root
        reason = exc.strerror or str(exc)
        if where == root:
            raise BatchUsageError(f"{root}: cannot read the folder: {reason}") from exc
        unreadable.append((where, reason))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        yield from ((folder, reason) for folder, reason in unreadable)
        unreadable.clear()
        dirnames.sort()
        for fname in sorted(filenames):
            if _is_pdf_name(fname):
                path = Path(dirpath) / fname
                if path.is_file():
                    yield path, None
    yield from ((folder, reason) for folder, reason in unreadable)


def _zip_items(path: Path, display: str, stem: PurePosixPath) -> list[InputItem]:
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    return [
        InputItem(
            display=f"{display}::{info.filename}",
            relpath=stem / safe_relpath(info.filename),
            kind=ItemKind.ZIP_MEMBER,
            path=path,
            member=info.filename,
            size=info.file_size,
        )
        for info in infos
        if not info.is_dir() and _is_pdf_name(info.filename)
    ]


def _tar_items(path: Path, display: str, stem: PurePosixPath) -> list[InputItem]:
    with tarfile.open(path, "r:*") as tf:
        members = tf.getmembers()
    return [
        InputItem(
            display=f"{display}::{m.name}",
            relpath=stem / safe_relpath(m.name),
            kind=ItemKind.TAR_MEMBER,
            path=path,
            member=m.name,
            size=m.size,
        )
        for m in members
        if m.isreg() and _is_pdf_name(m.name)
    ]


def _archive_items(path: Path, display: str, kind: ItemKind) -> list[InputItem]:
    stem = safe_relpath(_archive_stem(path))
    try:
        if kind is ItemKind.ZIP_MEMBER:
            return _zip_items(path, display, stem)
        return _tar_items(path, display, stem)
    except Exception as exc:  # OSError, BadZipFile, TarError, zlib/lzma/bz2 errors, ...
        return [
            InputItem(
                display=display,
                relpath=stem,
                kind=ItemKind.BROKEN_ARCHIVE,
                path=path,
                problem=f"cannot read the archive ({type(exc).__name__}: {exc})",
            )
        ]


def _file_items(path: Path, display: str, relpath: PurePosixPath) -> list[InputItem]:
    kind = archive_kind(path)
    if kind is not None:
        return _archive_items(path, display, kind)
    return [
        InputItem(
            display=display,
            relpath=relpath,
            kind=ItemKind.FILE,
            path=path,
            size=path.stat().st_size,
        )
    ]


def _dir_items(root: Path) -> list[InputItem]:
    items: list[InputItem] = []
    for path, problem in _walk_pdfs(root):
        rel = path.relative_to(root).as_posix()
        if problem is not None:
            _log.warning("%s: cannot read the folder (%s); its PDFs are skipped", path, problem)
            items.append(
                InputItem(
                    display=str(path),
                    relpath=safe_relpath(rel),
                    kind=ItemKind.BROKEN_ARCHIVE,
                    path=path,
                    problem=f"cannot read the folder ({problem}); the PDFs in it were skipped",
                )
            )
            continue
        items.append(
            InputItem(
                display=str(path),
                relpath=safe_relpath(rel),
                kind=ItemKind.FILE,
                path=path,
                size=path.stat().st_size,
            )
        )
    return items


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    static: list[str] = []
    for part in parts:
        if _GLOB_MAGIC.search(part):
            break
        static.append(part)
    return Path(*static) if static else Path(".")


def discover(specs: Sequence[str | os.PathLike[str]]) -> list[InputItem]:
    """List the inputs named by ``specs`` (files, folders, globs, archives), in order.

    Folders are searched recursively for ``*.pdf`` (sorted, so the order is stable); an
    archive named explicitly or matched by a glob is opened and its ``*.pdf`` members
    listed. An archive or a subfolder that cannot be listed becomes one
    :attr:`ItemKind.BROKEN_ARCHIVE` item, so the batch records it and goes on. Raises
    :class:`BatchUsageError` for a path that does not exist, a folder argument that cannot
    be listed or a glob that matches nothing.
    """
    items: list[InputItem] = []
    for spec in specs:
        text = os.fspath(spec)
        path = Path(text)
        if path.is_dir():
            items.extend(_dir_items(path))
        elif path.is_file():
            items.extend(_file_items(path, text, safe_relpath(path.name)))
        elif _GLOB_MAGIC.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise BatchUsageError(f"no file matches {text!r}")
            root = _glob_root(text)
            for match in matches:
                mpath = Path(match)
                if mpath.is_dir():
                    items.extend(_dir_items(mpath))
                elif mpath.is_file():
                    try:
                        rel = mpath.relative_to(root).as_posix()
                    except ValueError:
                        rel = mpath.name
                    items.extend(_file_items(mpath, match, safe_relpath(rel)))
        else:
            raise BatchUsageError(f"no such file or folder: {text!r}")
    return items


def _read_limited(stream: IO[bytes], limit: int | None, display: str) -> bytes:
    if limit is None:
        return stream.read()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ResourceLimitError(
            display, f"the input is larger than the size limit of {limit} bytes"
        )
    return data


class ItemReader:
    """Reads items' bytes, keeping at most one archive open at a time.

    Use as a context manager. Items of one archive should be read in listing order (as
    :func:`discover` returns them): a compressed tar is then decompressed once, front to
    back.
    """

    def __init__(self) -> None:
        self._archive_path: Path | None = None
        self._zip: zipfile.ZipFile | None = None
        self._tar: tarfile.TarFile | None = None
        self._tar_members: dict[str, tarfile.TarInfo] = {}

    def __enter__(self) -> ItemReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive kept open, if any."""
        if self._zip is not None:
            self._zip.close()
        if self._tar is not None:
            self._tar.close()
        self._zip = None
        self._tar = None
        self._tar_members = {}
        self._archive_path = None

    def _open_archive(self, item: InputItem) -> None:
        if self._archive_path == item.path:
            return
        self.close()
        if item.kind is ItemKind.ZIP_MEMBER:
            self._zip = zipfile.ZipFile(item.path)
        else:
            self._tar = tarfile.open(item.path, "r:*")  # noqa: SIM115 - kept open
            self._tar_members = {m.name: m for m in self._tar.getmembers()}
        self._archive_path = item.path

    def open(self, item: InputItem) -> IO[bytes]:
        """Return a binary stream of ``item``'s bytes; the caller closes it.

        Raises ``OSError``/``zipfile.BadZipFile``/``tarfile.TarError`` (or ``ValueError``
        for a broken archive item) when the bytes cannot be read.
        """
        if item.kind is ItemKind.FILE:
            return open(item.path, "rb")
        if item.kind is ItemKind.BROKEN_ARCHIVE or item.member is None:
            return open(item.path, "rb")
        self._open_archive(item)
        if self._zip is not None:
            return self._zip.open(item.member)
        assert self._tar is not None
        stream = self._tar.extractfile(self._tar_members[item.member])
        if stream is None:
            raise ValueError(f"{item.display} is not a regular file")
        return stream

    def read(self, item: InputItem, max_bytes: int | None = None) -> bytes:
        """Return ``item``'s bytes; :class:`ResourceLimitError` when over ``max_bytes``."""
        if max_bytes is not None and item.size is not None and item.size > max_bytes:
            raise ResourceLimitError(
                item.display,
                f"the input is {item.size} bytes, over the size limit of {max_bytes} bytes",
            )
        with self.open(item) as stream:
            return _read_limited(stream, max_bytes, item.display)

    def sha256(self, item: InputItem) -> str:
        """Hash ``item``'s bytes without holding them in memory (for oversized inputs)."""
        digest = hashlib.sha256()
        with self.open(item) as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()
