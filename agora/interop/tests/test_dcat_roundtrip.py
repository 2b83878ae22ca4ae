"""Our dataset -> DCAT-AP (each serialisation) -> our dataset loses nothing DCAT-AP carries."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from agora.interop.dcat import RDF_FORMATS, dataset_uri, map_rdf
from agora.interop.dcat.documents import dataset_bytes
from agora.interop.records import DatasetRecord, DistributionRecord
from agora.interop.vocabularies.formats import FORMATS

from .strategies import SITE, dataset_records


def expected_distribution(dist: DistributionRecord) -> dict[str, Any]:
    facts = FORMATS.get(dist.format)
    return {
        "url": dist.url,
        "title": dist.title,
        "description": dist.description,
        "format": dist.format if facts and facts.eu_code else "",
        "media_type": dist.media_type,
        "byte_size": dist.byte_size,
        "checksum_sha256": dist.checksum_sha256,
    }


def assert_carried(record: DatasetRecord, extension: str) -> None:
    data = dataset_bytes(SITE, record, extension)  # what /dataset/<name>.<extension> serves
    mapping = map_rdf(data, filename=f"dataset.{extension}")
    assert not mapping.warnings
    [mapped] = mapping.datasets
    draft = mapped.draft
    assert mapped.remote_id == dataset_uri(SITE, record.id)
    assert draft.title == record.title
    assert draft.description == record.description
    assert sorted(draft.tags) == list(record.tags)
    assert sorted(draft.themes) == list(record.themes)
    assert draft.licence == (record.licence.id if record.licence and record.distributions else "")
    assert sorted(draft.countries) == list(record.countries)
    assert sorted(draft.languages) == list(record.languages)
    assert draft.spatial == record.spatial
    assert (draft.temporal_start, draft.temporal_end) == (
        record.temporal_start,
        record.temporal_end,
    )
    assert draft.frequency == record.frequency
    assert (draft.contact_name, draft.contact_email, draft.contact_url) == (
        record.contact_name,
        record.contact_email,
        record.contact_url,
    )
    assert (draft.issued, draft.modified) == (record.issued, record.modified)
    assert draft.version == record.version
    assert sorted(draft.conforms_to) == sorted(record.conforms_to)
    assert draft.access_rights == record.access_rights
    assert draft.landing_page == (record.landing_page or record.page_url)
    assert draft.identifier == (record.identifier or dataset_uri(SITE, record.id))
    assert mapped.publisher is not None
    assert mapped.publisher.title == record.organization.title
    assert mapped.publisher.publisher_type == record.organization.publisher_type
    want = sorted((expected_distribution(d) for d in record.distributions), key=repr)
    keys = list(want[0]) if want else []
    got = sorted(({k: getattr(d, k) for k in keys} for d in draft.distributions or []), key=repr)
    assert got == want


@pytest.mark.parametrize("extension", sorted(RDF_FORMATS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=dataset_records())
def test_dcat_round_trip_keeps_what_dcat_ap_carries(extension: str, record: DatasetRecord) -> None:
    assert_carried(record, extension)
