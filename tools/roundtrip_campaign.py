"""Long round-trip campaign: the property over many examples, logging every failure.

    python tools/roundtrip_campaign.py --count 1000 --seed 151 --out failures-151.jsonl

Unlike ``HYPOTHESIS_PROFILE=thorough python -m pytest ...``, which stops at the first
failure and shrinks it, this runs ``check_round_trip`` (tests/test_roundtrip.py) over
``--count`` valid generated examples from one seed and writes each failure as a JSON line
``{"issue", "layout", "error"}``; the issue and layout load back with
``Issue.model_validate`` and ``Layout(**layout)``, the format of the stored cases in
tests/roundtrip_cases/ (add a "why"). Examples rejected as genuine ambiguities or the
known limitation are counted apart. Prints one JSON summary line; exit code 1 when any
example failed. Run two at a time (different seeds) on two cores. ``--progress N`` also
prints the counts so far to stderr every N examples (a run stopped early, by SIGINT or
SIGTERM, still prints its summary line, marked ``"stopped": true``).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    """Run the campaign; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="valid examples to run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("roundtrip-failures.jsonl"))
    parser.add_argument("--progress", type=int, default=0, metavar="N",
                        help="print the counts so far to stderr every N examples")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as on Ctrl-C

    sys.path.insert(0, str(ROOT / "tests"))
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis.errors import UnsatisfiedAssumption

    from newsextract.testing import issue_and_layout
    from test_roundtrip import check_round_trip  # type: ignore[import-not-found]

    counts = {"run": 0, "fail": 0, "rejected": 0}
    with args.out.open("w", encoding="utf-8") as out:

        @seed(args.seed)
        @settings(max_examples=args.count, deadline=None, database=None,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(issue_and_layout())
        def prop(pair: tuple[Any, Any]) -> None:
            counts["run"] += 1
            if args.progress and counts["run"] % args.progress == 0:
                print(json.dumps({**counts, "seconds": round(time.time() - start, 1)}),
                      file=sys.stderr, flush=True)
            issue, layout = pair
            try:
                check_round_trip(issue, layout)
            except UnsatisfiedAssumption:
                counts["rejected"] += 1
                raise
            except Exception as exc:  # every failure is logged, none stops the run
                counts["fail"] += 1
                out.write(json.dumps({
                    "issue": issue.model_dump(mode="json"),
                    "layout": layout.to_json(),
                    "error": f"{type(exc).__name__}: {exc}"[:3000],
                }, ensure_ascii=False) + "\n")
                out.flush()

        start = time.time()
        stopped = False
        try:
            prop()
        except KeyboardInterrupt:
            stopped = True
    print(json.dumps({**counts, "seconds": round(time.time() - start, 1),
                      **({"stopped": True} if stopped else {})}))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
