"""The rule every URL newsextract outputs obeys: parsed strictly, made safe or refused.

:func:`clean_url` takes a link target as a PDF holds it and returns the URL the schema
allows, or raises :class:`UnsafeURLError` saying why none can be made of it:

* the scheme is ``http``, ``https`` or ``mailto`` (written in lower case);
* ``http(s)`` URLs have ``//`` and a host: a DNS name of letters, digits, ``-`` and
  ``_`` (a non-ASCII name is written in IDNA's ASCII form, ``xn--...``, in lower case), an
  IPv4 address or a bracketed IPv6 address, and an optional port from 1 to 65535. No
  userinfo (``https://bank.example@evil.example/`` names a user, not the host a reader
  sees) and nothing else in the authority: a space, control or bidi character there
  refuses the link, since no encoding of a host keeps its meaning;
* ``mailto`` URLs name one or more ``local@host`` addresses, each host as above;
* in the rest (path, query, fragment, a mailto address's local part) every character
  outside RFC 3986's unreserved and reserved sets is percent-encoded as UTF-8: spaces,
  line breaks, C0 and C1 control characters, bidi controls, non-ASCII letters, ``<``,
  ``>``, ``"``, a backslash, brackets, braces, ``|``, ``^``, a backtick, a second ``#``,
  and a ``%`` that does not start an escape; existing ``%XX`` escapes are kept;
* a backslash in an ``http(s)`` URL is written ``/``, which is how browsers read it;
* whitespace and controls at either end are removed (browsers do the same);
* a URL longer than :data:`MAX_URL_LENGTH` characters, before or after encoding, is
  refused; so is one holding a lone surrogate (no UTF-8 for it).

:func:`is_clean_url` is the models' check: a URL is allowed exactly when
:func:`clean_url` gives it back unchanged.
"""

from __future__ import annotations

import ipaddress

import regex

__all__ = [
    "ALLOWED_SCHEMES",
    "MAX_URL_LENGTH",
    "URLTooLongError",
    "UnsafeURLError",
    "clean_url",
    "is_clean_url",
]

#: The URL schemes a link may carry.
ALLOWED_SCHEMES = ("http", "https", "mailto")

#: The longest URL kept (8 KiB, in characters after encoding); a longer link is dropped.
MAX_URL_LENGTH = 8192

_SCHEME = regex.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):")
# What a browser strips from both ends: C0 controls, space, and (for us) any whitespace,
# C1 controls and bidi controls.
_ENDS = regex.compile(r"^[\p{Cc}\s\p{Bidi_Control}]+|[\p{Cc}\s\p{Bidi_Control}]+$")
_AUTHORITY = regex.compile(r"^//(?P<authority>[^/?#\\]*)(?P<rest>.*)$", regex.DOTALL)
_HOST_PORT = regex.compile(
    r"^(?P<host>\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::(?P<port>[0-9]{1,5}))?$"
)
_LABEL = regex.compile(r"^(?!-)[a-z0-9_\-]{1,63}(?<!-)$")
_IPV4_LIKE = regex.compile(r"^[0-9.]+$")
_HEX2 = regex.compile(r"^[0-9A-Fa-f]{2}$")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# Invisible or spacing characters no host may hold (IDNA would drop some silently).
_HOST_FORBIDDEN = regex.compile(r"[\p{Cc}\p{Cf}\p{Z}\s]")
# RFC 3986 unreserved and reserved characters but "#" and "%" (handled one by one).
_KEEP = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?@!$&'()*+,;="
)


