"""Hypothesis strategies for records: every value the catalogue can hold and the formats
can carry (valid tags, register licences, EU codes, WGS 84 points and boxes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from agora.interop.records import (
    DatasetRecord,
    DistributionRecord,
    LicenceRecord,
    OrganizationRecord,
)
from agora.interop.vocabularies.access_rights import ACCESS_RIGHTS
from agora.interop.vocabularies.formats import FORMATS
from agora.interop.vocabularies.frequencies import FREQUENCIES
from agora.interop.vocabularies.licences import LICENCES
from agora.interop.vocabularies.themes import THEMES

SITE = "https://data.example.org"
WHEN = dt.datetime(2024, 3, 1, 12, 30, 15, tzinfo=dt.UTC)

_text_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
texts = st.text(_text_chars, min_size=1, max_size=60).map(str.strip).filter(bool)
languages = st.sampled_from(["en", "fr", "es", "ar", "ru", "zh", "de", "pt"])
localized = st.dictionaries(languages, texts, min_size=1, max_size=3)
tags = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyzé0123456789 -._", min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool),
    max_size=4,
    unique=True,
)
urls = st.from_regex(r"https://[a-z]{3,10}\.example\.org/[a-z0-9]{0,12}", fullmatch=True)
emails = st.from_regex(r"[a-z]{2,8}@[a-z]{3,8}\.org", fullmatch=True)
coordinates = st.tuples(
    st.integers(-17999, 17999).map(lambda n: n / 100),
    st.integers(-8999, 8999).map(lambda n: n / 100),
)
countries = st.lists(st.sampled_from(["KEN", "FRA", "BRA", "IND", "USA", "DEU"]), unique=True)
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
datetimes = st.datetimes(
    dt.datetime(1950, 1, 1), dt.datetime(2090, 1, 1), timezones=st.just(dt.UTC)
)
hexes = st.text("0123456789abcdef", min_size=64, max_size=64)
eu_formats = sorted(label for label, facts in FORMATS.items() if facts.eu_code)


@st.composite
def geometries(draw: st.DrawFn) -> dict[str, Any]:
    (x1, y1), (x2, y2) = draw(coordinates), draw(coordinates)
    if draw(st.booleans()) or (x1 == x2 or y1 == y2):
        return {"type": "Point", "coordinates": [x1, y1]}
    west, east, south, north = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def organization(**overrides: Any) -> OrganizationRecord:
    values: dict[str, Any] = {
        "id": "7d0c9a1e-2f6b-4c55-9a43-5c1f2d3e4f50",
        "name": "ministry-of-health",
        "title": {"en": "Ministry of Health", "fr": "Ministère de la Santé"},
        "description": {"en": "Health statistics."},
        "country": "KEN",
        "publisher_type": "NationalAuthority",
        "parent_id": None,
        "image_url": "",
        "homepage": "https://health.example.org",
        "email": "data@health.example.org",
        "state": "active",
        "created": WHEN,
        "modified": WHEN,
    }
    values.update(overrides)
    return OrganizationRecord(**values)


@st.composite
def distributions(draw: st.DrawFn, dataset_id: str, position: int) -> DistributionRecord:
    return DistributionRecord(
        id=str(draw(st.uuids())),
        dataset_id=dataset_id,
        title=draw(st.one_of(st.just(""), texts)),
        description=draw(st.one_of(st.just(""), texts)),
        url=draw(urls),
        is_upload=draw(st.booleans()),
        file_name="",
        format=draw(st.sampled_from(eu_formats)),
        media_type=draw(st.sampled_from(["", "text/csv", "application/json", "application/zip"])),
        byte_size=draw(st.one_of(st.none(), st.integers(0, 2**40))),
        checksum_sha256=draw(st.one_of(st.just(""), hexes)),
        position=position,
        state="active",
        created=WHEN,
        modified=WHEN,
    )


def _licence(licence_id: str | None) -> LicenceRecord | None:
    if licence_id is None:
        return None
    facts = LICENCES[licence_id]
    return LicenceRecord(facts.id, facts.title, facts.url, facts.is_open)


@st.composite
def dataset_records(draw: st.DrawFn) -> DatasetRecord:
    dataset_id = str(draw(st.uuids()))
    start = draw(st.one_of(st.none(), dates))
    end = draw(st.one_of(st.none(), dates.filter(lambda d: start is None or d >= start)))
    count = draw(st.integers(0, 3))
    return DatasetRecord(
        id=dataset_id,
        name="dataset-" + dataset_id[:8],
        title=draw(localized),
        description=draw(st.one_of(st.just({}), localized)),
        organization=organization(),
        tags=tuple(sorted(draw(tags))),
        themes=tuple(sorted(draw(st.sets(st.sampled_from(sorted(THEMES)), max_size=3)))),
        licence=_licence(draw(st.one_of(st.none(), st.sampled_from(sorted(LICENCES))))),
        countries=tuple(sorted(draw(countries))),
        languages=tuple(sorted(draw(st.sets(languages, max_size=3)))),
        spatial=draw(st.one_of(st.none(), geometries())),
        temporal_start=start,
        temporal_end=end,
        frequency=draw(st.one_of(st.just(""), st.sampled_from(sorted(FREQUENCIES)))),
        contact_name=draw(st.one_of(st.just(""), texts)),
        contact_email=draw(st.one_of(st.just(""), emails)),
        contact_url=draw(st.one_of(st.just(""), urls)),
        issued=draw(st.one_of(st.none(), datetimes)),
        modified=draw(st.one_of(st.none(), datetimes)),
        version=draw(st.one_of(st.just(""), texts)),
        conforms_to=tuple(draw(st.lists(urls, max_size=2, unique=True))),
        access_rights=draw(st.one_of(st.just(""), st.sampled_from(sorted(ACCESS_RIGHTS)))),
        landing_page=draw(st.one_of(st.just(""), urls)),
        identifier=draw(st.one_of(st.just(""), texts)),
        private=False,
        state="active",
        extras={},
        harvest_source_id=None,
        harvest_remote_id="",
        creator_user_id=None,
        metadata_created=WHEN,
        metadata_modified=WHEN,
        revision_number=1,
        page_url=f"{SITE}/dataset/dataset-{dataset_id[:8]}",
        distributions=tuple(draw(distributions(dataset_id, i)) for i in range(count)),
    )
