"""ISO code lists from the Debian iso-codes project, as pycountry ships them (LGPL 2.1).

pycountry's COPYRIGHT.txt says its databases/ and locales/ folders come from Debian's
iso-codes project and are used under the GNU LGPL 2.1, so that project is the publisher and
LGPL-2.1 the licence. Each dataset gets a CSV made from the JSON (same values, one row per
entry) and the JSON itself as iso-codes distributes it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .names import DEMO_COUNTRIES, country_title, english_name, translations
from .packages import package_version, read_bytes, read_json
from .specs import (
    Builder,
    DemoDataset,
    DemoFile,
    csv_file,
    describe,
    json_bytes,
    provenance,
    year_span,
)

ORG = "debian-iso-codes"
HOME = "https://salsa.debian.org/iso-codes-team/iso-codes"
UN_LANGUAGES = {"en": "", "fr": "fr", "es": "es", "ar": "ar", "ru": "ru", "zh": "zh_CN"}

# file stem, name, titles, themes, tags, what it lists
_TABLES: tuple[tuple[str, str, dict[str, str], list[str], list[str], str], ...] = (
    (
        "iso3166-1",
        "iso-3166-1-countries",
        {
            "en": "Countries and their ISO 3166-1 codes",
            "fr": "Pays et leurs codes ISO 3166-1",
            "es": "Países y sus códigos ISO 3166-1",
        },
        ["GOVE", "INTR"],
        ["ISO 3166", "countries", "country codes"],
        "Every country and area of ISO 3166-1 with its two- and three-letter and numeric codes, "
        "short and official names, and flag emoji.",
    ),
    (
        "iso3166-3",
        "iso-3166-3-former-countries",
        {
            "en": "Former countries and their ISO 3166-3 codes",
            "fr": "Anciens pays et leurs codes ISO 3166-3",
            "es": "Antiguos países y sus códigos ISO 3166-3",
        },
        ["INTR", "GOVE"],
        ["ISO 3166", "countries", "history"],
        "Country names deleted from ISO 3166-1 since 1974, with their four-letter ISO 3166-3 "
        "codes and the date each was withdrawn.",
    ),
    (
        "iso639-3",
        "iso-639-3-languages",
        {
            "en": "Languages and their ISO 639-3 codes",
            "fr": "Langues et leurs codes ISO 639-3",
            "es": "Lenguas y sus códigos ISO 639-3",
        },
        ["EDUC", "SOCI"],
        ["ISO 639", "languages", "language codes"],
        "Every individual language, macrolanguage and special code of ISO 639-3, with its "
        "scope, type and, where there is one, its two-letter ISO 639-1 code.",
    ),
    (
        "iso639-5",
        "iso-639-5-language-families",
        {
            "en": "Language families and groups (ISO 639-5)",
            "fr": "Familles et groupes de langues (ISO 639-5)",
            "es": "Familias y grupos de lenguas (ISO 639-5)",
        },
        ["EDUC"],
        ["ISO 639", "languages", "language families"],
        "The three-letter ISO 639-5 codes of language families and groups.",
    ),
    (
        "iso4217",
        "iso-4217-currencies",
        {
            "en": "Currencies and their ISO 4217 codes",
            "fr": "Monnaies et leurs codes ISO 4217",
            "es": "Monedas y sus códigos ISO 4217",
        },
        ["ECON"],
        ["ISO 4217", "currencies", "currency codes"],
        "Active currencies with their three-letter and numeric ISO 4217 codes.",
    ),
    (
        "iso15924",
        "iso-15924-scripts",
        {
            "en": "Writing systems and their ISO 15924 codes",
            "fr": "Écritures et leurs codes ISO 15924",
            "es": "Escrituras y sus códigos ISO 15924",
        },
        ["EDUC"],
        ["ISO 15924", "scripts", "writing systems"],
        "Writing systems (scripts) with their four-letter and numeric ISO 15924 codes.",
    ),
)


def _entries(stem: str) -> list[dict[str, str]]:
    data: dict[str, list[dict[str, str]]] = read_json("pycountry", f"databases/{stem}.json")
    return next(iter(data.values()))


def _columns(entries: list[dict[str, Any]]) -> list[str]:
    """Every key that occurs, in order of first appearance (optional keys included)."""
    seen: dict[str, None] = {}
    for entry in entries:
        seen.update(dict.fromkeys(entry))
    return list(seen)


def _table_files(stem: str, entries: list[dict[str, str]], title: str) -> tuple[DemoFile, ...]:
    columns = _columns(entries)
    return (
        csv_file(
            f"{stem}.csv",
            f"{title} (CSV)",
            "One row per entry of the iso-codes JSON file; empty cells where it has no value.",
            columns,
            ([entry.get(c, "") for c in columns] for entry in entries),
        ),
        DemoFile(
            f"{stem}.json",
            f"{title} (JSON, as distributed by iso-codes)",
            "The iso-codes file unchanged.",
            "JSON",
            read_bytes("pycountry", f"databases/{stem}.json"),
        ),
    )


def _common(version: str, *files: str) -> dict[str, Any]:
    """The fields every iso-codes dataset shares."""
    return {
        "organization": ORG,
        "licence": "LGPL-2.1",
        "frequency": "IRREG",
        "landing_page": HOME,
        "contact_name": "Debian iso-codes team",
        "contact_url": HOME,
        "version": version,
        "extras": provenance("pycountry", version, *files),
    }


def _describe(about: str, version: str, made: str, folders: str = "databases/") -> dict[str, str]:
    return {
        "en": describe(
            about=about,
            source=f"Debian iso-codes project, {HOME}.",
            shipped_in=f"pycountry {version} (PyPI), {folders}.",
            licence="GNU Lesser General Public License 2.1, as stated in pycountry's "
            "COPYRIGHT.txt for the iso-codes data.",
            made=made,
        )
    }


def _table_dataset(spec: tuple[Any, ...], version: str) -> DemoDataset:
    stem, name, title, themes, tags, about = spec
    entries = _entries(stem)
    common = _common(version, f"databases/{stem}.json")
    years = [int(e["withdrawal_date"][:4]) for e in entries if e.get("withdrawal_date")]
    start, end = year_span(years)
    common["description"] = _describe(
        about, version, "A CSV with one row per entry, and the JSON file unchanged."
    )
    draft = DatasetDraft(
        name=name,
        title=title,
        themes=themes,
        tags=tags,
        languages=["en"],
        temporal_start=start,
        temporal_end=end,
        **common,
    )
    return DemoDataset(draft, _table_files(stem, entries, title["en"]))


def _names_in_un_languages(version: str) -> DemoDataset:
    """Country names in the six UN languages, from iso-codes' own translations."""
    entries = _entries("iso3166-1")
    rows = [
        [e["alpha_3"], e["alpha_2"]]
        + [
            translations("iso3166-1", loc).gettext(e["name"]) if loc else e["name"]
            for loc in UN_LANGUAGES.values()
        ]
        for e in entries
    ]
    common = _common(version, "databases/iso3166-1.json", "locales/*/LC_MESSAGES/iso3166-1.mo")
    common["description"] = _describe(
        "The ISO 3166-1 short name of every country in Arabic, Chinese, English, French, "
        "Russian and Spanish, as translated by the iso-codes translators.",
        version,
        "One row per country: its codes, the English name, and the translations read from the "
        "iso-codes gettext catalogues (simplified Chinese for zh).",
        "databases/ and locales/",
    )
    draft = DatasetDraft(
        name="country-names-un-languages",
        title={
            "en": "Country names in the six official UN languages",
            "fr": "Noms des pays dans les six langues officielles de l'ONU",
            "es": "Nombres de países en los seis idiomas oficiales de la ONU",
        },
        themes=["INTR", "EDUC"],
        tags=["ISO 3166", "countries", "translations"],
        languages=list(UN_LANGUAGES),
        **common,
    )
    header = ["alpha_3", "alpha_2", *UN_LANGUAGES]
    title = "Country names in six languages (CSV)"
    files = (csv_file("country-names-un-languages.csv", title, "UTF-8 CSV.", header, rows),)
    return DemoDataset(draft, files)


