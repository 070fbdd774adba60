"""Throughput of `newsextract convert` on a 200-file batch, with --jobs 1 and --jobs 2.

    python benchmarks/batch_throughput.py                 # 200 files from fixtures/*.pdf
    python benchmarks/batch_throughput.py --files 50 --jobs 1 2 4 --backend pdfium

The batch is built in a temporary folder from the fixture PDFs. The batch skips inputs
whose bytes it has already seen (resume and de-duplication go by SHA-256), so every copy
gets a harmless PDF comment line (``%copy N``) appended after ``%%EOF``, which changes
the hash but not the document.

Each run happens in a fresh child process so that its peak memory is its own; the table
shows files/s, pages/s, the parent's peak RSS (ru_maxrss of the process running
``convert``), the largest worker's peak RSS, the parent's CPU time and the workers' CPU
seconds per file (which, unlike the rates, does not depend on what else the machine runs;
``uptime`` is printed so a loaded machine shows).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_batch(fixtures: list[Path], folder: Path, count: int) -> int:
    """Write ``count`` distinct copies of the fixtures into ``folder``; return total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(count):
        src = fixtures[n % len(fixtures)]
        data = src.read_bytes()
        if not data.endswith(b"\n"):
            data += b"\n"
        data += f"%copy {n}\n".encode()
        (folder / f"{src.stem}-{n:04d}.pdf").write_bytes(data)
        total += len(data)
    return total


def run_one(batch: Path, out: Path, jobs: int, backend: str) -> dict[str, float]:
    """Convert ``batch`` with ``jobs`` workers in this process; return the measurements."""
    from newsextract.batch import convert

    start = time.perf_counter()
    report = convert([batch], out / "issues.jsonl", jobs=jobs, resume=False, backend=backend)
    elapsed = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_peak = own.ru_maxrss / 1024
    child_peak = children.ru_maxrss / 1024
    files = report.succeeded + report.failed
    return {
        "jobs": jobs,
        "files": report.succeeded + report.failed,
        "failed": report.failed,
        "pages": report.pages,
        "seconds": elapsed,
        "files_per_s": (report.succeeded + report.failed) / elapsed,
        "pages_per_s": report.pages / elapsed,
        "parent_peak_rss_mib": self_peak,
        "worker_peak_rss_mib": child_peak,
        "parent_cpu_s": own.ru_utime + own.ru_stime,
        "worker_cpu_s_per_file": (children.ru_utime + children.ru_stime) / max(1, files),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--fixtures", type=Path, default=ROOT / "fixtures")
    parser.add_argument("--backend", nargs="+", default=["pdfplumber", "pdfium"],
                        choices=["pdfplumber", "pdfium"])
    parser.add_argument("--_run", nargs=4, metavar=("BATCH", "OUT", "JOBS", "BACKEND"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._run:
        batch, out, jobs, backend = args._run
        print(json.dumps(run_one(Path(batch), Path(out), int(jobs), backend)))
        return 0

    fixtures = sorted(args.fixtures.glob("*.pdf"))
    if not fixtures:
        print(f"no PDFs in {args.fixtures}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="newsextract-bench-"))
    try:
        size = build_batch(fixtures, tmp / "batch", args.files)
        print(
            f"batch: {args.files} files ({size / 2**20:.1f} MiB) from {len(fixtures)} fixtures; "
            f"python {sys.version.split()[0]}"
        )
        print(
            f"{'backend':>10} {'jobs':>4} {'files':>5} {'failed':>6} {'pages':>6} {'seconds':>8} "
            f"{'files/s':>8} {'pages/s':>8} {'parent MiB':>10} {'worker MiB':>10} "
            f"{'parent CPU s':>12} {'CPU s/file':>10}"
        )
        for backend, jobs in [(b, j) for b in args.backend for j in args.jobs]:
            out = tmp / f"out-{backend}-{jobs}"
            done = subprocess.run(
                [sys.executable, __file__, "--_run", str(tmp / "batch"), str(out), str(jobs),
                 backend],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{backend:>10} {r['jobs']:>4} {r['files']:>5} {r['failed']:>6} {r['pages']:>6} "
                f"{r['seconds']:>8.1f} {r['files_per_s']:>8.2f} {r['pages_per_s']:>8.1f} "
                f"{r['parent_peak_rss_mib']:>10.1f} {r['worker_peak_rss_mib']:>10.1f} "
                f"{r['parent_cpu_s']:>12.1f} {r['worker_cpu_s_per_file']:>10.2f}",
                flush=True,
            )
        load = Path("/proc/loadavg")
        if load.exists():
            print("load average (1, 5, 15 min):", " ".join(load.read_text().split()[:3]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
