"""Bind PDFs into one, as yearly compilations and archives bind newsletter issues.

:func:`bind_pdfs` concatenates whole documents page by page with pdfium's page import
(``FPDF_ImportPages``, through pypdfium2): each part keeps its fonts, links and drawings,
the way binding tools copy them. Used by the bundle tests and ``benchmarks/memory.py``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

__all__ = ["bind_pdfs"]


def bind_pdfs(parts: Iterable[bytes], *, max_pages: int | None = None) -> bytes:
    """Given PDFs (bytes), return one PDF holding all their pages, in order.

    With ``max_pages``, parts are bound only while the result has fewer pages than that
    (the last part is bound whole).
    """
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    try:
        for data in parts:
            if max_pages is not None and len(out) >= max_pages:
                break
            src = pdfium.PdfDocument(data)
            try:
                out.import_pages(src)
            finally:
                src.close()
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        out.close()
