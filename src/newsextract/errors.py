"""Every exception newsextract raises, in one place.

The class tree::

    NewsExtractError                 base of everything raised on purpose
    ├── InputError                   the file cannot be read as a usable PDF
    │   ├── NotAPDFError             no PDF header / not a PDF at all (empty file included)
    │   ├── MalformedPDFError        a PDF, but damaged or truncated beyond repair
    │   ├── EncryptedPDFError        password-protected (wrong or missing password)
    │   ├── NoTextLayerError         pages carry no extractable text (scanned images)
    │   └── ResourceLimitError       the file exceeds a size, time or memory limit
    ├── NotANewsletterError          a readable PDF that is not this newsletter
    ├── ExtractionError              strict mode: a field is missing or unparseable
    ├── ProfileError                 a newsletter profile file is unreadable or invalid
    └── OutputError                  an output cannot be written (parent, permission, disk full)
        └── OutputInUseError         another run is writing to the same output

Every exception carries the file it concerns in ``path`` (a display name; ``"<bytes>"`` for
in-memory input; the output file for :class:`OutputError`) and names it in its message.
pdfminer's own exceptions never reach the caller: the API wraps them in the appropriate
class above with ``__cause__`` set.
"""

from __future__ import annotations

__all__ = [
    "EncryptedPDFError",
    "ExtractionError",
    "InputError",
    "MalformedPDFError",
    "NewsExtractError",
    "NoTextLayerError",
    "NotANewsletterError",
    "NotAPDFError",
    "OutputError",
    "OutputInUseError",
    "ProfileError",
    "ResourceLimitError",
]


class NewsExtractError(Exception):
    """Base class of every error newsextract raises on purpose.

    ``path`` names the input file; ``detail`` is the human explanation without the file name.
    """

    #: A short, stable identifier used in batch error records.
    code: str = "error"

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {detail}")

    def __reduce__(self) -> tuple[type[NewsExtractError], tuple[str, str]]:
        """Keep exceptions picklable so they cross process boundaries intact."""
        return (type(self), (self.path, self.detail))


class InputError(NewsExtractError):
    """The input cannot be read as a usable PDF."""

    code = "input"


class NotAPDFError(InputError):
    """The input is not a PDF file (no ``%PDF-`` header, or empty)."""

    code = "not_a_pdf"


class MalformedPDFError(InputError):
    """The input claims to be a PDF but is damaged or truncated beyond repair."""

    code = "malformed_pdf"


class EncryptedPDFError(InputError):
    """The PDF is encrypted and no (correct) password was given."""

    code = "encrypted_pdf"


class NoTextLayerError(InputError):
    """The PDF has pages but no extractable text (a scan without OCR)."""

    code = "no_text_layer"


class ResourceLimitError(InputError):
    """The input exceeded a configured size, time or memory limit."""

    code = "resource_limit"


class NotANewsletterError(NewsExtractError):
    """A readable PDF that does not have the newsletter's structure."""

    code = "not_a_newsletter"


class ExtractionError(NewsExtractError):
    """Strict mode only: a field was missing or could not be parsed.

    ``warning_code`` and ``page`` repeat what lenient mode would have recorded as a warning.
    """

    code = "extraction"

    def __init__(
        self, path: str, detail: str, warning_code: str = "", page: int | None = None
    ) -> None:
        super().__init__(path, detail)
        self.warning_code = warning_code
        self.page = page

    def __reduce__(self) -> tuple[type[NewsExtractError], tuple[str, str, str, int | None]]:  # type: ignore[override]
        """Keep the warning code and page when pickled."""
        return (type(self), (self.path, self.detail, self.warning_code, self.page))


class ProfileError(NewsExtractError):
    """A newsletter profile cannot be used: its file is unreadable, not TOML, or invalid.

    ``path`` is the profile file (or the name asked for); ``detail`` names the line or the
    key and what was expected, on one line: ``"line 4: expected '=' after a key"``,
    ``"labels.comment.aliases: expected a list of strings"``.
    """

    code = "profile"


class OutputError(NewsExtractError):
    """An output file or folder cannot be written.

    Its parent is a file, permission is refused, the disk is full, and so on. ``path`` is
    the output concerned, ``detail`` the reason (``"cannot write: No space left on
    device"``). What was written before stays complete: whole files are replaced
    atomically and a JSON Lines file never keeps half a line.
    """

    code = "output"


class OutputInUseError(OutputError):
    """Another newsextract run holds an output this one would write (see ``batch.locks``).

    ``detail`` names the process ids holding it when the system tells them.
    """

    code = "output_in_use"
