"""Flat ODT (FODT) in the house style, for ``soffice --headless --convert-to pdf``.

Real paragraph styles (Body, Line, Bullet, Story, Section, ...), a "Cover" master page
without header/footer followed by a "Standard" master page whose header holds the running
title and whose footer holds a page-number field; a page break is a paragraph style with
``fo:break-before="page"``. Contents entries use a right tab stop with a "." leader; bullets
are a list style (LibreOffice draws "•" as text); the Noteworthy lists can sit in a
two-column section (balanced by LibreOffice). Hyphenation is LibreOffice's own
(``fo:hyphenate``, needs the hyphen-en-us dictionary).
"""

from __future__ import annotations

import base64
from xml.sax.saxutils import escape, quoteattr

from tools.engines.model import Doc, Para, Run
from tools.engines.svg_chart import figure_plot, plot_svg, text_width_pt
from tools.engines.variants import PAGE_MM, Variant

ACCENT = "#00566e"
LINK = "#1f5fa8"

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"'
)

_STYLE_OF = {
    "cover-line": "CoverLine", "wordmark": "Wordmark", "cover-title": "CoverTitle",
    "cover-authors": "CoverAuthors", "section": "Section", "subsection": "Subsection",
    "story": "Story", "body": "Body", "line": "Line", "bullet": "Bullet", "news": "Bullet",
    "toc1": "Toc1", "toc2": "Toc2", "person-name": "PersonName", "person": "Person",
    "plain": "Plain", "cover-topic": "CoverTopic", "figure": "Figure",
}


def _t(text: str) -> str:
    """Text content with ODF whitespace rules: runs of spaces become <text:s/>."""
    out: list[str] = []
    prev_space = False
    for ch in text:
        if ch == " ":
            out.append("<text:s/>" if prev_space else " ")
            prev_space = True
        else:
            out.append(escape(ch))
            prev_space = False
    return "".join(out)


def _runs(runs: list[Run]) -> str:
    out: list[str] = []
    for r in runs:
        t = _t(r.text)
        styles = []
        if r.bold:
            styles.append("Bold")
        if r.italic:
            styles.append("Italic")
        if r.sup:
            styles.append("Sup")
        if styles:
            t = f'<text:span text:style-name="{"".join(styles)}">{t}</text:span>'
        if r.href:
            t = (f'<text:a xlink:type="simple" xlink:href={quoteattr(r.href)} '
                 f'text:style-name="Link" text:visited-style-name="Link">{t}</text:a>')
        out.append(t)
    return "".join(out)


def _figure(p: Para, style: str, v: Variant, doc: Doc) -> str:
    """A chart: an SVG image anchored as a character in its own paragraph."""
    plot = figure_plot(p, text_width_pt(PAGE_MM[v.page], v.margin_mm), v.body_pt,
                       doc.layout.chart_frame)
    data = base64.b64encode(plot_svg(plot, v.latin_font).encode("utf-8")).decode("ascii")
    return (f'<text:p text:style-name="{style}"><draw:frame draw:name="{escape(p.text)}" '
            f'text:anchor-type="as-char" svg:width="{plot.width:.2f}pt" '
            f'svg:height="{plot.height:.2f}pt"><draw:image><office:binary-data>{data}'
            '</office:binary-data></draw:image></draw:frame></text:p>')


def _para(p: Para, style: str) -> str:
    body = _runs(p.runs)
    if p.kind in ("toc1", "toc2"):
        body = f"{escape(p.number)}{body}<text:tab/>{p.page}"
    elif p.kind == "story":
        body = escape(p.number) + body
    return f'<text:p text:style-name="{style}">{body}</text:p>'


