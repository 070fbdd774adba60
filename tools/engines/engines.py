"""Run the real engines: headless Chromium, LibreOffice (soffice) and Typst (PyPI ``typst``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
)


def _which(*names: str) -> str:
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    raise RuntimeError(f"none of {names} is installed (see docs/engines.md)")


def chromium_pdf(html_path: Path, out: Path) -> None:
    """Print ``html_path`` to ``out`` with headless Chromium."""
    exe = _which("chromium", "chromium-browser", "google-chrome")
    with tempfile.TemporaryDirectory(prefix="nx-chromium-") as profile:
        subprocess.run(
            [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
             f"--print-to-pdf={out}", html_path.resolve().as_uri()],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
        )
    if not out.is_file():
        raise RuntimeError(f"chromium wrote no PDF for {html_path}")


def libreoffice_pdf(src: Path, out: Path) -> None:
    """Convert ``src`` (an .fodt) to ``out`` with ``soffice --headless --convert-to pdf``."""
    exe = _which("soffice", "libreoffice")
    with tempfile.TemporaryDirectory(prefix="nx-lo-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        subprocess.run(
            [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), str(src)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
        )
        produced = outdir / (src.stem + ".pdf")
        if not produced.is_file():
            raise RuntimeError(f"soffice wrote no PDF for {src}")
        shutil.move(str(produced), out)


def typst_pdf(src: Path, out: Path) -> None:
    """Compile ``src`` (a .typ file) to ``out`` with the ``typst`` Python package."""
    import typst

    typst.compile(str(src), output=str(out))


def weasyprint_pdf(html_path: Path, out: Path) -> None:
    """Print ``html_path`` to ``out`` with WeasyPrint (PyPI ``weasyprint``, Pango from Debian)."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    weasyprint.HTML(filename=str(html_path)).write_pdf(str(out))
