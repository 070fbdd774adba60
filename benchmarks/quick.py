#!/usr/bin/env python3
"""Quick speed check of the issue-5 targets on the committed fixtures (one process, ~1 min).

    python benchmarks/quick.py

Per input, each measurement runs three times and the best process time counts (process
time, so waiting for a CPU on a loaded machine does not count); the totals are divided
by the pages of all inputs. Rows:

    floor page.chars     bare pdfplumber: ``page.chars`` and ``page.hyperlinks`` per page
    backend pdfplumber   ``PdfplumberBackend`` producing RawPages
    backend pdfium       ``PdfiumBackend`` producing RawPages
    extract pdfplumber   ``extract_issue(data)`` (the default backend)
    extract pdfium       ``extract_issue(data, backend="pdfium")``

Issue-5 targets: extract pdfium at most 20 ms/page and at least 4x faster than extract
pdfplumber; extract pdfplumber at most 1.25x the page.chars floor. ``bench.py`` is the
thorough tool (fresh processes, medians, wall and CPU time, memory).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from newsextract import extract_issue
from newsextract.reader import get_backend

ROOT = Path(__file__).resolve().parent.parent
REPS = 3


def best(fn: Callable[[], object], reps: int = REPS) -> float:
    """Return the least process time (seconds) of ``reps`` calls of ``fn``."""
    times = []
    for _ in range(reps):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    """Measure every row over the fixtures and print ms/page and the target ratios."""
    files = sorted((ROOT / "fixtures").glob("*.pdf"))
    pages = 0
    totals = dict.fromkeys(
        ["floor page.chars", "backend pdfplumber", "backend pdfium",
         "extract pdfplumber", "extract pdfium"], 0.0)
    for f in files:
        data = f.read_bytes()

        def floor(path: Path = f) -> None:
            pdf = pdfplumber.open(path)
            for p in pdf.pages:
                p.chars  # noqa: B018 - the access is the work measured
                p.hyperlinks  # noqa: B018
                p.close()
            pdf.close()

        def backend(name: str, data: bytes = data) -> None:
            with get_backend(name).open(data, "x") as source:
                for _raw in source.pages():
                    pass

        with pdfplumber.open(f) as pdf:
            pages += len(pdf.pages)
        totals["floor page.chars"] += best(floor)
        totals["backend pdfplumber"] += best(lambda: backend("pdfplumber"))
        totals["backend pdfium"] += best(lambda: backend("pdfium"))
        totals["extract pdfplumber"] += best(lambda data=data: extract_issue(data))
        totals["extract pdfium"] += best(
            lambda data=data: extract_issue(data, backend="pdfium"))
    for name, seconds in totals.items():
        print(f"{name:20} {seconds / pages * 1000:6.1f} ms/page")
    plumber, pdfium = totals["extract pdfplumber"], totals["extract pdfium"]
    print("ratio extract_plumber/floor", round(plumber / totals["floor page.chars"], 2),
          " pdfplumber/pdfium", round(plumber / pdfium, 2))


if __name__ == "__main__":
    main()