class UnsafeURLError(ValueError):
    """A link target no safe URL can be made of; ``reason`` says why (for a warning)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class URLTooLongError(UnsafeURLError):
    """A link target longer than :data:`MAX_URL_LENGTH` characters (before or after encoding)."""


def _encode(text: str) -> str:
    """Percent-encode ``text`` (a path, query and fragment) as the module docstring says."""
    out: list[str] = []
    seen_hash = False
    for i, ch in enumerate(text):
        if ch == "%":
            out.append("%" if _HEX2.match(text[i + 1 : i + 3]) else "%25")
        elif ch == "#" and not seen_hash:
            seen_hash = True
            out.append(ch)
        elif ch in _KEEP:
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
    return "".join(out)


def _host(host: str) -> str:
    """Return ``host`` in ASCII lower case, or raise: a DNS name, IPv4 or [IPv6]."""
    if _HOST_FORBIDDEN.search(host):
        raise UnsafeURLError(f"a space, control or format character in the host: {host[:60]!r}")
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise UnsafeURLError(f"not an IPv6 address: {host[:60]!r}") from None
        return host.lower()
    if _IPV4_LIKE.match(host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            raise UnsafeURLError(f"not an IPv4 address: {host[:60]!r}") from None
        return host
    name = host[:-1] if host.endswith(".") else host
    labels = name.split(".")
    out: list[str] = []
    for label in labels:
        if not label.isascii():
            try:
                label = label.encode("idna").decode("ascii")
            except UnicodeError:
                raise UnsafeURLError(f"host is not a valid name: {host[:60]!r}") from None
        label = label.lower()
        if not _LABEL.match(label):
            raise UnsafeURLError(f"host is not a valid name: {host[:60]!r}")
        out.append(label)
    ascii_host = ".".join(out) + ("." if host.endswith(".") else "")
    if len(ascii_host) > 253:
        raise UnsafeURLError("host name longer than 253 characters")
    return ascii_host


def _authority(authority: str) -> str:
    if not authority:
        raise UnsafeURLError("no host")
    if "@" in authority:
        raise UnsafeURLError(f"user information before the host: {authority[:60]!r}")
    m = _HOST_PORT.match(authority)
    if m is None:
        raise UnsafeURLError(f"not a host and port: {authority[:60]!r}")
    port = m.group("port")
    if port is not None and not 0 < int(port) <= 65535:
        raise UnsafeURLError(f"port out of range: {port}")
    return _host(m.group("host")) + (f":{int(port)}" if port is not None else "")


def _mailto(body: str) -> str:
    to, sep, query = body.partition("?")
    addresses = []
    for address in to.split(","):
        local, at, host = address.rpartition("@")
        if not at or not local or not host:
            raise UnsafeURLError(f"not an e-mail address: {address[:60]!r}")
        addresses.append(_encode(local).replace("#", "%23") + "@" + _host(host))
    return ",".join(addresses) + (sep + _encode(query) if sep else "")


def clean_url(raw: str) -> str:
    """Return the safe form of the link target ``raw``; raise :class:`UnsafeURLError`."""
    if len(raw) > MAX_URL_LENGTH:
        raise URLTooLongError(f"longer than the {MAX_URL_LENGTH} characters a URL may have")
    if _SURROGATE.search(raw):
        raise UnsafeURLError("holds a lone surrogate (not a character)")
    url = _ENDS.sub("", raw)
    m = _SCHEME.match(url)
    if m is None:
        raise UnsafeURLError(f"no scheme (a relative or damaged URL): {url[:60]!r}")
    scheme = m.group("scheme").lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURLError(f"scheme {scheme[:20]!r} is not http, https or mailto")
    rest = url[m.end():]
    if scheme == "mailto":
        out = "mailto:" + _mailto(rest)
    else:
        parts = _AUTHORITY.match(rest)
        if parts is None:
            raise UnsafeURLError(f"no '//' and host after {scheme}: {url[:60]!r}")
        authority = parts.group("authority")
        path = parts.group("rest").replace("\\", "/")  # as browsers read http(s) URLs
        out = f"{scheme}://{_authority(authority)}{_encode(path)}"
    if len(out) > MAX_URL_LENGTH:
        raise URLTooLongError(f"longer than the {MAX_URL_LENGTH} characters a URL may have "
                             "once encoded")
    return out


def is_clean_url(url: str) -> bool:
    """Return True when ``url`` is what :func:`clean_url` makes of it (the models' check)."""
    try:
        return clean_url(url) == url
    except UnsafeURLError:
        return False
