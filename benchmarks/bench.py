#!/usr/bin/env python3
"""Reader speed and memory: library floors vs. our backends vs. the whole extraction.

    python benchmarks/bench.py                        # fixtures/*.pdf
    python benchmarks/bench.py more/ a.pdf --reps 7   # plus these PDFs (folders or files)
    python benchmarks/bench.py --profile              # cProfile of extract_issue, top 25
    python benchmarks/bench.py --profile --backend pdfplumber

Measurements (each in a fresh subprocess, so imports, caches and peak RSS are its own):

    a  plumber floor   bare pdfplumber: ``page.chars`` and ``page.hyperlinks``, ``page.close()``
    b  pdfium floor    bare pypdfium2: ``textpage.get_text_range()`` per page
    f  char floor      bare pypdfium2 loop over every char: its text, loose box and font
                       size (``FPDFText_GetUnicode``, ``FPDFText_GetLooseCharBox``,
                       ``FPDFText_GetFontSize``): the least any per-char reader pays
    c  backend         ``PdfplumberBackend`` / ``PdfiumBackend`` producing RawPages
    d  extract_issue   ``extract_issue(data, backend=...)`` (the whole pipeline)

Each worker reads every input once untimed (warm-up), then ``--reps`` timed times; the
table gives the median over repetitions of (wall time for all inputs) / (pages), CPU time
the same way, pages per second, the peak RSS of the worker process
(``resource.getrusage``), and the ratios to the floors a, b and f; ``--per-file`` adds a
per-input table with the default path's ratio to the char floor. The work is single-threaded,
so on an idle machine CPU time equals wall time; on a loaded one wall time is inflated by
waiting, so the ratios are computed from CPU time.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: (key, label) in table order.
MODES: list[tuple[str, str]] = [
    ("floor-plumber", "a. pdfplumber floor (chars + hyperlinks)"),
    ("floor-pdfium", "b. pypdfium2 floor (get_text_range)"),
    ("floor-chars", "f. pypdfium2 char floor (text, box, font size per char)"),
    ("backend-pdfplumber", "c. PdfplumberBackend → RawPages"),
    ("backend-pdfium", "c. PdfiumBackend → RawPages"),
    ("extract-pdfplumber", "d. extract_issue(backend='pdfplumber')"),
    ("extract-pdfium", "d. extract_issue(backend='pdfium')"),
]


# ------------------------------------------------------------------------------ inputs


def find_inputs(extra: list[str]) -> list[Path]:
    """Return the committed fixtures plus the given PDFs / folders of PDFs."""
    paths = sorted((ROOT / "fixtures").glob("*.pdf"))
    for item in extra:
        p = Path(item)
        if p.is_dir():
            paths.extend(sorted(p.glob("*.pdf")))
        elif p.is_file():
            paths.append(p)
        else:
            sys.exit(f"bench: no such file or folder: {item}")
    return paths


# ------------------------------------------------------------------- the measured work


def run_floor_plumber(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        n = 0
        for page in pdf.pages:
            _ = page.chars
            # pdfplumber fails on some annotation trees (RecursionError); the floor goes on
            with contextlib.suppress(Exception):
                _ = page.hyperlinks
            page.close()
            n += 1
        return n


def run_floor_pdfium(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        n = 0
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            _ = textpage.get_text_range()
            textpage.close()
            page.close()
            n += 1
        return n
    finally:
        pdf.close()


def run_floor_chars(data: bytes) -> int:
    """Read every char's text, loose box and font size with bare pypdfium2 calls."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    rect = raw.FS_RECTF()
    rect_p = ctypes.byref(rect)
    unicode, box, size = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox, \
        raw.FPDFText_GetFontSize
    try:
        n = 0
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            tp = textpage.raw
            for k in range(raw.FPDFText_CountChars(tp)):
                _ = (chr(unicode(tp, k)), box(tp, k, rect_p), rect.left, rect.top,
                     rect.right, rect.bottom, size(tp, k))
            textpage.close()
            page.close()
            n += 1
        return n
    finally:
        pdf.close()


def run_backend(name: str) -> Callable[[bytes], int]:
    from newsextract.reader.pdfium import PdfiumBackend
    from newsextract.reader.plumber import PdfplumberBackend

    backend: Any = PdfiumBackend() if name == "pdfium" else PdfplumberBackend()

    def run(data: bytes) -> int:
        n = 0
        with backend.open(data, "bench.pdf") as source:
            for _ in source.pages():
                n += 1
        return n

    return run


def run_extract(name: str) -> Callable[[bytes], int]:
    from newsextract.api import extract_issue

    def run(data: bytes) -> int:
        extract_issue(data, backend=name)
        return 0

    return run


