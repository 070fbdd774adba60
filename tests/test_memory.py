"""Memory stays flat in the page count: a 400-page bundle is read one issue at a time.

Each backend reads a 400-page PDF (the fixtures bound 50 times over, as a yearly
compilation binds issues) in a fresh process. The peak resident memory is the child's
own ``VmHWM`` (``ru_maxrss`` would report pytest's: Linux carries it across fork + exec).
Before issues were read one at a time, the peak grew by about 0.4 MiB a page (268 MiB
with pdfplumber, 339 MiB with pdfium at 400 pages); now it stays under 150 MiB, and what
it grows between page 100 and page 400 is bounded, which catches a per-page leak of
more than about 0.1 MiB.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from newsextract.testing import bind_pdfs

ROOT = Path(__file__).resolve().parents[1]

#: The peak allowed (MiB) and the growth allowed from page 100 to page 400.
PEAK_MIB = 150
GROWTH_MIB = 30

_CHILD = """
import sys
from newsextract import extract_issues

def peak():
    return next(int(line.split()[1]) // 1024 for line in open("/proc/self/status")
                if line.startswith("VmHWM:"))

at_100 = None
issues = 0
for issue in extract_issues(sys.argv[1], backend=sys.argv[2]):
    issues += 1
    if at_100 is None and issue.source.pages.last >= 100:
        at_100 = peak()
print(issues, issue.source.page_count, at_100, peak())
"""


@pytest.fixture(scope="module")
def bundle_400(tmp_path_factory: pytest.TempPathFactory) -> Path:
    datas = [(ROOT / "fixtures" / f"{n}.pdf").read_bytes()
             for n in ("ci-2023-01", "ci-2024-03", "ci-2025-07")]
    path = tmp_path_factory.mktemp("bundle") / "bundle-400.pdf"
    path.write_bytes(bind_pdfs(itertools.cycle(datas), max_pages=400))
    return path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
@pytest.mark.parametrize("backend", ["pdfplumber", "pdfium"])
def test_a_400_page_bundle_peaks_under_150_mib_and_does_not_grow(
    bundle_400: Path, backend: str
) -> None:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(bundle_400), backend],
                         capture_output=True, text=True, timeout=900, check=False)
    assert out.returncode == 0, out.stderr
    issues, pages, at_100, peak = (int(v) for v in out.stdout.split())
    assert (issues, pages) == (50, 400)
    assert peak < PEAK_MIB, f"{backend}: {peak} MiB at 400 pages"
    assert peak - at_100 < GROWTH_MIB, f"{backend}: {at_100} MiB at page 100, {peak} at 400"
