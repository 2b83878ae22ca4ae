"""Our vocabularies agree with the published authority tables and registers they cite."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pycountry

from agora.interop.vocabularies.formats import normalise_format
from agora.interop.vocabularies.frequencies import FREQUENCIES, frequency_code_from
from agora.interop.vocabularies.licences import LICENCES, licence_id_from
from agora.interop.vocabularies.m49 import (
    COUNTRY_REGIONS,
    SUBREGION_REGION,
    UN_MEMBER_STATES,
    UN_OBSERVER_STATES,
)
from agora.interop.vocabularies.themes import THEMES, theme_code_from


def test_licence_facts_match_the_open_definition_register(shared_data: Path) -> None:
    path = shared_data / "benchmarks" / "open_definition" / "okfn_licenses.csv"
    register = {row["id"]: row for row in csv.DictReader(path.open(encoding="utf-8"))}
    for licence in LICENCES.values():
        row = register[licence.id]
        assert licence.od_conformance == row["od_conformance"], licence.id
        assert licence.osd_conformance == row["osd_conformance"], licence.id
        assert licence.domain_data == (row["domain_data"] == "True"), licence.id
        assert licence.title == row["title"], licence.id
        assert licence.url == row["url"], licence.id
        assert licence.status == row["status"], licence.id
        assert licence.domain_content == (row["domain_content"] == "True"), licence.id


def test_licence_aliases_resolve() -> None:
    assert licence_id_from("cc-by") == "CC-BY-4.0"
    assert licence_id_from("odc-odbl") == "ODbL-1.0"
    assert licence_id_from("https://creativecommons.org/licenses/by/4.0/deed.en") == "CC-BY-4.0"
    assert licence_id_from("http://opendatacommons.org/licenses/pddl/1.0/") == "PDDL-1.0"
    assert licence_id_from("cc0-1.0") == "CC0-1.0"
    assert licence_id_from("unheard-of") is None


def _authority_codes(path: Path, kind: str) -> set[str]:
    text = path.read_text(encoding="utf-8")
    pattern = rf'<skos:Concept rdf:about="http://publications.europa.eu/resource/authority/{kind}/([A-Z_0-9]+)"'
    return set(re.findall(pattern, text))


def test_themes_are_the_eu_data_themes(shared_data: Path) -> None:
    table = shared_data / "vocabularies" / "eu-authority-tables-2018" / "data-theme-skos.rdf"
    assert set(THEMES) == _authority_codes(table, "data-theme") - {"OP_DATPRO"}
    assert all(set(labels) == {"ar", "zh", "en", "fr", "ru", "es"} for labels in THEMES.values())
    assert (
        theme_code_from("http://publications.europa.eu/resource/authority/data-theme/ECON")
        == "ECON"
    )
    assert theme_code_from("econ") == "ECON"


def test_frequencies_include_the_2018_authority_table(shared_data: Path) -> None:
    table = shared_data / "vocabularies" / "eu-authority-tables-2018" / "frequencies-skos.rdf"
    assert _authority_codes(table, "frequency") - {"OP_DATPRO"} <= set(FREQUENCIES)


def test_frequency_spellings() -> None:
    assert frequency_code_from("R/P1Y") == "ANNUAL"
    assert frequency_code_from("monthly") == "MONTHLY"
    assert (
        frequency_code_from("http://publications.europa.eu/resource/authority/frequency/QUARTERLY")
        == "QUARTERLY"
    )
    assert frequency_code_from("whenever") is None


def test_every_country_has_an_m49_place_and_193_member_states() -> None:
    for country in pycountry.countries:
        assert country.alpha_3 in COUNTRY_REGIONS
        subregion, _ = COUNTRY_REGIONS[country.alpha_3]
        assert subregion == "" or subregion in SUBREGION_REGION
    assert len(UN_MEMBER_STATES) == 193
    assert not UN_MEMBER_STATES & UN_OBSERVER_STATES
    assert COUNTRY_REGIONS["NGA"] == ("202", "011")
    assert COUNTRY_REGIONS["FRA"] == ("155", "")


def test_format_spellings() -> None:
    assert normalise_format("csv") == "CSV"
    assert normalise_format(".XLSX") == "XLSX"
    assert normalise_format("text/csv; charset=utf-8") == "CSV"
    assert (
        normalise_format("http://publications.europa.eu/resource/authority/file-type/JSON")
        == "JSON"
    )
    assert normalise_format("Esri Shapefile") == "SHP"
    assert normalise_format("Some Format") == "Some Format"
