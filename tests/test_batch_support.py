"""Fakes and helpers shared by the batch and CLI tests (this module holds no tests).

The real extractor is not needed: a *fake PDF* is a small text file starting with
``%PDF-`` whose comment line tells :func:`fake_extract` how to behave::

    %PDF-1.4
    % fake-newsletter behaviour=ok pages=3 date=2024-03-15 tag=a
    %%EOF

Behaviours: ``ok`` (an Issue built from the tag), ``slow`` (ok after 50 ms), ``corrupt``
(MalformedPDFError), ``sleep`` (never returns: the time-limit test), ``alloc`` (allocates
2 GiB: the memory-cap test), ``crash`` (the worker segfaults), ``notimpl``
(NotImplementedError: an unexpected exception), ``inflate`` (inflates the FlateDecode
stream the file carries with zlib, like pdfminer does).
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import hashlib
import os
import re
import signal
import time
import zlib
from pathlib import Path

from newsextract.errors import MalformedPDFError
from newsextract.models import (
    AtAGlance,
    DateRange,
    Issue,
    IssuingBody,
    Link,
    NewsItem,
    NewsSource,
    Paragraph,
    PolicyDocument,
    SourceFile,
    TopStory,
)
from newsextract.testing.hostile_pdf import bomb_pdf  # noqa: F401 (used by other tests)

_HEADER = re.compile(rb"% fake-newsletter ([^\n]*)\n")


def fake_pdf(
    behaviour: str = "ok",
    *,
    pages: int = 3,
    date: str = "2024-03-15",
    tag: str = "a",
    payload: bytes = b"",
) -> bytes:
    """Return the bytes of a fake PDF (see the module docstring)."""
    head = f"% fake-newsletter behaviour={behaviour} pages={pages} date={date} tag={tag}\n"
    return b"%PDF-1.4\n" + head.encode() + payload + b"\n%%EOF\n"


def write_fake(path: Path, behaviour: str = "ok", **kw: object) -> Path:
    """Write a fake PDF to ``path`` (parents created) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(fake_pdf(behaviour, **kw))  # type: ignore[arg-type]
    return path


def _params(data: bytes) -> dict[str, str]:
    m = _HEADER.search(data[:400])
    if not m:
        raise MalformedPDFError("<bytes>", "not a fake newsletter")
    return dict(item.split("=", 1) for item in m.group(1).decode().split())


def build_issue(sha: str, pages: int, date: str, tag: str) -> Issue:
    """Return a small but complete Issue whose content depends on ``tag``."""
    day = dt.date.fromisoformat(date)
    return Issue(
        publication_date=day,
        reporting_period=DateRange(start=day - dt.timedelta(days=28), end=day),
        top_stories=[
            TopStory(
                rank=1,
                title=f'Story {tag}: *bold* claims, "quotes", commas',
                at_a_glance=AtAGlance(text="Summary here.", points=["first, point", "second"]),
                comment=[
                    Paragraph(
                        text=f"Comment on {tag} with a draft link.",
                        links=[Link(text="draft", url="https://example.org/draft")],
                    ),
                    Paragraph(text="Second paragraph, 中文 too."),
                ],
                documents=[PolicyDocument(
                    title=f"Plan {tag}", title_zh="工业计划", url="https://www.miit.gov.cn/x",
                    issuing_bodies=[
                        IssuingBody(
                            acronym="MIIT", name="Ministry of Industry and Information Technology"
                        ),
                        IssuingBody(acronym="NDRC",
                                    name="National Development and Reform Commission"),
                    ],
                    issuing_bodies_complete=False,
                    date=day,
                )],
                pages=[2, 3],
            )
        ],
        policy_news=[
            NewsItem(
                date=day,
                text=f"Policy item {tag}; see the notice.",
                links=[Link(text="notice", url="https://example.org/notice")],
                sources=[
                    NewsSource(label="MIIT notice", language="zh", url="https://miit.gov.cn/n")
                ],
                page=4,
            )
        ],
        corporate_news=[NewsItem(date=None, text=f"Corporate item {tag}", page=5)],
        source=SourceFile(file_name="<bytes>", sha256=sha, page_count=pages),
    )


def fake_extract(
    source: object,
    *,
    strict: bool = False,
    password: str | None = None,
    max_bytes: int | None = None,
    inflate_limits: object = None,
    backend: str = "pdfplumber",
) -> Issue:
    """Stand in for ``newsextract.extract_issue`` on fake PDFs."""
    if isinstance(source, (str, os.PathLike)):
        data = Path(source).read_bytes()
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read()  # type: ignore[attr-defined]
    p = _params(data)
    behaviour = p["behaviour"]
    if behaviour == "slow":
        time.sleep(0.05)
    elif behaviour == "corrupt":
        raise MalformedPDFError("<bytes>", "the PDF is damaged and cannot be read (fake)")
    elif behaviour == "sleep":
        while True:
            time.sleep(60)
    elif behaviour == "alloc":
        block = bytearray(2 * 1024**3)
        block[:: 1 << 20] = b"x" * len(block[:: 1 << 20])  # touch every MiB
        raise AssertionError("the memory cap did not stop a 2 GiB allocation")
    elif behaviour == "crash":
        faulthandler.disable()  # no "Fatal Python error" dump in the test output
        os.kill(os.getpid(), signal.SIGSEGV)
    elif behaviour == "notimpl":
        raise NotImplementedError
    elif behaviour == "inflate":
        start = data.index(b"stream\n") + len(b"stream\n")
        end = data.index(b"\nendstream")
        zlib.decompress(data[start:end])  # what pdfminer does with a FlateDecode stream
    sha = hashlib.sha256(data).hexdigest()
    return build_issue(sha, int(p["pages"]), p["date"], p["tag"])


def install_fake() -> None:
    """Replace ``newsextract.api.extract_issue`` by :func:`fake_extract` (in this process)."""
    import newsextract.api

    newsextract.api.extract_issue = fake_extract


def sorted_lines(path: Path) -> list[str]:
    """The lines of a text file, sorted (for order-independent comparisons)."""
    return sorted(path.read_text(encoding="utf-8").splitlines())


def minimal_pdf(content: bytes, *, flate: bool) -> bytes:
    """Return a one-page PDF whose content stream is ``content`` (compressed if ``flate``)."""
    filt = b" /Filter /FlateDecode" if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1"
        b" /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length "
        + str(len(content)).encode()
        + filt
        + b" >>\nstream\n"
        + content
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def text_pdf(text: str = "Hello") -> bytes:
    """A small valid PDF showing ``text``."""
    content = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET".encode()
    return minimal_pdf(content, flate=False)


def plumber_extract(
    source: object,
    *,
    strict: bool = False,
    password: str | None = None,
    max_bytes: int | None = None,
    inflate_limits: object = None,
    backend: str = "pdfplumber",
) -> Issue:
    """Stand in for the extractor, really parsing the PDF with pdfplumber (all chars)."""
    import io

    import pdfplumber

    assert isinstance(source, bytes)
    with pdfplumber.open(io.BytesIO(source)) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            _ = page.chars
    return build_issue(hashlib.sha256(source).hexdigest(), pages, "2024-01-31", "plumber")
