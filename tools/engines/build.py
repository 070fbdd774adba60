#!/usr/bin/env python3
"""Build the multi-engine corpus: fixtures/engines/NAME--ENGINE-VARIANT.pdf + manifest.json.

Each golden ``fixtures/NAME.json`` (plus the label spellings of ``fixtures/src/NAME.json``) is
laid out as a page plan (:mod:`tools.engines.model`), written as HTML+CSS, FODT or Typst
source and printed by the real engine:

* ``chromium``    headless Chromium ``--print-to-pdf`` (Debian ``chromium``);
* ``libreoffice`` ``soffice --headless --convert-to pdf`` from a flat ODT (Debian
  ``libreoffice-writer-nogui``, ``hyphen-en-us`` for hyphenation);
* ``typst``       ``typst.compile`` (PyPI ``typst``);
* ``weasyprint``  WeasyPrint (PyPI ``weasyprint``; Pango from Debian), same HTML as Chromium
  but CSS ``leader()`` instead of the leader script and real ``hyphens: auto`` (pyphen).

Fonts: Debian ``fonts-dejavu``, ``fonts-liberation2``, ``fonts-noto-cjk``,
``fonts-wqy-zenhei``. Post-processing needs PyPI ``pikepdf``; ``pyphen`` gives the soft
hyphens of the Chromium variants. See docs/engines.md.

Usage (from the repository root)::

    python -m tools.engines.build                      # every variant
    python -m tools.engines.build --engine typst       # one engine
    python -m tools.engines.build ci-2024-03--chromium-a4-justify
    python -m tools.engines.build --png /tmp/engines   # also page images (50 dpi)

The generated sources are kept next to the PDFs in ``fixtures/engines/src/``. PDFs embed
creation dates, so re-running changes bytes but not content. Every PDF is checked against
its page plan with pdfplumber (page count, first/last paragraph of every page); a mismatch
is an error, so a committed PDF always has the golden's page numbers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.engines import engines, postprocess  # noqa: E402
from tools.engines.model import Doc, build_doc  # noqa: E402
from tools.engines.variants import VARIANTS, Variant  # noqa: E402

OUT = ROOT / "fixtures" / "engines"
SRC = OUT / "src"


def _scribus(doc: Doc, v: Variant, pdf: Path) -> Path:
    """Two Scribus passes (items marked, then bullets drawn), per-line links, shuffling."""
    from tools.engines.scribus_writer import bullet_shapes, frame_plan, second_pass

    src = SRC / f"{v.file_stem}.json"
    plan = frame_plan(doc, v)
    first = pdf.with_suffix(".pass1.pdf")
    src.write_text(json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    try:
        engines.scribus_pdf(src, first)
        plan = second_pass(plan, bullet_shapes(first, plan, v))
    finally:
        first.unlink(missing_ok=True)
    src.write_text(json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    engines.scribus_pdf(src, pdf)
    postprocess.add_line_links(pdf, plan)
    if v.shuffle:
        postprocess.shuffle_text(pdf, seed=v.file_stem)
    return src


def build_one(v: Variant) -> dict[str, object]:
    doc = build_doc(v.fixture)
    SRC.mkdir(parents=True, exist_ok=True)
    pdf = OUT / f"{v.file_stem}.pdf"
    if v.engine == "chromium":
        from tools.engines.html_writer import write_html

        src = SRC / f"{v.file_stem}.html"
        src.write_text(write_html(doc, v), encoding="utf-8")
        engines.chromium_pdf(src, pdf)
    elif v.engine == "weasyprint":
        from tools.engines.html_writer import write_html

        src = SRC / f"{v.file_stem}.html"
        src.write_text(write_html(doc, v), encoding="utf-8")
        engines.weasyprint_pdf(src, pdf)
    elif v.engine == "typst":
        from tools.engines.typst_writer import write_typst

        src = SRC / f"{v.file_stem}.typ"
        src.write_text(write_typst(doc, v), encoding="utf-8")
        engines.typst_pdf(src, pdf)
    elif v.engine == "libreoffice":
        from tools.engines.fodt_writer import write_fodt

        src = SRC / f"{v.file_stem}.fodt"
        src.write_text(write_fodt(doc, v), encoding="utf-8")
        engines.libreoffice_pdf(src, pdf)
    elif v.engine == "scribus":
        src = _scribus(doc, v, pdf)
    elif v.engine == "word":
        from tools.engines.docx_writer import write_docx

        src = SRC / f"{v.file_stem}.docx"
        src.write_bytes(write_docx(doc, v))
        engines.libreoffice_pdf(src, pdf)
    elif v.engine == "ghostscript":
        src = OUT / f"{v.base}.pdf"
        engines.ghostscript_pdf(src, pdf)
    else:
        raise ValueError(f"unknown engine {v.engine!r}")
    merged = postprocess.merge_links(pdf) if v.merge_links else 0
    problems = postprocess.check_pages(pdf, doc)
    if problems:
        raise RuntimeError(f"{pdf.name}: page plan not kept: " + "; ".join(problems[:5]))
    fonts = postprocess.font_report(pdf)
    cjk = [f"CJK font {name} embedded as {kind}" for kind, names in fonts.items()
           for name in names if "CJK" in name or "WenQuanYi" in name]
    return {
        "file": pdf.name,
        "golden": f"{v.fixture}.json",
        "engine": v.engine,
        "variant": v.name,
        "source": f"src/{src.name}" if src.parent == SRC else src.name,
        "page_size": v.page,
        "fonts": fonts,
        "features": [*v.features, *cjk,
                     *([f"{merged} wrapped links merged into one annotation"] if merged else [])],
        "bytes": pdf.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="file stems (NAME--ENGINE-VARIANT) to rebuild")
    ap.add_argument("--engine", action="append", help="only these engines")
    ap.add_argument("--png", type=Path, metavar="DIR", help="also write 50 dpi page images")
    args = ap.parse_args(argv)
    chosen = [v for v in VARIANTS
              if (not args.names or v.file_stem in args.names)
              and (not args.engine or v.engine in args.engine)]
    if not chosen:
        print("nothing to build", file=sys.stderr)
        return 2
    manifest_path = OUT / "manifest.json"
    old = {}
    if manifest_path.is_file():
        old = {e["file"]: e for e in json.loads(manifest_path.read_text("utf-8"))["renderings"]}
    failed = 0
    for v in chosen:
        try:
            entry = build_one(v)
        except (RuntimeError, ValueError, subprocess.SubprocessError) as exc:
            print(f"{v.file_stem}: FAILED: {exc}", file=sys.stderr)
            failed += 1
            continue
        old[str(entry["file"])] = entry
        print(f"{v.file_stem}: {entry['bytes']} bytes")
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-r", "50", "-png", str(OUT / str(entry["file"])),
                            str(args.png / v.file_stem)], check=True)
    order = {v.file_stem + ".pdf": i for i, v in enumerate(VARIANTS)}
    entries = sorted((e for f, e in old.items() if f in order), key=lambda e: order[e["file"]])
    manifest_path.write_text(json.dumps({
        "about": "Real-engine renderings of the fixture goldens; see docs/engines.md. "
                 "Each file must extract to its golden (source aside).",
        "renderings": entries,
    }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
