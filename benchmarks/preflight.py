#!/usr/bin/env python3
"""What the inflation preflight costs and saves (newsextract.preflight).

    python benchmarks/preflight.py            # both backends, 5 repetitions

Prints, per backend: the peak RSS of a fresh process given the 1 MB → 1 GiB decompression
bomb (refused by the preflight), and the preflight's CPU time over the fixtures as a share
of extracting them (median of the repetitions, one run, so the ratio is not disturbed by
a busy machine the way two runs would be).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_BOMB = """
import resource, sys, time
sys.path.insert(0, {tests!r})
from test_batch_support import bomb_pdf
from newsextract import ResourceLimitError, extract_issue
data = bomb_pdf(1024)
t = time.process_time()
try:
    extract_issue(data, backend={backend!r})
    outcome = "extracted"
except ResourceLimitError as exc:
    outcome = "refused"
cpu = time.process_time() - t
# VmHWM is this process image's own peak (ru_maxrss keeps the parent's across fork + exec)
fallback = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
peak = next((int(line.split()[1]) // 1024 for line in open("/proc/self/status")
             if line.startswith("VmHWM:")), fallback)
print(outcome, round(cpu, 2), peak)
"""


def _bomb(backend: str) -> tuple[str, float, int]:
    code = _BOMB.format(tests=str(ROOT / "tests"), backend=backend)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=600).stdout.split()
    return out[0], float(out[1]), int(out[2])


def _costs(backend: str, reps: int) -> tuple[float, float]:
    from newsextract import extract_issue
    from newsextract.preflight import check_inflation

    datas = [(p.name, p.read_bytes()) for p in sorted((ROOT / "fixtures").glob("*.pdf"))]
    pre: list[float] = []
    full: list[float] = []
    for _name, data in datas:  # warm up caches and imports
        extract_issue(data, backend=backend)
    for _ in range(reps):
        t = time.process_time()
        for name, data in datas:
            check_inflation(data, name)
        pre.append(time.process_time() - t)
        t = time.process_time()
        for _name, data in datas:
            extract_issue(data, backend=backend)
        full.append(time.process_time() - t)
    return statistics.median(pre), statistics.median(full)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    print("| backend | bomb (1 MB → 1 GiB) | CPU s | peak RSS MiB | preflight ms (fixtures) "
          "| extract ms (fixtures) | preflight share |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for backend in ("pdfplumber", "pdfium"):
        outcome, cpu, rss = _bomb(backend)
        pre, full = _costs(backend, args.reps)
        print(f"| {backend} | {outcome} | {cpu:.2f} | {rss} | {pre * 1000:.1f} | "
              f"{full * 1000:.1f} | {pre / full:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
