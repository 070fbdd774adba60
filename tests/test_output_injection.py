"""Outputs that cannot be injected: Markdown read by a real CommonMark parser, CSV by a
spreadsheet's rules, hostile issues built with the models (not through PDFs).

Markdown: the hostile issue's rendering must parse (markdown-it-py, CommonMark with raw
HTML on, GFM tables and strikethrough, and every link target allowed, as the most
permissive renderer would) into the same elements and attributes as the rendering of a
*benign twin* — the same issue with every character that is not a letter or digit
replaced by its own private-use character, so every link falls in the same place, and
every URL by a plain one. Any element or attribute the data added (a heading, a list
item, an image, a link, raw HTML, emphasis) shows up as a difference. Every ``href`` is
http(s) or mailto, and no control or bidi control character reaches the file.

CSV: no text cell starts with ``=``, ``+``, ``-``, ``@``, TAB or CR unless written with
``raw=True`` (``--csv-raw``); removing one leading ``'`` gives the raw cell back. Parquet
and JSON keep the values as they are.

The property runs under the Hypothesis profile of ``tests/conftest.py``
(``HYPOTHESIS_PROFILE``: ``ci`` by default, ``thorough`` for 2,000 examples).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown_it
import pytest
import regex
from hypothesis import given, settings

from newsextract.batch import convert
from newsextract.batch.csvout import (
    FORMULA_STARTS,
    csv_cell,
    csv_line,
    issue_csv_rows,
    write_tables,
)
from newsextract.batch.markdown import issue_to_markdown
from newsextract.batch.tables import TABLES, issue_table_rows, table
from newsextract.models import (
    FORBIDDEN_CHARS,
    AtAGlance,
    ExtractionWarning,
    Issue,
    Link,
    NewsItem,
    NewsSource,
    Paragraph,
    Person,
    PolicyDocument,
    PublisherInfo,
    SourceFile,
    TopStory,
    is_safe_url,
)
from newsextract.testing.hostile import hostile_issues
from newsextract.urls import UnsafeURLError, clean_url

#: The profile registered in ``tests/conftest.py``: ``ci`` unless HYPOTHESIS_PROFILE says.
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

_SPREADSHEET_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_RAW_CONTROLS = regex.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "a", "code"}


def _parser(*, permissive: bool) -> Any:
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    if permissive:  # keep every link, whatever its scheme: nothing may come from the data
        md.validateLink = lambda url: True
    return md


def _shape(tokens: list[Any]) -> list[Any]:
    """Tokens as (type, tag, nesting, attribute names, children), text runs merged."""
    out: list[Any] = []
    for tok in tokens:
        if tok.type == "text" and out and out[-1][0] == "text":
            continue
        children = _shape(tok.children) if tok.children else []
        out.append((tok.type, tok.tag, tok.nesting, sorted(tok.attrs), children))
    return out


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(a for a, _ in attrs))))
        self.hrefs += [v or "" for a, v in attrs if a == "href"]

    def handle_comment(self, data: str) -> None:
        self.tags.append(("<!---->", ()))


def _html_tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def _cleans(url: str) -> bool:
    """Whether ``url`` makes a safe URL (so the Markdown links it)."""
    try:
        clean_url(url)
    except UnsafeURLError:
        return False
    return True


def _benign_twin(issue: Issue) -> Issue:
    """The same issue with every non-alphanumeric character mapped to its own private-use
    character (one to one, so substrings and lengths are kept) and every URL and e-mail
    address replaced by a plain one (a safe URL by a safe one)."""
    chars: dict[str, str] = {}
    count = [0]

    def char(c: str) -> str:
        if c.isalnum():
            return c
        return chars.setdefault(c, chr(0xF0000 + len(chars)))

    def url(u: str) -> str:
        count[0] += 1
        return f"https://example.org/u{count[0]}" if is_safe_url(u) else f"example.org/u{count[0]}"

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if (
            not isinstance(value, str)
            or not value
            or key in {"sha256", "schema_version", "language"}
        ):
            return value
        if key == "url":
            return url(value)
        if key == "website":  # a link where the printed site makes a safe URL
            count[0] += 1
            scheme = "" if value.lower().startswith(("http:", "https:")) else "https://"
            linked = _cleans(scheme + value)
            return f"example.org/u{count[0]}" if linked else f"example .org/u{count[0]}"
        if key in {"email", "contact_email"}:
            count[0] += 1
            host = "example.org" if _cleans("mailto:" + value) else "-example.org"
            return f"u{count[0]}@{host}"
        return "".join(char(c) for c in value)

    return Issue.model_validate(walk(issue.model_dump(mode="python")))


def check_markdown(issue: Issue) -> None:
    """The Markdown properties of the module docstring, for one issue."""
    md = issue_to_markdown(issue)
    assert not _RAW_CONTROLS.search(md), "a control or bidi character reached the Markdown"
    twin = issue_to_markdown(_benign_twin(issue))
    permissive = _parser(permissive=True)
    assert _shape(permissive.parse(md)) == _shape(permissive.parse(twin))
    tags = _html_tags(permissive.render(md))
    assert tags.tags == _html_tags(permissive.render(twin)).tags
    assert {t for t, _ in tags.tags} <= _ALLOWED_TAGS
    for href in _html_tags(_parser(permissive=False).render(md)).hrefs + tags.hrefs:
        assert regex.match(r"(?i)(https?|mailto):", href), href
        assert not regex.search(r"[\s\x00-\x1f\x7f-\x9f]", href), href


def _csv_rows(folder: Path, name: str) -> list[list[str]]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))[1:]


def check_csv(issue: Issue, folder: Path) -> None:
    """The CSV properties of the module docstring, for the tables of one issue."""
    journal = folder / "issues.jsonl"
    journal.write_text(issue.model_dump_json() + "\n", encoding="utf-8")
    write_tables(journal, folder / "safe")
    write_tables(journal, folder / "raw", raw=True)
    values = issue_table_rows(issue)
    for layout in TABLES:
        safe, raw = _csv_rows(folder / "safe", layout.name), _csv_rows(folder / "raw", layout.name)
        expected = [[csv_cell(v, raw=True) for v in row] for row in values[layout.name]]
        assert raw == expected, layout.name  # --csv-raw: exactly the values
        assert len(safe) == len(raw)
        for safe_row, raw_row in zip(safe, raw):
            for cell, raw_cell in zip(safe_row, raw_row):
                assert not cell.startswith(_SPREADSHEET_FORMULA), (layout.name, cell)
                assert (cell[1:] if cell.startswith("'") else cell) == raw_cell
                if not raw_cell.startswith(FORMULA_STARTS):
                    assert cell == raw_cell  # only formula cells change


def _hostile_issue() -> Issue:
    """One hand-made issue holding each attack of issue 19.

    Its URLs are what the extractor makes of hostile link targets (``clean_url``). Its
    control and bidi characters are refused by the models since issue 19, so the objects
    holding them are built without validation (``model_construct``): the Markdown must stay
    safe even for an Issue that did not come from the extractor.
    """
    evil_url = clean_url("https://e.org/a b\n# Injected\n[r]: javascript:alert(1)\n)<x>")
    return Issue.model_construct(
        newsletter="China\n# Injected heading",
        publication_date=dt.date(2024, 3, 15),
        authors=[Person.model_construct(name="<script>alert(1)</script>",
                                        role="]\x1b[31m\x00\r")],
        contact_email="a)b<c>@e.org",
        publisher_info=PublisherInfo(
            phone="+49 30 3440 999 0",
            email="x@y.org",
            website="e.org) [x](javascript:alert(1)",
        ),
        top_stories=[
            TopStory.model_construct(
                rank=1,
                title="Title\n# Heading ] <script>x</script> \u202eevil\u202c !",
                at_a_glance=AtAGlance(text="=1+2", points=["- nested", "1. ordered", "@SUM(A1)"]),
                comment=[
                    Paragraph(
                        text="Wow!draft &lt;b&gt; `code",
                        links=[Link(text="draft", url=evil_url)],
                    )
                ],
                documents=[PolicyDocument(title="[x](javascript:alert(1))",
                                          url=clean_url("https://e.org/<a>\"'"))],
                figures=[],
                pages=[],
            )
        ],
        policy_news=[
            NewsItem.model_construct(
                text='=HYPERLINK("http://x","y")',
                date=None,
                page=None,
                links=[Link(text="HYPERLINK", url=clean_url("https://x.org/\r\nInjected: 1"))],
                sources=[NewsSource.model_construct(label="\tTab ] (x)", language="zh",
                                                    url=clean_url("https://s.org/ )"))],
            )
        ],
        corporate_news=[NewsItem(text="-1 @x +y")],
        source=SourceFile(file_name="<img src=x>.pdf", sha256="a" * 64, page_count=3),
        warnings=[ExtractionWarning.model_construct(code="x` <b>y</b> `",
                                                    message="\x1b]8;;https://x\x07")],
    )


def test_hostile_markdown_adds_no_element_and_keeps_every_href_safe() -> None:
    issue = _hostile_issue()
    check_markdown(issue)
    md = issue_to_markdown(issue)
    tokens = _parser(permissive=True).parse(md)
    headings = [
        "".join(c.content for c in tokens[i + 1].children)
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    # The title is one heading line, shown as printed (whitespace folded, bidi controls
    # and control characters shown as U+FFFD).
    assert headings == [
        "China # Injected heading — 2024-03-15",
        "MERICS Top stories",
        "1. Title # Heading ] <script>x</script> \ufffdevil\ufffd !",
        "Noteworthy policy news",
        "Noteworthy corporate news",
        "Publisher",
        "Extraction warnings",
    ]
    html = _parser(permissive=True).render(md)
    hrefs = _html_tags(html).hrefs
    assert (
        "https://e.org/a%20b%0A#%20Injected%0A%5Br%5D:%20javascript:alert%281%29%0A%29%3Cx%3E"
        in hrefs
    )
    assert "https://x.org/%0D%0AInjected:%201" in hrefs
    assert "mailto:a%29b%3Cc%3E@e.org" in hrefs
    assert not any("javascript" in h.split(":", 1)[0] for h in hrefs)
    assert "<script>" not in html and "<img" not in html and "<x>" not in html
    assert "Wow!<a href" in html  # not an image: the "!" before the link is escaped
    assert "<code>x` &lt;b&gt;y&lt;/b&gt; `</code>" in html  # the code span holds


def _valid_hostile_issue() -> Issue:
    """:func:`_hostile_issue` without the characters the models refuse (a valid Issue)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return FORBIDDEN_CHARS.sub("", value) if isinstance(value, str) else value

    return Issue.model_validate(strip(_hostile_issue().model_dump(mode="python")))


