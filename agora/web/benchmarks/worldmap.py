"""Country shapes for the benchmark world map, drawn as inline SVG on the server.

The outlines come from a package, not from this repository: `pygal_maps_world` (PyPI) ships a
world map as an SVG data file whose countries are groups named by ISO 3166-1 alpha-2 code. Its
paths use relative cubic curves and are ~780 KB; we read them once, keep each curve's end
points (a polyline), drop points closer than `TOLERANCE` map units to the previous one and
write absolute integer coordinates, which keeps the page small (~155 KB for 181 countries).

When the package is not installed, `tile_layout` draws a tile grid of countries by UN M49
region instead, so the page never fails for want of geometry. Pure functions, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from xml.etree import ElementTree

SHAPES_PACKAGE = "pygal_maps_world"
SHAPES_FILE = "pygal_maps_world/worldmap.svg"
TOLERANCE = 3.0
SMALL_TOLERANCE = 0.5  # for a country that would vanish at TOLERANCE
SVG_NS = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"m": 2, "l": 2, "c": 6, "s": 4, "q": 4, "t": 2, "h": 1, "v": 1, "z": 0}


@dataclass(frozen=True)
class Shapes:
    view_box: tuple[int, int, int, int]
    paths: dict[str, str]  # alpha-2 (upper case) -> SVG path data
    source: str  # the package and version the outlines come from


def _subpaths(data: str) -> list[list[tuple[float, float]]]:
    """The end points of every segment of a path, per subpath, in absolute coordinates."""
    tokens = _TOKEN.findall(data)
    rings: list[list[tuple[float, float]]] = []
    x = y = start_x = start_y = 0.0
    command, i = "", 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command, i = tokens[i], i + 1
            if command in "zZ":
                x, y = start_x, start_y
                continue
        lower = command.lower()
        arity = _ARITY.get(lower)
        if arity is None or arity == 0 or i + arity > len(tokens):
            raise ValueError(f"unsupported path command {command!r}")
        args = [float(t) for t in tokens[i : i + arity]]
        i += arity
        relative = command.islower()
        if lower == "h":
            x = x + args[0] if relative else args[0]
        elif lower == "v":
            y = y + args[0] if relative else args[0]
        else:
            x, y = (x + args[-2], y + args[-1]) if relative else (args[-2], args[-1])
        if lower == "m":
            start_x, start_y = x, y
            rings.append([(x, y)])
            command = "l" if relative else "L"  # further pairs after a moveto are linetos
        elif rings:
            rings[-1].append((x, y))
    return rings


def simplify(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[int, int]]:
    """Points at least `tolerance` apart (the first always kept), rounded to integers."""
    kept: list[tuple[float, float]] = []
    for point in points:
        if not kept or abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) >= tolerance:
            kept.append(point)
    rounded: list[tuple[int, int]] = []
    for px, py in kept:
        pair = (round(px), round(py))
        if not rounded or rounded[-1] != pair:
            rounded.append(pair)
    return rounded


def path_data(source: str, tolerance: float = TOLERANCE) -> str:
    """A compact absolute path ("M x y L ... Z") for one country's original path data."""
    parts = []
    for ring in _subpaths(source):
        points = simplify(ring, tolerance)
        if len(points) < 3:
            continue
        head, *rest = points
        parts.append(f"M{head[0]} {head[1]}L" + " ".join(f"{px} {py}" for px, py in rest) + "Z")
    return "".join(parts)


def shapes_from_svg(text: str, source: str, tolerance: float = TOLERANCE) -> Shapes:
    root = ElementTree.fromstring(text)  # noqa: S314 (a file of an installed package, not input)
    box = tuple(int(float(v)) for v in root.attrib["viewBox"].split())
    paths: dict[str, str] = {}
    for group in root.iter(f"{SVG_NS}g"):
        classes = group.attrib.get("class", "").split()
        if "country" not in classes or not classes or len(classes[0]) != 2:
            continue
        sources = [p.attrib.get("d", "") for p in group]
        drawn = "".join(path_data(d, tolerance) for d in sources)
        if not drawn:  # a small state: keep it visible with a finer tolerance
            drawn = "".join(path_data(d, min(tolerance, SMALL_TOLERANCE)) for d in sources)
        if drawn:
            paths[classes[0].upper()] = drawn
    return Shapes(view_box=(box[0], box[1], box[2], box[3]), paths=paths, source=source)


@lru_cache(maxsize=1)
def world_shapes() -> Shapes | None:
    """The packaged outlines, or None when the package is missing (then draw tiles)."""
    try:
        distribution = metadata.distribution(SHAPES_PACKAGE)
    except metadata.PackageNotFoundError:
        return None
    file = Path(str(distribution.locate_file(SHAPES_FILE)))
    if not file.is_file():
        return None
    source = f"{SHAPES_PACKAGE} {distribution.version}"
    return shapes_from_svg(file.read_text(encoding="utf-8"), source)


# --- Fallback: a tile grid by region ---------------------------------------------------------

TILE = 24
TILES_PER_ROW = 12


@dataclass(frozen=True)
class Tile:
    code: str  # alpha-3
    x: int
    y: int


def tile_layout(
    countries: Iterable[tuple[str, str]], per_row: int = TILES_PER_ROW
) -> tuple[list[Tile], list[tuple[str, int]], tuple[int, int]]:
    """(alpha-3, region name) pairs -> tiles, the y of each region's heading, and the size.

    Regions become columns of `per_row` tiles read top to bottom; each starts on a new row
    under its heading. Used when no country outlines are installed.
    """
    by_region: dict[str, list[str]] = {}
    for code, region in sorted(countries, key=lambda c: (c[1] or "~", c[0])):
        by_region.setdefault(region or "—", []).append(code)
    tiles: list[Tile] = []
    headings: list[tuple[str, int]] = []
    y = 0
    for region, codes in by_region.items():
        headings.append((region, y + 16))
        y += TILE
        for n, code in enumerate(codes):
            tiles.append(Tile(code, (n % per_row) * TILE, y + (n // per_row) * TILE))
        y += ((len(codes) - 1) // per_row + 1) * TILE + 8
    return tiles, headings, (per_row * TILE, y)
