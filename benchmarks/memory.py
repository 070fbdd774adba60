#!/usr/bin/env python3
"""Peak memory against page count: does reading a long PDF hold every page at once?

    python benchmarks/memory.py                  # 9, 100 and 400 pages, both backends
    python benchmarks/memory.py --pages 9 432    # other page counts

Binds the shipped fixtures, in turn, into bundles of at least each page count
(newsextract.testing.bind_pdfs: every 24 pages hold three issues), then extracts every
issue of each (``extract_issues``) in a fresh process per backend and page count and
prints that process's peak resident memory (``VmHWM`` of /proc/self/status: this process
image's own peak; ``ru_maxrss`` would report the parent's, which Linux carries across
fork + exec), its CPU seconds, and the peak of a process that only imports newsextract.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ["ci-2023-01", "ci-2024-03", "ci-2025-07"]

_CHILD = """
import sys, time
from newsextract import extract_issues
{work}
cpu = time.process_time()
peak = next(int(line.split()[1]) // 1024 for line in open("/proc/self/status")
            if line.startswith("VmHWM:"))
print(issues, pages, round(cpu, 2), peak)
"""

_EXTRACT = """
issues = pages = 0
for issue in extract_issues(sys.argv[1], backend=sys.argv[2]):
    issues += 1
    pages = issue.source.page_count
"""

_IMPORT = """
import newsextract.reader.pdfium, pdfplumber  # what extraction imports, nothing read
issues = pages = 0
"""


def bundle_of(pages: int) -> bytes:
    """Return the fixtures bound in turn until at least ``pages`` pages (one if 9 or fewer)."""
    from newsextract.testing import bind_pdfs

    if pages <= 9:
        return (ROOT / "fixtures" / "ci-2024-03.pdf").read_bytes()
    datas = [(ROOT / "fixtures" / f"{n}.pdf").read_bytes() for n in FIXTURES]
    return bind_pdfs(itertools.cycle(datas), max_pages=pages)


def measure(path: Path | None, backend: str) -> tuple[int, int, float, int]:
    """Run one fresh process; return (issues, pages, CPU seconds, peak MiB)."""
    code = _CHILD.format(work=_EXTRACT if path is not None else _IMPORT)
    args = [sys.executable, "-c", code, str(path or ""), backend]
    out = subprocess.run(args, capture_output=True, text=True, check=True,
                         timeout=1800).stdout.split()
    return int(out[0]), int(out[1]), float(out[2]), int(out[3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[9, 100, 400])
    parser.add_argument("--backends", nargs="+", default=["pdfplumber", "pdfium"])
    args = parser.parse_args()
    print("| backend | pages | issues | CPU s | peak RSS MiB | over import only |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for n in args.pages:
            paths[n] = Path(tmp) / f"bundle-{n}.pdf"
            paths[n].write_bytes(bundle_of(n))
        for backend in args.backends:
            _, _, _, base = measure(None, backend)
            print(f"| {backend} | import only | | | {base} | |", flush=True)
            for n in args.pages:
                issues, pages, cpu, peak = measure(paths[n], backend)
                print(f"| {backend} | {pages} | {issues} | {cpu:.1f} | {peak} | {peak - base} |",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
