"""Two historical datasets from vega_datasets whose terms the package states.

- wheat: William Playfair's 1822 figures on the price of wheat and weekly wages, transcribed
  by Mike Bostock, who released the transcription into the public domain.
- burtin: Will Burtin's 1951 data on three antibiotics, which vega_datasets took from the
  Protovis repository, published there under a BSD licence. Protovis' licence.txt is the
  three-clause BSD licence, copyright the Stanford Visualization Group.

Each gets a CSV made from the JSON (same values, one row per record) and the JSON unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .packages import read_bytes, read_json
from .specs import Builder, DemoDataset, DemoFile, csv_file, year_span
from .vega_common import HOME, PACKAGE, common_fields, require_statement

PROTOVIS = "https://github.com/mbostock/protovis"


def _files(key: str, title: str, records: list[dict[str, Any]]) -> tuple[DemoFile, ...]:
    columns = list(dict.fromkeys(k for r in records for k in r))
    rows = ([r.get(c, "") for c in columns] for r in records)
    return (
        csv_file(
            f"{key}.csv", f"{title} (CSV)", "One row per record of the JSON file.", columns, rows
        ),
        DemoFile(
            f"{key}.json",
            f"{title} (JSON)",
            "The file as vega_datasets ships it.",
            "JSON",
            read_bytes(PACKAGE, f"_data/{key}.json"),
        ),
    )


def _wheat() -> DemoDataset:
    key = "wheat"
    require_statement(key, "Playfair", "Mike Bostock", "public domain")
    records: list[dict[str, Any]] = read_json(PACKAGE, f"_data/{key}.json")
    start, end = year_span(int(r["year"]) for r in records)
    first, last = records[0]["year"], records[-1]["year"]
    about = (
        f"The price of wheat and weekly wages every five years from {first} to {last}, the "
        "figures behind William Playfair's 1822 chart for the UK Parliament comparing the two "
        "(the last years have no wage figure)."
    )
    fields = common_fields(
        key=key,
        files=[f"_data/{key}.json"],
        about=about,
        source="William Playfair (1822); electronic transcription by Mike Bostock.",
        licence_text="Public domain: vega_datasets states that Mike Bostock released the "
        "transcription into the public domain (Playfair's work itself is from 1822).",
        made="A CSV with one row per record of the JSON file, and the JSON unchanged.",
    )
    draft = DatasetDraft(
        name="playfair-wheat-prices-and-wages",
        title={
            "en": f"Price of wheat and weekly wages, {first}-{last} (William Playfair)",
            "fr": f"Prix du blé et salaires hebdomadaires, {first}-{last} (William Playfair)",
            "es": f"Precio del trigo y salarios semanales, {first}-{last} (William Playfair)",
        },
        organization="mike-bostock",
        licence="other-pd",
        themes=["AGRI", "ECON"],
        tags=["wheat", "wages", "prices", "history of statistics"],
        countries=["GBR"],
        languages=["en"],
        temporal_start=start,
        temporal_end=end,
        landing_page=HOME,
        **fields,
    )
    return DemoDataset(draft, _files(key, draft.title["en"], records))


def _burtin() -> DemoDataset:
    key = "burtin"
    require_statement(key, "Will Burtin", "protovis", "BSD license")
    records: list[dict[str, Any]] = read_json(PACKAGE, f"_data/{key}.json")
    count = len(records)
    about = (
        f"How strongly penicillin, streptomycin and neomycin act on {count} bacteria, with "
        "each bacterium's Gram stain and genus: the data Will Burtin gathered and first "
        "published in 1951."
    )
    fields = common_fields(
        key=key,
        files=[f"_data/{key}.json"],
        about=about,
        source=f"Will Burtin (1951), as published in the Protovis repository ({PROTOVIS}).",
        licence_text="BSD 3-Clause licence: vega_datasets states that the data is published "
        "in the Protovis repository under a BSD licence, and Protovis' licence.txt is the "
        "three-clause BSD licence of the Stanford Visualization Group (2010).",
        made="A CSV with one row per record of the JSON file, and the JSON unchanged.",
    )
    draft = DatasetDraft(
        name="burtin-antibiotics",
        title={
            "en": f"Penicillin, streptomycin and neomycin against {count} bacteria (Burtin, 1951)",
            "fr": f"Pénicilline, streptomycine et néomycine contre {count} bactéries "
            "(Burtin, 1951)",
            "es": f"Penicilina, estreptomicina y neomicina contra {count} bacterias (Burtin, 1951)",
        },
        organization="stanford-visualization-group",
        licence="BSD-3-Clause",
        themes=["HEAL", "TECH"],
        tags=["antibiotics", "bacteria", "medicine", "history of science"],
        languages=["en"],
        landing_page=PROTOVIS,
        **fields,
    )
    return DemoDataset(draft, _files(key, draft.title["en"], records))


def builders() -> Iterator[Builder]:
    yield _wheat
    yield _burtin
