"""Warnings collected while extracting one document; strict mode turns the first into an error.

One :class:`Diagnostics` object lives for one ``extract_issue`` call (no global state).
"""

from __future__ import annotations

from newsextract.errors import ExtractionError
from newsextract.models import ExtractionWarning

__all__ = ["WARNING_CODES", "Diagnostics"]

#: Every warning code the extractor emits, with what it means (documented in docs/schema.md).
WARNING_CODES: dict[str, str] = {
    "missing_field": "a field the newsletter always prints was not found",
    "unparseable_date": "a date was found but could not be read",
    "unknown_issuing_body": "an issuing body is not in the registry; kept as printed",
    "unsafe_link": "a link with a scheme other than http, https or mailto was dropped",
    "unmapped_glyphs": "glyphs without a Unicode mapping were dropped from the text",
    "unexpected_block": "a block could not be assigned to any field and was skipped",
    "story_count_mismatch": "the number of stories differs from the 'TOP N' heading",
    "invalid_value": "a value was found but failed validation and was left out",
}


class Diagnostics:
    """Collects :class:`ExtractionWarning` records, or raises in strict mode."""

    def __init__(self, path: str, *, strict: bool = False) -> None:
        """Start an empty collection for the file ``path``."""
        self.path = path
        self.strict = strict
        self.warnings: list[ExtractionWarning] = []

    def warn(self, code: str, message: str, page: int | None = None) -> None:
        """Record a warning; in strict mode raise :class:`ExtractionError` instead."""
        if code not in WARNING_CODES:  # pragma: no cover - programming error
            raise ValueError(f"undocumented warning code {code!r}")
        if self.strict:
            where = f" (page {page})" if page else ""
            raise ExtractionError(self.path, f"{message}{where}", warning_code=code, page=page)
        self.warnings.append(ExtractionWarning(code=code, message=message, page=page))
