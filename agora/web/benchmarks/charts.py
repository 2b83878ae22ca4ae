"""Small SVG charts of the benchmark pages: line charts over editions and the readiness radar.

Pure functions that turn numbers into coordinates; the templates draw them. Every chart is
shown beside a table with the same numbers, and lines differ by marker shape and dash as well
as colour, so nothing is told by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 36
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
COLOURS = ("#1d4f91", "#b3261e", "#2e7d32", "#6a1b9a", "#8a5300")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # what a tooltip says: "2022: 0.8"
    d: str = ""  # the marker's SVG path


def marker_path(kind: str, x: float, y: float) -> str:
    """A marker centred on (x, y): shapes differ so lines are told apart without colour."""
    if kind == "square":
        return f"M{x - 4:.1f} {y - 4:.1f}h8v8h-8z"
    if kind == "triangle":
        return f"M{x:.1f} {y - 5:.1f}l5 9h-10z"
    if kind == "diamond":
        return f"M{x:.1f} {y - 5:.1f}l5 5-5 5-5-5z"
    if kind == "cross":
        return f"M{x - 4:.1f} {y - 4:.1f}l8 8m0-8l-8 8"
    return f"M{x - 4:.1f} {y:.1f}a4 4 0 1 0 8 0a4 4 0 1 0-8 0"


@dataclass(frozen=True)
class Line:
    name: str
    points: tuple[Point, ...]
    marker: str
    dash: str
    colour: str

    @property
    def legend_marker(self) -> str:
        return marker_path(self.marker, 17, 7)

    @property
    def stroked(self) -> bool:
        return self.marker == "cross"

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    lines: tuple[Line, ...]
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    plot: tuple[float, float, float, float]  # left, top, right, bottom


def _fmt(value: float) -> str:
    return f"{value:g}"


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    y_range: tuple[float, float] = (0.0, 1.0),
    y_steps: int = 4,
) -> LineChart:
    """One line per (name, values) over the x labels; missing values break nothing (the line
    joins the values that exist)."""
    low, high = y_range
    span = (high - low) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(len(x_labels), 1)

    def x_at(i: int) -> float:
        return round(LEFT + (plot_w * (i + 0.5) / count), 1)

    def y_at(value: float) -> float:
        return round(TOP + plot_h * (1 - (min(max(value, low), high) - low) / span), 1)

    lines = []
    for n, (name, values) in enumerate(series):
        style = n % len(MARKERS)
        points = tuple(
            Point(
                x_at(i),
                y_at(v),
                f"{x_labels[i]}: {_fmt(v)}",
                marker_path(MARKERS[style], x_at(i), y_at(v)),
            )
            for i, v in enumerate(values)
            if v is not None and i < len(x_labels)
        )
        lines.append(Line(name, points, MARKERS[style], DASHES[style], COLOURS[style]))
    y_ticks = tuple(
        (y_at(low + span * k / y_steps), _fmt(round(low + span * k / y_steps, 6)))
        for k in range(y_steps + 1)
    )
    return LineChart(
        WIDTH,
        HEIGHT,
        tuple(lines),
        tuple((x_at(i), label) for i, label in enumerate(x_labels)),
        y_ticks,
        (LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM),
    )


@dataclass(frozen=True)
class RadarAxis:
    label: str
    score: float | None
    x: float  # end of the axis
    y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor of the label


@dataclass(frozen=True)
class Radar:
    size: int
    centre: float
    axes: tuple[RadarAxis, ...]
    rings: tuple[str, ...]  # polygons at 25, 50, 75, 100
    shape: str  # the scores' polygon (dimensions without a score sit at the centre)
    points: tuple[tuple[float, float], ...]


def radar(dimensions: Sequence[tuple[str, float | None]], size: int = 440) -> Radar:
    """Scores from 0 to 100 on one axis per dimension, the first pointing up."""
    centre = size / 2
    radius = size / 2 - 110
    count = max(len(dimensions), 3)

    def at(i: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / count
        x = centre + radius * fraction * math.cos(angle)
        return round(x, 1), round(centre + radius * fraction * math.sin(angle), 1)

    axes = []
    points = []
    for i, (label, score) in enumerate(dimensions):
        end_x, end_y = at(i, 1.0)
        label_x, label_y = at(i, 1.18)
        anchor = "middle" if abs(label_x - centre) < 8 else ("start" if label_x > centre else "end")
        axes.append(RadarAxis(label, score, end_x, end_y, label_x, round(label_y + 4, 1), anchor))
        points.append(at(i, (score or 0.0) / 100))
    rings = tuple(
        " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, level) for i in range(len(dimensions))))
        for level in (0.25, 0.5, 0.75, 1.0)
    )
    shape = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return Radar(size, centre, tuple(axes), rings, shape, tuple(points))
