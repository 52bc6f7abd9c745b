"""Server-drawn charts: the geometry of simple SVG bar, line and scatter charts.

Pages draw these as inline SVG (no script), so charts work with the content security
policy and without JavaScript. Coordinates are in a fixed viewBox; values are plain
numbers so the templates need no arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 600
HEIGHT = 240
MARGIN = 40

Number = int | float | Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Point:
    label: str
    x_value: Number
    y_value: Number
    x: float
    y: float


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...] = ()
    points: tuple[Point, ...] = ()
    line: str = ""
    target_y: float | None = None
    maximum: float = 0.0
    width: int = WIDTH
    height: int = HEIGHT
    margin: int = MARGIN


def _scale(value: Number, top: float) -> float:
    """Height in the plot area for ``value`` on an axis from 0 to ``top``."""
    plot = HEIGHT - 2 * MARGIN
    return 0.0 if top <= 0 else round(float(value) / top * plot, 1)


def bar_chart(values: list[tuple[str, Number]]) -> Chart:
    """Vertical bars from 0 to the largest value.

    >>> bar_chart([("a", 1), ("b", 2)]).bars[1].height
    160.0
    """
    top = max((float(v) for _, v in values), default=0.0)
    slot = (WIDTH - 2 * MARGIN) / max(len(values), 1)
    bars = []
    for index, (label, value) in enumerate(values):
        height = _scale(value, top)
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(MARGIN + index * slot + slot * 0.1, 1),
                y=round(HEIGHT - MARGIN - height, 1),
                width=round(slot * 0.8, 1),
                height=height,
            )
        )
    return Chart(bars=tuple(bars), maximum=top)


def line_chart(values: list[tuple[str, Number]], *, target: Number | None = None) -> Chart:
    """A line through the values in order, with the target as a horizontal rule."""
    candidates = [float(v) for _, v in values] + ([float(target)] if target is not None else [])
    top = max(candidates, default=0.0) * 1.1
    step = (WIDTH - 2 * MARGIN) / max(len(values) - 1, 1)
    points = tuple(
        Point(
            label,
            index,
            value,
            round(MARGIN + index * step, 1),
            round(HEIGHT - MARGIN - _scale(value, top), 1),
        )
        for index, (label, value) in enumerate(values)
    )
    target_y = None if target is None else round(HEIGHT - MARGIN - _scale(target, top), 1)
    return Chart(
        points=points,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        target_y=target_y,
        maximum=round(top, 1),
    )


def scatter_chart(values: list[tuple[str, Number, Number]]) -> Chart:
    """Points at (x, y) with both axes from 0 to their largest value."""
    x_top = max((float(x) for _, x, _ in values), default=0.0) * 1.05
    y_top = max((float(y) for _, _, y in values), default=0.0) * 1.1
    plot_width = WIDTH - 2 * MARGIN
    points = tuple(
        Point(
            label,
            x,
            y,
            round(MARGIN + (float(x) / x_top * plot_width if x_top else 0), 1),
            round(HEIGHT - MARGIN - _scale(y, y_top), 1),
        )
        for label, x, y in values
    )
    return Chart(points=points, maximum=round(y_top, 1))
