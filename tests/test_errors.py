"""Bad input gets a typed error naming the file, never a raw pdfminer traceback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsextract import (
    EncryptedPDFError,
    InputError,
    MalformedPDFError,
    NewsExtractError,
    NotANewsletterError,
    NotAPDFError,
    NoTextLayerError,
    ResourceLimitError,
    extract_issue,
)

canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")


def _pdf(draw: object = None, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    c = canvas_mod.Canvas(buf, invariant=1, **kwargs)
    if callable(draw):
        draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _text_page(c: object) -> None:
    c.setFont("Helvetica", 12)  # type: ignore[attr-defined]
    for i, line in enumerate(
        ["Quarterly report on regional rainfall", "Rainfall rose by 12 percent.", "Annex 1"]
    ):
        c.drawString(72, 700 - 20 * i, line)  # type: ignore[attr-defined]


def test_not_a_pdf(tmp_path: Path) -> None:
    p = tmp_path / "notes.txt"
    p.write_text("just some text\n")
    with pytest.raises(NotAPDFError) as e:
        extract_issue(p)
    assert "notes.txt" in str(e.value) and "not a PDF" in str(e.value)


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(NotAPDFError, match=r"empty\.pdf: the file is empty"):
        extract_issue(p)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.pdf"):
        extract_issue(tmp_path / "nope.pdf")
    with pytest.raises(InputError, match="directory"):
        extract_issue(tmp_path)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _pdf(_text_page)
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 3])
    with pytest.raises(NewsExtractError) as e:
        extract_issue(p)
    assert isinstance(e.value, MalformedPDFError | NotANewsletterError | NoTextLayerError)
    assert "cut.pdf" in str(e.value)


def test_garbage_after_header(tmp_path: Path) -> None:
    p = tmp_path / "garbage.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with pytest.raises(MalformedPDFError, match=r"garbage\.pdf"):
        extract_issue(p)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption("secret", ownerPassword="owner", canPrint=1)
    p = tmp_path / "locked.pdf"
    p.write_bytes(_pdf(_text_page, encrypt=enc))
    with pytest.raises(EncryptedPDFError, match=r"locked\.pdf") as e:
        extract_issue(p)
    assert "password" in str(e.value)
    # with the password the file opens and turns out not to be a newsletter
    with pytest.raises(NotANewsletterError):
        extract_issue(p, password="secret")


def test_image_only_pdf(tmp_path: Path) -> None:
    from reportlab.lib.utils import ImageReader

    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
        b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9d"
        b"\xb0\xa1\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    p = tmp_path / "scan.pdf"
    p.write_bytes(_pdf(lambda c: c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, 595, 842)))
    with pytest.raises(NoTextLayerError, match=r"scan\.pdf: .*only images"):
        extract_issue(p)


def test_other_document_is_not_a_newsletter_even_when_lenient(tmp_path: Path) -> None:
    p = tmp_path / "report.pdf"
    p.write_bytes(_pdf(_text_page))
    with pytest.raises(NotANewsletterError, match=r"report\.pdf: not a China Industries "
                                                  r"newsletter \(profile china-industries\), "
                                                  r"the installed profile it matched best"):
        extract_issue(p)
    with pytest.raises(NotANewsletterError, match=r"report\.pdf: not a China Industries "
                                                  r"newsletter \(profile china-industries\)"):
        extract_issue(p, profile="china-industries")


def test_size_cap() -> None:
    with pytest.raises(ResourceLimitError, match="cap"):
        extract_issue(_pdf(_text_page), max_bytes=100)


def test_bytes_and_file_objects_are_named(tmp_path: Path) -> None:
    with pytest.raises(NotAPDFError, match="<bytes>"):
        extract_issue(b"not a pdf")
    p = tmp_path / "x.bin"
    p.write_bytes(b"still not a pdf")
    with p.open("rb") as fh, pytest.raises(NotAPDFError, match=r"x\.bin"):
        extract_issue(fh)


def test_errors_pickle_round_trip() -> None:
    import pickle

    err = EncryptedPDFError("a.pdf", "locked")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is EncryptedPDFError and str(back) == "a.pdf: locked"