def work_for(mode: str) -> Callable[[bytes], int]:
    if mode == "floor-plumber":
        return run_floor_plumber
    if mode == "floor-pdfium":
        return run_floor_pdfium
    if mode == "floor-chars":
        return run_floor_chars
    if mode.startswith("backend-"):
        return run_backend(mode.split("-", 1)[1])
    if mode.startswith("extract-"):
        return run_extract(mode.split("-", 1)[1])
    raise SystemExit(f"bench: unknown mode {mode}")


def worker(mode: str, files: list[str], reps: int, counts: list[int]) -> dict[str, Any]:
    """Run one measurement in this (fresh) process; return its figures.

    ms/page divides by ``counts`` (pypdfium2's page counts, the same for every mode). An
    input that raises a NewsExtractError (e.g. a non-newsletter under extract_issue) still
    counts: its time is real work; the number of such inputs is reported.
    """
    from newsextract.errors import NewsExtractError

    datas = [Path(f).read_bytes() for f in files]
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    failed: set[int] = set()

    def once(run: Callable[[bytes], int], i: int) -> None:
        try:
            run(datas[i])
        except NewsExtractError:
            failed.add(i)

    try:
        run = work_for(mode)
        for i in range(len(datas)):  # warm-up
            once(run, i)
    except NotImplementedError as exc:
        return {"mode": mode, "pending": f"NotImplementedError {exc}".strip()}
    except Exception as exc:
        return {"mode": mode, "error": f"{type(exc).__name__}: {exc}"}
    per_file: list[float] = [float("inf")] * len(datas)
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(reps):
        w0, c0 = time.perf_counter(), time.process_time()
        for i in range(len(datas)):
            t = time.process_time()
            once(run, i)
            per_file[i] = min(per_file[i], time.process_time() - t)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "mode": mode,
        "pages": sum(counts),
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "per_file": per_file,
        "failed_inputs": len(failed),
        "failed_idx": sorted(failed),
        "rss_start_kib": rss_start,
        "rss_peak_kib": peak,
    }