def _subdivision_files(stem: str, title: str, mine: list[dict[str, str]]) -> tuple[DemoFile, ...]:
    columns = ["code", "name", "type", "parent"]
    rows = ([e.get(c, "") for c in columns] for e in mine)
    return (
        csv_file(f"{stem}.csv", f"{title} (CSV)", "One row per subdivision.", columns, rows),
        DemoFile(f"{stem}.json", f"{title} (JSON)", "The country's iso-codes entries.", "JSON",
                 json_bytes({"3166-2": mine})),
    )  # fmt: skip


def _subdivisions(
    alpha_3: str, alpha_2: str, entries: list[dict[str, str]], version: str
) -> DemoDataset:
    mine = [e for e in entries if e["code"].startswith(alpha_2 + "-")]
    common = _common(version, "databases/iso3166-2.json")
    common["description"] = _describe(
        f"The {len(mine)} ISO 3166-2 subdivisions (regions, provinces, states, departments, "
        f"...) of {english_name(alpha_3)} with their codes, names, types and, where there is "
        "one, the code of the subdivision they belong to.",
        version,
        "The country's entries of iso3166-2.json, as CSV and as JSON in the iso-codes layout.",
    )
    title = country_title(
        alpha_3,
        en="{name}: ISO 3166-2 subdivisions",
        fr="{name}\u00a0: subdivisions ISO 3166-2",
        es="{name}: subdivisiones ISO 3166-2",
    )
    files = _subdivision_files(f"iso3166-2-{alpha_2.lower()}", title["en"], mine)
    draft = DatasetDraft(
        name=f"iso-3166-2-subdivisions-{alpha_3.lower()}",
        title=title,
        themes=["REGI", "GOVE"],
        tags=["ISO 3166", "subdivisions", "regions"],
        countries=[alpha_3],
        languages=["en"],
        **common,
    )
    return DemoDataset(draft, files)


def builders() -> Iterator[Builder]:
    version = package_version("pycountry")
    for spec in _TABLES:
        yield functools.partial(_table_dataset, spec, version)
    yield functools.partial(_names_in_un_languages, version)
    entries = _entries("iso3166-2")
    countries = {e["alpha_3"]: e["alpha_2"] for e in _entries("iso3166-1")}
    for alpha_3 in DEMO_COUNTRIES:
        yield functools.partial(_subdivisions, alpha_3, countries[alpha_3], entries, version)
