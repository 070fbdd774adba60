"""The preflight: a file whose streams would inflate past a bound is refused before parsing.

A 1 MB file can hold a stream inflating to 1 GiB, which either backend would hold in memory
whole; ``extract_issue`` refuses it with a ResourceLimitError naming the file and the cap,
on both backends alike, without inflating more than the cap (and without keeping it).
"""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from newsextract import ResourceLimitError, extract_issue
from newsextract.cli import main
from newsextract.preflight import InflateLimits, check_inflation
from test_batch_support import bomb_pdf, minimal_pdf

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").glob("*.pdf"))
MIB = 1024 * 1024
SMALL = InflateLimits(per_stream=4 * MIB, total=6 * MIB)


def _streams_pdf(sizes_mib: list[int]) -> bytes:
    """A PDF-shaped file holding one zlib stream of each size (MiB of spaces)."""
    parts = [b"%PDF-1.7\n"]
    for n, size in enumerate(sizes_mib, start=1):
        body = zlib.compress(b" " * (size * MIB), 9)
        parts.append(b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (n, len(body)))
        parts.append(body + b"\nendstream\nendobj\n")
    return b"".join(parts) + b"%%EOF\n"


@pytest.mark.parametrize("pdf", FIXTURES, ids=lambda p: p.stem)
def test_fixtures_pass_and_their_streams_are_measured(pdf: Path) -> None:
    report = check_inflation(pdf.read_bytes(), pdf.name)
    assert report.zlib_streams > 0 and report.inflated > report.largest > 0
    assert report.streams >= report.zlib_streams


def test_one_stream_past_its_cap_is_refused_naming_the_file_and_cap() -> None:
    with pytest.raises(ResourceLimitError, match=r"bomb\.pdf: .*more than the 4 MiB a stream"):
        check_inflation(_streams_pdf([1, 5]), "bomb.pdf", SMALL)
    assert check_inflation(_streams_pdf([1, 3]), "ok.pdf", SMALL).inflated == 4 * MIB


def test_streams_past_the_total_cap_are_refused() -> None:
    with pytest.raises(ResourceLimitError, match=r"more than the 6 MiB a file may hold in all"):
        check_inflation(_streams_pdf([3, 3, 1]), "many.pdf", SMALL)


def test_streams_that_are_not_zlib_data_are_not_counted() -> None:
    data = minimal_pdf(b"BT /F1 24 Tf 72 700 Td (Hello) Tj ET", flate=False)
    report = check_inflation(data, "plain.pdf")
    assert report.streams == 1 and report.zlib_streams == 0 and report.inflated == 0


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="per_stream must be a positive number of bytes"):
        InflateLimits(per_stream=0)
    with pytest.raises(ValueError, match="total"):
        InflateLimits(total=-1)


@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_extract_issue_refuses_a_bomb_alike_on_both_backends(backend: str) -> None:
    bomb = bomb_pdf(64)
    with pytest.raises(ResourceLimitError, match="more than the 16 MiB a stream"):
        extract_issue(bomb, backend=backend,
                      inflate_limits=InflateLimits(per_stream=16 * MIB, total=32 * MIB))


def test_the_cli_option_sets_the_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bomb_pdf(64))
    assert main(["extract", str(bomb), "--max-stream-mb", "16"]) == 1
    err = capsys.readouterr().err
    assert "bomb.pdf" in err and "16 MiB" in err and "ResourceLimitError" in err
    assert err.count("\n") == 1


# The child's own peak: VmHWM belongs to the process image after exec. ru_maxrss does not
# (Linux carries the parent's high-water mark across fork + exec, so inside a long pytest
# run it reports the size of pytest, not of the child).
PEAK_RSS_MIB = (
    "next((int(line.split()[1]) // 1024 for line in open('/proc/self/status') "
    "if line.startswith('VmHWM:')), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
)


def test_a_1_gib_bomb_is_refused_with_flat_memory() -> None:
    """In a fresh process: the 1 MB → 1 GiB bomb, default limits, peak RSS well bounded."""
    code = (
        "import resource, sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_batch_support import bomb_pdf\n"
        "from newsextract import ResourceLimitError, extract_issue\n"
        "data = bomb_pdf(1024)\n"
        "try:\n"
        "    extract_issue(data)\n"
        "except ResourceLimitError as exc:\n"
        "    print('refused', exc)\n"
        f"print({PEAK_RSS_MIB})\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("refused <bytes>: a compressed stream")
    assert int(lines[-1]) < 300  # MiB; without the preflight both backends peak past 2 GiB
