#!/usr/bin/env python3
"""Which fixture or engine rendering shows each LayoutParams field: move it, see what moves.

    python tools/params_evidence.py                    # print the table (Markdown)
    python tools/params_evidence.py --details          # and the first changed block of each
    python tools/params_evidence.py --write docs/architecture.md
    python tools/params_evidence.py --write docs/architecture.md --only bullet_max_em ...

Every PDF of ``fixtures/`` and ``fixtures/engines/`` is read once (pdfplumber's raw chars);
then, for each field, the reader runs again with the field moved down and up (lengths and
ratios halved and doubled, shares halved and raised by half (at most 1), whole numbers
one less and one more, or halved and doubled from 10 up) and its blocks (page, column,
text, styles and links, line count) and removed running lines are compared with those at
the defaults. Where neither move changes any PDF, the field is moved far (a tenth and ten
times; shares to 0.05 and 1; whole numbers to 1 and four times). A PDF whose reading
changes shows what the field decides; a field no move shows is a guard for input the
fixtures do not have, unless one of the stored round-trip cases (``tests/roundtrip_cases``,
rendered here; ``--no-cases`` skips them) shows it. ``--write`` replaces the table between
the ``params-table`` markers of the given file. ``--only`` measures the named fields only
and keeps the other rows of the ``--write`` file as they are (a field without a row there is
measured too; a row whose field no longer exists is dropped): a quick update after adding
or renaming a field, not a substitute for the full run.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsextract.reader import get_backend, read_document
from newsextract.reader.backend import RawPage
from newsextract.reader.params import LayoutParams, param_info
from newsextract.reader.types import Document

ROOT = Path(__file__).resolve().parents[1]
START = "<!-- params-table:start (tools/params_evidence.py --write) -->"
END = "<!-- params-table:end -->"

Reading = tuple[list[tuple[int, int, str, int, tuple[object, ...]]], list[str]]


class _Replay:
    """A backend handing out pages read before (so each variant costs the reader only)."""

    name = "replay"

    def __init__(self, pages: list[RawPage]) -> None:
        self._pages = pages

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def pages(self) -> Iterator[RawPage]:
        yield from self._pages

    @contextmanager
    def open(self, data: bytes, display_name: str, password: str | None = None) -> Iterator[
            _Replay]:
        yield self


def _raw(pdf: Path) -> list[RawPage]:
    with get_backend("pdfplumber").open(pdf.read_bytes(), pdf.name) as source:
        return list(source.pages())


def _reading(doc: Document) -> Reading:
    blocks = [(b.page, b.column, b.text, len(b.lines),
               tuple((s.start, s.end, s.bold, s.italic, s.superscript, s.link) for s in b.spans))
              for b in doc.blocks]
    return blocks, [ln.text for ln in doc.removed]


def _variants(default: float, unit: str, far: bool) -> list[tuple[str, float]]:
    if unit == "count":
        d = int(default)
        if far:
            return [("1", 1)] * (d > 2) + [(f"{d * 4}", d * 4)]
        if d >= 10:
            return [("÷2", d // 2), ("×2", d * 2)]
        return [(f"{d - 1}", d - 1)] * (d > 1) + [(f"{d + 1}", d + 1)]
    if unit == "share":
        if far:
            return [("0.05", 0.05)] + [("1", 1.0)] * (default * 1.5 < 1.0)
        return [("×½", default / 2), ("×1.5", min(1.0, default * 1.5))]
    if far:
        return [("×0.1", default / 10), ("×10", default * 10)]
    return [("×½", default / 2), ("×2", default * 2)]


def _first_change(a: Reading, b: Reading) -> str:
    for x, y in zip(a[0], b[0]):
        if x != y:
            return f"{x[2][:70]!r} → {y[2][:70]!r}"
    if len(a[0]) != len(b[0]):
        return f"{len(a[0])} blocks → {len(b[0])}"
    return f"running lines {len(a[1])} → {len(b[1])}"


def _changed(a: Reading, b: Reading) -> int:
    """Count the blocks (and running lines) of one reading not in the other."""
    only_a = [x for x in a[0] if x not in b[0]]
    only_b = [x for x in b[0] if x not in a[0]]
    return max(len(only_a), len(only_b)) + len(set(a[1]) ^ set(b[1]))


def _rendered_cases() -> dict[str, list[RawPage]]:
    """Render the stored round-trip cases (tests/roundtrip_cases) and read their pages."""
    import json

    from newsextract.models import Issue
    from newsextract.testing import Layout, render_issue

    out: dict[str, list[RawPage]] = {}
    for path in sorted((ROOT / "tests" / "roundtrip_cases").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        layout = dict(data["layout"])
        layout["story_labels"] = {int(k): v for k, v in layout["story_labels"].items()}
        try:
            pdf = render_issue(Issue.model_validate(data["issue"]), Layout(**layout)).pdf
        except ValueError:  # the fonts of this machine do not print it faithfully
            continue
        with get_backend("pdfplumber").open(pdf, path.name) as source:
            out[f"case {path.stem}"] = list(source.pages())
    return out


def _evidence(name: str, default: float, unit: str,
              corpora: list[dict[str, list[RawPage]]],
              bases: list[dict[str, Reading]]) -> tuple[list[str], list[str]]:
    """Return what shows the field (and the first change of each), the first corpus first."""
    for raws, base in zip(corpora, bases):
        for far in (False, True):
            shown: list[str] = []
            details: list[str] = []
            for label, value in _variants(default, unit, far):
                params = dataclasses.replace(LayoutParams(), **{name: value})
                hits = []
                for n, r in raws.items():
                    got = _reading(read_document(b"", n, _Replay(r), params=params))  # type: ignore[arg-type]
                    if got != base[n]:
                        hits.append((n, _changed(base[n], got), _first_change(base[n], got)))
                if hits:
                    n, count, change = max(hits, key=lambda h: ("--" not in h[0], h[1]))
                    more = f" and {len(hits) - 1} more" if len(hits) > 1 else ""
                    shown.append(f"{label}: {n} ({count}){more}")
                    details.append(f"{name} {label}: {n}: {change}")
            if shown:
                return shown, details
    return [], []


def _rows(path: Path) -> dict[str, str]:
    """Return the rows of the table in ``path`` by field name (none without the markers)."""
    text = path.read_text("utf-8")
    if START not in text or END not in text:
        return {}
    table = text.split(START, 1)[1].split(END, 1)[0]
    return {line.split("|")[1].strip(" `"): line for line in table.splitlines()
            if line.startswith("| `")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="show the first change of each")
    ap.add_argument("--write", type=Path, help="replace the table in this file")
    ap.add_argument("--no-cases", action="store_true",
                    help="do not fall back to the rendered round-trip cases")
    ap.add_argument("--only", nargs="+", metavar="FIELD",
                    help="measure these fields only; keep the --write file's other rows")
    args = ap.parse_args()
    kept = _rows(args.write) if args.only and args.write else {}
    pdfs = sorted((ROOT / "fixtures").glob("*.pdf")) + sorted(
        (ROOT / "fixtures" / "engines").glob("*.pdf"))
    corpora = [{p.stem: _raw(p) for p in pdfs}]
    if not args.no_cases:
        corpora.append(_rendered_cases())
    bases = [{n: _reading(read_document(b"", n, _Replay(r))) for n, r in raws.items()}  # type: ignore[arg-type]
             for raws in corpora]
    rows = ["| field | default | unit | decides | shown by (value moved: blocks changed) |",
            "|---|---|---|---|---|"]
    details: list[str] = []
    start = time.process_time()
    for info in param_info():
        if args.only and info.name not in args.only and info.name in kept:
            rows.append(kept[info.name])
            continue
        shown, found = _evidence(info.name, info.default, info.unit, corpora, bases)
        details += found
        evidence = "; ".join(shown) or (
            "none: moved far, no fixture, rendering or stored case changes (a guard)")
        default = f"{info.default:g}" if isinstance(info.default, float) else str(info.default)
        rows.append(f"| `{info.name}` | {default} | {info.unit} | {info.decides} | {evidence} |")
        print(f"{info.name}: {evidence}", file=sys.stderr)
    print(f"{time.process_time() - start:.0f} s", file=sys.stderr)
    table = "\n".join(rows)
    if args.write:
        text = args.write.read_text("utf-8")
        pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
        if not pattern.search(text):
            print(f"{args.write}: no params-table markers", file=sys.stderr)
            return 1
        args.write.write_text(pattern.sub(lambda _m: f"{START}\n{table}\n{END}", text), "utf-8")
    else:
        print(table)
    if args.details:
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
