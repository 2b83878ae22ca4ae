"""The IANA Time Zone Database (tz), from the source tables the tzdata package ships.

tzdata (PyPI, the Python core developers' package of the tz data for PEP 615) ships, beside
its compiled zone files, four of the tz database's own text files in tzdata/zoneinfo/:
zone1970.tab, zonenow.tab, iso3166.tab and the zic input tzdata.zi, whose first line names the
tz release. IANA publishes the tz database (https://www.iana.org/time-zones), so it is the
publisher. Each of these files says in its opening comments that it is in the public domain;
`_public_domain` re-checks that sentence at load time, and the licence recorded, "other-pd",
rests on it. tzdata's Apache 2.0 licence covers its packaging, not the data.

The tables are uploaded as CSV with the same columns; zone1970.tab also gets decimal
coordinates computed from its ISO 6709 ones, and a GeoJSON point per time zone.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from agora.interop.records import DatasetDraft

from .names import alpha_3_codes
from .packages import SourceUnavailable, package_version, read_text
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

PACKAGE = "tzdata"
FOLDER = "zoneinfo"
HOME = "https://www.iana.org/time-zones"
CONTACT = "https://lists.iana.org/postorius/lists/tz.iana.org/"
# zone1970.tab defines its time zones as places whose clocks have agreed since 1970.
SINCE_1970 = dt.date(1970, 1, 1)


def _text(name: str) -> str:
    return read_text(PACKAGE, f"{FOLDER}/{name}")


def _public_domain(name: str) -> None:
    """Refuse a file unless its opening comments still put it in the public domain."""
    head = " ".join(line for line in _text(name).splitlines()[:12] if line.startswith("#"))
    if "is in the public domain" not in head:
        raise SourceUnavailable(f"tzdata's {name} no longer says it is in the public domain")


@functools.cache
def release() -> str:
    """The tz release ("2025b"), as the first line of tzdata.zi names it."""
    first = _text("tzdata.zi").splitlines()[0]
    if not first.startswith("# version "):
        raise SourceUnavailable("tzdata's tzdata.zi does not start with its version")
    return first.removeprefix("# version ").strip()


def _rows(name: str) -> list[tuple[str, list[str]]]:
    """Each data row of a .tab file with the last comment line above it (zonenow.tab heads
    every group of rows with its UTC offsets in such a comment)."""
    rows, heading = [], ""
    for line in _text(name).splitlines():
        if line.startswith("#"):
            heading = line.lstrip("# ").strip() or heading
        elif line.strip():
            rows.append((heading, line.split("\t")))
    return rows


def _degrees(text: str, degree_digits: int) -> float:
    """One ISO 6709 sign-degrees-minutes[-seconds] value in decimal degrees."""
    digits = text[1:]
    degrees, minutes = int(digits[:degree_digits]), int(digits[degree_digits : degree_digits + 2])
    seconds = int(digits[degree_digits + 2 :] or 0)
    value = degrees + minutes / 60 + seconds / 3600
    return round(-value if text[0] == "-" else value, 5)


def position(coordinates: str) -> tuple[float, float]:
    """(latitude, longitude) of "+4230+00131" or "-720041+0023206"."""
    split = max(coordinates.rfind("+"), coordinates.rfind("-"))
    return _degrees(coordinates[:split], 2), _degrees(coordinates[split:], 3)


def _common(about: str, made: str, *names: str) -> dict[str, Any]:
    for name in names:
        _public_domain(name)
    version, tz = package_version(PACKAGE), release()
    files = [f"{FOLDER}/{name}" for name in names]
    text = describe(
        about=about,
        source=f"IANA Time Zone Database (tz), release {tz}, {HOME}.",
        shipped_in=f"tzdata {version} (PyPI), {', '.join(files)}.",
        licence=f"Public domain: {', '.join(names)} says in its opening comments that it "
        "\u201cis in the public domain\u201d.",
        made=made,
    )
    return {
        "organization": "iana",
        "description": {"en": text},
        "licence": "other-pd",
        "frequency": "IRREG",
        "languages": ["en"],
        "landing_page": HOME,
        "contact_name": "tz mailing list",
        "contact_url": CONTACT,
        "version": tz,
        "extras": provenance(PACKAGE, version, *files),
    }


def _zones_geojson(records: list[dict[str, Any]]) -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
            "properties": {k: r[k] for k in ("timezone", "countries", "comments")},
        }
        for r in records
    ]
    return json_bytes({"type": "FeatureCollection", "features": features})


def _zones() -> DemoDataset:
    header = ["countries", "coordinates", "latitude", "longitude", "timezone", "comments"]
    records: list[dict[str, Any]] = []
    for _, cells in _rows("zone1970.tab"):
        countries, coordinates, zone, *comments = cells
        latitude, longitude = position(coordinates)
        values = [countries, coordinates, latitude, longitude, zone, "".join(comments)]
        records.append(dict(zip(header, values, strict=True)))
    codes = {code for r in records for code in r["countries"].split(",")}
    title = {
        "en": "Time zones of the world since 1970 (tz database)",
        "fr": "Fuseaux horaires du monde depuis 1970 (base tz)",
        "es": "Zonas horarias del mundo desde 1970 (base tz)",
    }
    about = (
        f"The {len(records)} time zones of the tz database whose clocks have agreed since "
        "1970, each with the ISO 3166 codes of the countries it overlaps, the position of its "
        "principal location, its name (as used in the TZ environment variable) and, for "
        "countries with several time zones, a comment saying which area it covers."
    )
    made = (
        "The rows of zone1970.tab as CSV, with latitude and longitude in decimal degrees "
        "(computed from its ISO 6709 coordinates, rounded to five decimals), and a GeoJSON "
        "file with one point per time zone. The extent is the bounding box of those points."
    )
    draft = DatasetDraft(
        name="iana-tz-time-zones",
        title=title,
        themes=["TECH", "REGI"],
        tags=["time zones", "tz database", "zoneinfo"],
        countries=alpha_3_codes(codes),
        spatial=bbox_polygon([r["longitude"] for r in records], [r["latitude"] for r in records]),
        temporal_start=SINCE_1970,
        **_common(about, made, "zone1970.tab"),
    )
    files = (
        csv_file("zone1970.csv", f"{title['en']} (CSV)", "One row per time zone.", header,
                 ([r[c] for c in header] for r in records)),
        DemoFile("zone1970.geojson", f"{title['en']} (GeoJSON)",
                 "Principal location of each time zone.", "GeoJSON", _zones_geojson(records)),
    )  # fmt: skip
    return DemoDataset(draft, files)


def _zones_now() -> DemoDataset:
    header = ["utc_offsets", "group", "coordinates", "timezone", "comments"]
    rows = [
        [
            (heading.split() or [""])[0],
            heading,
            cells[1],
            cells[2],
            cells[3] if len(cells) > 3 else "",
        ]
        for heading, cells in _rows("zonenow.tab")
    ]
    title = {
        "en": "Time zones from now on, by UTC offset (tz database)",
        "fr": "Fuseaux horaires à partir d'aujourd'hui, par décalage UTC (base tz)",
        "es": "Zonas horarias de ahora en adelante, por desfase UTC (base tz)",
    }
    about = (
        f"The {len(rows)} time zones whose clocks are planned to agree from now on (a coarser "
        "list than the one since 1970, for software that does not care about old "
        "timestamps), grouped by their UTC offsets, abbreviations and daylight saving rules. "
        "The tz maintainers call the format of this table experimental."
    )
    made = (
        "One row per time zone of zonenow.tab. utc_offsets and group come from the comment "
        "line above each group of rows (its first word is the offset, or the standard and "
        "daylight saving offsets); coordinates, timezone and comments are the file's columns."
    )
    draft = DatasetDraft(
        name="iana-tz-time-zones-now",
        title=title,
        themes=["TECH"],
        tags=["time zones", "tz database", "UTC offsets"],
        **_common(about, made, "zonenow.tab"),
    )
    file = csv_file("zonenow.csv", f"{title['en']} (CSV)", "One row per time zone.", header, rows)
    return DemoDataset(draft, (file,))


def _links() -> DemoDataset:
    links = [line.split()[1:3] for line in _text("tzdata.zi").splitlines() if line.startswith("L ")]
    rows = sorted((alias, target) for target, alias in links)
    title = {
        "en": "Alternative time zone names and the zones they stand for (tz database)",
        "fr": "Autres noms de fuseaux horaires et les fuseaux qu'ils désignent (base tz)",
        "es": "Nombres alternativos de zonas horarias y las zonas que designan (base tz)",
    }
    about = (
        f"The {len(rows)} links of the tz database: older or alternative names (such as "
        "US/Eastern or Asia/Calcutta) and the time zone each is an alias of."
    )
    made = 'One row per link line ("L target alias") of tzdata.zi, sorted by alias.'
    draft = DatasetDraft(
        name="iana-tz-links",
        title=title,
        themes=["TECH"],
        tags=["time zones", "tz database", "aliases"],
        **_common(about, made, "tzdata.zi"),
    )
    file = csv_file("tz-links.csv", f"{title['en']} (CSV)", "One row per link.",
                    ["alias", "timezone"], rows)  # fmt: skip
    return DemoDataset(draft, (file,))


def _country_names() -> DemoDataset:
    rows = [cells[:2] for _, cells in _rows("iso3166.tab")]
    title = {
        "en": "Country codes and the names the tz database uses for them",
        "fr": "Codes de pays et noms que leur donne la base tz",
        "es": "Códigos de país y nombres que les da la base tz",
    }
    about = (
        f"The {len(rows)} ISO 3166-1 alpha-2 codes used in the tz tables, with the usual "
        "English name of each country or territory, which sometimes departs from the ISO name "
        "on purpose (the file's comments say why)."
    )
    made = "The rows of iso3166.tab as CSV, without its comment lines."
    draft = DatasetDraft(
        name="iana-tz-country-names",
        title=title,
        themes=["INTR", "TECH"],
        tags=["ISO 3166", "countries", "tz database"],
        countries=alpha_3_codes(code for code, _ in rows),
        **_common(about, made, "iso3166.tab"),
    )
    file = csv_file("iso3166.csv", f"{title['en']} (CSV)", "One row per code.",
                    ["code", "name"], rows)  # fmt: skip
    return DemoDataset(draft, (file,))


def builders() -> Iterator[Builder]:
    release()  # SourceUnavailable when tzdata (or its tzdata.zi) is missing
    yield _zones
    yield _zones_now
    yield _links
    yield _country_names
