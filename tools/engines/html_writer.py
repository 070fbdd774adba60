"""HTML + CSS in the house style, for headless Chromium's print-to-PDF (and WeasyPrint).

Pages are ``<section class="page">`` elements with ``break-before: page``; the running
header and the page number are CSS ``@page`` margin boxes (Chromium >= 131), absent on the
cover (``@page :first``). Contents dot leaders are real "." characters: a small script fills
each leader span with as many dots as fit before the page number (Chromium has no CSS
``leader()``), and runs before printing. For WeasyPrint (no scripts) the leader is CSS
``content: leader('.')`` instead.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from tools.engines.model import Doc, Para, Run
from tools.engines.svg_chart import figure_plot, plot_svg, text_width_pt
from tools.engines.variants import PAGE_MM, Variant

ACCENT = "#00566e"
LINK = "#1f5fa8"

_BOX = {
    "top-left": "@top-left", "top-center": "@top-center", "top-right": "@top-right",
    "bottom-left": "@bottom-left", "bottom-center": "@bottom-center",
    "bottom-right": "@bottom-right",
}


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def runs_html(runs: Iterable[Run], v: Variant, hyph: bool = False) -> str:
    out: list[str] = []
    for r in runs:
        t = _esc(r.text)
        if hyph and not r.href:
            t = v.soft_hyphenate(t)
        if r.sup:
            t = f"<sup>{t}</sup>"
        if r.italic:
            t = f"<i>{t}</i>"
        if r.bold:
            t = f"<b>{t}</b>"
        if r.href:
            t = f'<a href="{_esc(r.href)}">{t}</a>'
        out.append(t)
    return "".join(out)


def _para(p: Para, v: Variant, doc: Doc) -> str:
    if p.kind == "figure":
        plot = figure_plot(p, text_width_pt(PAGE_MM[v.page], v.margin_mm), v.body_pt,
                           doc.layout.chart_frame)
        return f'<div class="figure">\n{plot_svg(plot, v.latin_font)}\n</div>'
    hyph = v.justify and p.kind in ("body", "bullet", "news")
    body = runs_html(p.runs, v, hyph)
    cls = p.kind + (" gap" if p.space_before else "")
    if p.kind == "story":
        return f'<h2 class="{cls}">{_esc(p.number)}{body}</h2>'
    if p.kind == "section":
        return f'<h1 class="{cls}">{body}</h1>'
    if p.kind == "subsection":
        return f'<h3 class="{cls}">{body}</h3>'
    if p.kind in ("toc1", "toc2"):
        num = f'<span class="num">{_esc(p.number)}</span>' if p.number else ""
        lead = "" if v.engine == "weasyprint" else "..."
        return (f'<p class="toc {cls}">{num}{body} <span class="lw">'
                f'<span class="lead">{lead}</span>'
                f'<span class="pg">{p.page}</span></span></p>')
    if p.kind in ("bullet", "news"):
        return f'<li class="{cls}">{body}</li>'
    return f'<p class="{cls}">{body}</p>'


def _paras(paras: list[Para], v: Variant, doc: Doc) -> str:
    out: list[str] = []
    open_list = False
    for p in paras:
        is_li = p.kind in ("bullet", "news")
        if is_li and not open_list:
            out.append('<ul class="items">')
            open_list = True
        elif not is_li and open_list:
            out.append("</ul>")
            open_list = False
        out.append(_para(p, v, doc))
    if open_list:
        out.append("</ul>")
    return "\n".join(out)


_SCRIPT = """
<script>
(function () {
  for (const p of document.querySelectorAll('p.toc')) {
    const lw = p.querySelector('.lw'), lead = p.querySelector('.lead');
    const limit = p.getBoundingClientRect().right;
    lead.textContent = '...';
    const top0 = lw.getBoundingClientRect().top;
    let n = 3;
    while (n < 400) {
      lead.textContent = '.'.repeat(n + 1);
      const r = lw.getBoundingClientRect();
      if (r.top > top0 + 1 || r.right > limit + 0.5) break;
      n += 1;
    }
    lead.textContent = '.'.repeat(n);
  }
})();
</script>
"""


def write_html(doc: Doc, v: Variant) -> str:
    """Return the HTML document for ``doc`` in variant ``v``."""
    w, h = v.page_css
    fam = ", ".join(f'"{f}"' for f in (v.latin_font, v.cjk_font))
    hb, fb = _BOX[v.header_pos], _BOX[v.footer_pos]
    header_border = ("border-bottom: 0.4pt solid #aaaaaa;" if v.header_pos.startswith("top")
                     else "border-top: 0.4pt solid #aaaaaa;")
    footer = {"number": "counter(page)",
              "page-n": '"Page " counter(page)',
              "n-of-m": 'counter(page) " / " counter(pages)'}[v.footer_style]
    content_w = float(w[:-2]) - v.margin_mm[1] - v.margin_mm[3]
    hyphens = "hyphens: auto;" if v.hyphenation == "css-auto" else "hyphens: manual;"
    justify = "text-align: justify;" if v.justify else "text-align: left;"
    cols = (f".cols {{ columns: 2; column-gap: {v.column_gap_mm}mm; }}"
            if v.noteworthy_columns else "")
    css = f"""
