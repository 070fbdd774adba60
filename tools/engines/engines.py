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


def scribus_pdf(plan: Path, out: Path) -> None:
    """Build the frame plan ``plan`` (JSON) in Scribus and export ``out``.

    Runs ``xvfb-run -a scribus -g -ns -py tools/engines/scribus_runner.py`` (Scribus needs
    a display even without its window). Raises RuntimeError when Scribus wrote no PDF or a
    frame's text overflowed.
    """
    import json
    import os

    exe = _which("scribus")
    runner = Path(__file__).with_name("scribus_runner.py")
    status = Path(str(out) + ".status.json")
    status.unlink(missing_ok=True)
    out.unlink(missing_ok=True)
    env = {**os.environ, "NX_PLAN": str(plan.resolve()), "NX_OUT": str(out.resolve())}
    subprocess.run([_which("xvfb-run"), "-a", exe, "-g", "-ns", "-py", str(runner)],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=600, env=env)
    if not out.is_file() or not status.is_file():
        raise RuntimeError(f"scribus wrote no PDF for {plan}")
    problems = json.loads(status.read_text("utf-8"))["problems"]
    status.unlink()
    if problems:
        raise RuntimeError(f"scribus: {'; '.join(problems[:5])}")


def ghostscript_pdf(src: Path, out: Path) -> None:
    """Re-distil ``src`` with Ghostscript's pdfwrite device (defaults), as print shops do."""
    exe = _which("gs")
    subprocess.run([exe, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                    f"-sOutputFile={out}", str(src)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    if not out.is_file():
        raise RuntimeError(f"gs wrote no PDF for {src}")
