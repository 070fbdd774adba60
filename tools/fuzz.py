"""Long fuzz campaign: mutate the fixtures and check every outcome, with a hard time limit.

    python tools/fuzz.py --count 5000 --jobs 2 --timeout 60
    python tools/fuzz.py --count 5000 --jobs 2 --backend pdfium

Each input runs in a worker process; a worker that exceeds the time limit is killed and
counted as a hang. Outcomes: an Issue, a NewsExtractError subclass (counted by class),
another exception (a bug: printed with its seed and mutator), or a hang (a bug). Exit code
1 when any bug was found. Reproduce one seed with ``--seed N --count 1``.
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


def _run(args: tuple[int, list[str], str]) -> tuple[int, str, str, str]:
    seed, paths, backend = args
    from newsextract import Issue, NewsExtractError, extract_issue
    from newsextract.testing.mutations import mutate

    base = Path(paths[seed % len(paths)]).read_bytes()
    other = Path(paths[(seed + 1) % len(paths)]).read_bytes()
    name, data = mutate(seed, base, other)
    try:
        result = extract_issue(data, backend=backend)
        return seed, name, "Issue" if isinstance(result, Issue) else "WRONG-TYPE", ""
    except NewsExtractError as exc:
        return seed, name, type(exc).__name__, ""
    except BaseException as exc:
        return seed, name, "BUG:" + type(exc).__name__, traceback.format_exc(limit=8)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per input")
    ap.add_argument("--backend", default="pdfplumber", choices=["pdfplumber", "pdfium"])
    ns = ap.parse_args()
    paths = [str(p) for p in sorted((ROOT / "fixtures").glob("*.pdf"))]
    outcomes: collections.Counter[str] = collections.Counter()
    bugs: list[str] = []
    start = time.monotonic()
    seeds = iter(range(ns.seed, ns.seed + ns.count))
    ctx = mp.get_context("spawn")
    pool = ctx.Pool(ns.jobs, maxtasksperchild=200)
    try:
        first = [s for s in (next(seeds, None) for _ in range(ns.jobs * 4)) if s is not None]
        pending = {s: pool.apply_async(_run, ((s, paths, ns.backend),)) for s in first}
        started = {s: time.monotonic() for s in pending}
        while pending:
            done = [s for s, r in pending.items() if r.ready()]
            for s in done:
                seed, name, outcome, tb = pending.pop(s).get()
                started.pop(s)
                outcomes[outcome] += 1
                if outcome.startswith("BUG") or outcome == "WRONG-TYPE":
                    bugs.append(f"seed {seed} ({name}): {outcome}\n{tb}")
                    print(bugs[-1], flush=True)
                nxt = next(seeds, None)
                if nxt is not None:
                    pending[nxt] = pool.apply_async(_run, ((nxt, paths, ns.backend),))
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
                    pending[s] = pool.apply_async(_run, ((s, paths, ns.backend),))
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
    print(f"\n{sum(outcomes.values())} mutated inputs in {elapsed:.0f}s")
    for outcome, n in outcomes.most_common():
        print(f"  {outcome:24} {n}")
    for b in bugs[:20]:
        print(b)
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
