"""Country classifications and memberships from country_converter (coco), GPL v3.

coco's table country_data.tsv maps every country to the codes and groupings of many
classifications; its README names the source of each (the OECD's and the UN's member lists,
Eurostat's glossary for the EU and the EEA, the Council of Europe's member list, ...). The
package is GPL v3 (copyright Konstantin Stadler), hosted by NTNU's Industrial Ecology
Programme. The TSV is read with the csv module: coco's own code fails with pandas 3.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .names import is_iso_country
from .packages import package_version, read_bytes, read_rows
from .specs import Builder, DemoDataset, DemoFile, csv_file, describe, provenance, year_span

PACKAGE = "country_converter"
SOURCE_FILE = "country_data.tsv"
HOME = "https://github.com/IndEcol/country_converter"
WIKI = "Wikipedia's article, as coco's README cites"

# column, dataset name, (en, fr, es) titles, values are years?, themes, source per the README
MEMBERSHIPS: tuple[tuple[str, str, tuple[str, str, str], bool, list[str], str], ...] = (
    (
        "OECD",
        "oecd-members",
        (
            "OECD member countries and the year they joined",
            "Pays membres de l'OCDE et année de leur adhésion",
            "Países miembros de la OCDE y año de su adhesión",
        ),
        True,
        ["ECON", "INTR"],
        "the OECD's list of member countries",
    ),
    (
        "UNmember",
        "un-member-states",
        (
            "UN member states and the year they joined",
            "États membres de l'ONU et année de leur admission",
            "Estados miembros de la ONU y año de su admisión",
        ),
        True,
        ["INTR", "GOVE"],
        "the United Nations' list of member states",
    ),
    (
        "EURO",
        "euro-area-countries",
        (
            "Euro area countries and the year they adopted the euro",
            "Pays de la zone euro et année d'adoption de l'euro",
            "Países de la zona del euro y año de adopción del euro",
        ),
        True,
        ["ECON", "INTR"],
        "coco's own table (its README does not cite a source)",
    ),
    (
        "EU",
        "eu-member-states",
        (
            "European Union member states",
            "États membres de l'Union européenne",
            "Estados miembros de la Unión Europea",
        ),
        False,
        ["INTR", "GOVE"],
        "Eurostat's glossary of EU enlargements",
    ),
    (
        "EEA",
        "eea-members",
        (
            "European Economic Area members",
            "Membres de l'Espace économique européen",
            "Miembros del Espacio Económico Europeo",
        ),
        False,
        ["INTR", "ECON"],
        "Eurostat's glossary entry on the EEA",
    ),
    (
        "Schengen",
        "schengen-area-countries",
        ("Schengen Area countries", "Pays de l'espace Schengen", "Países del espacio Schengen"),
        False,
        ["INTR", "JUST"],
        WIKI,
    ),
    (
        "CoE",
        "council-of-europe-members",
        (
            "Council of Europe member states",
            "États membres du Conseil de l'Europe",
            "Estados miembros del Consejo de Europa",
        ),
        False,
        ["INTR", "GOVE"],
        "the Council of Europe's list of member states",
    ),
    (
        "G7",
        "g7-members",
        ("G7 members", "Membres du G7", "Miembros del G7"),
        False,
        ["INTR", "ECON"],
        WIKI,
    ),
    (
        "G20",
        "g20-members",
        (
            "G20 members, with EU member states listed individually",
            "Membres du G20, avec les États membres de l'UE listés individuellement",
            "Miembros del G20, con los Estados miembros de la UE por separado",
        ),
        False,
        ["INTR", "ECON"],
        WIKI,
    ),
    (
        "APEC",
        "apec-member-economies",
        ("APEC member economies", "Économies membres de l'APEC", "Economías miembros de APEC"),
        False,
        ["INTR", "ECON"],
        WIKI,
    ),
    (
        "BRIC",
        "bric-countries",
        ("BRIC countries", "Pays BRIC", "Países BRIC"),
        False,
        ["INTR", "ECON"],
        WIKI,
    ),
    (
        "BASIC",
        "basic-countries",
        ("BASIC countries", "Pays BASIC", "Países BASIC"),
        False,
        ["INTR", "ENVI"],
        WIKI,
    ),
    (
        "CIS",
        "cis-members",
        (
            "Commonwealth of Independent States members",
            "Membres de la Communauté des États indépendants",
            "Miembros de la Comunidad de Estados Independientes",
        ),
        False,
        ["INTR", "GOVE"],
        f"{WIKI} (as of 2019, without Turkmenistan)",
    ),
)


def _common(version: str, about: str, source: str, made: str) -> dict[str, Any]:
    text = describe(
        about=about,
        source=f"country_converter (coco) by Konstantin Stadler, {HOME}; compiled from {source}.",
        shipped_in=f"country_converter {version} (PyPI), file {SOURCE_FILE}.",
        licence="GNU General Public License v3, the licence of the country_converter package "
        "that ships this table.",
        made=made,
    )
    return {
        "organization": "ntnu-industrial-ecology",
        "description": {"en": text},
        "licence": "GPL-3.0",
        "languages": ["en"],
        "frequency": "IRREG",
        "landing_page": HOME,
        "contact_name": "country_converter maintainers",
        "contact_url": f"{HOME}/issues",
        "version": version,
        "extras": provenance(PACKAGE, version, SOURCE_FILE),
    }


def _membership(spec: tuple[Any, ...], rows: list[dict[str, str]], version: str) -> DemoDataset:
    column, name, titles, has_years, themes, source = spec
    members = [r for r in rows if (r.get(column) or "").strip()]
    header = ["ISO3", "name_short", "name_official"] + ([column] if has_years else [])
    body = [[r[c] for c in header] for r in members]
    start, end = year_span(int(r[column]) for r in members) if has_years else (None, None)
    what = f"a year in column {column}" if has_years else f"a mark in column {column}"
    years = ", and the year that column gives" if has_years else ""
    common = _common(
        version,
        f"{titles[0]}: the {len(members)} countries and areas that coco's table lists under "
        f"{column}, with their ISO 3166-1 alpha-3 code and short and official names{years}.",
        source,
        f"The rows of {SOURCE_FILE} with {what}; codes, names and years copied unchanged.",
    )
    draft = DatasetDraft(
        name=name,
        title=dict(zip(("en", "fr", "es"), titles, strict=True)),
        themes=themes,
        tags=["country groupings", "membership"],
        countries=[r["ISO3"] for r in members if is_iso_country(r["ISO3"])],
        temporal_start=start,
        temporal_end=end,
        **common,
    )
    title = titles[0]
    return DemoDataset(
        draft, (csv_file(f"{name}.csv", f"{title} (CSV)", "One row per member.", header, body),)
    )


def _classifications(rows: list[dict[str, str]], version: str) -> DemoDataset:
    columns = list(rows[0])
    common = _common(
        version,
        f"coco's master table: {len(rows)} countries and areas with their ISO and UN codes, "
        "names, a regular expression matching their English names, continents, UN regions, "
        "and the codes or groupings of dozens of classifications (EXIOBASE, WIOD, Eora, IEA, "
        "FAO, IOC, FIFA, ...).",
        "the sources listed in its README",
        "The TSV exactly as the package ships it, and the same table as CSV.",
    )
    title = {
        "en": "Country classifications and codes (country_converter)",
        "fr": "Classifications et codes des pays (country_converter)",
        "es": "Clasificaciones y códigos de países (country_converter)",
    }
    files = (
        DemoFile(
            "country_data.tsv",
            f"{title['en']} (TSV)",
            "As shipped.",
            "TSV",
            read_bytes(PACKAGE, SOURCE_FILE),
        ),
        csv_file(
            "country_data.csv",
            f"{title['en']} (CSV)",
            "Same table, comma-separated.",
            columns,
            ([r.get(c) or "" for c in columns] for r in rows),
        ),
    )
    draft = DatasetDraft(
        name="country-converter-classifications",
        title=title,
        themes=["INTR", "GOVE"],
        tags=["country codes", "classifications", "country groupings"],
        **common,
    )
    return DemoDataset(draft, files)


def builders() -> Iterator[Builder]:
    version = package_version("country-converter")
    rows = read_rows(PACKAGE, SOURCE_FILE, delimiter="\t")
    yield functools.partial(_classifications, rows, version)
    for spec in MEMBERSHIPS:
        yield functools.partial(_membership, spec, rows, version)
