#!/usr/bin/env python3
"""Render the committed test fixtures: fixtures/src/NAME.json -> fixtures/NAME.pdf + NAME.json.

Each source file is ``{"issue": <Issue JSON without contents/pages/source/warnings>,
"layout": {<Layout kwargs>}, "expected_warnings": [<ExtractionWarning JSON>], "notes": ...}``
("notes" and other keys are ignored). For each one this script writes

* ``fixtures/NAME.pdf``  - the PDF from :func:`newsextract.testing.render_issue`;
* ``fixtures/NAME.json`` - the golden issue: ``Rendered.issue`` with ``source`` =
  {file_name: "NAME.pdf", sha256 of the PDF, page_count} and ``warnings`` =
  expected_warnings, dumped with ``model_dump_json(indent=2)``.

Rendering is deterministic, so re-running on unchanged sources rewrites identical bytes;
``--check`` verifies that instead of writing (exit status 1 when anything differs). Where
the bytes differ, ``--check`` still passes a fixture whose PDF prints the same thing - the
same chars with the same boxes, sizes and style (bold/italic by font name), the same link
targets and rectangles - and whose golden differs only in the PDF's sha256: the committed
PDFs were rendered with the full Debian fonts, the renderer now embeds the packaged subsets
(same metrics, other font programs; the serif family renamed, see tools/build_fonts.py).

Requirements (what the renderer needs to produce the committed bytes):

* pip: ``reportlab`` (>= 5; fixtures were made with 5.1), ``pyphen`` (``hyphenate``
  layouts), plus this package: ``pip install -c requirements/test.lock -e '.[test]'``. It
  ships its fonts (no font packages needed); ``poppler-utils`` (apt) for ``--png``.

Usage::

    python tools/make_fixtures.py                 # all fixtures/src/*.json
    python tools/make_fixtures.py ci-2024-03      # just these names
    python tools/make_fixtures.py --png /tmp/png  # also write page images (60 dpi)
    python tools/make_fixtures.py --check         # verify committed files are up to date
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from newsextract.models import ExtractionWarning, Issue, SourceFile
from newsextract.testing import Layout, render_issue

ROOT = Path(__file__).resolve().parent.parent


def page_count(pdf: bytes) -> int:
    """Count pages with pdfplumber (an independent reader, not the renderer's own count)."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def render_one(src: Path) -> tuple[bytes, str]:
    """Return (pdf bytes, golden JSON text) for one source file."""
    data: dict[str, Any] = json.loads(src.read_text(encoding="utf-8"))
    issue = Issue.model_validate(data["issue"])
    layout = Layout(**data.get("layout", {}))
    warnings = [ExtractionWarning.model_validate(w) for w in data.get("expected_warnings", [])]
    rendered = render_issue(issue, layout)
    pdf = rendered.pdf
    golden = rendered.issue.model_copy(update={
        "source": SourceFile(
            file_name=f"{src.stem}.pdf",
            sha256=hashlib.sha256(pdf).hexdigest(),
            page_count=page_count(pdf),
        ),
        "warnings": warnings,
    })
    # Round-trip through validation so a broken golden file can never be written.
    text = Issue.model_validate_json(golden.model_dump_json()).model_dump_json(indent=2) + "\n"
    return pdf, text


def printed(pdf: bytes) -> list[Any]:
    """Return what a reader sees of ``pdf``: per page its size, chars and links (pdfplumber).

    Chars as (text, x0, top, x1, bottom, size, bold, italic), coordinates rounded to 1/1000
    pt, the style from the font name (subset tags and family names aside).
    """
    import io

    import pdfplumber

    from newsextract.reader.glyphs import font_style

    out: list[Any] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            chars = [(c["text"], *(round(float(c[k]), 3) for k in
                                   ("x0", "top", "x1", "bottom", "size")),
                      *font_style(str(c["fontname"]))) for c in page.chars]
            links = [(h.get("uri"), *(round(float(h[k]), 3) for k in
                                      ("x0", "top", "x1", "bottom"))) for h in page.hyperlinks]
            out.append((round(float(page.width), 3), round(float(page.height), 3), chars, links))
    return out


def same_print(old_pdf: bytes, old_json: str, pdf: bytes, text: str) -> bool:
    """Say whether two renderings print the same (see the module docs) and agree on the golden."""
    def unsourced(golden: str) -> Any:
        data = json.loads(golden)
        data["source"].pop("sha256", None)
        return data

    return unsourced(old_json) == unsourced(text) and printed(old_pdf) == printed(pdf)


def write_png(pdf_path: Path, out_dir: Path) -> None:
    """Write ``out_dir/NAME-<page>.png`` at 60 dpi with poppler's pdftoppm."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf_path), str(out_dir / pdf_path.stem)],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from tools.fixture_profiles import install_fixture_profiles

    install_fixture_profiles()  # the invented newsletter's profile (fixtures/profiles)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", help="fixture names (default: every source file)")
    ap.add_argument("--src", type=Path, default=ROOT / "fixtures" / "src")
    ap.add_argument("--out", type=Path, default=ROOT / "fixtures")
    ap.add_argument("--png", type=Path, metavar="DIR", help="also write page images here")
    ap.add_argument("--check", action="store_true", help="compare, do not write")
    args = ap.parse_args(argv)

    sources = sorted(args.src.glob("*.json"))
    if args.names:
        wanted = {n.removesuffix(".json") for n in args.names}
        missing = wanted - {s.stem for s in sources}
        if missing:
            print(f"no source for: {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
        sources = [s for s in sources if s.stem in wanted]
    if not sources:
        print(f"no fixture sources in {args.src}", file=sys.stderr)
        return 2

    stale = 0
    for src in sources:
        try:
            pdf, text = render_one(src)
        except (ValueError, KeyError, TypeError) as exc:
            print(f"{src.name}: cannot render: {exc}", file=sys.stderr)
            return 1
        pdf_path, json_path = args.out / f"{src.stem}.pdf", args.out / f"{src.stem}.json"
        if args.check:
            if not (pdf_path.is_file() and json_path.is_file()):
                verdict = "STALE"
            elif (pdf_path.read_bytes() == pdf
                  and json_path.read_text(encoding="utf-8") == text):
                verdict = "ok"
            elif same_print(pdf_path.read_bytes(), json_path.read_text(encoding="utf-8"),
                            pdf, text):
                verdict = "ok (prints the same; the bytes differ)"
            else:
                verdict = "STALE"
            print(f"{src.stem}: {verdict}")
            stale += verdict == "STALE"
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        pdf_path.write_bytes(pdf)
        json_path.write_text(text, encoding="utf-8")
        pages = json.loads(text)["source"]["page_count"]
        print(f"{src.stem}: {pages} pages, {len(pdf)} bytes -> {pdf_path}")
        if args.png:
            write_png(pdf_path, args.png)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
