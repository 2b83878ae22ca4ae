"""Our dataset -> DCAT-US 1.1 data.json -> our dataset loses nothing data.json carries."""

from __future__ import annotations

import json

from hypothesis import given, settings

from agora.core.i18n import pick
from agora.interop.datajson_in import map_datajson
from agora.interop.datajson_out import ISO_FREQUENCIES, catalog_chunks, dataset_entry
from agora.interop.dcat import dataset_uri
from agora.interop.records import DatasetRecord
from agora.interop.vocabularies.frequencies import FREQUENCIES
from agora.interop.vocabularies.themes import THEMES

from .strategies import SITE, dataset_records


def _document(record: DatasetRecord) -> bytes:
    entry = dataset_entry(record, dataset_uri=dataset_uri(SITE, record.id), contact_email="")
    return b"".join(catalog_chunks([entry]))


def test_every_frequency_written_as_a_duration_reads_back_as_itself() -> None:
    assert set(ISO_FREQUENCIES) <= set(FREQUENCIES)
    from agora.interop.vocabularies.frequencies import frequency_code_from

    for code, duration in ISO_FREQUENCIES.items():
        assert frequency_code_from(duration) == code


@settings(max_examples=150, deadline=None)
@given(record=dataset_records())
def test_datajson_round_trip_keeps_what_dcat_us_carries(record: DatasetRecord) -> None:
    document = json.loads(_document(record))
    [mapped] = map_datajson(document).datasets
    draft = mapped.draft
    title, shown = pick(record.title, "en")
    language = record.languages[0] if record.languages else "en"
    assert draft.title == {language: title}
    assert draft.description == {language: pick(record.description, "en")[0] or title}
    if record.tags:
        assert draft.tags == list(record.tags)
    assert sorted(draft.themes) == list(record.themes)
    licence = record.licence
    assert draft.licence == (licence.id if licence and licence.url else "")
    assert (draft.issued, draft.modified) == (
        record.issued,
        record.modified or record.metadata_modified,
    )
    assert draft.frequency == (record.frequency if record.frequency in ISO_FREQUENCIES else "")
    if record.temporal_start and record.temporal_end:
        assert (draft.temporal_start, draft.temporal_end) == (
            record.temporal_start,
            record.temporal_end,
        )
    if record.spatial:
        assert draft.spatial == record.spatial
    else:
        assert draft.countries == list(record.countries)
    assert sorted(draft.languages) == list(record.languages)
    assert draft.landing_page == (record.landing_page or record.page_url)
    assert draft.identifier == (record.identifier or dataset_uri(SITE, record.id))
    assert draft.access_rights == (record.access_rights or "PUBLIC")
    assert draft.conforms_to == list(record.conforms_to[:1])
    assert draft.contact_email == (record.contact_email or record.organization.email)
    assert draft.contact_name == (record.contact_name or pick(record.organization.title)[0])
    assert mapped.publisher is not None
    assert mapped.publisher.title == {"en": pick(record.organization.title, "en")[0]}
    got = [
        (d.url, d.title, d.description, d.format, d.media_type) for d in draft.distributions or []
    ]
    want = [(d.url, d.title, d.description, d.format, d.media_type) for d in record.distributions]
    assert got == want
    assert not [w for w in mapped.warnings if "left out" in w], mapped.warnings
    assert shown is not None
    assert all(code in THEMES for code in draft.themes)
