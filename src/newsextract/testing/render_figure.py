"""The chart flowable of the fixture renderer: a :class:`ChartPlot` drawn on the canvas.

A chart is one unbreakable flowable (it moves to the next page whole when it does not fit)
that draws the primitives of :func:`~newsextract.testing.render_chart.chart_plot`: filled
bars, grid and axis lines as vector paths, and every label as real text in the layout's
fonts (CJK runs in the CJK font), so that a reader finds the chart's text on the page and
its shapes around it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from newsextract.testing.render_chart import ChartLine, ChartPlot, ChartText
from newsextract.testing.render_text import FontSet, font_runs
from newsextract.testing.render_track import Recorder

__all__ = ["ChartFlowable"]


class ChartFlowable(Flowable):  # type: ignore[misc]
    """Draw ``plot``; report ``tags`` (story and figure) with the page to ``rec`` when drawn.

    ValueError at construction when a text is wider in the real font than the room the
    geometry gave it (the caption or source line wider than the chart).
    """

    def __init__(self, plot: ChartPlot, fonts: FontSet, rec: Recorder,
                 tags: tuple[str, ...]) -> None:
        super().__init__()
        self.plot, self.fonts, self.rec, self.tags = plot, fonts, rec, tags
        self.width, self.height = plot.width, plot.height
        for t in plot.texts:
            if t.anchor == "start" and t.x + self._width(t) > plot.width:
                raise ValueError(f"chart text wider than the chart: {t.text[:60]!r}")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Return the chart's fixed size."""
        return self.plot.width, self.plot.height

    def _font(self, t: ChartText, cjk: bool) -> str:
        return self.fonts.cjk if cjk else (self.fonts.bold if t.bold else self.fonts.regular)

    def _width(self, t: ChartText) -> float:
        return sum(float(stringWidth(chunk, self._font(t, cjk), t.size))
                   for chunk, cjk in font_runs(t.text, self.fonts))

    def _line(self, ln: ChartLine) -> None:
        canv: Any = self.canv
        canv.setStrokeColor(colors.HexColor(ln.color))
        canv.setLineWidth(ln.width)
        h = self.plot.height
        canv.line(ln.x0, h - ln.y0, ln.x1, h - ln.y1)

    def draw(self) -> None:
        """Report the page, then draw frame, grid, bars, axes and texts (y flipped)."""
        canv: Any = self.canv
        page = int(canv.getPageNumber())
        for tag in self.tags:
            self.rec.seen(tag, page)
        h = self.plot.height
        canv.saveState()
        plot = self.plot
        if plot.frame is not None:
            canv.setStrokeColor(colors.HexColor(plot.frame.stroke or "#000000"))
            canv.setLineWidth(0.5)
            canv.rect(0, 0, plot.width, h, stroke=1, fill=0)
        for ln in plot.grid:
            self._line(ln)
        for r in plot.bars:
            canv.setFillColor(colors.HexColor(r.fill or "#000000"))
            canv.rect(r.x, h - r.y - r.height, r.width, r.height, stroke=0, fill=1)
        for ln in plot.axes:
            self._line(ln)
        canv.setFillColorRGB(0.1, 0.1, 0.1)
        for t in self.plot.texts:
            width = self._width(t)
            x = t.x - {"start": 0.0, "middle": width / 2, "end": width}[t.anchor]
            for chunk, cjk in font_runs(t.text, self.fonts):
                font = self._font(t, cjk)
                canv.setFont(font, t.size)
                canv.drawString(x, h - t.y, chunk)
                x += float(stringWidth(chunk, font, t.size))
        canv.restoreState()
