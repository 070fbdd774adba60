"""Do both reader backends give the same Issue? Generated newsletters, fixtures, renderings.

    python tools/backend_agreement.py --count 2000 --seed 51            # generated issues
    python tools/backend_agreement.py --count 2000 --seed 51 --jobs 2 --out dis.jsonl
    NEWSEXTRACT_PROFILE_PATH=fixtures/profiles python tools/backend_agreement.py \
        --count 2000 --seed 61 --jobs 2            # every era, every installed profile
    python tools/backend_agreement.py --files fixtures/*.pdf fixtures/engines/*.pdf

Generated: ``--count`` examples of the round-trip strategies
(``newsextract.testing.issue_and_layout``: every era of the eras' newsletter and, with
``--profiles``, other newsletters; by default every installed profile, so set
``NEWSEXTRACT_PROFILE_PATH=fixtures/profiles`` to add the invented second newsletter) from
``--seed`` (with ``--jobs N``, worker k runs ``--count / N`` examples from seed
``seed + k``), each rendered once and read by
``extract_issue`` with ``backend="pdfplumber"`` and ``backend="pdfium"``. A disagreement
is printed with the layout, the first differing fields and which backend equals the
rendered issue (the truth the strategies printed; ``source`` and warnings aside, as in
tests/test_roundtrip.py), and written to ``--out`` as a JSON line (``issue``, ``layout``,
``plumber``, ``pdfium``: the issue and layout load back with ``Issue.model_validate`` and
``Layout(**layout)``). The last line is a JSON summary: examples run, disagreements, and
per backend how many it got right where they disagree. Exit code 1 on any disagreement.

``--files``: the given PDFs instead, each read by both backends; prints each disagreement.
The bounded version runs in every test run (``tests/test_backend_equality.py``: 25
examples under the ``ci`` Hypothesis profile, 2,000 under ``thorough``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import multiprocessing as mp
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def differences(expected: object, got: object, path: str = "") -> list[str]:
    """Return the paths where two model dumps differ, with both values."""
    if isinstance(expected, dict) and isinstance(got, dict):
        keys = list(expected) + [k for k in got if k not in expected]
        return [d for k in keys for d in differences(expected.get(k), got.get(k), f"{path}/{k}")]
    if isinstance(expected, list) and isinstance(got, list):
        out = [f"{path}: {len(expected)} items != {len(got)}"] * (len(expected) != len(got))
        return out + [d for i, (a, b) in enumerate(zip(expected, got))
                      for d in differences(a, b, f"{path}/{i}")]
    return [] if expected == got else [f"{path}: {expected!r:.160} != {got!r:.160}"]


def _read(pdf: bytes, backend: str) -> Any:
    """Return ``extract_issue(pdf, backend=backend)``, or the error it raised as a string."""
    from newsextract import extract_issue

    try:
        return extract_issue(pdf, backend=backend)
    except Exception as exc:  # a disagreement in itself; reported, never fatal
        return f"{type(exc).__name__}: {exc}"


def _dump(result: Any) -> Any:
    return result.model_dump(mode="json") if not isinstance(result, str) else result


def _bare(result: Any) -> Any:
    """The result as compared with the truth: ``source`` and warnings left out."""
    if isinstance(result, str):
        return result
    return result.model_copy(update={"source": None, "warnings": []}).model_dump(mode="json")


def installed_profile_names() -> tuple[str, ...]:
    """Return the names of every installed profile (built in, or on NEWSEXTRACT_PROFILE_PATH)."""
    from newsextract.profiles.loader import installed_profiles

    return tuple(p.name for p in installed_profiles())


def run_generated(count: int, seed_value: int,
                  profiles: tuple[str, ...] = ()) -> tuple[dict[str, Any], list[str]]:
    """Run ``count`` generated examples from ``seed_value``, drawn over ``profiles``.

    ``profiles``: the newsletters to print (installed profile names; empty: every installed
    profile). Returns the counts (per profile and era too) and each disagreement as a JSON
    line.
    """
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st

    from newsextract.testing import issue_and_layout, render_issue
    from newsextract.testing.strategies_eras import ERAS

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    counts: dict[str, Any] = {"run": 0, "disagree": 0, "plumber_right": 0,
                              "pdfium_right": 0, "both_wrong": 0, "drawn": {}}
    records: list[str] = []
    profiles = profiles or installed_profile_names()

    drawn_pairs = st.sampled_from(ERAS).flatmap(
        lambda era: issue_and_layout(eras=(era,), profiles=profiles).map(lambda p: (era, p)))

    @seed(seed_value)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(drawn_pairs)
    def prop(drawn_pair: tuple[str, tuple[Any, Any]]) -> None:
        era, (issue, layout) = drawn_pair
        rendered = render_issue(issue, layout)
        counts["run"] += 1
        drawn = f"{layout.profile} {era}"
        counts["drawn"][drawn] = counts["drawn"].get(drawn, 0) + 1
        plumber, pdfium = _read(rendered.pdf, "pdfplumber"), _read(rendered.pdf, "pdfium")
        if plumber == pdfium:
            return
        counts["disagree"] += 1
        truth = rendered.issue.model_dump(mode="json")
        right = {"pdfplumber": _bare(plumber) == truth, "pdfium": _bare(pdfium) == truth}
        if right["pdfplumber"]:
            counts["plumber_right"] += 1
        if right["pdfium"]:
            counts["pdfium_right"] += 1
        if not any(right.values()):
            counts["both_wrong"] += 1
        diffs = differences(_dump(plumber), _dump(pdfium))
        print(f"seed {seed_value} example {counts['run']}: {layout}\n  right: "
              f"{[k for k, v in right.items() if v] or 'neither'}\n  "
              + "\n  ".join(diffs[:6]), flush=True)
        records.append(json.dumps({
            "issue": rendered.issue.model_dump(mode="json"),
            "layout": dataclasses.asdict(layout),
            "plumber": _dump(plumber), "pdfium": _dump(pdfium), "right": right,
        }, ensure_ascii=False))

    prop()
    return counts, records


def _worker(args: tuple[int, int, tuple[str, ...]]) -> tuple[dict[str, Any], list[str]]:
    return run_generated(*args)


def run_files(paths: list[str]) -> int:
    """Read each PDF with both backends; print the disagreements; return their number."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    bad = 0
    for path in paths:
        data = Path(path).read_bytes()
        plumber, pdfium = _read(data, "pdfplumber"), _read(data, "pdfium")
        if plumber != pdfium:
            bad += 1
            print(f"{path}:\n  " + "\n  ".join(differences(_dump(plumber), _dump(pdfium))[:8]))
    print(json.dumps({"files": len(paths), "disagree": bad}))
    return bad


