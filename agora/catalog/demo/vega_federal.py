"""US public-domain data from vega_datasets: NOAA weather, EIA electricity, BLS employment,
and OurAirports' airport list.

vega_datasets' dataset_info.json names the publisher of each file and says that it is in the
public domain; `require_statement` re-checks those words at load time, so the "other-pd"
licence and the organization rest on the package's own statement. The CSV files are uploaded
unchanged; the airports also get a GeoJSON made from their own coordinates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .packages import read_bytes, read_json, read_rows
from .specs import Builder, DemoDataset, DemoFile, bbox_polygon, json_bytes
from .vega_common import PACKAGE, common_fields, date_span, require_statement

PD = "Public domain, as vega_datasets' dataset_info.json states for this file"
NOAA_TERMS = "https://www.weather.gov/disclaimer"
# "country" values of airports.csv -> ISO 3166-1 alpha-3
AIRPORT_COUNTRIES = {
    "USA": "USA",
    "Thailand": "THA",
    "Palau": "PLW",
    "N Mariana Islands": "MNP",
    "Federated States of Micronesia": "FSM",
}


def _unchanged(key: str, title: str, what: str) -> DemoFile:
    content = read_bytes(PACKAGE, f"_data/{key}.csv")
    return DemoFile(f"{key}.csv", f"{title} (CSV)", what, "CSV", content)


def _noaa(
    key: str, title: dict[str, str], about: str, span: tuple[dt.date, dt.date]
) -> DemoDataset:
    require_statement(key, "NOAA", "public-domain")
    fields = common_fields(
        key=key,
        files=[f"_data/{key}.csv"],
        about=about,
        source=f"US National Oceanic and Atmospheric Administration (NOAA), {NOAA_TERMS}; "
        "reshaped by the vega_datasets scripts (https://github.com/vega/vega_datasets).",
        licence_text=f"{PD} (NOAA data; works of the US federal government).",
        made="The CSV exactly as vega_datasets ships it. The package does not state the units.",
    )
    draft = DatasetDraft(
        name=f"noaa-{key}",
        title=title,
        organization="us-noaa",
        licence="other-pd",
        themes=["ENVI"],
        tags=["weather", "temperature", "NOAA"],
        countries=["USA"],
        languages=["en"],
        temporal_start=span[0],
        temporal_end=span[1],
        landing_page=NOAA_TERMS,
        **fields,
    )
    return DemoDataset(draft, (_unchanged(key, title["en"], about),))


def _seattle_weather() -> DemoDataset:
    rows = read_rows(PACKAGE, "_data/seattle-weather.csv")
    span = date_span((r["date"] for r in rows), "%Y/%m/%d")
    title = {
        "en": f"Seattle daily weather, {span[0].year}-{span[1].year}",
        "fr": f"Données météorologiques quotidiennes de Seattle, {span[0].year}-{span[1].year}",
        "es": f"Datos meteorológicos diarios de Seattle, {span[0].year}-{span[1].year}",
    }
    about = (
        f"One row per day for {len(rows)} days: precipitation, highest and lowest "
        "temperature, wind and a one-word weather summary (rain, sun, drizzle, ...)."
    )
    return _noaa("seattle-weather", title, about, span)


def _hourly(key: str, city: str, date_format: str) -> DemoDataset:
    rows = read_rows(PACKAGE, f"_data/{key}.csv")
    span = date_span((r["date"] for r in rows), date_format)
    year = span[0].year
    title = {
        "en": f"{city} hourly temperatures, {year}",
        "fr": f"Températures horaires à {city}, {year}",
        "es": f"Temperaturas horarias en {city}, {year}",
    }
    about = f"The temperature in {city} every hour of {year} ({len(rows)} readings)."
    return _noaa(key, title, about, span)


def _iowa_electricity() -> DemoDataset:
    key = "iowa-electricity"
    require_statement(key, "Energy Information Administration", "public domain")
    rows = read_rows(PACKAGE, f"_data/{key}.csv")
    start, end = date_span((r["year"] for r in rows), "%Y-%m-%d")
    end = dt.date(end.year, 12, 31)  # one value per year: the last year is covered in full
    sources = ", ".join(sorted({r["source"] for r in rows}))
    about = (
        f"Net electricity generation in Iowa each year from {start.year} to {end.year}, "
        f"by source ({sources}), in thousand megawatt-hours."
    )
    fields = common_fields(
        key=key,
        files=[f"_data/{key}.csv"],
        about=about,
        source="US Energy Information Administration (EIA), electricity data browser; "
        "downloaded for vega_datasets on 6 May 2018.",
        licence_text=f"{PD} (published by the EIA).",
        made="The CSV exactly as vega_datasets ships it.",
    )
    draft = DatasetDraft(
        name="eia-iowa-electricity",
        title={
            "en": f"Iowa net electricity generation by source, {start.year}-{end.year}",
            "fr": f"Iowa\u00a0: production nette d'électricité par source, {start.year}-{end.year}",
            "es": f"Iowa: generación neta de electricidad por fuente, {start.year}-{end.year}",
        },
        organization="us-eia",
        licence="other-pd",
        themes=["ENER"],
        tags=["electricity", "energy", "renewables", "Iowa"],
        countries=["USA"],
        languages=["en"],
        temporal_start=start,
        temporal_end=end,
        landing_page=_reference(key),
        **fields,
    )
    return DemoDataset(draft, (_unchanged(key, draft.title["en"], about),))


def _reference(key: str) -> str:
    """The first reference URL vega_datasets gives for a dataset (its upstream data page)."""
    info: dict[str, dict[str, Any]] = read_json(PACKAGE, "dataset_info.json")
    return str(info[key]["references"][0])


def _us_employment() -> DemoDataset:
    key = "us-employment"
    require_statement(key, "Bureau of Labor Statistics", "public domain")
    rows = read_rows(PACKAGE, f"_data/{key}.csv")
    first, last = date_span((r["month"] for r in rows), "%Y-%m-%d")
    about = (
        f"Monthly employment in thousands, seasonally adjusted, for the BLS supersectors from "
        f"{first:%B %Y} to {last:%B %Y}, with the month-to-month change of total nonfarm "
        "employment in the last column (computed by vega_datasets)."
    )
    fields = common_fields(
        key=key,
        files=[f"_data/{key}.csv"],
        about=about,
        source="US Bureau of Labor Statistics, Current Employment Statistics programme "
        "(https://www.bls.gov/ces/); downloaded for vega_datasets on 11 November 2018.",
        licence_text=f"{PD} (published by the US government).",
        made="The CSV exactly as vega_datasets ships it.",
    )
    years = f"{first.year}-{last.year}"
    draft = DatasetDraft(
        name="bls-us-employment",
        title={
            "en": f"US monthly employment by supersector, {years}",
            "fr": f"États-Unis\u00a0: emploi mensuel par supersecteur, {years}",
            "es": f"Estados Unidos: empleo mensual por supersector, {years}",
        },
        organization="us-bls",
        licence="other-pd",
        themes=["ECON", "SOCI"],
        tags=["employment", "labour market", "Current Employment Statistics"],
        countries=["USA"],
        languages=["en"],
        temporal_start=first,
        temporal_end=last.replace(day=calendar.monthrange(last.year, last.month)[1]),
        landing_page="https://www.bls.gov/ces/",
        **fields,
    )
    return DemoDataset(draft, (_unchanged(key, draft.title["en"], about),))


def _airports_geojson(rows: list[dict[str, str]]) -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(r["longitude"]), float(r["latitude"])],
            },
            "properties": {k: r[k] for k in ("iata", "name", "city", "state", "country")},
        }
        for r in rows
    ]
    return json_bytes({"type": "FeatureCollection", "features": features})


def _airports() -> DemoDataset:
    key = "airports"
    require_statement(key, "ourairports.com", "public domain")
    rows = read_rows(PACKAGE, f"_data/{key}.csv")
    about = (
        f"{len(rows)} airports, almost all in the United States and its territories, with "
        "their code, name, city, state, country, latitude and longitude."
    )
    fields = common_fields(
        key=key,
        files=[f"_data/{key}.csv"],
        about=about,
        source="A subset of the airport data compiled and published by OurAirports "
        "(http://ourairports.com/data/).",
        licence_text=f"{PD} (OurAirports data).",
        made="The CSV exactly as vega_datasets ships it, and a GeoJSON file with one point per "
        "airport made from its own latitude and longitude. The dataset's extent is the "
        "bounding box of those points.",
    )
    lons, lats = [float(r["longitude"]) for r in rows], [float(r["latitude"]) for r in rows]
    draft = DatasetDraft(
        name="ourairports-us-airports",
        title={
            "en": "US airports (OurAirports subset)",
            "fr": "Aéroports des États-Unis (extrait d'OurAirports)",
            "es": "Aeropuertos de Estados Unidos (extracto de OurAirports)",
        },
        organization="ourairports",
        licence="other-pd",
        themes=["TRAN"],
        tags=["airports", "aviation", "transport"],
        countries=sorted({AIRPORT_COUNTRIES[r["country"]] for r in rows}),
        languages=["en"],
        spatial=bbox_polygon(lons, lats),
        landing_page="http://ourairports.com/data/",
        **fields,
    )
    geojson = DemoFile(
        "airports.geojson", f"{draft.title['en']} (GeoJSON)", "One point per airport.", "GeoJSON",
        _airports_geojson(rows),
    )  # fmt: skip
    return DemoDataset(draft, (_unchanged(key, draft.title["en"], about), geojson))


def builders() -> Iterator[Builder]:
    yield _seattle_weather
    yield functools.partial(_hourly, "seattle-temps", "Seattle", "%Y/%m/%d %H:%M")
    yield functools.partial(_hourly, "sf-temps", "San Francisco", "%Y/%m/%d %H:%M:%S")
    yield _iowa_electricity
    yield _us_employment
    yield _airports