@page {{
  size: {w} {h};
  margin: {v.margin_mm[0]}mm {v.margin_mm[1]}mm {v.margin_mm[2]}mm {v.margin_mm[3]}mm;
  {hb} {{ content: "{_esc(doc.header)}"; font-family: {fam}; font-size: {0.8 * v.body_pt}pt;
          color: #777777; {header_border} vertical-align: middle; }}
  {fb} {{ content: {footer}; font-family: {fam}; font-size: {0.8 * v.body_pt}pt;
          color: #444444; vertical-align: middle; }}
}}
@page :first {{ {hb} {{ content: none; border: none; }} {fb} {{ content: none; }} }}
html {{ font-family: {fam}; font-size: {v.body_pt}pt; line-height: 1.35; color: #111111; }}
body {{ margin: 0; width: {content_w:.2f}mm; }}
section.page + section.page {{ break-before: page; }}
p, li {{ margin: 0 0 0.55em 0; {justify} {hyphens} orphans: 1; widows: 1; }}
a {{ color: {LINK}; text-decoration: underline; }}
sup {{ font-size: 70%; vertical-align: 0; position: relative; top: -0.45em; line-height: 0; }}
h1, h2, h3 {{ color: {ACCENT}; font-weight: bold; break-after: avoid; text-align: left; }}
h1 {{ font-size: 170%; margin: 0 0 0.8em 0; }}
h2 {{ font-size: 130%; margin: 0 0 0.6em 0; line-height: 1.3; }}
h2.gap {{ margin-top: 1.8em; }}
h3 {{ font-size: 120%; margin: 0.6em 0 0.5em 0; }}
ul.items {{ margin: 0 0 0.7em 0; padding-left: 1.5em; }}
ul.items li {{ margin-bottom: 0.3em; break-inside: avoid; }}
p.line {{ margin-bottom: 0.55em; text-align: left; }}
p.toc {{ margin: 0 0 0.2em 0; padding-right: 2.2em; text-align: left; }}
p.toc .lw {{ white-space: nowrap; margin-right: -2.2em; }}
p.toc .pg {{ display: inline-block; width: 1.3em; text-align: right; text-indent: 0; }}
p.toc1 {{ font-weight: bold; margin-top: 0.8em; }}
p.toc2 {{ padding-left: 2.7em; text-indent: -1.2em; }}
section.cover {{ border-left: 5mm solid {ACCENT}; padding-left: 9mm; min-height: 150mm; }}
.cover-line {{ padding-top: 40mm; font-weight: bold; color: {ACCENT}; font-size: 95%;
               margin-bottom: 2.5em; text-align: left; }}
.wordmark {{ font-size: 300%; font-weight: bold; color: {ACCENT}; margin: 0;
             line-height: 1.1; text-align: left; }}
.cover-title {{ font-size: 420%; font-weight: bold; margin: 0 0 0.3em 0; line-height: 1.1;
                border-bottom: 3pt solid {ACCENT}; display: inline-block; padding-bottom: 0.15em;
                text-align: left; }}
.cover-authors {{ font-size: 110%; color: #333333; margin-top: 1em; text-align: left; }}
p.person-name, p.person {{ margin: 0; text-align: left; }}
p.person + p.person-name {{ margin-top: 1em; }}
p.person.gap {{ margin-top: 1.2em; }}
p.plain {{ margin: 0 0 0.2em 0; text-align: left; }}
{cols}
"""
    kinds = {p.kind for page in doc.pages for p in page.paras}
    if "cover-topic" in kinds:
        css += (f".cover-topic {{ font-size: 150%; font-weight: bold; color: {ACCENT}; "
                "margin: 0.6em 0 0 0; text-align: left; }\n")
    if "figure" in kinds:
        css += ("div.figure { margin: 0.2em 0 0.9em 0; break-inside: avoid; }\n"
                "div.figure svg { display: block; }\n")
    body: list[str] = []
    for page in doc.pages:
        cls = "page cover" if page.cover else "page"
        before, cols, after = page.column_paras
        if cols and v.noteworthy_columns:
            inner = (_paras(before, v, doc) + '\n<div class="cols">\n' + _paras(cols, v, doc)
                     + "\n</div>" + ("\n" + _paras(after, v, doc) if after else ""))
        else:
            inner = _paras(page.paras, v, doc)
        body.append(f'<section class="{cls}">\n{inner}\n</section>')
    if v.engine == "weasyprint":
        # WeasyPrint runs no script but implements CSS GCPM leaders.
        css += ("p.toc .lw { white-space: normal; margin-right: 0; }\n"
                "p.toc { padding-right: 0; }\n"
                "p.toc .lead::before { content: leader('.'); }\n")
        script = ""
    else:
        script = _SCRIPT
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_esc(doc.title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            + "\n".join(body) + script + "\n</body>\n</html>\n")