def _text_styles(v: Variant) -> str:
    combos = {"Bold": ("bold", None, False), "Italic": (None, "italic", False),
              "Sup": (None, None, True), "BoldItalic": ("bold", "italic", False),
              "BoldSup": ("bold", None, True), "ItalicSup": (None, "italic", True)}
    out = []
    for name, (w, it, sup) in combos.items():
        props = []
        if w:
            props.append('fo:font-weight="bold" style:font-weight-asian="bold"')
        if it:
            props.append('fo:font-style="italic" style:font-style-asian="italic"')
        if sup:
            props.append('style:text-position="super 65%"')
        out.append(f'<style:style style:name="{name}" style:family="text">'
                   f'<style:text-properties {" ".join(props)}/></style:style>')
    out.append(f'<style:style style:name="Link" style:family="text"><style:text-properties '
               f'fo:color="{LINK}" style:text-underline-style="solid" '
               f'style:text-underline-width="auto" style:text-underline-color="font-color"/>'
               f'</style:style>')
    return "\n".join(out)


def write_fodt(doc: Doc, v: Variant) -> str:
    """Return the flat ODT document for ``doc`` in variant ``v``."""
    pw, ph = PAGE_MM[v.page]
    top, right, bottom, left = v.margin_mm
    text_w = pw - left - right
    b = v.body_pt
    align = "justify" if v.justify else "start"
    hyph = "true" if v.hyphenation == "engine" else "false"
    head_align = {"left": "start", "center": "center", "right": "end"}
    h_al = head_align[v.header_pos.split("-")[1]]
    f_al = head_align[v.footer_pos.split("-")[1]]
    number = {"number": '<text:page-number text:select-page="current">1</text:page-number>',
              "page-n": 'Page <text:page-number text:select-page="current">1</text:page-number>',
              "n-of-m": '<text:page-number text:select-page="current">1</text:page-number> / '
                        '<text:page-count>1</text:page-count>'}[v.footer_style]
    header_p = f'<text:p text:style-name="Header">{escape(doc.header)}</text:p>'
    footer_p = f'<text:p text:style-name="Footer">{number}</text:p>'
    top_pars = [p for p, pos in ((header_p, v.header_pos), (footer_p, v.footer_pos))
                if pos.startswith("top")]
    bottom_pars = [p for p, pos in ((header_p, v.header_pos), (footer_p, v.footer_pos))
                   if pos.startswith("bottom")]
    # header/footer live inside the page margins: the page margin shrinks by their height
    hf_h = 9.0  # mm, header/footer height incl. spacing
    m_top = top - hf_h if top_pars else top
    m_bottom = bottom - hf_h if bottom_pars else bottom
    toc2_indent = 1.5 * b * 0.3528 + 1.2 * b * 0.3528  # mm: level indent + hanging number
    para_props = (f'fo:margin-top="0mm" fo:margin-bottom="{0.55 * b:.2f}pt" '
                  f'fo:line-height="135%" fo:text-align="{align}" fo:orphans="1" fo:widows="1" '
                  f'style:text-autospace="{"ideograph-alpha" if v.cjk_latin_spacing else "none"}"')
    hyph_props = (f'fo:hyphenate="{hyph}" fo:hyphenation-remain-char-count="3" '
                  f'fo:hyphenation-push-char-count="3" fo:hyphenation-ladder-count="no-limit"')

    def pstyle(name: str, pprops: str, tprops: str = "", parent: str = "Base",
               extra: str = "") -> str:
        return (f'<style:style style:name="{name}" style:family="paragraph" '
                f'style:parent-style-name="{parent}" {extra}>'
                f'<style:paragraph-properties {pprops}/>'
                f'<style:text-properties {tprops}/></style:style>')

    bold = 'fo:font-weight="bold" style:font-weight-asian="bold"'
    accent = f'fo:color="{ACCENT}" {bold}'

    def size(k: float) -> str:
        return f'fo:font-size="{k * b:.2f}pt" style:font-size-asian="{k * b:.2f}pt"'

    styles = [
        pstyle("Base", para_props, f'{hyph_props} {size(1)}', parent="Standard"),
        pstyle("Body", "", ""),
        pstyle("Line", 'fo:text-align="start"', 'fo:hyphenate="false"'),
        pstyle("Bullet", f'fo:margin-bottom="{0.3 * b:.2f}pt"', ""),
        pstyle("Story", f'fo:margin-bottom="{0.7 * b:.2f}pt" fo:text-align="start" '
               f'fo:keep-with-next="always"', f'{accent} {size(1.3)} fo:hyphenate="false"'),
        pstyle("Section", f'fo:margin-bottom="{1.0 * b:.2f}pt" fo:text-align="start" '
               f'fo:keep-with-next="always"', f'{accent} {size(1.7)} fo:hyphenate="false"'),
        pstyle("Subsection", f'fo:margin-top="{0.6 * b:.2f}pt" fo:margin-bottom="{0.5 * b:.2f}pt" '
               f'fo:text-align="start" fo:keep-with-next="always"',
               f'{accent} {size(1.2)} fo:hyphenate="false"'),
        pstyle("Toc1", f'fo:margin-top="{0.8 * b:.2f}pt" fo:margin-bottom="{0.2 * b:.2f}pt" '
               f'fo:text-align="start"', f'{bold} fo:hyphenate="false"'),
        pstyle("Toc2", f'fo:margin-bottom="{0.2 * b:.2f}pt" fo:text-align="start" '
               f'fo:margin-left="{toc2_indent:.2f}mm" fo:text-indent="-{1.2 * b * 0.3528:.2f}mm"',
               'fo:hyphenate="false"'),
        pstyle("Person", 'fo:margin-bottom="0mm" fo:text-align="start"', ""),
        pstyle("PersonName", 'fo:margin-top="3mm" fo:margin-bottom="0mm" fo:text-align="start" '
               'fo:keep-with-next="always"', ""),
        pstyle("Plain", f'fo:margin-bottom="{0.2 * b:.2f}pt" fo:text-align="start"', ""),
        pstyle("CoverLine", f'fo:margin-top="40mm" fo:margin-bottom="{2.5 * b:.2f}pt" '
               f'fo:text-align="start"', f'{accent} {size(0.95)}'),
        pstyle("Wordmark", 'fo:margin-bottom="0mm" fo:text-align="start" fo:line-height="110%"',
               f'{accent} {size(3.0)}'),
        pstyle("CoverTitle", f'fo:margin-bottom="{0.8 * b:.2f}pt" fo:text-align="start" '
               f'fo:line-height="115%" fo:border-bottom="3pt solid {ACCENT}" '
               'fo:padding-bottom="2mm"',
               f'{bold} {size(4.2)} fo:color="#1a1a1a"'),
        pstyle("CoverAuthors", 'fo:margin-top="3mm" fo:text-align="start"',
               f'fo:color="#333333" {size(1.1)}'),

        pstyle("Header", f'fo:text-align="{h_al}" fo:margin-bottom="0mm"',
               f'fo:color="#777777" {size(0.8)}'),
        pstyle("Footer", f'fo:text-align="{f_al}" fo:margin-bottom="0mm"',
               f'fo:color="#444444" {size(0.8)}'),
    ]
    kinds = {p.kind for page in doc.pages for p in page.paras}
    if "cover-topic" in kinds:
        styles.append(pstyle("CoverTopic", 'fo:margin-top="3mm" fo:text-align="start"',
                             f'{accent} {size(1.5)}'))
    if "figure" in kinds:
        styles.append(pstyle("Figure", f'fo:margin-top="{0.2 * b:.2f}pt" '
                             f'fo:margin-bottom="{0.9 * b:.2f}pt" fo:text-align="start" '
                             'fo:line-height="100%"', ""))
    # contents: a right tab with a "." leader at the right margin (positions are relative
    # to the paragraph indent in LibreOffice's default compatibility mode)
    tabbed = []
    for s in styles:
        for name, indent in (("Toc1", 0.0), ("Toc2", toc2_indent)):
            if f'style:name="{name}"' in s:
                pos = text_w - indent
                stop = (f'<style:tab-stops><style:tab-stop style:position="{pos:.2f}mm" '
                        f'style:type="right" style:leader-style="dotted" style:leader-text="."/>'
                        f'</style:tab-stops>')
                s = s.replace("/><style:text-properties", f">{stop}</style:paragraph-properties>"
                              "<style:text-properties", 1)
        tabbed.append(s)
    styles = tabbed
    # page-break variants of every paragraph style used as a page's first paragraph
    auto = []
    used = {_STYLE_OF[k] for k in kinds} | set(_STYLE_OF.values()) - {"CoverTopic", "Figure"}
    for base in sorted(used):
        auto.append(f'<style:style style:name="{base}Break" style:family="paragraph" '
                    f'style:parent-style-name="{base}" style:master-page-name="Standard">'
                    f'<style:paragraph-properties fo:break-before="page"/></style:style>')
    auto.append('<style:style style:name="CoverLineFirst" style:family="paragraph" '
                'style:parent-style-name="CoverLine" style:master-page-name="Cover"/>')
    auto.append(f'<style:style style:name="Bar" style:family="graphic"><style:graphic-properties '
                f'draw:fill="solid" draw:fill-color="{ACCENT}" draw:stroke="none" '
                f'style:wrap="run-through" style:run-through="background"/></style:style>')
    auto.append('<style:style style:name="Cols" style:family="section"><style:section-properties>'
                f'<style:columns fo:column-count="2" fo:column-gap="{v.column_gap_mm}mm"/>'
                '</style:section-properties></style:style>')
    auto.append(f'<style:style style:name="StoryGap" style:family="paragraph" '
                f'style:parent-style-name="Story"><style:paragraph-properties '
                f'fo:margin-top="{1.8 * b:.2f}pt"/></style:style>')
    auto.append('<style:style style:name="PersonGap" style:family="paragraph" '
                'style:parent-style-name="Person"><style:paragraph-properties '
                'fo:margin-top="4mm"/></style:style>')

    def hf_style(kind: str, pars: list[str]) -> str:
        if not pars:
            return ""
        border = ('fo:border-bottom="0.4pt solid #aaaaaa" fo:padding-bottom="1mm"'
                  if kind == "header" and header_p in pars else
                  'fo:border-top="0.4pt solid #aaaaaa" fo:padding-top="1mm"'
                  if header_p in pars else "")
        spacing = "fo:margin-bottom" if kind == "header" else "fo:margin-top"
        return (f'<style:{kind}-style><style:header-footer-properties fo:min-height="4mm" '
                f'{spacing}="4mm" {border} style:dynamic-spacing="false"/></style:{kind}-style>')

    layout = (f'<style:page-layout style:name="PL"><style:page-layout-properties '
              f'fo:page-width="{pw}mm" fo:page-height="{ph}mm" fo:margin-top="{m_top}mm" '
              f'fo:margin-bottom="{m_bottom}mm" fo:margin-left="{left}mm" '
              f'fo:margin-right="{right}mm" style:print-orientation="portrait"/>'
              f'{hf_style("header", top_pars)}{hf_style("footer", bottom_pars)}'
              f'</style:page-layout>'
              f'<style:page-layout style:name="PLCover"><style:page-layout-properties '
              f'fo:page-width="{pw}mm" fo:page-height="{ph}mm" fo:margin-top="{top}mm" '
              f'fo:margin-bottom="{bottom}mm" fo:margin-left="{left}mm" '
              f'fo:margin-right="{right}mm"/></style:page-layout>')
    masters = (
        '<style:master-page style:name="Cover" style:page-layout-name="PLCover" '
        'style:next-style-name="Standard"/>'
        '<style:master-page style:name="Standard" style:page-layout-name="PL">'
        + (f"<style:header>{''.join(top_pars)}</style:header>" if top_pars else "")
        + (f"<style:footer>{''.join(bottom_pars)}</style:footer>" if bottom_pars else "")
        + "</style:master-page>"
    )
    list_style = (
        '<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" '
        'text:bullet-char="•"><style:list-level-properties '
        'text:list-level-position-and-space-mode="label-alignment">'
        f'<style:list-level-label-alignment text:label-followed-by="listtab" '
        f'text:list-tab-stop-position="{1.5 * b * 0.3528:.2f}mm" '
        f'fo:text-indent="-{1.1 * b * 0.3528:.2f}mm" fo:margin-left="{1.5 * b * 0.3528:.2f}mm"/>'
        '</style:list-level-properties></text:list-level-style-bullet></text:list-style>'
    )
    # ------------------------------------------------------------------ body
    body: list[str] = []
    for page in doc.pages:
        paras = page.paras
        first_done = False

        def style_for(p: Para, cover: bool) -> str:
            nonlocal first_done
            base = _STYLE_OF[p.kind]
            if cover:
                st = "CoverLineFirst" if not first_done else base
            elif not first_done:
                st = f"{base}Break"
            elif p.kind == "story" and p.space_before:
                st = "StoryGap"
            elif p.kind == "person" and p.space_before:
                st = "PersonGap"
            else:
                st = base
            first_done = True
            return st

        cols_from = page.columns_from if v.noteworthy_columns else None
        cols_to = page.columns_to if cols_from is not None else None
        in_list = False
        if page.cover:
            body.append('<text:p text:style-name="CoverLineFirst">'
                        f'<draw:rect draw:style-name="Bar" '
                        f'text:anchor-type="page" text:anchor-page-number="1" svg:x="0mm" '
                        f'svg:y="0mm" svg:width="{0.45 * left:.1f}mm" svg:height="{ph}mm"/>'
                        f'{_runs(paras[0].runs)}</text:p>')
            paras = paras[1:]
            first_done = True
        for i, p in enumerate(paras):
            if cols_from is not None and i in (cols_from, cols_to):
                if in_list:
                    body.append("</text:list>")
                    in_list = False
                body.append('<text:section text:style-name="Cols" text:name="Noteworthy">'
                            if i == cols_from else "</text:section>")
            st = style_for(p, page.cover)
            if p.kind == "figure":
                if in_list:
                    body.append("</text:list>")
                    in_list = False
                body.append(_figure(p, st, v, doc))
                continue
            if p.kind in ("bullet", "news"):
                if not in_list:
                    body.append('<text:list text:style-name="Bullets">')
                    in_list = True
                body.append(f"<text:list-item>{_para(p, st)}</text:list-item>")
                continue
            if in_list:
                body.append("</text:list>")
                in_list = False
            body.append(_para(p, st))
        if in_list:
            body.append("</text:list>")
        if cols_from is not None and cols_to is None:
            body.append("</text:section>")
    fonts = (f'<style:font-face style:name="Latin" svg:font-family="&apos;{v.latin_font}&apos;"/>'
             f'<style:font-face style:name="CJK" svg:font-family="&apos;{v.cjk_font}&apos;"/>')
    default = (
        '<style:default-style style:family="paragraph"><style:text-properties '
        'style:font-name="Latin" style:font-name-asian="CJK" style:font-name-complex="Latin" '
        f'fo:font-size="{b}pt" style:font-size-asian="{b}pt" fo:language="en" fo:country="US" '
        'style:language-asian="zh" style:country-asian="CN" fo:color="#111111"/>'
        '</style:default-style>'
        '<style:style style:name="Standard" style:family="paragraph"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {_NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">\n'
        f'<office:meta><dc:title>{escape(doc.title)}</dc:title>'
        f'<meta:initial-creator>{escape(doc.issue.publisher)}</meta:initial-creator></office:meta>\n'
        f"<office:font-face-decls>{fonts}</office:font-face-decls>\n"
        f"<office:styles>\n{default}\n" + "\n".join(styles) + "\n" + _text_styles(v)
        + f"\n{list_style}\n</office:styles>\n"
        "<office:automatic-styles>\n" + "\n".join(auto)
        + f"\n{layout}\n</office:automatic-styles>\n"
        f"<office:master-styles>{masters}</office:master-styles>\n"
        "<office:body><office:text>\n" + "\n".join(body) + "\n</office:text></office:body>\n"
        "</office:document>\n"
    )
