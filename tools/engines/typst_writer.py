"""Typst source in the house style (compiled with the ``typst`` PyPI package).

All text goes in as Typst string literals (``#"..."``), so nothing in the content is read as
markup (no smart quotes, no ``*``/``_``/``@`` surprises). Pages are separated by
``#pagebreak()``; the running header and page number are ``set page(header:, footer:)``,
hidden on the cover. With ``fake_bold`` every inline label is set in the REGULAR face and
drawn twice, the copy shifted right by ``fake_bold_dx`` points (what some producers do for
"bold" when the font has no bold face): each glyph is then really in the PDF twice.
"""

from __future__ import annotations

from tools.engines.model import Doc, Para, Run
from tools.engines.svg_chart import figure_plot, plot_svg, text_width_pt
from tools.engines.variants import PAGE_MM, Variant

ACCENT = 'rgb("#00566e")'
LINK = 'rgb("#1f5fa8")'


def s(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _run(r: Run, v: Variant) -> str:
    t = f"#{s(r.text)}"
    if r.sup:
        t = f"#super(typographic: false)[{t}]"
    if r.italic:
        t = f"#emph[{t}]"
    if r.bold:
        t = f"#fakebold({s(r.text)})" if r.label and v.fake_bold else f"#strong[{t}]"
    if r.href:
        t = f"#link({s(r.href)})[{t}]"
    return t


def runs(rs: list[Run], v: Variant) -> str:
    return "".join(_run(r, v) for r in rs)


def _para(p: Para, v: Variant, doc: Doc) -> str:
    if p.kind == "figure":
        width = text_width_pt(PAGE_MM[v.page], v.margin_mm)
        plot = figure_plot(p, width, v.body_pt, doc.layout.chart_frame)
        return (f"#block(above: 0.5em, below: 1.0em, breakable: false)[#image(bytes("
                f"{s(plot_svg(plot, v.latin_font))}), format: \"svg\", width: {width:.2f}pt)]")
    body = runs(p.runs, v)
    num = f"#{s(p.number)}" if p.number else ""
    k = p.kind
    if k == "cover-line":
        return f"#v(40mm)\n#text(weight: \"bold\", fill: {ACCENT}, size: 0.95em)[{body}]\n#v(2.5em)"
    if k == "wordmark":
        return f"#text(weight: \"bold\", fill: {ACCENT}, size: 3em)[{body}]"
    if k == "cover-title":
        return (f"#block(below: 0.6em, stroke: (bottom: 3pt + {ACCENT}), inset: (bottom: 0.3em))"
                f"[#text(weight: \"bold\", size: 4.2em)[{body}]]")
    if k == "cover-topic":
        return f"#v(0.4em)\n#text(weight: \"bold\", fill: {ACCENT}, size: 1.5em)[{body}]"
    if k == "cover-authors":
        return f"#v(0.5em)\n#text(size: 1.1em, fill: rgb(\"#333333\"))[{body}]"
    if k == "section":
        return (f"#block(above: 0em, below: 1.1em)[#text(weight: \"bold\", size: 1.7em, "
                f"fill: {ACCENT})[{body}]]")
    if k == "subsection":
        return (f"#block(above: 1.0em, below: 0.7em)[#text(weight: \"bold\", size: 1.2em, "
                f"fill: {ACCENT})[{body}]]")
    if k == "story":
        above = "2.2em" if p.space_before else "0em"
        return (f"#block(above: {above}, below: 0.9em, breakable: false)[#set par(justify: false)\n"
                f"#text(weight: \"bold\", size: 1.3em, fill: {ACCENT})[{num}{body}]]")
    if k in ("toc1", "toc2"):
        weight = "#set text(weight: \"bold\")\n" if k == "toc1" else ""
        indent = "0em" if k == "toc1" else "1.5em"
        above = "1.0em" if k == "toc1" else "0.35em"
        return (f"#block(above: {above}, below: 0.35em, inset: (left: {indent}))[{weight}"
                f"#set par(justify: false, hanging-indent: 1.2em)\n"
                f"{num}{body} #box(width: 1fr, repeat[.]) #{s(str(p.page))}]")
    if k in ("person-name", "person", "plain"):
        above = "1.2em" if p.space_before else ("0.25em" if k == "plain" else "0.15em")
        if k == "person-name":
            above = "0.9em"
        return f"#block(above: {above}, below: 0em)[#set par(justify: false)\n{body}]"
    if k == "line":
        return f"#block(above: 0.9em, below: 0.9em)[#set par(justify: false)\n{body}]"
    return f"#block(above: 0.9em, below: 0.9em)[{body}]"


def _items(items: list[Para], v: Variant) -> str:
    inner = ",\n  ".join(f"[{runs(p.runs, v)}]" for p in items)
    return ("#block(above: 0.8em, below: 0.9em)[#list(marker: [•], indent: 0.4em, "
            f"body-indent: 0.8em, spacing: 0.6em,\n  {inner})]")


def _flow(paras: list[Para], v: Variant, doc: Doc) -> str:
    out: list[str] = []
    pending: list[Para] = []
    for p in paras:
        if p.kind in ("bullet", "news"):
            pending.append(p)
            continue
        if pending:
            out.append(_items(pending, v))
            pending = []
        out.append(_para(p, v, doc))
    if pending:
        out.append(_items(pending, v))
    return "\n".join(out)


def _column_cut(paras: list[Para]) -> int:
    """Where the second column starts: Typst fills columns one after the other (no
    balancing), so break before the second news heading, or half-way through the text."""
    heads = [i for i, p in enumerate(paras) if p.kind == "subsection"]
    if len(heads) > 1:
        return heads[1]
    total = sum(len(p.text) for p in paras)
    acc = 0
    for i, p in enumerate(paras):
        acc += len(p.text)
        if acc >= total / 2:
            return i + 1
    return len(paras)


def _box_align(pos: str) -> str:
    return {"left": "left", "center": "center", "right": "right"}[pos.split("-")[1]]


def write_typst(doc: Doc, v: Variant) -> str:
    """Return the Typst source for ``doc`` in variant ``v``."""
    top, right, bottom, left = v.margin_mm
    paper = "a4" if v.page == "A4" else "us-letter"
    small = f"{0.8 * v.body_pt:.2f}pt"
    number = {"number": "#counter(page).display()",
              "page-n": "Page #counter(page).display()",
              "n-of-m": '#counter(page).display("1 / 1", both: true)'}[v.footer_style]
    header_line = (f'#text(size: {small}, fill: rgb("#777777"))[#{s(doc.header)}]')
    number_line = f"#text(size: {small}, fill: rgb(\"#444444\"))[{number}]"
    top_items, bottom_items = [], []
    (top_items if v.header_pos.startswith("top") else bottom_items).append(
        (f"#align({_box_align(v.header_pos)})[{header_line}]", True))
    (top_items if v.footer_pos.startswith("top") else bottom_items).append(
        (f"#align({_box_align(v.footer_pos)})[{number_line}]", False))

    def furniture(items: list[tuple[str, bool]], at_top: bool) -> str:
        if not items:
            return "none"
        parts = []
        for text, is_header in items:
            parts.append(text)
            if is_header:
                rule = '#line(length: 100%, stroke: 0.4pt + rgb("#aaaaaa"))'
                parts = [*parts, "#v(-0.6em)", rule] if at_top else [rule, "#v(-0.6em)", *parts]
        body = "\n".join(parts)
        return f"context {{ if counter(page).get().first() > 1 [\n{body}\n] }}"

    fam = f'("{v.latin_font}", "{v.cjk_font}")'
    head = f"""// Generated by tools/engines/build.py from fixtures/{doc.name}.json -- do not edit.
#set document(title: {s(doc.title)}, author: {s(doc.issue.publisher)})
#set page(paper: "{paper}",
  margin: (top: {top}mm, right: {right}mm, bottom: {bottom}mm, left: {left}mm),
  header-ascent: 35%, footer-descent: 35%,
  header: {furniture(top_items, True)},
  footer: {furniture(bottom_items, False)})
#set text(font: {fam}, size: {v.body_pt}pt, lang: "en", region: "us",
  hyphenate: {"true" if v.hyphenation == "engine" else "false"}, fill: rgb("#111111"),
  cjk-latin-spacing: {"auto" if v.cjk_latin_spacing else "none"})
#set par(justify: {"true" if v.justify else "false"}, leading: 0.5em, spacing: 0.9em)
#show link: it => underline(text(fill: {LINK}, it))
#let fakebold(t) = box[#place(top + left, dx: {v.fake_bold_dx}pt)[#t]#t]
"""
    pages: list[str] = []
    for page in doc.pages:
        before, rest, after = page.column_paras
        if page.cover:
            body = (f'#place(top + left, dx: -{left}mm, dy: -{top}mm, '
                    f'rect(width: 6mm, height: 100cm, fill: {ACCENT}))\n'
                    + _flow(page.paras, v, doc))
        elif rest and v.noteworthy_columns:
            cut = _column_cut(rest)
            body = (_flow(before, v, doc)
                    + "\n#columns(2, gutter: " + f"{v.column_gap_mm}mm)[\n"
                    + _flow(rest[:cut], v, doc) + "\n#colbreak()\n" + _flow(rest[cut:], v, doc)
                    + "\n]" + ("\n" + _flow(after, v, doc) if after else ""))
        else:
            body = _flow(page.paras, v, doc)
        pages.append(body)
    return head + "\n#pagebreak()\n".join(pages) + "\n"
