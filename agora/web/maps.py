"""Spatial coverage drawn as inline SVG: no tile server, no script, works on an intranet.

Coordinates are drawn in the plate carrée projection (x = longitude, y = -latitude), over a
graticule (no world outline is shipped by a package we can depend on, see docs/web.md). A
world frame always shows where the area lies; when the area is small a second frame zooms in.
Geometries are decimated to a bounded number of points so a detailed border never bloats the
page. Pure functions: they take GeoJSON and numbers and return what the template draws.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

MAX_POINTS = 1500
ZOOM_BELOW_DEGREES = 60.0

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Frame:
    view_box: str
    shapes: str  # SVG path data of the areas and lines
    points: tuple[tuple[float, float], ...]  # markers (x, y)
    graticule: str
    stroke: float
    marker_radius: float
    labels: tuple[tuple[float, float, str], ...]  # (x, y, text) along the edges


@dataclass(frozen=True)
class SpatialMap:
    world: Frame
    zoom: Frame | None
    bbox: tuple[float, float, float, float]

    @property
    def center(self) -> tuple[float, float]:
        """The middle of the area in SVG coordinates (for a marker on the world frame)."""
        west, south, east, north = self.bbox
        return ((west + east) / 2, -(south + north) / 2)

    @property
    def label(self) -> str:
        west, south, east, north = self.bbox
        return (
            f"{degrees(south, 'N', 'S')} – {degrees(north, 'N', 'S')}, "
            f"{degrees(west, 'E', 'W')} – {degrees(east, 'E', 'W')}"
        )


def _rings(geometry: dict[str, Any]) -> Iterator[tuple[str, Ring]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "GeometryCollection":
        for part in geometry.get("geometries") or []:
            yield from _rings(part)
        return
    nested = {
        "Point": 0,
        "MultiPoint": 1,
        "LineString": 1,
        "MultiLineString": 2,
        "Polygon": 2,
        "MultiPolygon": 3,
    }.get(str(kind))
    if nested is None or coords is None:
        return
    if nested == 0:
        yield "point", [(float(coords[0]), float(coords[1]))]
    elif kind == "MultiPoint":
        for c in coords:
            yield "point", [(float(c[0]), float(c[1]))]
    elif kind == "LineString":
        yield "line", [(float(c[0]), float(c[1])) for c in coords]
    elif kind == "MultiPolygon":
        for polygon in coords:
            for ring in polygon:
                yield "area", [(float(c[0]), float(c[1])) for c in ring]
    else:
        part = "area" if kind == "Polygon" else "line"
        for ring in coords:
            yield part, [(float(c[0]), float(c[1])) for c in ring]


def _decimate(rings: list[tuple[str, Ring]]) -> list[tuple[str, Ring]]:
    total = sum(len(r) for _, r in rings)
    step = max(1, math.ceil(total / MAX_POINTS))
    if step == 1:
        return rings
    out = []
    for kind, ring in rings:
        kept = ring[::step]
        if kind == "area" and len(kept) < 4:
            kept = ring[:: max(1, len(ring) // 4)]
        out.append((kind, kept))
    return out


def _path(kind: str, ring: Ring) -> str:
    coords = " ".join(f"{lon:.3f},{-lat:.3f}" for lon, lat in ring)
    return f"M{coords}{'Z' if kind == 'area' else ''}"


def _graticule(west: float, south: float, east: float, north: float, step: float) -> str:
    lines = []
    lon = math.ceil(west / step) * step
    while lon <= east + 1e-9:
        lines.append(f"M{lon:.3f},{-north:.3f}V{-south:.3f}")
        lon += step
    lat = math.ceil(south / step) * step
    while lat <= north + 1e-9:
        lines.append(f"M{west:.3f},{-lat:.3f}H{east:.3f}")
        lat += step
    return "".join(lines)


def _step(span: float) -> float:
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30):
        if span / step <= 8:
            return float(step)
    return 30.0


def degrees(value: float, positive: str, negative: str) -> str:
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return f"{text}°{positive if value >= 0 else negative}"


def _frame(rings: list[tuple[str, Ring]], box: Sequence[float], label_step: float | None) -> Frame:
    west, south, east, north = box
    width, height = east - west, north - south
    size = max(width, height)
    shapes = "".join(_path(kind, ring) for kind, ring in rings if kind != "point")
    points = tuple((lon, -lat) for kind, ring in rings if kind == "point" for lon, lat in ring)
    step = label_step or _step(size)
    labels: list[tuple[float, float, str]] = []
    if label_step is None:
        labels = [
            (west + size * 0.01, -south - size * 0.01, degrees(south, "N", "S")),
            (west + size * 0.01, -north + size * 0.05, degrees(north, "N", "S")),
            (east - size * 0.01, -south - size * 0.01, degrees(east, "E", "W")),
        ]
    return Frame(
        view_box=f"{west:.3f} {-north:.3f} {width:.3f} {height:.3f}",
        shapes=shapes,
        points=points,
        graticule=_graticule(west, south, east, north, step),
        stroke=max(size / 300, 1e-4),
        marker_radius=max(size / 90, 1e-4),
        labels=tuple(labels),
    )


def _padded(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    west, south, east, north = bbox
    span = max(east - west, north - south, 0.02)
    pad = span * 0.15
    cx, cy = (west + east) / 2, (south + north) / 2
    half = span / 2 + pad
    return (cx - half * 1.6, max(cy - half, -90.0), cx + half * 1.6, min(cy + half, 90.0))


def spatial_map(
    spatial: dict[str, Any] | None, bbox: Sequence[float | None] | None
) -> SpatialMap | None:
    """What to draw for a dataset's spatial coverage, or None when it has none."""
    rings = _decimate(list(_rings(spatial))) if spatial else []
    if bbox is None or any(v is None for v in bbox):
        if not rings:
            return None
        lons = [lon for _, ring in rings for lon, _ in ring]
        lats = [lat for _, ring in rings for _, lat in ring]
        bbox = (min(lons), min(lats), max(lons), max(lats))
    box = tuple(float(v) for v in bbox)  # type: ignore[arg-type]
    if not rings:  # a bounding box alone: draw it as the area
        w, s, e, n = box
        rings = [("area", [(w, s), (e, s), (e, n), (w, n), (w, s)])]
    world = _frame(rings, (-180.0, -90.0, 180.0, 90.0), label_step=30.0)
    small = max(box[2] - box[0], box[3] - box[1]) < ZOOM_BELOW_DEGREES
    zoom = _frame(rings, _padded(box), label_step=None) if small else None
    return SpatialMap(world=world, zoom=zoom, bbox=box)  # type: ignore[arg-type]
