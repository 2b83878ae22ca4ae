"""Gapminder's development indicators (1952-2007), from the copy plotly ships.

plotly's `plotly.data.gapminder()` documents the file package_data/datasets/gapminder.csv.gz
with Gapminder's data page (https://www.gapminder.org/data/) as its source; the Gapminder
Foundation publishes its data as free material under CC BY 4.0. The files below are the rows
of that CSV, selected (per continent, per country) or pivoted (one indicator per table), with
every value copied as written: nothing is computed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .names import DEMO_COUNTRIES, country_title, is_iso_country
from .packages import package_version, read_bytes, read_rows
from .specs import Builder, DemoDataset, DemoFile, csv_file, describe, provenance, year_span

ORG = "gapminder-foundation"
SOURCE_FILE = "package_data/datasets/gapminder.csv.gz"
LANDING = "https://www.gapminder.org/data/"
COLUMNS = ["country", "continent", "year", "lifeExp", "pop", "gdpPercap", "iso_alpha", "iso_num"]
CONTINENTS = {
    "Africa": {"fr": "Afrique", "es": "África"},
    "Americas": {"fr": "Amériques", "es": "Américas"},
    "Asia": {"fr": "Asie", "es": "Asia"},
    "Europe": {"fr": "Europe", "es": "Europa"},
    "Oceania": {"fr": "Océanie", "es": "Oceanía"},
}
# column, dataset name, titles, themes, tag
INDICATORS = (
    (
        "lifeExp",
        "gapminder-life-expectancy",
        {
            "en": "Life expectancy by country",
            "fr": "Espérance de vie par pays",
            "es": "Esperanza de vida por país",
        },
        ["HEAL", "SOCI"],
        "life expectancy",
    ),
    (
        "pop",
        "gapminder-population",
        {"en": "Population by country", "fr": "Population par pays", "es": "Población por país"},
        ["SOCI"],
        "population",
    ),
    (
        "gdpPercap",
        "gapminder-gdp-per-capita",
        {
            "en": "GDP per capita by country",
            "fr": "PIB par habitant par pays",
            "es": "PIB per cápita por país",
        },
        ["ECON"],
        "GDP per capita",
    ),
)


def _common(rows: list[dict[str, str]], version: str, about: str, made: str) -> dict[str, Any]:
    """Fields shared by every Gapminder dataset, with coverage taken from its own rows."""
    start, end = year_span(int(r["year"]) for r in rows)
    countries = sorted({r["iso_alpha"] for r in rows if is_iso_country(r["iso_alpha"])})
    text = describe(
        about=about,
        source=f"Gapminder Foundation, {LANDING} (the source that plotly's documentation of "
        "this dataset names).",
        shipped_in=f"plotly {version} (PyPI), file {SOURCE_FILE}.",
        licence="Creative Commons Attribution 4.0 International: Gapminder publishes its data "
        "as free material under CC BY 4.0. Credit Gapminder (www.gapminder.org) when reusing.",
        made=made,
    )
    return {
        "organization": ORG,
        "description": {"en": text},
        "licence": "CC-BY-4.0",
        "countries": countries,
        "languages": ["en"],
        "temporal_start": start,
        "temporal_end": end,
        "frequency": "NEVER",
        "landing_page": LANDING,
        "contact_name": "Gapminder Foundation",
        "contact_url": LANDING,
        "version": version,
        "extras": provenance("plotly", version, SOURCE_FILE),
    }


def _rows_file(name: str, title: str, rows: list[dict[str, str]]) -> DemoFile:
    return csv_file(
        name,
        f"{title} (CSV)",
        "Columns: country, continent, year, lifeExp (life expectancy), pop (population), "
        "gdpPercap (GDP per capita), iso_alpha and iso_num (ISO 3166-1 codes).",
        COLUMNS,
        ([r[c] for c in COLUMNS] for r in rows),
    )


def _whole(rows: list[dict[str, str]], version: str) -> DemoDataset:
    count = len({r["country"] for r in rows})
    common = _common(
        rows,
        version,
        f"Life expectancy, population and GDP per capita of {count} countries every five "
        "years from 1952 to 2007, an excerpt of Gapminder's data.",
        "The CSV as plotly ships it, decompressed (with its country centroid columns).",
    )
    title = {
        "en": "Gapminder development indicators, 1952-2007",
        "fr": "Indicateurs de développement Gapminder, 1952-2007",
        "es": "Indicadores de desarrollo de Gapminder, 1952-2007",
    }
    content = read_bytes("plotly", SOURCE_FILE)
    files = (DemoFile("gapminder.csv", f"{title['en']} (CSV)", "All rows.", "CSV", content),)
    tags = ["Gapminder", "life expectancy", "population", "GDP per capita"]
    draft = DatasetDraft(
        name="gapminder-1952-2007",
        title=title,
        themes=["SOCI", "ECON", "HEAL"],
        tags=tags,
        **common,
    )
    return DemoDataset(draft, files)


def _continent(continent: str, rows: list[dict[str, str]], version: str) -> DemoDataset:
    mine = [r for r in rows if r["continent"] == continent]
    count = len({r["country"] for r in mine})
    common = _common(
        mine,
        version,
        f"Life expectancy, population and GDP per capita of the {count} countries of "
        f"{continent} in Gapminder's excerpt, every five years from 1952 to 2007.",
        f'The rows of the source CSV whose continent is "{continent}", values unchanged.',
    )
    names = CONTINENTS[continent]
    title = {
        "en": f"{continent}: Gapminder indicators, 1952-2007",
        "fr": f"{names['fr']}\u00a0: indicateurs Gapminder, 1952-2007",
        "es": f"{names['es']}: indicadores de Gapminder, 1952-2007",
    }
    files = (_rows_file(f"gapminder-{continent.lower()}.csv", title["en"], mine),)
    tags = ["Gapminder", continent, "life expectancy", "population", "GDP per capita"]
    draft = DatasetDraft(
        name=f"gapminder-{continent.lower()}",
        title=title,
        themes=["SOCI", "ECON", "HEAL"],
        tags=tags,
        **common,
    )
    return DemoDataset(draft, files)


def _indicator(spec: tuple[Any, ...], rows: list[dict[str, str]], version: str) -> DemoDataset:
    column, name, title, themes, tag = spec
    years = sorted({r["year"] for r in rows}, key=int)
    table: dict[tuple[str, str], dict[str, str]] = {}
    for r in rows:
        table.setdefault((r["country"], r["iso_alpha"]), {})[r["year"]] = r[column]
    body = [
        [country, iso, *(values.get(y, "") for y in years)]
        for (country, iso), values in table.items()
    ]
    common = _common(
        rows,
        version,
        f"Gapminder's {tag} series for {len(table)} countries, one row per country and one "
        "column per year (1952 to 2007, every five years).",
        f"The {column} column of the source CSV pivoted to one row per country; values unchanged.",
    )
    files = (
        csv_file(
            f"{name}.csv",
            f"{title['en']} (CSV)",
            "Wide table.",
            ["country", "iso_alpha", *years],
            body,
        ),
    )
    draft = DatasetDraft(name=name, title=title, themes=themes, tags=["Gapminder", tag], **common)
    return DemoDataset(draft, files)


def _country(alpha_3: str, rows: list[dict[str, str]], version: str) -> DemoDataset:
    mine = [r for r in rows if r["iso_alpha"] == alpha_3]
    common = _common(
        mine,
        version,
        f"Life expectancy, population and GDP per capita of {mine[0]['country']} every five "
        "years from 1952 to 2007, from Gapminder's excerpt.",
        f'The rows of the source CSV whose iso_alpha is "{alpha_3}", values unchanged. The '
        "dataset's point location is the country centroid given in the same rows.",
    )
    title = country_title(
        alpha_3,
        en="{name}: Gapminder indicators, 1952-2007",
        fr="{name}\u00a0: indicateurs Gapminder, 1952-2007",
        es="{name}: indicadores de Gapminder, 1952-2007",
    )
    centroid = [float(mine[0]["centroid_lon"]), float(mine[0]["centroid_lat"])]
    files = (_rows_file(f"gapminder-{alpha_3.lower()}.csv", title["en"], mine),)
    draft = DatasetDraft(
        name=f"gapminder-{alpha_3.lower()}",
        title=title,
        themes=["SOCI", "ECON", "HEAL"],
        tags=["Gapminder", "life expectancy", "population", "GDP per capita"],
        spatial={"type": "Point", "coordinates": centroid},
        **common,
    )
    return DemoDataset(draft, files)


def builders() -> Iterator[Builder]:
    version = package_version("plotly")
    rows = read_rows("plotly", SOURCE_FILE)
    yield functools.partial(_whole, rows, version)
    for continent in CONTINENTS:
        yield functools.partial(_continent, continent, rows, version)
    for spec in INDICATORS:
        yield functools.partial(_indicator, spec, rows, version)
    for alpha_3 in DEMO_COUNTRIES:
        yield functools.partial(_country, alpha_3, rows, version)
