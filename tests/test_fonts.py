"""The renderer's fonts: shipped with the package, never taken from the machine, complete.

The renderer reads fonts only from ``newsextract/testing/fonts`` (subsets built by
``tools/build_fonts.py``). These tests check that no font file from anywhere else is opened
while rendering and that the PDF names no other font, that a missing file is an error
naming it, and that the subsets hold every character the strategies and fixtures print.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("hypothesis")

from hypothesis import given, settings

from newsextract.models import Issue, PolicyDocument, TopStory
from newsextract.testing import (
    Layout,
    issue_and_layout,
    render_issue,
    render_text,
)
from newsextract.testing.charset import font_characters
from newsextract.testing.render_text import (
    FONT_DIR,
    FONT_FILES,
    format_long_date,
    get_fonts,
    plain_markup,
)
from newsextract.testing.strategies import characters

ROOT = Path(__file__).resolve().parent.parent
PROFILE = settings.get_profile("ci")

#: PostScript names of the packaged fonts (as the PDF names them, after the subset tag).
OUR_FONTS = {
    "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique",
    "NewsextractSerif", "NewsextractSerif-Bold", "NewsextractSerif-Italic",
    "NewsextractSerif-BoldItalic", "WenQuanYiZenHei",
}
COMBINATIONS = [(f, c) for f in ("sans", "serif") for c in ("embedded", "cid")]


def strings(value: Any) -> list[str]:
    """Every string inside a JSON-like value (keys included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def sample_issue() -> Issue:
    return Issue(publication_date="2024-03-01", top_stories=[TopStory(
        rank=1, title="Battery recycling – “new productive forces”",
        documents=[PolicyDocument(title="14th FYP",
                                  title_zh="关于印发《“十四五”软件发展规划》的通知")],
    )])


# --------------------------------------------------------------------- where fonts come from

def test_the_font_folder_holds_every_font_and_its_licence() -> None:
    names = {p.name for p in FONT_DIR.iterdir()}
    assert {f for files in FONT_FILES.values() for f in files} <= names
    assert {"LICENSE-DejaVuSans.txt", "LICENSE-NewsextractSerif.txt",
            "LICENSE-WenQuanYiZenHei.txt"} <= names
    assert FONT_DIR.parent == Path(render_text.__file__).resolve().parent


@pytest.mark.parametrize(("family", "cjk"), COMBINATIONS)
def test_registered_fonts_are_the_packaged_files(family: str, cjk: str) -> None:
    from reportlab.pdfbase import pdfmetrics

    fonts = get_fonts(family, cjk)  # type: ignore[arg-type]
    names = [fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic]
    if cjk == "embedded":
        names.append(fonts.cjk)
    else:
        assert fonts.cjk == "STSong-Light" and fonts.cjk_cover is None
    for name in names:
        face = pdfmetrics.getFont(name).face
        assert Path(face.filename).resolve().parent == FONT_DIR, (name, face.filename)


def test_rendering_opens_no_font_file_outside_the_package() -> None:
    """Render in all four font combinations in a fresh process that records every open()."""
    script = textwrap.dedent("""
        import json, sys
        opened = []
        def hook(event, args):
            if event == "open" and isinstance(args[0], str):
                opened.append(args[0])
        sys.addaudithook(hook)
        from newsextract.models import Issue
        from newsextract.testing import Layout, render_issue
        issue = Issue.model_validate_json(sys.stdin.read())
        for family in ("sans", "serif"):
            for cjk in ("embedded", "cid"):
                render_issue(issue, Layout(font_family=family, cjk_font=cjk))
        print(json.dumps(opened))
    """)
    done = subprocess.run([sys.executable, "-c", script], input=sample_issue().model_dump_json(),
                          capture_output=True, text=True, check=True, timeout=300)
    opened = json.loads(done.stdout)
    fontish = [p for p in opened if re.search(r"\.(ttf|ttc|otf|pfb|pfa|afm)$", p, re.I)]
    assert fontish, "no font file opened at all: the hook saw nothing"
    outside = [p for p in fontish if Path(p).resolve().parent != FONT_DIR]
    assert outside == []
    assert not any(p.startswith("/usr/share/fonts") for p in opened)


@pytest.mark.parametrize(("family", "cjk"), COMBINATIONS)
def test_the_pdf_names_only_packaged_fonts(family: str, cjk: str) -> None:
    """No standard-14 fallback (Helvetica, Times) and no other font in the PDF."""
    layout = Layout(font_family=family, cjk_font=cjk)  # type: ignore[arg-type]
    pdf = render_issue(sample_issue(), layout).pdf
    names = {re.sub(rb"^[A-Z]{6}\+", b"", m).decode()
             for m in re.findall(rb"/BaseFont\s*/([^\s/<>\[\]()]+)", pdf)}
    expected = {n for n in OUR_FONTS if (n.startswith("DejaVu") == (family == "sans")
                                         or n == "WenQuanYiZenHei")}
    if cjk == "cid":
        expected = (expected - {"WenQuanYiZenHei"}) | {"STSong-Light"}
    assert names <= expected and names & expected, names
    assert any(n.startswith("STSong") for n in names) == (cjk == "cid")


def test_a_missing_font_is_an_error_naming_it(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """No fallback, and nothing registered with reportlab before the error (no half state)."""
    from reportlab.pdfbase import pdfmetrics

    for p in FONT_DIR.iterdir():
        if p.name not in ("DejaVuSans-Oblique.ttf", "WenQuanYiZenHei.ttf"):
            shutil.copy(p, tmp_path / p.name)
    monkeypatch.setattr(render_text, "FONT_DIR", tmp_path)
    assert render_text.font_path("DejaVuSans.ttf") == tmp_path / "DejaVuSans.ttf"
    before = set(pdfmetrics.getRegisteredFontNames())
    registered = pdfmetrics.getFont("NxDejaVuSans") if "NxDejaVuSans" in before else None
    with pytest.raises(FileNotFoundError, match=re.escape("DejaVuSans-Oblique.ttf")):
        render_text.get_fonts.__wrapped__("sans", "cid")
    with pytest.raises(FileNotFoundError, match=re.escape("WenQuanYiZenHei.ttf")):
        render_text.get_fonts.__wrapped__("serif", "embedded")
    monkeypatch.setattr(render_text, "FONT_DIR", tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match=re.escape("NewsextractSerif-Regular.ttf")):
        render_text.get_fonts.__wrapped__("serif", "cid")
    assert set(pdfmetrics.getRegisteredFontNames()) == before
    if registered is not None:
        assert pdfmetrics.getFont("NxDejaVuSans") is registered


# --------------------------------------------------------------------------------- coverage

@pytest.mark.parametrize(("family", "cjk"), COMBINATIONS)
def test_fonts_print_every_character_the_strategies_can_draw(family: str, cjk: str) -> None:
    fonts = get_fonts(family, cjk)  # type: ignore[arg-type]
    missing = []
    for c in sorted(characters()):
        try:
            plain_markup(c, fonts)  # raises ValueError when its font has no glyph
        except ValueError:
            missing.append(c)
    assert missing == []


def test_fonts_print_every_character_of_the_fixtures_and_stored_cases() -> None:
    sources = [*(ROOT / "fixtures" / "src").glob("*.json"),
               *(ROOT / "tests" / "roundtrip_cases").rglob("*.json")]
    assert len(sources) >= 4
    text = "".join(s for p in sources for s in strings(json.loads(p.read_text("utf-8"))))
    assert set(text) <= font_characters(text)
    for family in ("sans", "serif"):
        fonts = get_fonts(family, "embedded")  # type: ignore[arg-type]
        missing = []
        for c in sorted(set(text) - {" "}):
            try:
                plain_markup(c, fonts)
            except ValueError:
                missing.append(c)
        assert missing == []


def test_a_character_no_font_has_is_refused() -> None:
    fonts = get_fonts("sans", "embedded")
    with pytest.raises(ValueError, match=re.escape("no font has a glyph for U+9F98")):
        plain_markup("龘", fonts)  # a CJK ideograph outside the subset
    with pytest.raises(ValueError, match=re.escape("no font has a glyph for U+0416")):
        plain_markup("Ж", get_fonts("serif", "cid"))  # Cyrillic: not in the Latin subset


@given(issue_and_layout())
@settings(PROFILE)
def test_strategies_draw_only_the_listed_characters(pair: tuple[Issue, Layout]) -> None:
    issue, layout = pair
    date = format_long_date(issue.publication_date) if issue.publication_date else ""
    texts = [*strings(issue.model_dump(mode="json", exclude={"source"})),
             layout.header_text.format(newsletter=issue.newsletter, date=date),
             layout.contact_label, *layout.labels.values(),
             *(t for per in layout.story_labels.values() for t in per.values()),
             layout.cover_title or "", (layout.top_heading or "").format(n=12),
             layout.introduction or "",
             *(s for charts in layout.charts.values() for c in charts
               for s in (c.unit, c.axis_label, c.source or "", *(b for b, _ in c.bars)))]
    assert set("".join(texts)) <= characters()
