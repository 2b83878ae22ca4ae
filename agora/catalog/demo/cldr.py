"""Locale data of the Unicode Consortium's CLDR, as babel ships it (Unicode License v3).

babel imports the supplemental data of the Common Locale Data Repository (CLDR) into its
global.dat and the per-language data into locale-data/, and ships CLDR's terms beside them as
locale-data/LICENSE.unicode: the Unicode License v3 (SPDX Unicode-3.0), copyright Unicode,
Inc. That is the licence of these datasets; babel's own BSD licence covers its code. The
Unicode License lets anyone use, copy, modify, publish, distribute and sell the data on one
condition, that its copyright and permission notice appear with the copies or in their
documentation. The Open Definition register has no entry for it, so the licence recorded is
its closest truthful entry, "other-at" (Other, Attribution: an open licence whose condition is
attribution), and every description quotes the notice in full, read from that file;
`licence_notice` refuses to build when the file is no longer the Unicode License v3.

The data is read with babel's public API (babel.core.get_global, babel.Locale), imported only
when a dataset is built, so that the loader still runs without babel.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .names import alpha_3_codes
from .packages import SourceUnavailable, package_dir, package_version, read_text
from .specs import Builder, DemoDataset, DemoFile, csv_file, describe, json_bytes, provenance

PACKAGE = "babel"
LICENCE_FILE = "locale-data/LICENSE.unicode"
HOME = "https://cldr.unicode.org/"
TERMS = "https://www.unicode.org/license.txt"
LANGUAGES = ("en", "fr", "es")


@functools.cache
def _babel() -> Any:
    """babel's public API, or SourceUnavailable when the package is not installed."""
    package_dir(PACKAGE)
    import babel
    import babel.core

    return babel


def global_data(key: str) -> Any:
    """One table of CLDR's supplemental data, as babel.core.get_global returns it."""
    return _babel().core.get_global(key)


@functools.cache
def _locale(code: str) -> Any:
    return _babel().Locale.parse(code)


def cldr_version() -> str:
    return str(_babel().core.get_cldr_version())


def licence_notice() -> str:
    """The Unicode License v3 notice babel ships with the CLDR data, checked to still be it."""
    text = read_text(PACKAGE, LICENCE_FILE)
    if "UNICODE LICENSE V3" not in text or "SPDX-License-Identifier: Unicode-3.0" not in text:
        raise SourceUnavailable(f"babel's {LICENCE_FILE} is no longer the Unicode License v3")
    return text.strip()


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


def _common(about: str, made: str, *files: str) -> dict[str, Any]:
    """Fields every CLDR dataset shares: publisher, licence with its notice, provenance."""
    version, cldr = package_version(PACKAGE), cldr_version()
    text = describe(
        about=about,
        source=f"Unicode Common Locale Data Repository (CLDR) release {cldr}, {HOME}.",
        shipped_in=f"babel {version} (PyPI), {', '.join(files)}, read with babel's public API.",
        licence="Unicode License v3 (SPDX Unicode-3.0), the terms of the CLDR data that babel "
        f"ships as {LICENCE_FILE} (also at {TERMS}). The Open Definition register has no entry "
        'for it; it is recorded as "Other (Attribution)" because its one condition is that this '
        f"copyright and permission notice accompany the data:\n\n{_quoted(licence_notice())}",
        made=made,
    )
    return {
        "organization": "unicode-consortium",
        "description": {"en": text},
        "licence": "other-at",
        "frequency": "IRREG",
        "landing_page": HOME,
        "contact_name": "Unicode CLDR Technical Committee",
        "contact_url": HOME,
        "version": f"CLDR {cldr}",
        "extras": provenance(PACKAGE, version, *files),
    }


def _language_name(code: str) -> str:
    """CLDR's English name of a language; for a language in a given script ("pa_Arab"), the
    language's name and the script's in brackets, as CLDR displays it. Empty when CLDR has
    no English name."""
    english = _locale("en")
    if code in english.languages:
        return str(english.languages[code])
    base, _, script = code.partition("_")
    if base in english.languages and script in english.scripts:
        return f"{english.languages[base]} ({english.scripts[script]})"
    return ""


