"""Names of the reader backends and the default one (no imports: cheap for the batch parent).

The backends themselves live in :mod:`newsextract.reader` (``get_backend``); this module
only names them, so that the command line and the batch layer can validate a choice
without importing pdfplumber or pypdfium2.
"""

from __future__ import annotations

from typing import Final

__all__ = ["BACKENDS", "DEFAULT_BACKEND"]

#: Backend names accepted by :func:`newsextract.reader.get_backend`.
BACKENDS: Final = ("pdfplumber", "pdfium")

#: The backend used when none is named, chosen by evidence (docs/architecture.md,
#: "Choosing the default backend").
DEFAULT_BACKEND: Final = "pdfium"
