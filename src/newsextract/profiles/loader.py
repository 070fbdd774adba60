"""Load profiles from TOML files, find the installed ones, and resolve what a caller names.

A profile is *installed* when it ships with the package (``newsextract/profiles/data``) or
lies as ``*.toml`` in a folder listed in the ``NEWSEXTRACT_PROFILE_PATH`` environment
variable (folders separated like ``PATH``), read at each call. Every failure is one
:class:`~newsextract.errors.ProfileError` naming the file, the line or key, and what was
expected.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex
from pydantic import ValidationError

from newsextract.errors import ProfileError
from newsextract.profiles.model import Profile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = [
    "PROFILE_PATH_ENV",
    "ProfileSpec",
    "builtin_profiles",
    "installed_profiles",
    "load_profile",
    "parse_profile",
    "resolve_profile",
]

#: The environment variable listing extra folders of profile files.
PROFILE_PATH_ENV = "NEWSEXTRACT_PROFILE_PATH"

#: What the API and the CLI accept as a profile: a loaded one, a file, or an installed name.
ProfileSpec = Profile | str | os.PathLike[str]

#: pydantic error types, as what was expected.
_EXPECTED = {
    "missing": "a value (the key is required)",
    "too_short": "at least one entry",
    "string_too_short": "a non-empty string",
    "string_type": "a string",
    "list_type": "a list",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "model_type": "a table",
    "model_attributes_type": "a table",
}


_TABLE = regex.compile(r"^\[(?P<array>\[)?\s*(?P<name>[^\]]+?)\s*\]\]?$")
_KEY = regex.compile(r"^(?P<key>[\w\-.\" ]+?)\s*=")


def _key_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Return the line that sets ``loc`` (or opens its table), reading table headers."""
    want = [str(p) for p in loc]
    table: list[str] = []
    arrays: dict[str, int] = {}
    best: tuple[int, int] | None = None  # (matched depth, line)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        header = _TABLE.match(line)
        if header:
            table = [k.strip().strip('"') for k in header.group("name").split(".")]
            if header.group("array"):
                key = ".".join(table)
                arrays[key] = arrays.get(key, -1) + 1
                table = [*table, str(arrays[key])]
            path = table
        else:
            key_match = _KEY.match(line)
            if not key_match:
                continue
            path = [*table, *(k.strip().strip('"') for k in key_match.group("key").split("."))]
        depth = len(path) if want[:len(path)] == path else 0
        if depth and (best is None or depth > best[0]):
            best = (depth, number)
    return best[1] if best else None


def _describe(exc: ValidationError, text: str) -> str:
    errors = exc.errors()
    first = errors[0]
    loc = tuple(first["loc"])
    if first["type"] == "extra_forbidden":
        what = "unknown key (docs/profiles.md lists the keys)"
    elif first["type"] in _EXPECTED:
        what = f"expected {_EXPECTED[first['type']]}"
    else:
        msg = first["msg"].removeprefix("Value error, ")
        what = "expected " + msg.removeprefix("Input should be ") if msg.startswith(
            "Input should be ") else msg
    line = _line_of(text, loc)
    where = f"line {line}, {_key_path(loc)}" if line else _key_path(loc)
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {what}{more}"


def parse_profile(text: str, name: str) -> Profile:
    """Given a profile's TOML text and the name errors give it, return the profile.

    A pure function of its two strings, and the profile is frozen: the same text and name
    give the same profile, parsed and validated once (the files are still read at every
    call of :func:`installed_profiles` or :func:`load_profile`).
    """
    return _parse_profile(text, name)


#: Distinct profile texts whose parsed profile is kept (a process reads a few).
_PARSED_PROFILES = 32


@lru_cache(maxsize=_PARSED_PROFILES)
def _parse_profile(text: str, name: str) -> Profile:
    """Parse and validate a profile (:func:`parse_profile`, which keeps the result)."""
    try:
        data: object = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        # "Expected '=' after a key in a key/value pair (at line 4, column 9)"
        head, _, at = msg.rpartition(" (at ")
        detail = f"{at.rstrip(')')}: {head}" if head and at.startswith("line") else msg
        raise ProfileError(name, f"not valid TOML: {detail}") from exc
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(name, _describe(exc, text)) from exc


def load_profile(path: str | os.PathLike[str]) -> Profile:
    """Read and validate the profile file at ``path``."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(name, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise ProfileError(name, f"cannot read the file ({exc.strerror or exc})") from exc
    return parse_profile(text, name)


def builtin_profiles() -> list[Profile]:
    """Return the profiles shipped with the package, by file name."""
    folder = resources.files("newsextract.profiles") / "data"
    return [parse_profile(f.read_text(encoding="utf-8"), f"newsextract:{f.name}")
            for f in sorted(folder.iterdir(), key=lambda f: f.name)
            if f.name.endswith(".toml")]


def installed_profiles() -> list[Profile]:
    """Return the built-in profiles, then those in ``NEWSEXTRACT_PROFILE_PATH``, by name.

    A later profile of the same name replaces an earlier one in place.
    """
    found: dict[str, Profile] = {p.name: p for p in builtin_profiles()}
    for folder in os.environ.get(PROFILE_PATH_ENV, "").split(os.pathsep):
        if folder and Path(folder).is_dir():
            for path in sorted(Path(folder).glob("*.toml")):
                profile = load_profile(path)
                found[profile.name] = profile
    return list(found.values())


def resolve_profile(spec: ProfileSpec) -> Profile:
    """Return the profile ``spec`` means: a :class:`Profile`, a file, or an installed name.

    A string naming an existing file, or ending in ``.toml``, is a file; any other string is
    the name of an installed profile.
    """
    if isinstance(spec, Profile):
        return spec
    text = os.fspath(spec)
    if not isinstance(spec, str) or text.endswith(".toml") or Path(text).is_file():
        return load_profile(text)
    profiles = installed_profiles()
    for p in profiles:
        if p.name == text:
            return p
    known = ", ".join(p.name for p in profiles)
    raise ProfileError(text, f"no installed profile of that name (installed: {known}; "
                             f"or give a .toml file)")
