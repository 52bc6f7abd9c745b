"""The geometry of the uptake chart: members per 1,000 residents against deprivation.

Drawn on the server as SVG (no script), so the chart works with the page's content policy
and in any browser. Each ward is a dot: further right is more deprived (higher IMD score),
higher up is more members for its population.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 360
MARGIN = 48


@dataclass(frozen=True)
class Dot:
    label: str
    x: float
    y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Scatter:
    width: int
    height: int
    left: int
    bottom: int
    right: int
    top: int
    dots: list[Dot]
    x_ticks: list[Tick]
    y_ticks: list[Tick]


def _ceiling(value: float) -> float:
    """A round top for an axis: 1, 2, 5 or 10 times a power of ten at or above ``value``."""
    if value <= 0:
        return 1.0
    scale = 1.0
    while scale * 10 < value:
        scale *= 10
    while scale > value:
        scale /= 10
    for step in (1, 2, 5, 10):
        if step * scale >= value:
            return step * scale
    return 10 * scale


def scatter(points: list[tuple[str, float, float]]) -> Scatter:
    """Place (label, deprivation, uptake) points on the chart, axes from zero."""
    x_top = _ceiling(max((p[1] for p in points), default=0))
    y_top = _ceiling(max((p[2] for p in points), default=0))
    left, right, top, bottom = MARGIN, WIDTH - MARGIN // 2, MARGIN // 2, HEIGHT - MARGIN
    span_x, span_y = right - left, bottom - top

    def x_at(value: float) -> float:
        return round(left + span_x * value / x_top, 1)

    def y_at(value: float) -> float:
        return round(bottom - span_y * value / y_top, 1)

    dots = [Dot(label, x_at(x), y_at(y), x, y) for label, x, y in points]
    x_ticks = [Tick(x_at(x_top * i / 4), f"{x_top * i / 4:g}") for i in range(5)]
    y_ticks = [Tick(y_at(y_top * i / 4), f"{y_top * i / 4:g}") for i in range(5)]
    return Scatter(WIDTH, HEIGHT, left, bottom, right, top, dots, x_ticks, y_ticks)
