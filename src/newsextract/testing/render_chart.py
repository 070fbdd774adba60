"""Charts of the fixture renderer: what a chart shows (:class:`Chart`) and where it is drawn.

A top story's :class:`~newsextract.models.Figure` keeps only its caption; the chart's
content (its bars, axis labels, source line) is a layout choice, given per story in
``Layout.charts`` or, where none is given, derived from the caption (:func:`default_chart`,
the same on every run and machine). :func:`chart_plot` turns a chart into engine-neutral
drawing primitives (rectangles, lines, text runs, in points from the chart's top-left
corner, ``y`` downwards) that the reportlab renderer and the engine writers of
``tools/engines`` draw in their own syntax; every piece of text in them is real text.

A chart is, from the top: the caption line (bold, body size), the unit label above the
value axis, the plot (grid lines, value axis with tick labels, bars with their value
labels above them), the category labels under the bars, the axis label under those, and
an optional "Source: ..." line. With ``frame`` the whole chart sits in a thin grey box.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from newsextract.testing.render_text import check_text

__all__ = [
    "CHAR_EM",
    "Chart",
    "ChartLine",
    "ChartPlot",
    "ChartRect",
    "ChartText",
    "chart_from_json",
    "chart_plot",
    "default_chart",
    "format_value",
]

#: Width of one character in ems that the geometry assumes (wider than the average
#: Latin character of DejaVu Sans and Liberation, so that labels placed with it never
#: touch in any engine's font).
CHAR_EM = 0.62
#: Most bars a chart may have.
MAX_BARS = 12
#: Bar colour (the house accent) and the grey of the grid and the frame.
BAR_COLOR = "#00566e"
GRID_COLOR = "#b4b4b4"
AXIS_COLOR = "#333333"


@dataclass(frozen=True)
class Chart:
    """What one chart shows.

    ``bars`` are (category label, value >= 0) pairs, 1 to :data:`MAX_BARS`; ``unit`` is
    printed above the value axis ("CNY bn"), ``axis_label`` under the category labels
    ("Province"), ``source`` as the chart's last line (printed as given, e.g. "Source:
    NBS"). ``after_comment`` is the index of the MERICS comment paragraph the chart follows
    (a larger index than the story has means after its last paragraph).
    """

    bars: tuple[tuple[str, float], ...]
    unit: str = ""
    axis_label: str = ""
    source: str | None = None
    after_comment: int = 0

    def __post_init__(self) -> None:
        """Validate: 1..MAX_BARS bars, finite values >= 0, printable single-line texts."""
        bars = tuple((str(label), float(value)) for label, value in self.bars)
        if not 1 <= len(bars) <= MAX_BARS:
            raise ValueError(f"a chart needs 1 to {MAX_BARS} bars, not {len(bars)}")
        for label, value in bars:
            if not label:
                raise ValueError("a bar needs a category label")
            check_text(label, "chart bar label")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"bar values must be finite and >= 0, not {value!r}")
        for text in (self.unit, self.axis_label, self.source or ""):
            if text:
                check_text(text, "chart text")
        if self.source is not None and not self.source:
            raise ValueError("a chart's source line must not be empty (use None)")
        if self.after_comment < 0:
            raise ValueError(f"after_comment must be >= 0, not {self.after_comment}")
        object.__setattr__(self, "bars", bars)


def chart_from_json(value: Chart | Mapping[str, object]) -> Chart:
    """Return ``value`` as a :class:`Chart` (a JSON object with the same keys is accepted)."""
    if isinstance(value, Chart):
        return value
    unknown = set(value) - {"bars", "unit", "axis_label", "source", "after_comment"}
    if unknown:
        raise ValueError(f"unknown chart keys: {sorted(unknown)}")
    bars = value.get("bars")
    if not isinstance(bars, Sequence) or isinstance(bars, str):
        raise ValueError("a chart's bars must be a list of [label, value] pairs")
    pairs: list[tuple[str, float]] = []
    for bar in bars:
        if not isinstance(bar, Sequence) or isinstance(bar, str) or len(bar) != 2:
            raise ValueError(f"a bar must be a [label, value] pair, not {bar!r}")
        label, number = bar
        if not isinstance(label, str) or not isinstance(number, (int, float)):
            raise ValueError(f"a bar must be a [label, value] pair, not {bar!r}")
        pairs.append((label, float(number)))
    source = value.get("source")
    after = value.get("after_comment", 0)
    if source is not None and not isinstance(source, str):
        raise ValueError(f"a chart's source must be a string, not {source!r}")
    if not isinstance(after, int):
        raise ValueError(f"after_comment must be an integer, not {after!r}")
    return Chart(bars=tuple(pairs), unit=str(value.get("unit", "")),
                 axis_label=str(value.get("axis_label", "")), source=source,
                 after_comment=after)


def default_chart(caption: str, after_comment: int = 0) -> Chart:
    """Return the chart printed for a figure that ``Layout.charts`` does not describe.

    Four to six yearly bars whose values come from the caption's SHA-256 (the same chart
    on every run), after comment paragraph ``after_comment`` (the renderer passes the one
    the figure before follows, 0 for a story's first figure).
    """
    digest = hashlib.sha256(caption.encode("utf-8")).digest()
    n = 4 + digest[0] % 3
    bars = tuple((str(2020 + k), (digest[k + 1] % 90 + 10) / 2) for k in range(n))
    return Chart(bars=bars, unit="Index", axis_label="Year", after_comment=after_comment)


def format_value(value: float) -> str:
    """Return a value label as printed: at most one decimal, no trailing zero ("12.5", "40")."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class ChartRect:
    """A rectangle: top-left corner, size; filled (bars) or stroked (the frame)."""

    x: float
    y: float
    width: float
    height: float
    fill: str | None
    stroke: str | None


@dataclass(frozen=True)
class ChartLine:
    """A straight line from (x0, y0) to (x1, y1), ``width`` points wide."""

    x0: float
    y0: float
    x1: float
    y1: float
    color: str
    width: float


@dataclass(frozen=True)
class ChartText:
    """One line of text: its baseline ``y``, anchored at ``x`` (start, middle or end)."""

    x: float
    y: float
    text: str
    size: float
    anchor: Literal["start", "middle", "end"]
    bold: bool = False
    role: Literal["caption", "unit", "tick", "value", "category", "axis", "source"] = "value"


@dataclass(frozen=True)
class ChartPlot:
    """A chart as primitives: the box size and what is drawn in it (y grows downwards).

    Drawn in this order: ``frame`` (None without one), ``grid``, ``bars``, ``axes``,
    ``texts``.
    """

    width: float
    height: float
    frame: ChartRect | None
    grid: tuple[ChartLine, ...]
    bars: tuple[ChartRect, ...]
    axes: tuple[ChartLine, ...]
    texts: tuple[ChartText, ...]

    @property
    def caption(self) -> ChartText:
        """The caption line."""
        return next(t for t in self.texts if t.role == "caption")


def _ticks(top: float) -> tuple[float, list[float]]:
    """Return (axis maximum, tick values) for values up to ``top``: 3 to 6 round steps."""
    if top <= 0:
        return 1.0, [0.0, 1.0]
    raw = top / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    count = math.ceil(top / step - 1e-9)
    return count * step, [k * step for k in range(count + 1)]


def _em(text: str, size: float) -> float:
    return CHAR_EM * size * len(text)


def chart_plot(chart: Chart, caption: str, width: float, body: float, *,
               frame: bool = True) -> ChartPlot:
    """Return the primitives of ``chart`` with ``caption`` in a box ``width`` points wide.

    ``body`` is the body font size: the caption is set at it (bold), every other text at
    0.8 of it. Category and value labels are set smaller (down to half the body size) where
    one is wider than its bar's slot; ValueError when even that does not fit, or when the
    caption or source line is wider than the box (widths measured with :data:`CHAR_EM`).
    """
    check_text(caption, "figure caption")
    small = 0.8 * body
    pad = 0.8 * body if frame else 0.0
    inner = width - 2 * pad
    for text, size in ((caption, body), (chart.source or "", small)):
        if _em(text, size) > inner:
            raise ValueError(f"chart text wider than the chart ({inner:.0f} pt): {text[:60]!r}")
    top_value, ticks = _ticks(max(v for _, v in chart.bars))
    tick_w = max(_em(format_value(t), small) for t in ticks)
    y = pad + body  # caption baseline
    texts: list[ChartText] = [ChartText(pad, y, caption, body, "start", True, "caption")]
    y += 1.2 * body
    if chart.unit:
        y += small
        texts.append(ChartText(pad, y, chart.unit, small, "start", role="unit"))
    plot_top = y + 1.6 * small  # room for the top value label
    plot_h = 9.0 * body
    axis_x = pad + tick_w + 0.5 * small
    axis_y = plot_top + plot_h
    plot_w = width - pad - axis_x
    grid: list[ChartLine] = []
    for t in ticks:
        ty = axis_y - plot_h * t / top_value
        texts.append(ChartText(axis_x - 0.4 * small, ty + 0.35 * small, format_value(t), small,
                               "end", role="tick"))
        if t:
            grid.append(ChartLine(axis_x, ty, axis_x + plot_w, ty, GRID_COLOR, 0.3))
    axes = (ChartLine(axis_x, plot_top - 0.5 * small, axis_x, axis_y, AXIS_COLOR, 0.6),
            ChartLine(axis_x, axis_y, axis_x + plot_w, axis_y, AXIS_COLOR, 0.6))
    slot = plot_w / len(chart.bars)
    longest = max(max(len(label), len(format_value(v))) for label, v in chart.bars)
    cat_size = min(small, 0.9 * slot / (CHAR_EM * longest))
    if cat_size < 0.5 * body:
        raise ValueError(f"chart category labels do not fit {len(chart.bars)} bars in "
                         f"{plot_w:.0f} pt")
    bars: list[ChartRect] = []
    for k, (label, value) in enumerate(chart.bars):
        cx = axis_x + (k + 0.5) * slot
        bar_h = plot_h * value / top_value
        bars.append(ChartRect(cx - 0.3 * slot, axis_y - bar_h, 0.6 * slot, bar_h,
                               BAR_COLOR, None))
        texts.append(ChartText(cx, axis_y - bar_h - 0.4 * cat_size, format_value(value),
                               cat_size, "middle", role="value"))
        texts.append(ChartText(cx, axis_y + 1.2 * cat_size, label, cat_size, "middle",
                               role="category"))
    y = axis_y + 1.2 * cat_size
    if chart.axis_label:
        y += 1.9 * small
        texts.append(ChartText(axis_x + plot_w / 2, y, chart.axis_label, small, "middle",
                               role="axis"))
    if chart.source:
        y += 1.5 * small
        texts.append(ChartText(pad, y, chart.source, small, "start", role="source"))
    height = y + 0.4 * small + pad
    box = ChartRect(0, 0, width, height, None, GRID_COLOR) if frame else None
    return ChartPlot(width, height, box, tuple(grid), tuple(bars), axes, tuple(texts))