def _territory_languages() -> DemoDataset:
    table: dict[str, dict[str, dict[str, Any]]] = global_data("territory_languages")
    names = _locale("en").territories
    header = [
        "territory", "territory_name", "language", "language_name", "population_percent",
        "official_status",
    ]  # fmt: skip
    rows = [
        [territory, names.get(territory, ""), language, _language_name(language),
         facts["population_percent"], facts["official_status"] or ""]
        for territory, languages in table.items()
        for language, facts in languages.items()
    ]  # fmt: skip
    title = {
        "en": "Languages spoken in each country and territory, with population shares",
        "fr": "Langues parlées dans chaque pays et territoire, avec la part de la population",
        "es": "Lenguas habladas en cada país y territorio, con el porcentaje de la población",
    }
    about = (
        f"{len(rows)} language-territory pairs for {len(table)} territories: the share of the "
        "population that speaks each language (as a percentage) and, where it has one, its "
        "status (official, official_regional, de_facto_official)."
    )
    made = (
        "The CSV has one row per territory and language, in CLDR's order, with the English "
        "names of both from CLDR's English locale data; the JSON is the table as "
        "babel.core.get_global('territory_languages') returns it."
    )
    draft = DatasetDraft(
        name="cldr-territory-languages",
        title=title,
        themes=["SOCI", "EDUC"],
        tags=["CLDR", "languages", "official languages", "population"],
        countries=alpha_3_codes(table),
        languages=["en"],
        **_common(about, made, "global.dat", "locale-data/en.dat"),
    )
    files = (
        csv_file("cldr-territory-languages.csv", f"{title['en']} (CSV)", "One row per pair.",
                 header, rows),
        DemoFile("cldr-territory-languages.json", f"{title['en']} (JSON)",
                 "Territory -> language -> population_percent and official_status.", "JSON",
                 json_bytes(table)),
    )  # fmt: skip
    return DemoDataset(draft, files)


def _date(value: tuple[int, int, int] | None) -> str:
    return dt.date(*value).isoformat() if value else ""


def _territory_currencies() -> DemoDataset:
    table: dict[str, list[tuple[Any, ...]]] = global_data("territory_currencies")
    english = _locale("en")
    records = {
        territory: [
            {"currency": code, "from": _date(start), "to": _date(end), "legal_tender": tender}
            for code, start, end, tender in uses
        ]
        for territory, uses in table.items()
    }
    header = ["territory", "territory_name", "currency", "currency_name", "from", "to",
              "legal_tender"]  # fmt: skip
    rows = [
        [territory, english.territories.get(territory, ""), use["currency"],
         english.currencies.get(use["currency"], ""), use["from"], use["to"],
         "true" if use["legal_tender"] else "false"]
        for territory, uses in records.items()
        for use in uses
    ]  # fmt: skip
    starts = [dt.date(*start) for uses in table.values() for _, start, _, _ in uses if start]
    title = {
        "en": "Currencies used in each country and territory, with their dates",
        "fr": "Monnaies en usage dans chaque pays et territoire, avec leurs dates",
        "es": "Monedas usadas en cada país y territorio, con sus fechas",
    }
    about = (
        f"{len(rows)} periods during which a currency was or is used in one of {len(table)} "
        f"territories, the earliest from {min(starts).year}: the ISO 4217 code, the first and "
        "last day of use (no last day while it is still used) and whether it is legal tender."
    )
    made = (
        "The CSV has one row per territory and currency, with English names from CLDR's "
        "English locale data; the JSON is babel.core.get_global('territory_currencies') with "
        "the dates written as ISO 8601 and named fields."
    )
    draft = DatasetDraft(
        name="cldr-territory-currencies",
        title=title,
        themes=["ECON"],
        tags=["CLDR", "currencies", "ISO 4217", "history"],
        countries=alpha_3_codes(table),
        languages=["en"],
        temporal_start=min(starts),
        **_common(about, made, "global.dat", "locale-data/en.dat"),
    )
    files = (
        csv_file("cldr-territory-currencies.csv", f"{title['en']} (CSV)",
                 "One row per territory and currency.", header, rows),
        DemoFile("cldr-territory-currencies.json", f"{title['en']} (JSON)",
                 "Territory -> list of currency uses.", "JSON", json_bytes(records)),
    )  # fmt: skip
    return DemoDataset(draft, files)


