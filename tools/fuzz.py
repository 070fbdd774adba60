"""Long fuzz campaign: mutate the fixtures and check every outcome, with a hard time limit.

    python tools/fuzz.py --count 5000 --jobs 2 --timeout 60        # the default backend
    python tools/fuzz.py --count 5000 --jobs 2 --backend pdfplumber
    python tools/fuzz.py --corpus ../shared/corpus --timeout 30    # real-world PDFs instead

Each input runs in a worker process; a worker that exceeds the time limit is killed and
counted as a hang. Outcomes: an Issue, a NewsExtractError subclass (counted by class),
another exception (a bug: printed with its seed and mutator), or a hang (a bug). Exit code
1 when any bug was found. Reproduce one seed with ``--seed N --count 1``. ``--corpus DIR``
reads every PDF under DIR unchanged instead (the "seed" is then its index in sorted
order) and also reports the slowest. ``tests/test_robustness.py`` runs a sample in every
test run and this whole campaign under ``-m slow``.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(args: tuple[int, list[str], str, bool]) -> tuple[int, str, str, str, float]:
    """Read one input; return its seed, name, outcome, traceback and seconds taken."""
    seed, paths, backend, corpus = args
    t0 = time.monotonic()
    from newsextract import Issue, NewsExtractError, extract_issue
    from newsextract.testing.mutations import mutate

    if corpus:
        name, data = Path(paths[seed]).name, Path(paths[seed]).read_bytes()
    else:
        base = Path(paths[seed % len(paths)]).read_bytes()
        other = Path(paths[(seed + 1) % len(paths)]).read_bytes()
        name, data = mutate(seed, base, other)
    try:
        result = extract_issue(data, backend=backend)
        outcome = "Issue" if isinstance(result, Issue) else "WRONG-TYPE"
        return seed, name, outcome, "", time.monotonic() - t0
    except NewsExtractError as exc:
        return seed, name, type(exc).__name__, "", time.monotonic() - t0
    except BaseException as exc:
        return (seed, name, "BUG:" + type(exc).__name__, traceback.format_exc(limit=8),
                time.monotonic() - t0)


def main() -> int:
    """Run the campaign; return the exit code (1 when a bug was found)."""
    from newsextract.backends import BACKENDS, DEFAULT_BACKEND

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per input")
    ap.add_argument("--backend", default=DEFAULT_BACKEND, choices=list(BACKENDS))
    ap.add_argument("--corpus", type=Path, help="read every PDF under this folder instead")
    ns = ap.parse_args()
    corpus = ns.corpus is not None
    if corpus:
        paths = [str(p) for p in sorted(ns.corpus.glob("**/*.pdf"))]
        seeds = iter(range(len(paths)))
    else:
        paths = [str(p) for p in sorted((ROOT / "fixtures").glob("*.pdf"))]
        seeds = iter(range(ns.seed, ns.seed + ns.count))
    outcomes: collections.Counter[str] = collections.Counter()
    bugs: list[str] = []
    took: dict[int, float] = {}
    start = time.monotonic()
    ctx = mp.get_context("spawn")
    pool = ctx.Pool(ns.jobs, maxtasksperchild=200)
    try:
        # one input per worker at a time, so the time limit counts from its start
        first = [s for s in (next(seeds, None) for _ in range(ns.jobs)) if s is not None]
        pending = {s: pool.apply_async(_run, ((s, paths, ns.backend, corpus),)) for s in first}
        started = {s: time.monotonic() for s in pending}
        while pending:
            done = [s for s, r in pending.items() if r.ready()]
            for s in done:
                seed, name, outcome, tb, seconds = pending.pop(s).get()
                started.pop(s)
                took[seed] = seconds
                outcomes[outcome] += 1
                if outcome.startswith("BUG") or outcome == "WRONG-TYPE":
                    bugs.append(f"seed {seed} ({name}): {outcome}\n{tb}")
                    print(bugs[-1], flush=True)
                nxt = next(seeds, None)
                if nxt is not None:
                    pending[nxt] = pool.apply_async(_run, ((nxt, paths, ns.backend, corpus),))
                    started[nxt] = time.monotonic()
            hung = [s for s, t in started.items() if time.monotonic() - t > ns.timeout]
            if hung:
                for s in hung:
                    outcomes["HANG"] += 1
                    bugs.append(f"seed {s}: HANG over {ns.timeout}s")
                    print(bugs[-1], flush=True)
                    pending.pop(s)
                    started.pop(s)
                pool.terminate()
                pool = ctx.Pool(ns.jobs, maxtasksperchild=200)
                for s in list(pending):
                    pending[s] = pool.apply_async(_run, ((s, paths, ns.backend, corpus),))
                    started[s] = time.monotonic()
            if not done:
                time.sleep(0.02)
            total = sum(outcomes.values())
            if done and total % 250 == 0:
                print(f"{total} inputs, {time.monotonic() - start:.0f}s: {dict(outcomes)}",
                      flush=True)
    finally:
        pool.terminate()
    elapsed = time.monotonic() - start
    what = f"PDFs of {ns.corpus}" if corpus else "mutated inputs"
    print(f"\n{sum(outcomes.values())} {what} in {elapsed:.0f}s, backend {ns.backend}")
    for outcome, n in outcomes.most_common():
        print(f"  {outcome:24} {n}")
    slowest = sorted(took.items(), key=lambda item: -item[1])[:3]
    print("  slowest: " + ", ".join(
        f"{Path(paths[k]).name if corpus else k} {t:.1f}s" for k, t in slowest))
    for b in bugs[:20]:
        print(b)
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