def test_the_models_refuse_controls_the_hostile_issue_holds() -> None:
    with pytest.raises(ValueError, match="control or bidi character U\\+001B"):
        Issue.model_validate(_hostile_issue().model_dump(mode="python"))


def test_hostile_csv_cells_are_neutralised_unless_raw(tmp_path: Path) -> None:
    issue = _valid_hostile_issue()
    check_csv(issue, tmp_path)
    rows = issue_csv_rows(issue)
    text = table("news").column_names.index("text")
    assert rows["news"][0][text] == '\'=HYPERLINK("http://x","y")'  # shows as text
    raw = issue_csv_rows(issue, raw=True)
    assert raw["news"][0][text] == '=HYPERLINK("http://x","y")'
    phone = [c for c in rows["issues"][0] if "3440" in c]
    assert phone == ["'+49 30 3440 999 0"]


def test_parquet_and_json_keep_the_raw_values(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from newsextract.batch.parquetout import write_parquet_tables

    issue = _valid_hostile_issue()
    assert Issue.model_validate_json(issue.model_dump_json()) == issue
    journal = tmp_path / "issues.jsonl"
    journal.write_text(issue.model_dump_json() + "\n", encoding="utf-8")
    write_parquet_tables(journal, tmp_path)
    news = pq.read_table(tmp_path / "news.parquet").to_pylist()
    assert news[0]["text"] == '=HYPERLINK("http://x","y")'


def hostile_extract(source: bytes, **kwargs: Any) -> Issue:
    """Stand in for the extractor: every input gives the (valid) hostile issue (picklable)."""
    return _valid_hostile_issue()


def test_convert_markdown_file_holds_only_its_marker_as_html(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pdf").write_bytes(b"%PDF-1.4 hostile")
    convert([tmp_path / "in"], tmp_path / "md", fmt="markdown", jobs=1, extract=hostile_extract)
    md = (tmp_path / "md" / "a.md").read_text(encoding="utf-8")
    tokens = _parser(permissive=True).parse(md)
    html = [t for t in tokens if t.type.startswith("html")]
    assert len(html) == 1 and html[0].content.startswith("<!-- newsextract sha256=")
    for tok in tokens:
        for child in tok.children or []:
            assert not child.type.startswith("html"), child


def test_convert_csv_neutralises_and_csv_raw_does_not(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pdf").write_bytes(b"%PDF-1.4 hostile")
    for folder, raw in (("safe", False), ("raw", True)):
        convert(
            [tmp_path / "in"],
            tmp_path / folder,
            fmt="csv",
            jobs=1,
            extract=hostile_extract,
            csv_raw=raw,
        )
    text = table("news").column_names.index("text")
    cells = {f: [r[text] for r in _csv_rows(tmp_path / f, "news")] for f in ("safe", "raw")}
    assert cells == {
        "safe": ['\'=HYPERLINK("http://x","y")', "'-1 @x +y"],
        "raw": ['=HYPERLINK("http://x","y")', "-1 @x +y"],
    }


def _cells(folder: Path) -> Iterator[str]:
    for layout in TABLES:
        for row in _csv_rows(folder, layout.name):
            yield from row


@settings(settings.get_profile(PROFILE))
@given(hostile_issues())
def test_property_hostile_issues_cannot_inject_markdown(issue: Issue) -> None:
    check_markdown(issue)


@settings(settings.get_profile(PROFILE))
@given(hostile_issues())
def test_property_hostile_issues_cannot_inject_csv(issue: Issue) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        check_csv(issue, Path(tmp))
        assert all(not c.startswith(_SPREADSHEET_FORMULA) for c in _cells(Path(tmp) / "safe"))


def test_escapers_by_context() -> None:
    from newsextract.batch.markdown_escape import (
        escape_markdown,
        markdown_code,
        markdown_destination,
    )

    assert markdown_destination("https://e.org/a b?q=1&r=2") == "https://e.org/a%20b?q=1&r=2"
    assert markdown_destination("https://e.org/?a=&amp;") == "https://e.org/?a=\\&amp;"
    assert markdown_destination("https://e.org/%41%zz") == "https://e.org/%41%25zz"
    assert markdown_destination("https://e.org/\u202e") == "https://e.org/%E2%80%AE"
    assert escape_markdown("a\x1b[31m\x00b") == "a\ufffd\\[31m\ufffdb"
    assert escape_markdown("see &copy; & more") == "see \\&copy; & more"
    assert escape_markdown("wow!") == "wow\\!"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x") == "`` `x ``"
    assert json.dumps(escape_markdown("\u2028x\u2029")) == json.dumps(" x ")


def test_formula_neutralising_is_reversible() -> None:
    for value in ["=1", "+1", "-1", "@a", "\tx", "\rx", "'x", "''x", "plain", "", "a=1"]:
        cell = csv_cell(value)
        assert not cell.startswith(_SPREADSHEET_FORMULA)
        assert (cell[1:] if cell.startswith("'") else cell) == value
    assert csv_cell(-1) == "-1" and csv_cell(dt.date(2024, 1, 2)) == "2024-01-02"
    assert csv_cell(["=x"]) == '["=x"]'  # a JSON list cell starts with "["
    # A lone CR is quoted: it cannot end the row early and inject one (csv.writer does not).
    line = csv_line(["0\r<b>", "x,y", 'q"'])
    assert list(csv.reader(io.StringIO(line, newline=""))) == [["0\r<b>", "x,y", 'q"']]