def _currencies() -> DemoDataset:
    territories: dict[str, tuple[str, ...]] = global_data("all_currencies")
    fractions: dict[str, tuple[int, int, int, int]] = global_data("currency_fractions")
    names = [_locale(code).currencies for code in LANGUAGES]
    symbols = _locale("en").currency_symbols
    header = ["code", *(f"name_{code}" for code in LANGUAGES), "symbol_en", "digits",
              "rounding", "cash_digits", "cash_rounding", "territories"]  # fmt: skip
    rows = [
        [code, *(n.get(code, "") for n in names), symbols.get(code, ""),
         *fractions.get(code, fractions["DEFAULT"]), " ".join(territories[code])]
        for code in sorted(territories)
    ]  # fmt: skip
    title = {
        "en": "Currencies: names in English, French and Spanish, symbols and decimal digits",
        "fr": "Monnaies\u00a0: noms en anglais, français et espagnol, symboles et décimales",
        "es": "Monedas: nombres en inglés, francés y español, símbolos y decimales",
    }
    about = (
        f"The {len(rows)} current and former currencies that CLDR knows, by ISO 4217 code: "
        "their names in English, French and Spanish, their English symbol, how many decimal "
        "digits amounts in them have and how they are rounded (for cash too), and the "
        "territories that use or used them."
    )
    made = (
        "One row per currency. Names and symbols come from CLDR's English, French and Spanish "
        "locale data (empty where a language has none); digits and rounding from "
        "babel.core.get_global('currency_fractions'), which gives CLDR's default (2, 0, 2, 0) "
        "for the currencies it does not list; territories from get_global('all_currencies')."
    )
    draft = DatasetDraft(
        name="cldr-currencies",
        title=title,
        themes=["ECON"],
        tags=["CLDR", "currencies", "ISO 4217", "translations"],
        languages=list(LANGUAGES),
        **_common(
            about, made, "global.dat", "locale-data/en.dat", "locale-data/fr.dat",
            "locale-data/es.dat",
        ),
    )  # fmt: skip
    files = (csv_file("cldr-currencies.csv", f"{title['en']} (CSV)", "One row per currency.",
                      header, rows),)  # fmt: skip
    return DemoDataset(draft, files)


def _windows_zones() -> DemoDataset:
    mapping: dict[str, str] = global_data("windows_zone_mapping")
    title = {
        "en": "Windows time zones and their IANA tz equivalents",
        "fr": "Fuseaux horaires de Windows et leurs équivalents dans la base tz de l'IANA",
        "es": "Zonas horarias de Windows y sus equivalentes en la base tz de la IANA",
    }
    about = (
        f"The {len(mapping)} time zone names of Microsoft Windows, each with the IANA time zone "
        "(tz) that CLDR gives as its equivalent for the world (territory 001), so that "
        "software can translate between the two systems."
    )
    made = (
        "One row per Windows time zone, from babel.core.get_global('windows_zone_mapping'); "
        "the JSON is that mapping as babel returns it."
    )
    draft = DatasetDraft(
        name="cldr-windows-time-zones",
        title=title,
        themes=["TECH"],
        tags=["CLDR", "time zones", "Windows", "tz database"],
        languages=["en"],
        **_common(about, made, "global.dat"),
    )
    files = (
        csv_file("cldr-windows-time-zones.csv", f"{title['en']} (CSV)", "One row per zone.",
                 ["windows_zone", "tz_zone"], sorted(mapping.items())),
        DemoFile("cldr-windows-time-zones.json", f"{title['en']} (JSON)",
                 "Windows zone -> tz zone.", "JSON", json_bytes(mapping)),
    )  # fmt: skip
    return DemoDataset(draft, files)


def builders() -> Iterator[Builder]:
    licence_notice()  # the licence recorded rests on this file: no file, no datasets
    yield _territory_languages
    yield _territory_currencies
    yield _currencies
    yield _windows_zones
