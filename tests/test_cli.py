"""The ``newsextract`` command line: every command, exit codes, progress output, debug picture."""

from __future__ import annotations

import io
import json
import multiprocessing
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import newsextract.api
from newsextract import cli
from newsextract.batch import pool
from newsextract.batch.progress import BarProgress, LogProgress, make_progress
from newsextract.models import SCHEMA_VERSION, Issue
from test_batch_support import fake_extract, text_pdf, write_fake


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the fake extractor everywhere; workers are forked so they see the patch too.

    (The pool picks ``forkserver`` when other threads run, as after the Dask tests;
    a fork server would import the real extractor afresh.)
    """
    monkeypatch.setattr(newsextract.api, "extract_issue", fake_extract)
    monkeypatch.setattr(pool, "default_context", lambda: multiprocessing.get_context("fork"))


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("extract", "convert", "schema", "debug"):
        assert command in out
    assert cli.main(["--version"]) == 0
    assert "newsextract" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["convert", "x.pdf"],  # no -o
        ["convert", "x.pdf", "-o", "o.jsonl", "--jobs", "0"],
        ["convert", "x.pdf", "-o", "o.jsonl", "--timeout", "-1"],
        ["convert", "x.pdf", "-o", "o.jsonl", "--format", "xml"],
        ["debug", "x.pdf", "--page", "0"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_missing_inputs_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["convert", str(tmp_path / "nope"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert cli.main(["extract", str(tmp_path / "nope.pdf")]) == 2
    assert cli.main(["debug", str(tmp_path / "nope.pdf")]) == 2


def test_extract_json_to_stdout(
    tmp_path: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = write_fake(tmp_path / "issue.pdf", date="2024-06-01")
    assert cli.main(["extract", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n  ")
    assert Issue.model_validate_json(out).publication_date is not None
    assert cli.main(["extract", str(pdf), "--compact"]) == 0
    assert capsys.readouterr().out.count("\n") == 1


def test_extract_markdown_to_file(tmp_path: Path, fake: None) -> None:
    pdf = write_fake(tmp_path / "issue.pdf", date="2024-06-01")
    target = tmp_path / "md" / "issue.md"
    assert cli.main(["extract", str(pdf), "--format", "markdown", "-o", str(target)]) == 0
    assert target.read_text().startswith("# China Industries — 2024-06-01\n")


def test_extract_failure_exits_1(
    tmp_path: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = write_fake(tmp_path / "bad.pdf", "corrupt")
    assert cli.main(["extract", str(pdf)]) == 1
    err = capsys.readouterr().err
    assert "MalformedPDFError" in err and "damaged" in err


def test_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://newsextract.dev/schema/issue/{SCHEMA_VERSION}.json"
    assert {k: v for k, v in schema.items() if not k.startswith("$")} == {
        k: v for k, v in Issue.model_json_schema().items() if k != "$defs"
    }
    assert schema["$defs"] == Issue.model_json_schema()["$defs"]
    target = tmp_path / "schema.json"
    assert cli.main(["schema", "-o", str(target), "--indent", "0"]) == 0
    assert json.loads(target.read_text()) == schema


def test_convert_exit_codes(tmp_path: Path, fake: None) -> None:
    write_fake(tmp_path / "good" / "a.pdf")
    write_fake(tmp_path / "good" / "b.pdf", tag="b")
    out = tmp_path / "o" / "all.jsonl"
    assert cli.main(["convert", str(tmp_path / "good"), "-o", str(out), "-q"]) == 0
    assert len(out.read_text().splitlines()) == 2
    write_fake(tmp_path / "good" / "c.pdf", "corrupt")
    assert cli.main(["convert", str(tmp_path / "good"), "-o", str(out), "-q"]) == 1
    assert cli.main(["convert", str(tmp_path / "good"), "-o", str(out), "-q"]) == 1
    errors = (tmp_path / "o" / "errors.jsonl").read_text().splitlines()
    assert len(errors) == 1 and json.loads(errors[0])["error"] == "MalformedPDFError"


@pytest.mark.parametrize("fmt", ["jsonl", "json", "markdown", "csv"])
def test_convert_each_format(tmp_path: Path, fake: None, fmt: str) -> None:
    write_fake(tmp_path / "in" / "x" / "a.pdf")
    out = tmp_path / ("o.jsonl" if fmt == "jsonl" else "o")
    argv = ["convert", str(tmp_path / "in"), "-o", str(out), "--format", fmt, "-q", "-j", "1"]
    assert cli.main(argv) == 0
    expected = {
        "jsonl": tmp_path / "o.jsonl",
        "json": out / "x" / "a.json",
        "markdown": out / "x" / "a.md",
        "csv": out / "stories.csv",
    }[fmt]
    assert expected.is_file()


def test_convert_log_lines_when_not_a_tty(
    tmp_path: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    write_fake(tmp_path / "in" / "b.pdf", "corrupt")
    assert cli.main(["convert", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "newsextract: 2 inputs" in err
    assert "] ok " in err and "a.pdf (3 pages" in err
    assert "FAILED" in err and "b.pdf: MalformedPDFError" in err
    assert "1 extracted, 1 failed" in err and "\r" not in err


def test_convert_quiet_prints_nothing(
    tmp_path: Path, fake: None, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    assert cli.main(["convert", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"), "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    from newsextract.batch import convert

    stream = _Tty()
    assert isinstance(make_progress("auto", stream), BarProgress)
    assert isinstance(make_progress("auto", io.StringIO()), LogProgress)
    for i in range(3):
        write_fake(tmp_path / "in" / f"{i}.pdf", tag=str(i))
    write_fake(tmp_path / "in" / "bad.pdf", "corrupt")
    progress = BarProgress(stream, min_interval_s=0.0)
    convert([tmp_path / "in"], tmp_path / "o.jsonl", extract=fake_extract, progress=progress)
    text = stream.getvalue()
    assert "\r[" in text
    assert "pages/s" in text and "ETA" in text and "failed 1" in text
    assert "FAILED" in text
    assert text.rstrip().splitlines()[-1].startswith("newsextract: 4 inputs: 3 extracted")


def test_convert_subprocess_entry_point(tmp_path: Path) -> None:
    write_fake(tmp_path / "in" / "a.pdf")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_batch_support as s; "
        "s.install_fake(); from newsextract.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    tests = str(Path(__file__).resolve().parent)
    args = ["convert", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"), "--progress", "log"]
    done = subprocess.run(
        [sys.executable, "-c", code, tests, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "1 extracted, 0 failed" in done.stderr


@dataclass(frozen=True)
class _Zone:
    page: int
    bbox: tuple[float, float, float, float]
    label: str
    text: str = ""


def _fake_zones(source: object, *, password: str | None = None, backend: str = "") -> list[_Zone]:
    return [
        _Zone(1, (50.0, 60.0, 300.0, 120.0), "story.title"),
        _Zone(1, (50.0, 200.0, 500.0, 400.0), "story.comment"),
        _Zone(1, (0.0, 0.0, 612.0, 30.0), "header"),
        _Zone(1, (100.0, 500.0, 200.0, 550.0), "something.new"),
        _Zone(2, (0.0, 0.0, 10.0, 10.0), "cover"),
    ]


def test_debug_draws_zones_in_their_colours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    from newsextract.batch.debug import color_for

    monkeypatch.setattr(newsextract.api, "layout_zones", _fake_zones, raising=False)
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(text_pdf("Debug me"))
    png = tmp_path / "p1.png"
    assert cli.main(["debug", str(pdf), "--page", "1", "-o", str(png), "--resolution", "72"]) == 0
    assert capsys.readouterr().out.strip() == str(png)
    image = Image.open(png).convert("RGB")
    assert image.size[0] == 612 and image.size[1] > 792  # the page plus the legend strip

    def tinted(x: int, y: int, label: str) -> None:
        r, g, b = image.getpixel((x, y))  # type: ignore[misc]
        cr, cg, cb = color_for(label)
        # white paper under a translucent fill moves toward the label's colour
        assert (r, g, b) != (255, 255, 255)
        assert abs(r - (255 + (cr - 255) * 50 / 255)) < 12, (r, g, b, label)
        assert abs(g - (255 + (cg - 255) * 50 / 255)) < 12, (r, g, b, label)
        assert abs(b - (255 + (cb - 255) * 50 / 255)) < 12, (r, g, b, label)

    tinted(400, 300, "story.comment")
    tinted(250, 110, "story.title")
    r, g, b = image.getpixel((560, 700))  # type: ignore[misc]
    assert (r, g, b) == (255, 255, 255)  # nothing drawn outside the zones


def test_debug_page_out_of_range_and_missing_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(text_pdf())
    monkeypatch.setattr(newsextract.api, "layout_zones", _fake_zones, raising=False)
    assert cli.main(["debug", str(pdf), "--page", "3", "-o", str(tmp_path / "x.png")]) == 2
    assert "outside the document" in capsys.readouterr().err
    monkeypatch.delattr(newsextract.api, "layout_zones", raising=False)
    assert cli.main(["debug", str(pdf), "-o", str(tmp_path / "x.png")]) == 1
    assert "layout_zones" in capsys.readouterr().err


def test_debug_default_output_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newsextract.api, "layout_zones", _fake_zones, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "issue.pdf").write_bytes(text_pdf())
    assert cli.main(["debug", "issue.pdf", "--no-legend"]) == 0
    assert (tmp_path / "issue-p1.png").is_file()


def test_readme_extract_command_on_the_shipped_fixture() -> None:
    """The README's first set-up command (after its install): the console script on a fixture."""
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    exe = shutil.which("newsextract") or str(Path(sys.executable).with_name("newsextract"))
    done = subprocess.run([exe, "extract", "fixtures/ci-2024-03.pdf"], cwd=root,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    got = Issue.model_validate_json(done.stdout)
    golden = Issue.model_validate_json((root / "fixtures" / "ci-2024-03.json").read_text("utf-8"))
    assert got.model_copy(update={"source": None}) == golden.model_copy(update={"source": None})


def test_main_leaves_the_callers_logging_as_it_was(tmp_path: Path) -> None:
    """``main`` sets the package logger's level for its run only (``--quiet`` does not leak)."""
    import logging

    logger = logging.getLogger("newsextract")
    before = (logger.level, list(logger.handlers))
    assert cli.main(["--quiet", "schema", "-o", str(tmp_path / "s.json")]) == 0
    assert cli.main(["-vv", "schema", "-o", str(tmp_path / "s.json")]) == 0
    assert (logger.level, list(logger.handlers)) == before
