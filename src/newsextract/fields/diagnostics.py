"""Warnings collected while extracting one document; strict mode turns the first into an error.

One :class:`Diagnostics` object lives for one ``extract_issue`` call (no global state).
Every warning names the value it concerns as a JSON Pointer (RFC 6901) into the
:class:`~newsextract.models.Issue` (``ExtractionWarning.field``). A parser states the
pointer relative to the part it reads: the builder hands it a view ``under`` its part
(``diag.under("policy_news")``) and, for a list item, a view for that ``item`` whose index
is ``place``-d once the item is kept. Pointers are resolved only when the warnings are
read, after every list is final: an item dropped after a warning never gets an index, and
its warnings point at the list.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsextract.errors import ExtractionError
from newsextract.models import ExtractionWarning

__all__ = ["WARNING_CODES", "Diagnostics", "Path", "json_pointer"]

#: Every warning code the extractor emits, with what it means (documented in docs/schema.md).
WARNING_CODES: dict[str, str] = {
    "missing_field": "a field the newsletter always prints was not found",
    "unparseable_date": "a date was found but could not be read",
    "unknown_issuing_body": "an issuing body is not in the registry; kept as printed",
    "unsafe_link": "a link no safe URL can be made of was dropped (a scheme other than "
    "http, https or mailto, no valid host, user information, a lone surrogate)",
    "link_too_long": "a link longer than 8192 characters (urls.MAX_URL_LENGTH) was dropped",
    "unmapped_glyphs": "glyphs without a Unicode mapping were dropped from the text",
    "bidi_control_removed": "bidirectional controls (U+202A-U+202E, U+2066-U+2069, LRM, "
    "RLM, ALM) were removed from the text of a page",
    "unexpected_block": "a block could not be assigned to any field and was skipped",
    "story_count_mismatch": "the number of stories differs from the 'TOP N' heading",
    "invalid_value": "a value was found but failed validation and was left out",
    "ambiguous_documents": "a story's issuing bodies or dates do not split by ';' into one "
    "group per document it cites; the whole list was kept on its first document",
    "unplaced_date": "a date printed without its year could not be placed in a year (no "
    "publication date, or outside the reporting period) and was left out",
}

#: A path to a value, relative to where a parser reads: keys and list indices.
Path = Sequence[str | int]


class _Slot:
    """The index an item gets in its output list, known once the item is kept."""

    __slots__ = ("index",)

    def __init__(self) -> None:
        self.index: int | None = None


_Token = str | int | _Slot


def json_pointer(tokens: Sequence[str | int]) -> str:
    """Return the JSON Pointer (RFC 6901) of a path: ``("top_stories", 2)``: ``/top_stories/2``."""
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def _resolve(tokens: tuple[_Token, ...] | None) -> str | None:
    """Return the pointer of a path whose item slots are placed; an unplaced slot ends it."""
    if tokens is None:
        return None
    out: list[str | int] = []
    for t in tokens:
        if isinstance(t, _Slot):
            if t.index is None:
                break  # the item was not kept: point at its list
            out.append(t.index)
        else:
            out.append(t)
    return json_pointer(out)


class _Record:
    """One warning as recorded, its pointer still to be resolved."""

    __slots__ = ("code", "message", "page", "tokens")

    def __init__(
        self, code: str, message: str, page: int | None, tokens: tuple[_Token, ...] | None
    ) -> None:
        self.code, self.message, self.page, self.tokens = code, message, page, tokens


class Diagnostics:
    """Collects :class:`ExtractionWarning` records, or raises in strict mode.

    ``Diagnostics(path)`` is the root, pointing at the whole issue; :meth:`under` and
    :meth:`item` return views that share its records and point deeper.
    """

    def __init__(self, path: str, *, strict: bool = False) -> None:
        """Start an empty collection for the file ``path``."""
        self.path = path
        self.strict = strict
        self._records: list[_Record] = []
        self._prefix: tuple[_Token, ...] = ()
        self._slot: _Slot | None = None

    def _view(self, prefix: tuple[_Token, ...], slot: _Slot | None) -> Diagnostics:
        view = Diagnostics(self.path, strict=self.strict)
        view._records = self._records
        view._prefix = prefix
        view._slot = slot
        return view

    def under(self, *path: str | int) -> Diagnostics:
        """Return a view whose pointers start with this one's followed by ``path``."""
        return self._view((*self._prefix, *path), None)

    def item(self) -> Diagnostics:
        """Return a view for one item of the list this view points at (index: :meth:`place`)."""
        slot = _Slot()
        return self._view((*self._prefix, slot), slot)

    def place(self, index: int) -> None:
        """Say that this view's item was kept at ``index`` of its output list."""
        if self._slot is None:
            raise ValueError("place() is for a view made by item()")
        self._slot.index = index

    def warn(self, code: str, message: str, page: int | None = None, *,
             at: Path | None) -> None:
        """Record a warning about the value at ``at`` (relative to this view).

        ``at=()`` is the value this view points at; ``at=None`` says the warning concerns
        the whole document (its ``field`` is null). In strict mode raise
        :class:`ExtractionError` instead.
        """
        if code not in WARNING_CODES:  # pragma: no cover - programming error
            raise ValueError(f"undocumented warning code {code!r}")
        if self.strict:
            where = f" (page {page})" if page else ""
            raise ExtractionError(self.path, f"{message}{where}", warning_code=code, page=page)
        tokens = None if at is None else (*self._prefix, *at)
        self._records.append(_Record(code, message, page, tokens))

    @property
    def warnings(self) -> list[ExtractionWarning]:
        """The warnings recorded so far (through any view), pointers resolved now."""
        return [ExtractionWarning(code=r.code, message=r.message, page=r.page,
                                  field=_resolve(r.tokens)) for r in self._records]
