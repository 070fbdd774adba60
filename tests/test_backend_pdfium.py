"""The pdfium backend against the pdfplumber backend (the reference), plus its error handling.

Both backends read the same PDFs - generated here with reportlab, and every committed
``fixtures/*.pdf`` - and must agree: page count and sizes, the chars in reading order
(spaces the PDF draws included), each char's box (0.6 pt) and size (0.2 pt), link targets
with overlapping rectangles.

Known, deliberate differences the comparison allows for (see ``newsextract.reader.pdfium``):

* a hyphen pdfium generates as a break marker (no glyph, zero width) is ``BREAK_HYPHEN``
  (U+00AD); pdfplumber has nothing there;
* pdfium splits ligatures ("ﬁ" → "f", "i"); the backend joins the pieces into one char "fi";
* font names lack the subset tag ("ABCDEF+");
* pdfium keeps glyph widths as integers (per 1000 em), so where a PDF's /Widths are
  fractional (reportlab's TrueType subsets) x drifts by up to 1/1000 em per glyph along a
  line; the x tolerance grows by that bound per preceding glyph on the line (each glyph's
  width must still agree within 0.6 pt);
* ``size`` is compared for upright chars only (pdfminer reports a box dimension otherwise);
* pdfium orders the text objects of one line by position, pdfplumber by content stream:
  chars are compared in reading order (lines top to bottom, then x).
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")

from newsextract.errors import (
    EncryptedPDFError,
    MalformedPDFError,
    NewsExtractError,
    NotAPDFError,
)
from newsextract.reader.backend import Box, RawChar, RawPage
from newsextract.reader.pdfium import BREAK_HYPHEN, PdfiumBackend
from newsextract.reader.plumber import PdfplumberBackend

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.pdf"))
CORPUS = ROOT.parent / "shared" / "corpus"

BOX_TOL = 0.6
SIZE_TOL = 0.2
#: pdfium floors fractional glyph widths: at most 1/1000 em lost per glyph.
DRIFT_PER_GLYPH = 0.001

LINK_URI = "https://merics.org/en/report/industrial-policy-wrap"
LINK_QUADS = [  # one quad per line: (x1, y1, x2, y2, x3, y3, x4, y4) - UL, UR, LL, LR
    (300.0, 614.0, 520.0, 614.0, 300.0, 597.0, 520.0, 597.0),
    (72.0, 600.0, 170.0, 600.0, 72.0, 583.0, 170.0, 583.0),
]


# ----------------------------------------------------------------------------- helpers


def read_pages(backend: Any, data: bytes, name: str = "test.pdf",
               password: str | None = None) -> list[RawPage]:
    with backend.open(data, name, password) as source:
        pages = list(source.pages())
        assert source.page_count == len(pages)
    return pages


def norm(text: str) -> str:
    """Map the deliberate difference away: ligatures."""
    if len(text) == 1 and "\ufb00" <= text <= "\ufb06":
        return unicodedata.normalize("NFKC", text)
    return text


def reading_order(chars: list[RawChar]) -> list[tuple[RawChar, int]]:
    """Chars sorted by line (clusters of ``bottom`` 1 pt apart), then x (spaces after a
    glyph starting at the same x).

    Returns (char, index of the char within its line).
    """
    visible = sorted(chars, key=lambda c: c.bottom)
    lines: list[list[RawChar]] = []
    last = None
    for c in visible:
        if last is None or c.bottom - last > 1.0:
            lines.append([])
        lines[-1].append(c)
        last = c.bottom
    out: list[tuple[RawChar, int]] = []
    for line in lines:
        line.sort(key=lambda c: (c.x0, c.text.isspace()))
        out.extend((c, k) for k, c in enumerate(line))
    return out


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def compare(plumber: list[RawPage], pdfium: list[RawPage]) -> list[str]:
    """Return every disagreement between the two backends' pages (empty: they agree)."""
    problems: list[str] = []
    if len(plumber) != len(pdfium):
        return [f"page count {len(plumber)} != {len(pdfium)}"]
    for a, b in zip(plumber, pdfium):
        where = f"page {a.number}"
        if b.number != a.number:
            problems.append(f"{where}: numbered {b.number}")
        if abs(a.width - b.width) > 0.01 or abs(a.height - b.height) > 0.01:
            problems.append(f"{where}: size {a.width}x{a.height} != {b.width}x{b.height}")
        ra = reading_order(a.chars)
        rb = reading_order([c for c in b.chars if c.text != BREAK_HYPHEN or c.x1 > c.x0])
        ta = "".join(norm(c.text) for c, _ in ra)
        tb = "".join(norm(c.text) for c, _ in rb)
        if ta != tb:
            at = next((i for i, (x, y) in enumerate(zip(ta, tb)) if x != y), min(len(ta), len(tb)))
            problems.append(f"{where}: text differs at {at}: {ta[at:at + 30]!r} != "
                            f"{tb[at:at + 30]!r}")
            continue
        for i, ((x, k), (y, _)) in enumerate(zip(ra, rb)):
            tol_x = BOX_TOL + DRIFT_PER_GLYPH * x.size * k
            # pdfium's known limit (reader/pdfium.py): the advance edge of a line's last
            # glyph whose ink overhangs it is the ink's edge ("K" of a bold wordmark)
            overhang = (i + 1 == len(ra) or ra[i + 1][1] == 0) and y.x1 > x.x1
            x1_off = 0.0 if overhang and y.x1 - x.x1 < 0.1 * x.size else abs(x.x1 - y.x1)
            width_off = abs((x.x1 - x.x0) - (y.x1 - y.x0)) if not overhang else 0.0
            if (abs(x.x0 - y.x0) > tol_x or x1_off > tol_x
                    or width_off > BOX_TOL
                    or abs(x.top - y.top) > BOX_TOL or abs(x.bottom - y.bottom) > BOX_TOL):
                problems.append(f"{where}: {x.text!r} box {x.x0:.2f},{x.top:.2f},{x.x1:.2f},"
                                f"{x.bottom:.2f} != {y.x0:.2f},{y.top:.2f},{y.x1:.2f},"
                                f"{y.bottom:.2f}")
            elif x.upright and abs(x.size - y.size) > SIZE_TOL:
                problems.append(f"{where}: {x.text!r} size {x.size} != {y.size}")
            if y.upright != x.upright:
                problems.append(f"{where}: {x.text!r} upright {x.upright} != {y.upright}")
        uris_a = sorted(link.uri or "" for link in a.links)
        uris_b = sorted(link.uri or "" for link in b.links)
        if uris_a != uris_b:
            problems.append(f"{where}: links {uris_a} != {uris_b}")
            continue
        for la in a.links:
            if not any(lb.uri == la.uri and any(overlaps(p, q) for p in la.rects
                                                 for q in lb.rects) for lb in b.links):
                problems.append(f"{where}: no overlapping link for {la.uri} {la.rects}")
        if a.image_count != b.image_count:
            problems.append(f"{where}: {a.image_count} images != {b.image_count}")
    return problems


