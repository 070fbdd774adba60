"""A chart as SVG, for every engine writer (HTML inline, Typst and LibreOffice as an image).

The primitives come from :func:`newsextract.testing.render_chart.chart_plot`, the same the
reportlab renderer draws; the engines keep SVG text as real text in the PDF (checked with
pdfplumber for Chromium, WeasyPrint, Typst and LibreOffice: the labels come back as chars
in the named font, the bars and lines as vector paths).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from tools.engines.model import Para

from newsextract.testing.render_chart import ChartLine, ChartPlot, chart_plot

_ANCHOR = {"start": "start", "middle": "middle", "end": "end"}


def _line(ln: ChartLine) -> str:
    return (f'<line x1="{ln.x0:.2f}" y1="{ln.y0:.2f}" x2="{ln.x1:.2f}" y2="{ln.y1:.2f}" '
            f'stroke="{ln.color}" stroke-width="{ln.width}"/>')


def plot_svg(plot: ChartPlot, font: str) -> str:
    """Return ``plot`` as an SVG document in points, its text in the font family ``font``."""
    w, h = plot.width, plot.height
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.2f}pt" height="{h:.2f}pt" '
           f'viewBox="0 0 {w:.2f} {h:.2f}">']
    if plot.frame is not None:
        f = plot.frame
        out.append(f'<rect x="0.25" y="0.25" width="{f.width - 0.5:.2f}" '
                   f'height="{f.height - 0.5:.2f}" fill="none" stroke="{f.stroke}" '
                   'stroke-width="0.5"/>')
    out += [_line(ln) for ln in plot.grid]
    for r in plot.bars:
        out.append(f'<rect x="{r.x:.2f}" y="{r.y:.2f}" width="{r.width:.2f}" '
                   f'height="{r.height:.2f}" fill="{r.fill}"/>')
    out += [_line(ln) for ln in plot.axes]
    for t in plot.texts:
        weight = ' font-weight="bold"' if t.bold else ""
        out.append(f'<text x="{t.x:.2f}" y="{t.y:.2f}" font-family={quoteattr(font)} '
                   f'font-size="{t.size:.2f}"{weight} text-anchor="{_ANCHOR[t.anchor]}" '
                   f'fill="#1a1a1a">{escape(t.text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def figure_plot(para: Para, width: float, body: float, frame: bool) -> ChartPlot:
    """Return the plot of a ``figure`` paragraph at ``width`` points (``body`` pt type)."""
    if para.chart is None:
        raise ValueError("not a figure paragraph")
    return chart_plot(para.chart, para.text, width, body, frame=frame)


def text_width_pt(page_mm: tuple[float, float], margin_mm: tuple[float, float, float, float]
                  ) -> float:
    """The text width in points of a page (``margin_mm`` is top, right, bottom, left)."""
    return (page_mm[0] - margin_mm[1] - margin_mm[3]) * 72 / 25.4
