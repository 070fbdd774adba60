"""Issuing bodies: split the printed list and resolve each entry through the registry.

The registry (``newsextract/data/issuing_bodies.json``) holds acronym, full English name,
Chinese name and aliases of central Chinese bodies. Given a printed list such as
``"MIIT; NDRC; MOST, etc."``, :func:`parse_issuing_bodies` returns the bodies, whether the
list is complete, and the entries the registry does not know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import regex

from newsextract.models import IssuingBody
from newsextract.vocabulary import ETC

__all__ = ["IssuingBodies", "Registry", "RegistryEntry", "load_registry", "parse_issuing_bodies"]

SEPARATOR = regex.compile(r"\s*[;,]\s*")
ACRONYM_LIKE = regex.compile(r"^[A-Z][A-Za-z&]{1,9}$")


@dataclass(frozen=True)
class RegistryEntry:
    """One known body."""

    acronym: str | None
    name: str
    name_zh: str | None
    aliases: tuple[str, ...]


class Registry:
    """Lookup of bodies by acronym, English name, Chinese name or alias."""

    def __init__(self, entries: list[RegistryEntry]) -> None:
        """Index ``entries``; keys are matched case-insensitively with spaces folded."""
        self.entries = entries
        self._index: dict[str, RegistryEntry] = {}
        for e in entries:
            for key in (e.acronym, e.name, e.name_zh, *e.aliases):
                if key:
                    self._index.setdefault(self._key(key), e)

    @staticmethod
    def _key(text: str) -> str:
        return " ".join(text.replace("’", "'").split()).casefold()

    def lookup(self, printed: str) -> RegistryEntry | None:
        """Return the entry ``printed`` names, or None."""
        return self._index.get(self._key(printed))

    def __len__(self) -> int:
        """Return the number of entries."""
        return len(self.entries)


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """Load the packaged registry (read once per process; immutable)."""
    raw = json.loads(
        resources.files("newsextract").joinpath("data/issuing_bodies.json").read_text("utf-8")
    )
    return Registry(
        [
            RegistryEntry(
                acronym=b.get("acronym"),
                name=b["name"],
                name_zh=b.get("name_zh"),
                aliases=tuple(b.get("aliases", ())),
            )
            for b in raw["bodies"]
        ]
    )


class IssuingBodies(NamedTuple):
    """A printed list of issuing bodies, read: see :func:`parse_issuing_bodies`."""

    bodies: list[IssuingBody]
    complete: bool
    unknown: list[int]


def parse_issuing_bodies(text: str, registry: Registry | None = None) -> IssuingBodies:
    """Given the printed list, return the bodies, whether it is complete, and the unknown.

    ``complete`` is False when the list ends in "etc."; ``unknown`` gives the positions in
    ``bodies`` of entries kept as printed because the registry does not know them (an
    acronym-like entry becomes the acronym, anything else the name).
    """
    registry = registry or load_registry()
    text = text.strip()
    complete = ETC.search(text) is None and text.lower().rstrip(".") != "etc"
    text = ETC.sub("", text)
    bodies: list[IssuingBody] = []
    unknown: list[int] = []
    for token in SEPARATOR.split(text):
        token = token.strip(" .")
        if not token:
            continue
        entry = registry.lookup(token)
        if entry is None:
            unknown.append(len(bodies))
            if ACRONYM_LIKE.match(token) and token.upper() == token:
                bodies.append(IssuingBody(acronym=token, name=None))
            else:
                bodies.append(IssuingBody(acronym=None, name=token))
            continue
        is_acronym = token.upper() == token and " " not in token
        bodies.append(
            IssuingBody(acronym=token if is_acronym else entry.acronym, name=entry.name)
        )
    return IssuingBodies(bodies, complete, unknown)
