"""Preflight: refuse a PDF whose streams would inflate past a bound, before a backend reads it.

Neither pdfminer nor pdfium caps how far a compressed stream may inflate: a 1 MB file can
hold a stream that inflates to 1 GiB, and either backend then holds all of it in memory
(2 GiB peak RSS measured). :func:`check_inflation` finds every stream of the file in its
bytes, inflates each zlib (``/FlateDecode``) stream incrementally — a bounded chunk at a
time at C speed, nothing kept — and raises :class:`~newsextract.errors.ResourceLimitError`
naming the file and the cap as soon as one stream passes :attr:`InflateLimits.per_stream`
or all of them together pass :attr:`InflateLimits.total`. A stream that is not zlib data
(an image in another format, or any stream of an encrypted file) is not counted: the
backends decompress what it holds under their own terms; encrypted files are therefore
bounded only by the batch's per-worker memory cap (docs/cli.md).

The defaults admit any real newsletter (a few MB of content and fonts, images of tens of
MB) and stop a bomb after reading at most ``per_stream`` bytes of its output, which costs
about 0.2 s per 256 MiB and no memory beyond one chunk.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import regex

from newsextract.errors import ResourceLimitError

__all__ = ["DEFAULT_INFLATE_LIMITS", "InflateLimits", "InflateReport", "check_inflation"]

_MIB = 1024 * 1024

#: The keyword opening a stream's data: ``stream`` after the end of its dictionary (``>>``),
#: then an end of line (PDF 7.3.8.1: CRLF or LF; a lone CR is tolerated, as readers do).
STREAM_START = regex.compile(rb">>\s*stream(?:\r\n|\n|\r)")
#: The keyword closing a stream's data.
STREAM_END = b"endstream"
#: Output bytes inflated per zlib call: the most memory one stream's check holds at a time.
CHUNK = 4 * _MIB


@dataclass(frozen=True, slots=True)
class InflateLimits:
    """How far a PDF's zlib streams may inflate: one stream, and all of them together."""

    per_stream: int = 256 * _MIB
    total: int = 1024 * _MIB

    def __post_init__(self) -> None:
        """Refuse limits that are not positive whole numbers of bytes."""
        for name in ("per_stream", "total"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"InflateLimits.{name} must be a positive number of bytes, "
                                 f"got {value!r}")


#: The limits :func:`~newsextract.api.extract_issue` applies unless told otherwise.
DEFAULT_INFLATE_LIMITS = InflateLimits()


@dataclass(frozen=True, slots=True)
class InflateReport:
    """What :func:`check_inflation` measured: streams found, zlib streams, bytes inflated."""

    streams: int
    zlib_streams: int
    inflated: int
    largest: int


def _size(n: int) -> str:
    """Say ``n`` bytes in MiB when it is a whole number of them."""
    return f"{n // _MIB} MiB" if n % _MIB == 0 else f"{n:,} bytes"


def _inflated_size(segment: bytes, cap: int) -> int:
    """Given a stream's raw data, return how far it inflates, stopping just past ``cap``.

    Not zlib data: 0. Damaged part-way: what inflated before the damage.
    """
    inflater = zlib.decompressobj()
    size = 0
    pending = segment
    try:
        while pending:
            size += len(inflater.decompress(pending, CHUNK))
            if size > cap or inflater.eof:
                break
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return size


def check_inflation(
    data: bytes, display_name: str, limits: InflateLimits = DEFAULT_INFLATE_LIMITS
) -> InflateReport:
    """Given PDF bytes, return how far their zlib streams inflate; raise past ``limits``.

    Raises :class:`~newsextract.errors.ResourceLimitError` naming ``display_name``, the
    stream's offset and the cap it passed.
    """
    streams = zlib_streams = total = largest = 0
    for start in STREAM_START.finditer(data):
        streams += 1
        begin = start.end()
        end = data.find(STREAM_END, begin)
        segment = data[begin:end if end >= 0 else len(data)]
        room = min(limits.per_stream, limits.total - total)
        size = _inflated_size(segment, room)
        if size:
            zlib_streams += 1
        if size > limits.per_stream:
            raise ResourceLimitError(
                display_name,
                f"a compressed stream (at byte {begin}) inflates to more than the "
                f"{_size(limits.per_stream)} a stream may hold (a decompression bomb?)",
            )
        total += size
        largest = max(largest, size)
        if total > limits.total:
            raise ResourceLimitError(
                display_name,
                f"the compressed streams inflate to more than the {_size(limits.total)} "
                "a file may hold in all",
            )
    return InflateReport(streams, zlib_streams, total, largest)