def main() -> int:
    """Parse the arguments and run; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="generated examples")
    parser.add_argument("--seed", type=int, default=51)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--out", help="append each disagreement here (JSON lines)")
    parser.add_argument("--files", nargs="+", help="compare these PDFs instead")
    parser.add_argument("--profiles", nargs="+", default=[],
                        help="newsletters to generate (profile names; default: all installed)")
    args = parser.parse_args()
    if args.files:
        return 1 if run_files(args.files) else 0
    start = time.time()
    jobs = max(1, args.jobs)
    shares = [args.count // jobs + (k < args.count % jobs) for k in range(jobs)]
    profiles = tuple(args.profiles)
    tasks = [(n, args.seed + k, profiles) for k, n in enumerate(shares) if n]
    if len(tasks) == 1:
        results = [run_generated(*tasks[0])]
    else:
        with mp.get_context("spawn").Pool(len(tasks)) as pool:
            results = pool.map(_worker, tasks)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            out.writelines(line + "\n" for _counts, lines in results for line in lines)
    total: dict[str, Any] = {key: sum(r[0][key] for r in results) for key in results[0][0]
                             if key != "drawn"}
    drawn: dict[str, int] = {}
    for counts, _lines in results:
        for key, n in counts["drawn"].items():
            drawn[key] = drawn.get(key, 0) + n
    total["drawn"] = dict(sorted(drawn.items()))
    total["seeds"] = [t[1] for t in tasks]
    total["seconds"] = round(time.time() - start)
    print(json.dumps(total))
    return 1 if total["disagree"] else 0


if __name__ == "__main__":
    sys.exit(main())
