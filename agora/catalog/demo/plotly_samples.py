"""Small datasets that plotly ships without naming an upstream source: Montréal's 2013
mayoral election by district, car-sharing availability in Montréal, and an Olympic medal table.

Because plotly's documentation (plotly.data) does not say where these files come from, the
publisher recorded here is the one that can be verified: Plotly Technologies Inc., which
distributes them inside its MIT-licensed package. The files are uploaded unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .packages import package_version, read_bytes, read_json, read_rows
from .specs import (
    Builder,
    DemoDataset,
    DemoFile,
    bbox_polygon,
    describe,
    geojson_positions,
    provenance,
)

FOLDER = "package_data/datasets"
LANDING = "https://plotly.com/python/"
REPOSITORY = "https://github.com/plotly/plotly.py"
MEDAL_NATIONS = {"South Korea": "KOR", "China": "CHN", "Canada": "CAN"}


def _common(files: list[str], about: str, made: str) -> dict[str, Any]:
    version = package_version("plotly")
    text = describe(
        about=about,
        source="plotly's built-in example data (module plotly.data). Its documentation "
        "describes the file but does not name an upstream source, so the publisher given here "
        "is Plotly, which distributes it.",
        shipped_in=f"plotly {version} (PyPI), {', '.join(files)}.",
        licence="MIT licence, the licence of the plotly package (copyright Plotly Technologies "
        "Inc.), which ships these files without separate terms.",
        made=made,
    )
    return {
        "organization": "plotly",
        "description": {"en": text},
        "licence": "MIT",
        "frequency": "NEVER",
        "landing_page": LANDING,
        "contact_name": "plotly.py maintainers",
        "contact_url": REPOSITORY,
        "version": version,
        "extras": provenance("plotly", version, *files),
    }


def _as_is(stem: str, extension: str, title: str, what: str, fmt: str) -> DemoFile:
    content = read_bytes("plotly", f"{FOLDER}/{stem}.{extension}.gz")
    return DemoFile(f"{stem}.{extension}", f"{title} ({fmt})", what, fmt, content)


def _election() -> DemoDataset:
    rows = read_rows("plotly", f"{FOLDER}/election.csv.gz")
    shapes = read_json("plotly", f"{FOLDER}/election.geojson.gz")
    lons, lats = zip(*geojson_positions(shapes), strict=True)
    common = _common(
        [f"{FOLDER}/election.csv.gz", f"{FOLDER}/election.geojson.gz"],
        f"The 2013 mayoral election in Montréal, district by district ({len(rows)} districts): "
        "the votes for the candidates Coderre, Bergeron and Joly, their total, who won the "
        "district and whether by majority or plurality; and the districts' boundaries.",
        "The CSV and the GeoJSON exactly as plotly ships them (decompressed). The dataset's "
        "extent is the bounding box of the district boundaries.",
    )
    title = {
        "en": "2013 Montréal mayoral election: results by electoral district",
        "fr": "Élection à la mairie de Montréal de 2013\u00a0: résultats par district électoral",
        "es": "Elección a la alcaldía de Montreal de 2013: resultados por distrito electoral",
    }
    files = (
        _as_is("election", "csv", title["en"], "One row per district.", "CSV"),
        _as_is("election", "geojson", title["en"], "District boundaries.", "GeoJSON"),
    )
    draft = DatasetDraft(
        name="montreal-2013-mayoral-election",
        title=title,
        themes=["GOVE", "REGI"],
        tags=["elections", "Montréal", "municipal"],
        countries=["CAN"],
        languages=["fr", "en"],
        spatial=bbox_polygon(lons, lats),
        temporal_start=dt.date(2013, 1, 1),
        temporal_end=dt.date(2013, 12, 31),
        **common,
    )
    return DemoDataset(draft, files)


def _carshare() -> DemoDataset:
    rows = read_rows("plotly", f"{FOLDER}/carshare.csv.gz")
    lons = [float(r["centroid_lon"]) for r in rows]
    lats = [float(r["centroid_lat"]) for r in rows]
    common = _common(
        [f"{FOLDER}/carshare.csv.gz"],
        f"Car-sharing availability near the centroids of {len(rows)} zones of Montréal over "
        "one month: each zone's centroid, its car_hours and its peak_hour (plotly does not "
        "document the columns further).",
        "The CSV exactly as plotly ships it (decompressed). The dataset's extent is the "
        "bounding box of the centroids.",
    )
    title = {
        "en": "Car-sharing availability by zone in Montréal",
        "fr": "Disponibilité de l'autopartage par zone à Montréal",
        "es": "Disponibilidad de coches compartidos por zona en Montreal",
    }
    draft = DatasetDraft(
        name="montreal-carsharing-availability",
        title=title,
        themes=["TRAN", "REGI"],
        tags=["car sharing", "mobility", "Montréal"],
        countries=["CAN"],
        languages=["en"],
        spatial=bbox_polygon(lons, lats),
        **common,
    )
    return DemoDataset(draft, (_as_is("carshare", "csv", title["en"], "One row per zone.", "CSV"),))


def _medals() -> DemoDataset:
    rows = read_rows("plotly", f"{FOLDER}/medals.csv.gz")
    common = _common(
        [f"{FOLDER}/medals.csv.gz"],
        "Gold, silver and bronze medals won in Olympic short track speed skating by the three "
        "leading nations, as of 2020 according to plotly's documentation.",
        "The CSV exactly as plotly ships it (decompressed).",
    )
    title = {
        "en": "Olympic short track speed skating: medals of the top three nations",
        "fr": "Patinage de vitesse sur piste courte aux Jeux olympiques\u00a0: médailles des "
        "trois premières nations",
        "es": "Patinaje de velocidad en pista corta en los Juegos Olímpicos: medallas de las "
        "tres primeras naciones",
    }
    draft = DatasetDraft(
        name="olympic-short-track-medals",
        title=title,
        themes=["EDUC"],
        tags=["Olympic Games", "sport", "speed skating"],
        languages=["en"],
        countries=[MEDAL_NATIONS[r["nation"]] for r in rows],
        **common,
    )
    return DemoDataset(draft, (_as_is("medals", "csv", title["en"], "One row per nation.", "CSV"),))


def builders() -> Iterator[Builder]:
    yield _election
    yield _carshare
    yield _medals