# ------------------------------------------------------------------------ generated PDF


def _vera_fonts() -> bool:
    """Register reportlab's bundled Vera TrueType family (embedded, with descriptors)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf"),
                           ("VeraIt", "VeraIt.ttf"), ("VeraBI", "VeraBI.ttf")):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, file))
    except Exception:  # pragma: no cover - reportlab without its sample fonts
        return False
    return True


def make_pdf(**canvas_kw: Any) -> bytes:
    """Four pages exercising fonts, a superscript, links, an image, rotation, a CropBox, CJK."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.pdfdoc import PDFArray
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    vera = _vera_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1, invariant=1, **canvas_kw)

    # Page 1
    y = 780.0
    for font in ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Times-Roman",
                 "Times-BoldItalic", "Courier"):
        c.setFont(font, 11)
        c.drawString(72, y, f"{font}: China's industrial policy, 2024 (14 ministries).")
        y -= 16
    if vera:
        for font in ("Vera", "VeraBd", "VeraIt", "VeraBI"):
            c.setFont(font, 10)
            c.drawString(72, y, f"{font} embedded TrueType: semiconductor supply chain.")
            y -= 15
    # a word broken at the line end, and a compound kept with its hyphen mid-line
    c.setFont("Helvetica", 11)
    c.drawString(72, y, "The recyclers, all state-")
    c.drawString(72, y - 14, "owned, expect a recon-")
    c.drawString(72, y - 28, "struction of the sector; self-reliance stays mid-line.")
    y -= 54
    # superscripts: by text rise, and by a raised, smaller run
    t = c.beginText(72, y)
    t.setFont("Helvetica", 11)
    t.textOut("The 14")
    t.setFont("Helvetica", 7)
    t.setRise(4)
    t.textOut("th")
    t.setRise(0)
    t.setFont("Helvetica", 11)
    t.textOut(" Five-Year Plan sets targets")
    c.drawText(t)
    x = 72 + c.stringWidth("The 14th Five-Year Plan sets targets ", "Helvetica", 11) + 10
    c.setFont("Helvetica", 11)
    c.drawString(x, y, "footnote")
    c.setFont("Helvetica", 7)
    c.drawString(x + c.stringWidth("footnote", "Helvetica", 11), y + 4, "12")
    # a link whose text wraps onto a second line: one annotation, two QuadPoints
    c.setFont("Helvetica", 11)
    c.drawString(72, 600, "A long sentence that ends with a link to the")
    c.drawString(300, 600, "MERICS report on industrial")
    c.drawString(72, 586, "policy wrap, continued on the next line.")
    quads = [v for q in LINK_QUADS for v in q]
    c.linkURL(LINK_URI, (72, 583, 520, 614), relative=0, thickness=0,
              QuadPoints=PDFArray(quads))
    c.linkURL("https://example.com/plain", (72, 560, 200, 575), relative=0, thickness=0)
    c.drawString(72, 563, "A plain one-line link.")
    c.linkRect("", "page3", (300, 560, 400, 575), relative=0, thickness=0)
    c.drawString(300, 563, "Internal link")
    # an image
    from PIL import Image

    c.drawImage(ImageReader(Image.new("RGB", (8, 8), (200, 30, 30))), 400, 700, 40, 40)
    c.showPage()

    # Page 2: rotated
    c.setPageRotation(90)
    c.setFont("Helvetica", 12)
    c.drawString(72, 500, "A rotated page: landscape table")
    c.showPage()

    # Page 3: a CropBox smaller than the MediaBox
    c.setPageRotation(0)
    c.bookmarkPage("page3")
    c.setCropBox((36, 36, 559, 806))
    c.setFont("Times-Roman", 12)
    c.drawString(72, 700, "A cropped page.")
    # "fake bold": the same text drawn twice, 0.3 pt apart (pdfium drops the copy itself)
    c.setFont("Helvetica", 14)
    c.drawString(72, 650, "Fake bold title")
    c.drawString(72.3, 650, "Fake bold title")
    c.showPage()

    # Page 4: CJK in the built-in CID font, which the PDF does not embed (so pdfium measures
    # it with a substitute from the machine's fonts: the page is read with pdfminer)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 530, "中国工业政策：新能源汽车、半导体。")
    c.setFont("Helvetica", 12)
    c.drawString(72, 500, "Latin text on the same page")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf()


