"""Tests of the fixture renderer (newsextract.testing): read its PDFs back with pdfplumber."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")
pdfplumber = pytest.importorskip("pdfplumber")

from newsextract.models import (  # noqa: E402
    AtAGlance,
    DateRange,
    Issue,
    IssuingBody,
    Link,
    NewsItem,
    NewsSource,
    Paragraph,
    Person,
    PolicyDocument,
    PublisherInfo,
    TopStory,
)
from newsextract.testing import Layout, Rendered, render_issue  # noqa: E402
from newsextract.testing.render import FOOTER_POS, HEADER_POS  # noqa: E402

D = dt.date
ROOT = Path(__file__).resolve().parent.parent

TITLES = [
    "Battery recycling rules tighten as the first wave of EV packs retires",
    "MIIT sets 14th Five-Year targets for industrial software and cloud adoption",
    "Shipbuilding plan bets on green fuels and smart yards",
    "New catalog widens the list of encouraged foreign investment in advanced manufacturing "
    "and specialised components for the semiconductor supply chain",
    "Provinces told to cut duplicated chip projects",
]
TITLES_ZH = [
    "工业和信息化部关于印发《新能源汽车动力蓄电池回收利用管理办法》的通知",
    "关于印发《“十四五”软件和信息技术服务业发展规划》的通知",
    "五部门关于加快推进船舶工业绿色发展的指导意见",
    "鼓励外商投资产业目录（2024年版）",
    None,
]
BODIES: list[list[str | None]] = [
    ["MIIT", "NDRC", "MOST", None],
    ["MIIT"],
    ["MIIT", "MOT", "MEE", "NDRC", "MOF"],
    ["NDRC", "MOFCOM"],
    ["NDRC"],
]


def demo_issue() -> Issue:
    """Five stories, news items with one to three sources, two authors, two editors."""
    stories = []
    for i, title in enumerate(TITLES):
        comment = [
            Paragraph(
                text=(
                    f"Story {i + 1} responds to a looming surge of retired batteries. Analysts "
                    "expect the volume to triple by 2027, and the 2nd round of pilot cities is "
                    "already under way. Licensed recyclers gain an edge over informal workshops, "
                    "which still process a large share of packs & cells."
                ),
                links=[
                    Link(text="surge of retired batteries", url=f"https://example.com/s{i}"),
                    Link(text="2nd round of pilot cities", url="https://example.com/p?a=1&b=2"),
                ],
            ),
            Paragraph(
                text=(
                    "Foreign carmakers will need to document the full life cycle of each pack. "
                    "This raises compliance costs but also creates demand for traceability "
                    "platforms; the 3rd-party auditors named in the draft are all domestic."
                )
            ),
        ]
        if i % 2 == 0:
            comment.append(Paragraph(
                text=(
                    "Over time the system could become a lever for industrial policy, as the 1st "
                    "batch of whitelisted firms shows: it favours state-owned recyclers in Hunan, "
                    "Jiangxi and Guangdong, the “home turf” of the sector."
                ),
                links=[Link(text="1st batch of whitelisted firms", url="https://example.com/l")],
            ))
        bodies = [IssuingBody(acronym=a) if a else
                  IssuingBody(name="State Administration for Market Regulation")
                  for a in BODIES[i]]
        stories.append(TopStory(
            rank=i + 1,
            title=title,
            at_a_glance=AtAGlance(
                text="Eight ministries released measures for power batteries. Targets for 2026:",
                points=[
                    "Establish a national traceability platform covering every battery sold "
                    "after 2025, including imported packs and those used in energy storage",
                    "Raise the recovery rate of lithium to 90 percent",
                    "Foster three to five leading recycling firms",
                ][: 3 - (i % 2)],
            ),
            comment=comment,
            documents=[PolicyDocument(
                title=f"Measures for Item {i + 1} in the 14th FYP period",
                title_zh=TITLES_ZH[i],
                url=None if i == 4 else f"https://www.miit.gov.cn/doc{i}.html",
                issuing_bodies=bodies,
                issuing_bodies_complete=(i != 2),
                date=D(2024, 1, 3 + 5 * i),
            )],
        ))
    policy = [
        NewsItem(
            date=D(2024, 1, 29),
            text="MIIT publishes draft standards for humanoid robots, the 1st of their kind",
            links=[Link(text="draft standards", url="https://example.com/draft")],
            sources=[
                NewsSource(label="MIIT notice", language="zh", url="https://www.miit.gov.cn/n1"),
                NewsSource(label="Reuters article", language="en", url="https://reuters.com/x"),
            ],
        ),
        NewsItem(
            date=D(2024, 2, 2),
            text="The State Council issues guidelines on the low-altitude economy",
            sources=[NewsSource(label="State Council notice", language="zh",
                                url="https://www.gov.cn/a")],
        ),
        NewsItem(
            date=D(2024, 2, 6),
            text="CNIPA tightens the review of utility model patents (《专利审查指南》修订)",
            sources=[
                NewsSource(label="CNIPA notice", language="zh", url="https://www.cnipa.gov.cn/b"),
                NewsSource(label="South China Morning Post article", language="en",
                           url="https://www.scmp.com/c"),
                NewsSource(label="Caixin summary"),
            ],
        ),
    ]
    corporate = [
        NewsItem(
            date=D(2024, 2, 8),
            text="CATL and a European carmaker agree to build a 40 GWh battery plant",
            sources=[NewsSource(label="Yicai article", language="en", url="https://yicai.com/d")],
        ),
        NewsItem(
            date=D(2024, 2, 19),
            text="SMIC reports record revenue for the 4th quarter",
            sources=[
                NewsSource(label="SMIC press release", language="en", url="https://smics.com/e"),
                NewsSource(label="Caixin article", language="zh", url="https://caixin.com/f"),
            ],
        ),
    ]
    return Issue(
        publication_date=D(2024, 3, 1),
        reporting_period=DateRange(start=D(2024, 1, 27), end=D(2024, 2, 26)),
        authors=[Person(name="Jane Doe", role="Analyst, MERICS"),
                 Person(name="Richard Roe", role="Senior Analyst, MERICS")],
        editors=[Person(name="Erika Mustermann",
                        role="Director Communications and Publications, MERICS"),
                 Person(name="John Smith", role="Editor, MERICS")],
        contact_email="publications@example.org",
        publisher_info=PublisherInfo(
            name="MERICS | Mercator Institute for China Studies",
            address=["Alte Jakobstraße 85", "10179 Berlin"],
            phone="+49 30 0000 000 0", email="info@example.org", website="www.example.org",
        ),
        top_stories=stories,
        policy_news=policy,
        corporate_news=corporate,
    )


# ------------------------------------------------------------------------------ helpers

@pytest.fixture(scope="module")
def demo() -> Rendered:
    return render_issue(demo_issue())


@pytest.fixture(scope="module")
def packed() -> Rendered:
    layout = Layout(page_size="letter", font_family="serif", cjk_font="cid", hyphenate=True,
                    stories_start_new_page=False, page_break_before_noteworthy=False,
                    issuing_body_separator=", ", body_size=12, margin_mm=20,
                    story_labels={3: {"comment": "MERICs comment:"}})
    return render_issue(demo_issue(), layout)


def pages_of(pdf: bytes) -> Iterator[Any]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        yield from doc.pages


def page_texts(pdf: bytes) -> list[str]:
    # y_tolerance 5.5 keeps superscripts (2 pt smaller, raised by half the font size) on
    # their line for body text and 13 pt headings.
    return [p.extract_text(x_tolerance=1.5, y_tolerance=5.5) for p in pages_of(pdf)]


def flowing_text(page_text: str) -> str:
    """Join lines as an extractor must: after U+00AD directly (dropping it), else a space."""
    out = ""
    for line in page_text.splitlines():
        joiner = "" if not out or out.endswith("\xad") else " "
        out = out.removesuffix("\xad") + joiner + line
    return out


def body_lines(page: Any) -> list[tuple[float, str, float]]:
    """(top, text, max size) of each text line of a page, superscripts merged."""
    lines = page.extract_text_lines(x_tolerance=1.5, y_tolerance=5.5, return_chars=True)
    return [(ln["top"], ln["text"], max(c["size"] for c in ln["chars"])) for ln in lines]


# -------------------------------------------------------------------------------- tests

def test_page_count_and_cover(demo: Rendered) -> None:
    texts = page_texts(demo.pdf)
    # cover, contents, 5 stories on their own pages, noteworthy, back page
    assert len(texts) == 9
    cover = texts[0].splitlines()
    assert cover == [
        "MARCH 1, 2024 (REPORTING PERIOD: JANUARY 27 - FEBRUARY 26)",
        "MERICS",
        "China Industries",
        "JANE DOE, RICHARD ROE",
    ]
    assert texts[1].splitlines()[1] == "CONTENTS"
    assert "AUTHORS" in texts[8] and "PUBLISHER" in texts[8]


def test_contents_numbers_match_heading_pages(demo: Rendered) -> None:
    pages = list(pages_of(demo.pdf))
    contents = demo.issue.contents
    assert [(c.title, c.level) for c in contents] == [
        ("MERICS TOP 5", 1), *[(t, 2) for t in TITLES],
        ("NOTEWORTHY", 1), ("Policy news", 2), ("Corporate news", 2),
    ]

    def heading_page(prefix: str) -> int:
        found = [
            p.page_number for p in pages[2:]
            if any(text.startswith(prefix) and size > 10.5 for _, text, size in body_lines(p))
        ]
        assert len(found) == 1, (prefix, found)
        return int(found[0])

    for entry in contents:
        rank = TITLES.index(entry.title) + 1 if entry.title in TITLES else None
        prefix = f"{rank}. {entry.title[:40]}" if rank else entry.title
        assert entry.page == heading_page(prefix), entry
    assert [c.page for c in contents] == [3, 3, 4, 5, 6, 7, 8, 8, 8]
    assert [s.pages for s in demo.issue.top_stories] == [[3], [4], [5], [6], [7]]
    assert [n.page for n in demo.issue.policy_news + demo.issue.corporate_news] == [8] * 5


def test_contents_page_prints_leaders_and_numbers(demo: Rendered) -> None:
    lines = [t for _, t, _ in body_lines(list(pages_of(demo.pdf))[1])]
    entries = [ln for ln in lines if re.search(r"\.{5,} \d+$", ln)]
    # the wrapped title 4 prints its number on its second line only
    assert len(entries) == 9
    numbers = [int(ln.rsplit(" ", 1)[1]) for ln in entries]
    assert numbers == [c.page for c in demo.issue.contents]
    assert entries[0].startswith("MERICS TOP 5 ..")
    assert entries[1].startswith("1. Battery recycling")
    wrapped = lines.index("4. New catalog widens the list of encouraged foreign investment in "
                          "advanced")
    assert lines[wrapped + 1].startswith("manufacturing and specialised components")


def test_article_link_covers_exactly_the_word_link(demo: Rendered) -> None:
    page = list(pages_of(demo.pdf))[2]
    links = [h for h in page.hyperlinks if h["uri"] == "https://www.miit.gov.cn/doc0.html"]
    assert len(links) == 1
    rect = links[0]
    inside = "".join(
        c["text"] for c in page.chars
        if rect["x0"] <= (c["x0"] + c["x1"]) / 2 <= rect["x1"]
        and rect["top"] <= (c["top"] + c["bottom"]) / 2 <= rect["bottom"]
    )
    assert inside == "Link"


def test_news_source_link_covers_label_and_tag(demo: Rendered) -> None:
    page = list(pages_of(demo.pdf))[7]
    for uri, want in [("https://www.miit.gov.cn/n1", "MIIT notice (CN)"),
                      ("https://reuters.com/x", "Reuters article (EN)"),
                      ("https://example.com/draft", "draft standards")]:
        # reportlab writes one annotation per line of a wrapped link
        covered = " ".join(
            "".join(
                c["text"] for c in page.chars
                if rect["x0"] <= (c["x0"] + c["x1"]) / 2 <= rect["x1"]
                and rect["top"] <= (c["top"] + c["bottom"]) / 2 <= rect["bottom"]
            )
            for rect in page.hyperlinks if rect["uri"] == uri
        )
        assert covered == want
    text = flowing_text(page_texts(demo.pdf)[7])
    assert ("January 29: MIIT publishes draft standards for humanoid robots, the 1st of their "
            "kind (MIIT notice (CN); Reuters article (EN))") in text
    assert "(CNIPA notice (CN); South China Morning Post article (EN); Caixin summary)" in text


@pytest.mark.parametrize("cjk_font", ["embedded", "cid"])
def test_chinese_text_extracts_exactly(cjk_font: str) -> None:
    issue = Issue(top_stories=[TopStory(
        rank=1, title="Plan",
        documents=[PolicyDocument(title="14th FYP for software",
                                  title_zh="关于印发《“十四五”软件和信息技术服务业发展规划》的通知",
                                  url="https://example.com/zh")],
    )])
    r = render_issue(issue, Layout(cjk_font=cjk_font))  # type: ignore[arg-type]
    page = list(pages_of(r.pdf))[2]
    assert "十四五" in page.extract_text()
    line = next(t for _, t, _ in body_lines(page) if t.startswith("Article:"))
    assert line == ("Article: 14th FYP for software "
                    "(关于印发《“十四五”软件和信息技术服务业发展规划》的通知) (Link)")
    fonts = {c["fontname"] for c in page.chars if c["text"] in "十《“"}
    assert len(fonts) == 1
    (font,) = fonts
    assert ("WenQuanYi" in font) if cjk_font == "embedded" else ("STSong" in font)
    # the English quotes of Latin text stay in the Latin font
    latin = {c["fontname"] for c in page.chars if c["text"] in "AF"}
    assert all("DejaVu" in f for f in latin)


def test_superscript_ordinals_are_small_and_raised(demo: Rendered) -> None:
    page = list(pages_of(demo.pdf))[2]
    chars = page.chars
    text = "".join(c["text"] for c in chars)
    i = text.index("2nd round")
    two, n, d = chars[i], chars[i + 1], chars[i + 2]
    assert two["size"] == pytest.approx(10)
    assert n["size"] == d["size"] == pytest.approx(8)
    # raised by half the body size (text rise: pdfminer's y0/bottom show it, the matrix not)
    descent = two["y0"] - two["matrix"][5]
    rise = (n["y0"] - descent * 0.8) - two["matrix"][5]
    assert rise == pytest.approx(5.0, abs=0.1)
    assert n["bottom"] < two["bottom"] - 3
    assert n["x0"] == pytest.approx(two["x1"], abs=0.01)


def test_running_header_and_footer_positions(demo: Rendered) -> None:
    pages = list(pages_of(demo.pdf))
    layout = Layout()
    m = layout.margin_pt
    assert not any(c["size"] < 9 for c in pages[0].chars)  # no furniture on the cover
    for page in pages[1:]:
        header_y = page.height - HEADER_POS * m
        header = [c for c in page.chars if c["matrix"][5] == pytest.approx(header_y)]
        assert "".join(c["text"] for c in header) == "China Industries | March 1, 2024"
        assert {round(c["size"], 2) for c in header} == {8.0}
        footer = [c for c in page.chars if c["matrix"][5] == pytest.approx(FOOTER_POS * m)]
        assert "".join(c["text"] for c in footer) == str(page.page_number)
        # everything else lies inside the body frame
        body = [c for c in page.chars if c not in header and c not in footer]
        assert min(c["top"] for c in body) >= m - 0.5
        assert max(c["bottom"] for c in body) <= page.height - m + 0.5


def test_output_is_byte_identical_across_runs_and_processes(demo: Rendered) -> None:
    assert render_issue(demo_issue()).pdf == demo.pdf
    code = (
        "import sys, hashlib; from newsextract.models import Issue; "
        "from newsextract.testing import render_issue; "
        "i = Issue.model_validate_json(sys.stdin.read()); "
        "print(hashlib.sha256(render_issue(i).pdf).hexdigest())"
    )
    out = subprocess.run([sys.executable, "-c", code], input=demo_issue().model_dump_json(),
                         capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == hashlib.sha256(demo.pdf).hexdigest()


def test_returned_issue_differs_only_in_layout_fields(demo: Rendered) -> None:
    src = demo_issue().model_dump()
    got = demo.issue.model_dump()
    # what the issue leaves null comes from the layout's profile (china-industries)
    assert (src["newsletter"], src["publisher"], src["profile"]) == (None, None, None)
    assert (got.pop("newsletter"), got.pop("publisher"), got.pop("profile")) == (
        "China Industries", "MERICS", "china-industries")
    for key in ("newsletter", "publisher", "profile"):
        src.pop(key)
    for d in (src, got):
        d.pop("contents")
        for s in d["top_stories"]:
            s.pop("pages")
        for n in d["policy_news"] + d["corporate_news"]:
            n.pop("page")
    assert got == src
    assert demo.issue.source is None and demo.issue.warnings == []


def test_every_field_is_printed(demo: Rendered) -> None:
    text = " ".join(flowing_text(t) for t in page_texts(demo.pdf))
    issue = demo.issue
    for s in issue.top_stories:
        assert f"{s.rank}. {s.title}" in text
        assert f"At a glance: {s.at_a_glance.text}" in text
        for point in s.at_a_glance.points:
            assert f"• {point}" in text
        assert f"MERICS comment: {s.comment[0].text}" in text
        for para in s.comment[1:]:
            assert para.text in text
        date = s.documents[0].date
        assert date is not None
        assert f"Date: {date:%B} {date.day}, {date.year}" in text
    assert "Issuing bodies: MIIT; NDRC; MOST; State Administration for Market Regulation" in text
    assert "Issuing body: MIIT" in text
    assert "Issuing bodies: MIIT; MOT; MEE; NDRC; MOF; etc." in text
    assert "Article: Measures for Item 5 in the 14th FYP period Issuing body: NDRC" in text
    for person in issue.authors + issue.editors:
        assert f"{person.name} {person.role}" in text
    assert ("For more information, please contact: publications@example.org PUBLISHER MERICS | "
            "Mercator Institute for China Studies Alte Jakobstraße 85 10179 Berlin Tel.: +49 30 "
            "0000 000 0 Mail: info@example.org www.example.org") in text
    back = list(pages_of(demo.pdf))[-1]
    uris = {h["uri"] for h in back.hyperlinks}
    assert uris == {"mailto:publications@example.org", "mailto:info@example.org",
                    "https://www.example.org"}


def test_packed_layout_stories_cross_pages(packed: Rendered) -> None:
    issue = packed.issue
    pages = list(pages_of(packed.pdf))
    assert pages[0].width == pytest.approx(612) and pages[0].height == pytest.approx(792)
    assert any(len(s.pages) > 1 for s in issue.top_stories)
    for s in issue.top_stories:
        assert s.pages == list(range(s.pages[0], s.pages[-1] + 1))
        first = page_texts(packed.pdf)[s.pages[0] - 1]
        last = page_texts(packed.pdf)[s.pages[-1] - 1]
        date = s.documents[0].date
        assert date is not None
        assert f"{s.rank}. {s.title[:12]}" in first
        assert f"Date: {date:%B} {date.day}, {date.year}" in last
    fonts = {c["fontname"].split("+")[-1].split("-")[0] for c in pages[2].chars}
    assert "NewsextractSerif" in fonts
    text = " ".join(flowing_text(t) for t in page_texts(packed.pdf))
    assert "MERICs comment: Story 3 responds" in text
    assert "Issuing bodies: MIIT, MOT, MEE, NDRC, MOF, etc." in text
    for s in issue.top_stories:
        for p in s.comment:
            assert p.text in text


def test_hyphenation_marks_breaks_with_soft_hyphen(packed: Rendered) -> None:
    texts = page_texts(packed.pdf)
    ends = [ln for t in texts for ln in t.splitlines() if ln.endswith("\xad")]
    assert ends, "expected at least one hyphenated line"
    assert not any("\xad" in ln[:-1] for t in texts for ln in t.splitlines())
    # an unhyphenated layout never breaks inside a word
    plain = render_issue(demo_issue(), Layout(body_size=12, margin_mm=20))
    assert "\xad" not in "".join(page_texts(plain.pdf))


def test_text_that_cannot_round_trip_is_refused() -> None:
    with pytest.raises(ValueError, match="single-spaced"):
        render_issue(Issue(policy_news=[NewsItem(text="two  spaces")]))
    with pytest.raises(ValueError, match="not found"):
        render_issue(Issue(policy_news=[NewsItem(
            text="abc", links=[Link(text="xyz", url="https://a.b")])]))
    with pytest.raises(ValueError, match="wider than the line"):
        render_issue(Issue(policy_news=[NewsItem(text="x" * 200)]))
    with pytest.raises(ValueError, match="unknown label"):
        Layout(labels={"nope": "x"})
    with pytest.raises(ValueError, match="margin_mm"):
        Layout(margin_mm=2)


def test_minimal_issues_render() -> None:
    r = render_issue(Issue())
    assert len(page_texts(r.pdf)) == 2 and r.issue.contents == []
    r = render_issue(Issue(corporate_news=[NewsItem(text="Only corporate news")]))
    assert [(c.title, c.page) for c in r.issue.contents] == [
        ("NOTEWORTHY", 3), ("Corporate news", 3)]
    assert r.issue.corporate_news[0].page == 3


def test_make_fixtures_script(tmp_path: Path) -> None:
    script = ROOT / "tools" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_fixtures", script)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    issue = json.loads(demo_issue().model_dump_json(exclude={"contents", "source", "warnings"}))
    warning = {"code": "missing_field", "message": "demo", "page": None}
    (src / "demo.json").write_text(json.dumps(
        {"notes": "x", "issue": issue, "layout": {"story_labels": {"2": {"date": "Date :"}}},
         "expected_warnings": [warning]}), encoding="utf-8")
    assert mod.main(["--src", str(src), "--out", str(out)]) == 0
    pdf = (out / "demo.pdf").read_bytes()
    golden = Issue.model_validate_json((out / "demo.json").read_text(encoding="utf-8"))
    assert golden.source is not None
    assert golden.source.sha256 == hashlib.sha256(pdf).hexdigest()
    assert golden.source.page_count == 9 and golden.source.file_name == "demo.pdf"
    assert [w.code for w in golden.warnings] == ["missing_field"]
    assert golden.contents[1].page == 3
    assert "Date : January 8, 2024" in " ".join(page_texts(pdf))
    assert mod.main(["--src", str(src), "--out", str(out), "--check"]) == 0


def test_renderer_modules_import_one_another_without_a_circle() -> None:
    """Every import between newsextract.testing modules (in functions too) forms no cycle."""
    import ast

    folder = ROOT / "src" / "newsextract" / "testing"
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        here = f"newsextract.testing.{path.stem}"
        deps = graph.setdefault(here, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
        deps.discard("newsextract.testing")  # the package itself (its __init__ re-exports)
    assert {"newsextract.testing.render_types", "newsextract.testing.render_flow"} <= set(graph)

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for dep in sorted(graph.get(start, ())):
            if dep in path:
                return [*path[path.index(dep):], dep]
            found = cycle_from(dep, [*path, dep])
            if found:
                return found
        return None

    for module in sorted(graph):
        if module.endswith("__init__"):
            continue
        assert cycle_from(module, [module]) is None, module