def measure(mode: str, files: list[Path], reps: int, counts: list[int]) -> dict[str, Any]:
    """Run :func:`worker` in a fresh interpreter and return its JSON result."""
    cmd = [sys.executable, __file__, "--worker", mode, "--reps", str(reps),
           "--counts", ",".join(map(str, counts)), *map(str, files)]
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        return {"mode": mode, "error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------------------- reporting


def machine() -> list[str]:
    """Describe the machine: CPUs, CPU model, Python and library versions."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for dist in ("pdfplumber", "pdfminer.six", "pypdfium2", "pydantic", "reportlab"):
        try:
            from importlib.metadata import version

            versions.append(f"{dist} {version(dist)}")
        except Exception:
            versions.append(f"{dist} (not installed)")
    try:
        import pypdfium2

        pdfium_build = str(getattr(pypdfium2, "PDFIUM_INFO", ""))
    except Exception:
        pdfium_build = ""
    load = os.getloadavg() if hasattr(os, "getloadavg") else ()
    return [
        f"- CPUs (`nproc`): {os.cpu_count()}; CPU: {model}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- {', '.join(versions)}" + (f"; pdfium {pdfium_build}" if pdfium_build else ""),
        "- load average at start: " + (", ".join(f"{x:.2f}" for x in load) if load else "n/a"),
    ]


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    """Return the markdown table of all measurements with the ratios to the floors."""
    def ms(r: dict[str, Any], key: str) -> float | None:
        return 1000.0 * r[key] / r["pages"] if r.get("pages") else None

    floor_a = ms(results.get("floor-plumber", {}), "cpu")
    floor_b = ms(results.get("floor-pdfium", {}), "cpu")
    floor_f = ms(results.get("floor-chars", {}), "cpu")
    rows = ["| measurement | ms/page (wall, median) | ms/page (CPU, median) | pages/s (wall) "
            "| peak RSS MiB | ×a (CPU) | ×b (CPU) | ×f (CPU) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for key, label in MODES:
        r = results.get(key)
        if r is None:
            continue
        if "pending" in r:
            rows.append(f"| {label} | pending ({r['pending']}) | | | | | | |")
            continue
        if "error" in r:
            rows.append(f"| {label} | error: {r['error']} | | | | | | |")
            continue
        wall, cpu = ms(r, "wall"), ms(r, "cpu")
        assert wall is not None and cpu is not None
        ratio_a = f"{cpu / floor_a:.2f}" if floor_a and key != "floor-plumber" else "–"
        ratio_b = f"{cpu / floor_b:.2f}" if floor_b and key != "floor-pdfium" else "–"
        ratio_f = f"{cpu / floor_f:.2f}" if floor_f and key != "floor-chars" else "–"
        note = f" ({r['failed_inputs']} inputs raised)" if r.get("failed_inputs") else ""
        rows.append(
            f"| {label}{note} | {wall:.2f} | {cpu:.2f} | {1000.0 / wall:.1f} | "
            f"{r['rss_peak_kib'] / 1024:.0f} | {ratio_a} | {ratio_b} | {ratio_f} |"
        )
    return rows


def per_file_table(results: dict[str, dict[str, Any]], files: list[Path],
                   counts: list[int]) -> list[str]:
    """Return CPU ms/page per input (best repetition) for every measurement that ran.

    The last column is the default path's ratio to the char floor (f) for that input, when
    both ran.
    """
    from newsextract.backends import DEFAULT_BACKEND

    keys = [k for k, _ in MODES if "per_file" in results.get(k, {})]
    default = f"extract-{DEFAULT_BACKEND}"
    ratio = default in keys and "floor-chars" in keys
    head = "| input | pages | " + " | ".join(keys) + (" | default ÷ f |" if ratio else " |")
    rows = [head, "|---|---:|" + "---:|" * (len(keys) + ratio)]
    for i, (path, n) in enumerate(zip(files, counts)):
        cells = [f"{1000.0 * results[k]['per_file'][i] / max(n, 1):.1f}"
                 + ("*" if i in results[k].get("failed_idx", ()) else "") for k in keys]
        if ratio:
            floor = results["floor-chars"]["per_file"][i]
            cells.append(f"{results[default]['per_file'][i] / floor:.2f}" if floor else "–")
        rows.append(f"| {path.name} | {n} | " + " | ".join(cells) + " |")
    return rows


def page_counts(files: list[Path]) -> list[int]:
    import pypdfium2 as pdfium

    out = []
    for f in files:
        try:
            pdf = pdfium.PdfDocument(f.read_bytes())
            out.append(len(pdf))
            pdf.close()
        except Exception:
            out.append(0)
    return out


# ------------------------------------------------------------------------------ profile


def profile(files: list[Path], backend: str) -> None:
    """cProfile extract_issue over the inputs; print the top 25 cumulative entries."""
    import cProfile
    import pstats

    datas = [f.read_bytes() for f in files]
    target: Callable[[bytes], int] = run_extract(backend)
    try:
        target(datas[0])
    except NotImplementedError:
        print("extract_issue is not implemented yet: profiling the backend alone instead.\n")
        target = run_backend(backend)
    for d in datas:  # warm-up
        target(d)
    prof = cProfile.Profile()
    prof.enable()
    for d in datas:
        target(d)
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(25)


# --------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help="extra PDFs or folders of PDFs")
    parser.add_argument("--reps", type=int, default=5, help="timed repetitions (median)")
    parser.add_argument("--only", nargs="+", choices=[k for k, _ in MODES],
                        help="run only these measurements")
    parser.add_argument("--per-file", action="store_true",
                        help="also a per-input table (CPU ms/page, best repetition)")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile extract_issue instead; print the top 25 cumulative")
    parser.add_argument("--backend", default="pdfium", choices=["pdfium", "pdfplumber"],
                        help="backend for --profile")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--counts", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        counts = [int(c) for c in args.counts.split(",")] if args.counts else []
        print(json.dumps(worker(args.worker, args.inputs, args.reps, counts)))
        return 0

    files = find_inputs(args.inputs)
    if not files:
        print("bench: no inputs (commit fixtures/*.pdf or pass PDFs / folders)",
              file=sys.stderr)
        return 2
    if args.profile:
        profile(files, args.backend)
        return 0

    counts = page_counts(files)
    total = sum(counts)
    print("## Machine\n")
    print("\n".join(machine()))
    print(f"\n## Inputs: {len(files)} PDFs, {total} pages\n")
    for f, n in zip(files, counts):
        rel = f.relative_to(ROOT) if f.is_relative_to(ROOT) else f
        print(f"- `{rel}` ({n} pages)")
    results: dict[str, dict[str, Any]] = {}
    for key, label in MODES:
        if args.only and key not in args.only:
            continue
        print(f"measuring {label} ...", file=sys.stderr, flush=True)
        results[key] = measure(key, files, args.reps, counts)
    print(f"\n## Results (median of {args.reps} repetitions)\n")
    print("\n".join(table(results)))
    if args.per_file:
        print("\n### CPU ms/page per input (best repetition)\n")
        print("\n".join(per_file_table(results, files, counts)))
        if any(r.get("failed_idx") for r in results.values()):
            print("\n\\* the input raised a NewsExtractError (e.g. not a newsletter).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