@pytest.fixture(scope="module")
def both(pdf: bytes) -> tuple[list[RawPage], list[RawPage]]:
    return read_pages(PdfplumberBackend(), pdf), read_pages(PdfiumBackend(), pdf)


def test_generated_pdf_matches_pdfplumber(both: tuple[list[RawPage], list[RawPage]]) -> None:
    plumber, pdfium = both
    assert compare(plumber, pdfium) == []


def test_generated_pdf_content_order_matches(both: tuple[list[RawPage], list[RawPage]]) -> None:
    """Drawn left to right, line by line, the content order itself is the same."""
    for a, b in zip(*both):
        ta = [norm(c.text) for c in a.chars if not c.text.isspace()]
        tb = [norm(c.text) for c in b.chars if not c.text.isspace()]
        assert ta == tb


def test_pages_numbered_and_sized(both: tuple[list[RawPage], list[RawPage]]) -> None:
    _, pages = both
    assert [p.number for p in pages] == [1, 2, 3, 4]
    assert (round(pages[0].width, 2), round(pages[0].height, 2)) == (595.28, 841.89)
    # pdfplumber's convention: MediaBox, turned by /Rotate, CropBox ignored
    assert pages[1].width == pytest.approx(595.28, abs=0.01)
    assert pages[2].height == pytest.approx(841.89, abs=0.01)
    assert pages[0].image_count == 1
    assert pages[1].image_count == 0


