"""Languages and countries as EU authority-table URIs, and back."""

from __future__ import annotations

from pathlib import Path

from agora.core.i18n import UN_LANGUAGES
from agora.interop.vocabularies.countries import country_code_from, country_uri
from agora.interop.vocabularies.languages import language_code_from, language_uri
from agora.interop.vocabularies.licences import LICENCES, licence_id_from, licence_uri


def test_un_languages_have_eu_authority_uris_that_read_back() -> None:
    expected = {"ar": "ARA", "zh": "ZHO", "en": "ENG", "fr": "FRA", "ru": "RUS", "es": "SPA"}
    for code in UN_LANGUAGES:
        uri = language_uri(code)
        assert uri == f"http://publications.europa.eu/resource/authority/language/{expected[code]}"
        assert language_code_from(uri) == code
    assert language_code_from("GER") == "de"  # bibliographic code, seen in real catalogues
    assert language_code_from("en-GB") == "en"
    assert language_code_from("klingon") is None


def test_language_codes_used_by_real_catalogues_are_understood(shared_data: Path) -> None:
    text = (
        shared_data / "catalogues/dcat-ap-de/govdata-dashboard/bremen-catalog-original-input.rdf"
    ).read_text()
    assert "authority/language/DEU" in text or "authority/language/GER" in text
    for code in ("DEU", "ITA", "ENG", "FRA", "NLD", "SWE"):
        assert language_code_from(
            f"http://publications.europa.eu/resource/authority/language/{code}"
        )


def test_countries_round_trip_through_authority_uris() -> None:
    assert country_uri("KEN") == "http://publications.europa.eu/resource/authority/country/KEN"
    assert country_code_from(country_uri("KEN")) == "KEN"
    assert country_code_from("ke") == "KEN"
    assert country_code_from("404") == "KEN"
    assert country_code_from("https://sws.geonames.org/192950/") is None


def test_licences_resolve_from_the_uris_we_write() -> None:
    for licence_id in LICENCES:
        uri = licence_uri(licence_id)
        if uri:
            assert licence_id_from(uri) == licence_id, licence_id
    assert licence_id_from("http://dcat-ap.de/def/licenses/cc-zero") == "CC0-1.0"
    assert (
        licence_id_from("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
        == "CC-BY-4.0"
    )
