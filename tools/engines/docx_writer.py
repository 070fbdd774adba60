"""A Word document (python-docx) in the house style, converted to PDF by LibreOffice.

What an author does in Word: paragraph styles built on ``Normal`` (Word 2013's spacing: 8 pt
after, line spacing 1.08), bullets from the template's ``List Bullet`` style (Word's own
bullet: U+F0B7 in the Symbol font), hyperlinks as ``w:hyperlink`` runs in Word's
``Hyperlink`` character style, superscript
ordinals, a header with the running title and a footer with a ``PAGE`` field (both absent
on the first page), contents entries with a right tab and a dot leader, a page break
before the first paragraph of every planned page, the Noteworthy lists in a two-column
section (continuous section break, justified) and the back page in a section of its own.
With ``hyphenation="soft"`` the long words of body text, points and news items carry
optional hyphens (U+00AD from pyphen, Word's Ctrl+Hyphen), which LibreOffice draws as "-"
where it breaks a line. With ``role_breaks`` a long role ("Head of Communications and
Publications, MERICS") has a line break (Shift+Enter) after its comma, as authors set it
by hand. Chinese runs get
the East Asian font through ``w:rFonts/@w:eastAsia`` (Word picks it per character).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from tools.engines.model import Doc, Para, Run
from tools.engines.variants import PAGE_MM, Variant

ACCENT = "00566E"
LINK = "1F5FA8"

#: Para kind -> (style name, size factor, bold, colour, space before/after in body sizes).
_KIND: dict[str, tuple[str, float, bool, str | None, float, float]] = {
    "cover-line": ("NX Cover Line", 0.95, True, ACCENT, 14.0, 2.5),
    "wordmark": ("NX Wordmark", 3.0, True, ACCENT, 0.0, 0.0),
    "cover-title": ("NX Cover Title", 4.2, True, None, 0.0, 0.8),
    "cover-authors": ("NX Cover Authors", 1.1, False, "333333", 0.8, 0.0),
    "section": ("NX Section", 1.7, True, ACCENT, 0.0, 1.0),
    "subsection": ("NX Subsection", 1.2, True, ACCENT, 0.6, 0.5),
    "story": ("NX Story", 1.3, True, ACCENT, 0.0, 0.6),
    "body": ("NX Body", 1.0, False, None, 0.0, 0.75),
    "line": ("NX Line", 1.0, False, None, 0.0, 0.75),
    "toc1": ("NX Toc 1", 1.0, True, None, 0.8, 0.2),
    "toc2": ("NX Toc 2", 1.0, False, None, 0.0, 0.2),
    "person-name": ("NX Person Name", 1.0, True, None, 0.8, 0.0),
    "person": ("NX Person", 1.0, False, None, 0.0, 0.0),
    "plain": ("NX Plain", 1.0, False, None, 0.0, 0.2),
}


def _styles(document: Any, v: Variant) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    normal = document.styles["Normal"]
    normal.font.name = v.latin_font
    normal.font.size = Pt(v.body_pt)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), v.cjk_font)
    pf = normal.paragraph_format
    pf.space_after = Pt(8)
    pf.line_spacing = 1.08
    for kind, (name, factor, bold, color, before, after) in _KIND.items():
        st = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.font.size = Pt(round(factor * v.body_pt, 1))
        st.font.bold = bold
        if color:
            st.font.color.rgb = RGBColor.from_string(color)
        st.paragraph_format.space_before = Pt(before * v.body_pt)
        st.paragraph_format.space_after = Pt(after * v.body_pt)
        if kind in ("section", "subsection", "story"):
            st.paragraph_format.keep_with_next = True
        if kind == "body" and v.justify:
            st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(LINK)
    link.font.underline = True
    items = document.styles["List Bullet"]
    items.paragraph_format.space_after = Pt(0.3 * v.body_pt)
    if v.justify:
        items.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _hyperlink(paragraph: Any, url: str) -> Any:
    """Return a new ``w:hyperlink`` element in ``paragraph`` pointing at ``url``."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    paragraph._p.append(link)
    return link


