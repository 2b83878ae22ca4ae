"""GeoJSON geometry <-> the WKT literals DCAT-AP uses for dcat:bbox and dcat:centroid.

Only what catalogues exchange: bounding boxes and points out; POINT, POLYGON, MULTIPOLYGON and
ENVELOPE in (GeoDCAT-AP and national profiles write all four). Coordinates are WGS 84
longitude, latitude, as in GeoJSON. Anything else is reported by returning None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PAIR = re.compile(rf"({_NUMBER})\s+({_NUMBER})")
_CRS_PREFIX = re.compile(r"^\s*<[^>]*>\s*")


def _positions(value: Any) -> Iterator[tuple[float, float]]:
    if isinstance(value, list | tuple):
        if len(value) >= 2 and all(isinstance(v, int | float) for v in value[:2]):
            yield float(value[0]), float(value[1])
        else:
            for item in value:
                yield from _positions(item)


def bounds(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    points = list(_positions(geometry.get("coordinates")))
    if not points:
        return 0.0, 0.0, 0.0, 0.0
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _number(value: float) -> str:
    return repr(float(value)).removesuffix(".0") if float(value).is_integer() else repr(value)


def bbox_wkt(geometry: dict[str, Any]) -> str:
    west, south, east, north = bounds(geometry)
    ring = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    coords = ", ".join(f"{_number(x)} {_number(y)}" for x, y in ring)
    return f"POLYGON(({coords}))"


def centroid_wkt(geometry: dict[str, Any]) -> str:
    """A point's own position; otherwise the centre of the bounding box (a simple, stable
    stand-in for the true centroid, which needs a geometry library)."""
    if geometry.get("type") == "Point":
        lon, lat = next(_positions(geometry.get("coordinates")), (0.0, 0.0))
    else:
        west, south, east, north = bounds(geometry)
        lon, lat = (west + east) / 2, (south + north) / 2
    return f"POINT({_number(lon)} {_number(lat)})"


def _pairs(text: str) -> list[list[float]]:
    return [[float(x), float(y)] for x, y in _PAIR.findall(text)]


def geometry_from_wkt(text: str) -> dict[str, Any] | None:
    """A GeoJSON geometry from a WKT literal (an optional leading CRS IRI is ignored)."""
    body = _CRS_PREFIX.sub("", text).strip()
    kind = body.split("(", 1)[0].strip().upper()
    if kind == "ENVELOPE":
        # ENVELOPE(minX, maxX, maxY, minY), as GeoDCAT-AP writes bounding boxes.
        numbers = [float(n) for n in re.findall(_NUMBER, body)]
        if len(numbers) != 4:
            return None
        west, east, north, south = numbers
        return box(west, south, east, north)
    points = _pairs(body)
    if not points:
        return None
    if kind == "POLYGON" and len({tuple(p) for p in points}) == 1:
        return {"type": "Point", "coordinates": points[0]}  # a point's own bounding box
    if kind == "POINT":
        return {"type": "Point", "coordinates": points[0]}
    if kind == "POLYGON":
        rings = [_pairs(r) for r in re.findall(r"\(([^()]+)\)", body)]
        return {"type": "Polygon", "coordinates": [r for r in rings if r]}
    if kind == "MULTIPOLYGON":
        polygons = re.findall(r"\(\s*(\([^()]+\)(?:\s*,\s*\([^()]+\))*)\s*\)", body)
        coords = [[_pairs(r) for r in re.findall(r"\(([^()]+)\)", p)] for p in polygons]
        return {"type": "MultiPolygon", "coordinates": coords}
    return None


def box(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}