def test_only_drawn_chars_and_line_end_hyphens(
    both: tuple[list[RawPage], list[RawPage]],
) -> None:
    plumber, pdfium = both
    text = "".join(c.text for c in pdfium[0].chars)
    assert "\r" not in text and "\n" not in text and "\x02" not in text
    # the PDF's own spaces are there, no generated ones
    assert sum(c.text == " " for c in pdfium[0].chars) == sum(
        c.text == " " for c in plumber[0].chars)
    # pdfium flags both line-end hyphens as breaks (U+0002); the drawn "-" is kept
    assert "state-owned," in text and "recon-struction" in text
    assert "self-reliance" in text
    for word in ("state", "recon"):
        hyphen = pdfium[0].chars[text.index(word + "-") + len(word)]
        assert hyphen.text == "-" and hyphen.x1 - hyphen.x0 == pytest.approx(3.663, abs=0.01)


def test_flagged_hyphen_setting(pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium did flag the two line-end hyphens (and only them): the setting maps them."""
    from newsextract.reader import pdfium as module

    monkeypatch.setattr(module, "FLAGGED_HYPHEN", BREAK_HYPHEN)
    text = "".join(c.text for c in read_pages(PdfiumBackend(), pdf)[0].chars)
    assert f"state{BREAK_HYPHEN}owned," in text and f"recon{BREAK_HYPHEN}struction" in text
    assert "self-reliance" in text and "mid-line" in text


def test_superscript_baseline_includes_rise(both: tuple[list[RawPage], list[RawPage]]) -> None:
    _, pdfium = both
    chars = pdfium[0].chars
    text = "".join(c.text for c in chars)
    start = text.index("14th")
    four, t = chars[start + 1], chars[start + 2]
    assert t.size == pytest.approx(7.0) and four.size == pytest.approx(11.0)
    assert four.baseline - t.baseline == pytest.approx(4.0, abs=0.01)
    one, two = chars[text.index("12")], chars[text.index("12") + 1]
    assert one.size == two.size == pytest.approx(7.0)
    assert chars[text.index("footnote")].baseline - one.baseline == pytest.approx(4.0, abs=0.01)


def test_fonts(both: tuple[list[RawPage], list[RawPage]]) -> None:
    _, pdfium = both
    by_font = {c.fontname: c for c in pdfium[0].chars}
    assert {"Helvetica", "Helvetica-Bold", "Times-BoldItalic"} <= set(by_font)
    # the standard 14 fonts have no descriptor: no verdict, the reader uses the name
    assert (by_font["Helvetica-Bold"].bold, by_font["Helvetica-Bold"].italic) == (None, None)
    if _vera_fonts():
        names = {n.split("+")[-1]: c for n, c in by_font.items()}
        vera = {k: v for k, v in names.items() if k.startswith("BitstreamVera")}
        assert vera, sorted(names)
        for name, char in vera.items():
            assert char.italic == ("Oblique" in name or "Italic" in name), name
            assert char.bold in (None, "Bold" in name), name


def test_overprinted_copy_restored(both: tuple[list[RawPage], list[RawPage]]) -> None:
    _, pdfium = both
    text = "".join(c.text for c in pdfium[2].chars)
    assert text.count("Fake bold title") == 2
    first, second = (c for c in pdfium[2].chars if c.text == "F")
    assert second.x0 - first.x0 == pytest.approx(0.3, abs=0.01)
    assert second.top == pytest.approx(first.top, abs=0.01)


def test_cjk_text(both: tuple[list[RawPage], list[RawPage]]) -> None:
    _, pdfium = both
    text = "".join(c.text for c in pdfium[3].chars)
    assert "中国工业政策：新能源汽车、半导体。" in text


def _miner_pages(monkeypatch: pytest.MonkeyPatch, data: bytes) -> tuple[list[RawPage], list[int]]:
    """Read ``data`` with the pdfium backend; return its pages and those read by pdfminer."""
    from newsextract.reader.pdfium import _PdfiumSource

    handed: list[int] = []
    original = _PdfiumSource._miner_chars

    def spy(self: _PdfiumSource, index: int) -> list[RawChar]:
        handed.append(index)
        return original(self, index)

    monkeypatch.setattr(_PdfiumSource, "_miner_chars", spy)
    return read_pages(PdfiumBackend(), data), handed


def test_multi_glyph_text_in_a_substituted_font_is_read_by_pdfium(
    pdf: bytes, both: tuple[list[RawPage], list[RawPage]], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CJK in a font the PDF does not embed, in objects of several glyphs: pdfium's own.

    An object of two or more glyphs spans the advance between them whether or not the
    machine has the glyphs, so pdfium keeps it everywhere (the machine tests below check
    the reading on two machines); its chars agree with pdfminer's.
    """
    plumber, _ = both
    pages, handed = _miner_pages(monkeypatch, pdf)
    assert handed == []
    assert "中国工业政策：新能源汽车、半导体。" in "".join(c.text for c in pages[3].chars)
    assert {c.fontname for c in pages[3].chars} >= {"STSong-Light"}
    assert compare([plumber[3]], [pages[3]]) == []


def test_lone_glyph_in_a_substituted_font_is_read_by_pdfminer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A text object of one CJK glyph in an unembedded font: that page is pdfminer's."""
    data = lone_glyph_pdf()
    pages, handed = _miner_pages(monkeypatch, data)
    assert handed == [0]
    assert pages[0].chars == read_pages(PdfplumberBackend(), data)[0].chars
    assert "2022－2035" in "".join(c.text for c in pages[0].chars)


def test_fixture_pages_handed_to_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    """ci-2023-01: only page 3 holds a lone unembedded CJK glyph (the "－" of 2022－2035)."""
    _, handed = _miner_pages(monkeypatch, (ROOT / "fixtures" / "ci-2023-01.pdf").read_bytes())
    assert handed == [2]


def test_links(both: tuple[list[RawPage], list[RawPage]]) -> None:
    _, pdfium = both
    links = {link.uri: link for link in pdfium[0].links}
    assert set(links) == {LINK_URI, "https://example.com/plain", None}
    wrapped = links[LINK_URI]
    height = pdfium[0].height
    expected = [(q[0], height - q[1], q[2], height - q[5]) for q in LINK_QUADS]
    assert len(wrapped.rects) == 2
    for got, want in zip(wrapped.rects, expected):
        assert got == pytest.approx(want, abs=0.01)
    assert len(links[None].rects) == 1  # the internal (GoTo) link


# ------------------------------------------------------------------------------ fixtures


@pytest.mark.parametrize(
    "path", FIXTURES or [pytest.param(None, marks=pytest.mark.skip("no fixtures/*.pdf"))],
    ids=[p.name for p in FIXTURES] or ["none"],
)
def test_fixture_matches_pdfplumber(path: Path) -> None:
    data = path.read_bytes()
    problems = compare(read_pages(PdfplumberBackend(), data, path.name),
                       read_pages(PdfiumBackend(), data, path.name))
    assert problems == []


TYPE3_RENDERING = ROOT / "fixtures" / "engines" / "ci-2024-10--chromium-a4-sans.pdf"


def _han(pages: list[RawPage]) -> list[tuple[int, RawChar]]:
    """Every Han char of ``pages`` with its page number, in reading order."""
    return sorted(((n, c) for n, page in enumerate(pages) for c in page.chars
                   if unicodedata.name(c.text[:1], "").startswith(("CJK", "KANGXI"))),
                  key=lambda nc: (nc[0], round(nc[1].top), nc[1].x0))


@pytest.mark.skipif(not TYPE3_RENDERING.is_file(), reason="engine rendering absent")
def test_type3_glyphs_span_their_advance() -> None:
    """A Type3 glyph's box spans its advance (the font's /Widths), as pdfminer has it.

    Chromium draws each Chinese glyph from a Type3 font of its own; for some of them
    pdfium's loose box is only the ink, which ends short of the advance.
    """
    import ctypes

    import pypdfium2 as bare
    import pypdfium2.raw as raw

    data = TYPE3_RENDERING.read_bytes()
    # the case is real: bare pdfium's loose box of some glyph ends > 1 pt before the next
    doc = bare.PdfDocument(data)
    short = 0
    for page in doc:
        text = page.get_textpage()
        rect = raw.FS_RECTF()
        for i in range(text.count_chars() - 1):
            if not 0x4E00 <= raw.FPDFText_GetUnicode(text, i) <= 0x9FFF:
                continue
            raw.FPDFText_GetLooseCharBox(text, i, ctypes.byref(rect))
            nx, ny = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(text, i + 1, ctypes.byref(nx), ctypes.byref(ny))
            ox, oy = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(text, i, ctypes.byref(ox), ctypes.byref(oy))
            short += oy.value == ny.value and nx.value - rect.right > 1.0
    doc.close()
    assert short >= 1
    plumber = _han(read_pages(PdfplumberBackend(), data))
    pdfium = _han(read_pages(PdfiumBackend(), data))
    assert len(pdfium) == len(plumber) > 20
    for (n, a), (m, b) in zip(plumber, pdfium):
        assert n == m
        assert (b.x0, b.x1) == pytest.approx((a.x0, a.x1), abs=0.05), (a, b)


# -------------------------------------------------------------------------------- errors


def test_empty_bytes() -> None:
    with pytest.raises(NotAPDFError) as err, PdfiumBackend().open(b"", "empty.pdf"):
        pass
    assert err.value.path == "empty.pdf" and "empty.pdf" in str(err.value)


def test_random_bytes() -> None:
    data = bytes(random.Random(7).randrange(256) for _ in range(4096)).replace(b"%", b"#")
    with pytest.raises(NotAPDFError, match=r"noise\.bin"), PdfiumBackend().open(data, "noise.bin"):
        pass


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated(pdf: bytes, keep: float) -> None:
    cut = pdf[: int(len(pdf) * keep)]
    with pytest.raises(MalformedPDFError, match=r"cut\.pdf"):
        read_pages(PdfiumBackend(), cut, "cut.pdf")


def test_header_only() -> None:
    with pytest.raises(MalformedPDFError):
        read_pages(PdfiumBackend(), b"%PDF-1.7\n%%EOF\n", "h.pdf")


@pytest.fixture(scope="module")
def encrypted() -> bytes:
    return make_pdf(encrypt="s3cret")


def test_encrypted_without_password(encrypted: bytes) -> None:
    with pytest.raises(EncryptedPDFError, match=r"locked\.pdf"):
        read_pages(PdfiumBackend(), encrypted, "locked.pdf")


def test_encrypted_wrong_password(encrypted: bytes) -> None:
    with pytest.raises(EncryptedPDFError):
        read_pages(PdfiumBackend(), encrypted, "locked.pdf", password="wrong")


def test_encrypted_with_password(encrypted: bytes, pdf: bytes) -> None:
    pages = read_pages(PdfiumBackend(), encrypted, "locked.pdf", password="s3cret")
    plain = read_pages(PdfiumBackend(), pdf)
    assert [c.text for c in pages[0].chars] == [c.text for c in plain[0].chars]


def test_errors_pickle() -> None:
    import pickle

    try:
        read_pages(PdfiumBackend(), b"not a pdf", "x.txt")
    except NewsExtractError as exc:
        again = pickle.loads(pickle.dumps(exc))
        assert type(again) is NotAPDFError and again.path == "x.txt"
    else:  # pragma: no cover
        pytest.fail("no error")


def test_pages_after_close_raise_not_crash(pdf: bytes) -> None:
    backend = PdfiumBackend()
    with backend.open(pdf, "late.pdf") as source:
        pages: Iterator[RawPage] = source.pages()
        first = next(pages)
    assert first.number == 1
    with pytest.raises(MalformedPDFError, match="closed"):
        next(pages)


def test_one_page_at_a_time(pdf: bytes) -> None:
    """Pages come lazily: abandoning the iterator early is fine."""
    with PdfiumBackend().open(pdf, "lazy.pdf") as source:
        assert source.page_count == 4
        for page in source.pages():
            assert page.number == 1
            break


# -------------------------------------------------------------------------------- corpus


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_corpus_reads_or_raises_typed_errors() -> None:
    """Every real-world PDF either reads or raises a NewsExtractError subclass.

    Opening and the first page of each file only, to stay fast (opening is where most
    files fail; the fixtures and the generated PDF cover reading every page).
    """
    backend = PdfiumBackend()
    read = failed = 0
    for path in sorted(CORPUS.rglob("*.pdf")):
        data = path.read_bytes()
        try:
            with backend.open(data, path.name) as source:
                for page, _ in zip(source.pages(), range(1)):
                    assert page.width > 0 and page.height > 0
                    bad = [c for c in page.chars if c.x0 > c.x1 or c.top > c.bottom]
                    assert not bad, (path.name, bad[:3])
            read += 1
        except NewsExtractError as exc:
            assert exc.path == path.name
            failed += 1
    assert read > failed > 0


def test_concurrent_threads_are_serialised(pdf: bytes) -> None:
    """pdfium is not thread-safe; the backend's lock makes concurrent use safe (not fast)."""
    import threading

    expected = [[c.text for c in p.chars] for p in read_pages(PdfiumBackend(), pdf)]
    results: list[list[list[str]]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(3):
                pages = read_pages(PdfiumBackend(), pdf)
                results.append([[c.text for c in p.chars] for p in pages])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == [expected] * 12


# ------------------------------------------------------------- pdfium and the machine's fonts

#: Run in a fresh process: re-initialise pdfium with only the font folders given (none: its
#: built-in fonts alone, as on a machine without fonts), then read each PDF with a bare
#: pypdfium2 text page, with both backends, and extract its Issue with both backends.
#: Re-initialising pdfium is process-global; the library itself never does it.
MACHINE_SCRIPT = """
import ctypes, dataclasses, json, sys
import pypdfium2 as pdfium
import pypdfium2.raw as raw

request = json.loads(sys.stdin.read())
raw.FPDF_DestroyLibrary()
folders = [ctypes.create_string_buffer(f.encode()) for f in request["font_folders"]]
paths = (ctypes.POINTER(ctypes.c_char) * (len(folders) + 1))(
    *(ctypes.cast(f, ctypes.POINTER(ctypes.c_char)) for f in folders), None)
config = raw.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=paths, m_pIsolate=None,
                                 m_v8EmbedderSlot=0)
raw.FPDF_InitLibraryWithConfig(ctypes.byref(config))

from newsextract import NewsExtractError, extract_issue
from newsextract.reader.pdfium import PdfiumBackend
from newsextract.reader.plumber import PdfplumberBackend

def pages(backend, data):
    with backend.open(data, "x.pdf") as source:
        return [[p.number, p.width, p.height, [dataclasses.astuple(c) for c in p.chars],
                 [[link.uri, link.rects] for link in p.links], p.image_count]
                for p in source.pages()]

out = {}
for path in request["pdfs"]:
    data = open(path, "rb").read()
    doc = pdfium.PdfDocument(data)
    bare = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    issues = {}
    for backend in ("pdfium", "pdfplumber"):
        try:
            issues[backend] = extract_issue(data, backend=backend).model_dump_json()
        except NewsExtractError as exc:
            issues[backend] = type(exc).__name__
    out[path] = {"bare": bare, "pdfium": pages(PdfiumBackend(), data),
                 "pdfplumber": pages(PdfplumberBackend(), data), "issues": issues}
print(json.dumps(out))
"""


def lone_glyph_pdf() -> bytes:
    """One page whose only CJK glyph is a text object of its own, in the CID font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    t = c.beginText(72, 700)
    t.setFont("Helvetica", 12)
    t.textOut("Plan for 2022")
    t.setFont("STSong-Light", 12)
    t.textOut("－")
    t.setFont("Helvetica", 12)
    t.textOut("2035 and beyond")
    c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def from_json(pages: list[Any]) -> list[RawPage]:
    from newsextract.reader.backend import RawLink

    return [RawPage(n, w, h, [RawChar(*c) for c in chars],
                    [RawLink(uri, tuple(tuple(r) for r in rects)) for uri, rects in links],
                    images)
            for n, w, h, chars, links, images in pages]


@pytest.fixture(scope="module")
def machines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The readings on two machines: pdfium with no fonts at all, and with a Chinese font.

    The Chinese font is the renderer's packaged WenQuanYi Zen Hei subset, alone in a folder
    (pdfium takes it for the CID font STSong-Light: same code page).
    """
    from newsextract.testing.render_text import FONT_DIR

    tmp = tmp_path_factory.mktemp("machines")
    cjk = tmp / "cjk"
    cjk.mkdir()
    (cjk / "WenQuanYiZenHei.ttf").write_bytes((FONT_DIR / "WenQuanYiZenHei.ttf").read_bytes())
    lone = tmp / "lone.pdf"
    lone.write_bytes(lone_glyph_pdf())
    pdfs = [str(ROOT / "fixtures" / "ci-2023-01.pdf"), str(lone)]
    out: dict[str, dict[str, Any]] = {}
    for machine, folders in (("no fonts", []), ("a CJK font", [str(cjk)])):
        done = subprocess.run(
            [sys.executable, "-c", MACHINE_SCRIPT],
            input=json.dumps({"font_folders": folders, "pdfs": pdfs}),
            capture_output=True, text=True, timeout=600, check=True,
        )
        readings = json.loads(done.stdout)
        out[machine] = {"fixture": readings[pdfs[0]], "lone": readings[pdfs[1]]}
    return out


def test_bare_pdfium_reads_a_cid_glyph_only_with_a_system_font(
    machines: dict[str, dict[str, Any]],
) -> None:
    """Why the rule exists: pdfium alone drops the lone glyph where no font has it."""
    without, with_cjk = machines["no fonts"], machines["a CJK font"]
    assert "（2022－2035年）" not in without["fixture"]["bare"][2]
    assert "（2022－2035年）" in with_cjk["fixture"]["bare"][2]
    assert "－" not in without["lone"]["bare"][0]
    assert "2022－2035" in with_cjk["lone"]["bare"][0]


@pytest.mark.parametrize("pdf", ["fixture", "lone"])
def test_pdfium_backend_reads_the_same_on_both_machines(
    machines: dict[str, dict[str, Any]], pdf: str,
) -> None:
    without, with_cjk = machines["no fonts"][pdf], machines["a CJK font"][pdf]
    assert without["pdfium"] == with_cjk["pdfium"]
    assert without["pdfplumber"] == with_cjk["pdfplumber"]
    text = "".join(c[0] for c in without["pdfium"][-1 if pdf == "lone" else 2][3])
    assert ("（2022－2035年）" if pdf == "fixture" else "2022－2035") in text


@pytest.mark.parametrize("machine", ["no fonts", "a CJK font"])
def test_both_backends_agree_on_either_machine(
    machines: dict[str, dict[str, Any]], machine: str,
) -> None:
    for pdf in ("fixture", "lone"):
        reading = machines[machine][pdf]
        assert compare(from_json(reading["pdfplumber"]), from_json(reading["pdfium"])) == []
    issues = machines[machine]["fixture"]["issues"]
    assert issues["pdfium"] == issues["pdfplumber"]
    assert issues["pdfium"].startswith("{")
