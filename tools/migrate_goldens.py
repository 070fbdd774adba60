#!/usr/bin/env python3
"""Upgrade committed goldens and stored cases to the current schema (newsextract.migrate).

    python tools/migrate_goldens.py          # every golden, fixture source and stored case
    python tools/migrate_goldens.py FILE...  # just these

Idempotent: a file already at the current schema_version is left as it is. A golden
(``fixtures/NAME.json``) is an Issue; a fixture source (``fixtures/src/NAME.json``) and a
stored round-trip case hold one under ``"issue"`` (a source's expected warnings under
``"expected_warnings"`` get their pointers moved too).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from newsextract.migrate import upgrade
from newsextract.models import SCHEMA_VERSION, Issue

ROOT = Path(__file__).resolve().parents[1]


def _files() -> list[Path]:
    return sorted([*ROOT.glob("fixtures/*.json"), *ROOT.glob("fixtures/src/*.json"),
                   *ROOT.glob("tests/roundtrip_cases/**/*.json")])


def migrate(path: Path) -> bool:
    """Upgrade one file in place; return whether it changed."""
    data: Any = json.loads(path.read_text("utf-8"))
    if "issue" in data:
        old = data["issue"]
        # a source written without a version is in the current model's shape already
        if old.get("schema_version", SCHEMA_VERSION) == SCHEMA_VERSION:
            return False
        data["issue"] = upgrade({**old, "warnings": data.get("expected_warnings", [])}
                                if "expected_warnings" in data else old)
        if "expected_warnings" in data:
            data["expected_warnings"] = data["issue"].pop("warnings")
            data["issue"]["warnings"] = []
        Issue.model_validate(data["issue"])
    else:
        if data.get("schema_version") == SCHEMA_VERSION:
            return False
        data = upgrade(data)
        Issue.model_validate(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return True


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or _files()
    changed = [p for p in paths if migrate(p)]
    for p in changed:
        print(f"upgraded {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
