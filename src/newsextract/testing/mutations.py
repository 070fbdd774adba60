"""Deterministic PDF mutators for fuzzing: bytes and PDF-object level.

Given a seed and one or two PDFs, :func:`mutate` returns a damaged PDF. The mutators are
named and listed in :data:`MUTATORS` so a failure report says which damage caused it;
everything is derived from ``random.Random(seed)``, so a failing input is reproduced by
its seed alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

__all__ = ["MUTATORS", "Mutator", "mutate"]

#: (rng, data, other) -> damaged data
Mutator = Callable[[random.Random, bytes, bytes], bytes]

_NUMBER = re.compile(rb"(?<![A-Za-z])\d{1,7}(?![A-Za-z])")
_LENGTH = re.compile(rb"/Length\s+\d+")
_OBJ = re.compile(rb"\d+ 0 obj")
_NAMES = [b"/Type", b"/Page", b"/Font", b"/Contents", b"/Annots", b"/URI", b"/Resources",
          b"/Kids", b"/Count", b"/Filter", b"/FlateDecode", b"/ToUnicode", b"/Encrypt"]


def _flip_bytes(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        i = rng.randrange(len(buf))
        buf[i] = rng.randrange(256)
    return bytes(buf)


def _truncate(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _delete_range(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    return data[:a] + data[b:]


def _duplicate_range(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] + data[at:]


def _splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    a = rng.randrange(len(data))
    b = rng.randrange(len(other))
    return data[:a] + other[b:]


def _numbers(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    """Change object numbers, offsets, counts and widths."""
    matches = list(_NUMBER.finditer(data))
    if not matches:
        return _flip_bytes(rng, data, _other)
    out = bytearray(data)
    for m in sorted(rng.sample(matches, min(len(matches), rng.randint(1, 12))),
                    key=lambda m: m.start(), reverse=True):
        repl = str(rng.choice([0, 1, -1, 2**31, 10**9, rng.randrange(100000)])).encode()
        out[m.start() : m.end()] = repl
    return bytes(out)


def _stream_lengths(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    return _LENGTH.sub(lambda _m: b"/Length " + str(rng.randrange(0, 10**6)).encode(), data)


def _names(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    out = data
    for _ in range(rng.randint(1, 6)):
        a, b = rng.choice(_NAMES), rng.choice(_NAMES)
        out = out.replace(a, b, rng.randint(1, 3))
    return out


def _drop_objects(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    starts = [m.start() for m in _OBJ.finditer(data)]
    if len(starts) < 2:
        return _truncate(rng, data, _other)
    out = data
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(starts) - 1)
        a, b = starts[i], starts[i + 1]
        out = out[:a] + b" " * (b - a) + out[b:]
    return out


def _self_reference(rng: random.Random, data: bytes, _other: bytes) -> bytes:
    """Point references at their own object to provoke cycles."""
    refs = list(re.finditer(rb"(\d+) 0 R", data))
    if not refs:
        return _flip_bytes(rng, data, _other)
    m = rng.choice(refs)
    target = rng.choice(refs).group(1)
    return data[: m.start(1)] + target + data[m.end(1) :]


#: Every mutator by name, for reports.
MUTATORS: dict[str, Mutator] = {
    "flip_bytes": _flip_bytes,
    "truncate": _truncate,
    "delete_range": _delete_range,
    "duplicate_range": _duplicate_range,
    "splice": _splice,
    "numbers": _numbers,
    "stream_lengths": _stream_lengths,
    "names": _names,
    "drop_objects": _drop_objects,
    "self_reference": _self_reference,
}


def mutate(seed: int, data: bytes, other: bytes | None = None) -> tuple[str, bytes]:
    """Return ``(mutator_name, damaged_pdf)`` for ``seed``; deterministic."""
    rng = random.Random(seed)
    name = rng.choice(sorted(MUTATORS))
    return name, MUTATORS[name](rng, data, other if other is not None else data)