def _add_run(paragraph: Any, r: Run, v: Variant, *, role_break: bool = False,
             hyphenate: bool = False) -> None:
    from docx.oxml import OxmlElement
    from docx.text.run import Run as DocxRun

    text = v.soft_hyphenate(r.text) if hyphenate and not r.href else r.text
    pieces = [text]
    if role_break and ", " in text:
        head, tail = text.rsplit(", ", 1)
        pieces = [head + ",", tail]
    for k, piece in enumerate(pieces):
        if r.href:
            link = _hyperlink(paragraph, r.href)
            element = OxmlElement("w:r")
            link.append(element)
            run = DocxRun(element, paragraph)
            run.style = "Hyperlink"  # Word's own link style (LibreOffice exports no link
            # annotation for a hyperlink whose character style it does not know)
        else:
            run = paragraph.add_run()
        if k:
            run.add_break()
        run.add_text(piece)
        if r.bold:
            run.bold = True
        if r.italic:
            run.italic = True
        if r.sup:
            run.font.superscript = True


def _paragraph(document: Any, p: Para, v: Variant, *, page_break: bool,
               role: bool = False) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Pt

    if p.kind in ("bullet", "news"):
        para = document.add_paragraph(style="List Bullet")
    else:
        para = document.add_paragraph(style=_KIND[p.kind][0])
    if page_break:
        para.paragraph_format.page_break_before = True
    if p.kind == "person" and p.space_before:
        para.paragraph_format.space_before = Pt(1.2 * v.body_pt)
    if p.number:
        para.add_run(p.number)
    long_role = v.role_breaks and role and len(p.text) > 30
    hyphenate = p.kind in ("body", "bullet", "news")
    for r in p.runs:
        _add_run(para, r, v, role_break=long_role, hyphenate=hyphenate)
    if p.kind in ("toc1", "toc2"):
        w_mm = PAGE_MM[v.page][0] - v.margin_mm[1] - v.margin_mm[3]
        para.paragraph_format.tab_stops.add_tab_stop(
            Pt(w_mm * 72 / 25.4), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if p.kind == "toc2":
            para.paragraph_format.left_indent = Pt(2.7 * v.body_pt)
            para.paragraph_format.first_line_indent = Pt(-1.2 * v.body_pt)
        para.add_run(f"\t{p.page}")


def _field(paragraph: Any, instr: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _columns(section: Any, n: int, gap_mm: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = section._sectPr
    for old in sect.findall(qn("w:cols")):
        sect.remove(old)
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), str(n))
    cols.set(qn("w:space"), str(round(gap_mm / 25.4 * 1440)))
    sect.append(cols)


def write_docx(doc: Doc, v: Variant) -> bytes:
    """Return the .docx bytes for ``doc`` in variant ``v``."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    _styles(document, v)
    section = document.sections[0]
    w, h = PAGE_MM[v.page]
    section.page_width, section.page_height = Mm(w), Mm(h)
    top, right, bottom, left = v.margin_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = doc.header
    header.runs[0].font.size = Pt(0.8 * v.body_pt)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")
    last = doc.pages[-1].number
    for page in doc.pages:
        for i, p in enumerate(page.paras):
            role = p.kind == "person" and i > 0 and page.paras[i - 1].kind == "person-name"
            if page.number == last and i == 0:
                new = document.add_section(WD_SECTION.NEW_PAGE)
                new.different_first_page_header_footer = False
                _columns(new, 1, v.column_gap_mm)
                _paragraph(document, p, v, page_break=False)
                continue
            if page.columns_from is not None and i == page.columns_from:
                new = document.add_section(WD_SECTION.CONTINUOUS)
                new.different_first_page_header_footer = False
                _columns(new, 2, v.column_gap_mm)
            _paragraph(document, p, v, page_break=i == 0 and page.number > 1, role=role)
    buf = BytesIO()
    document.save(buf)
    return buf.getvalue()
