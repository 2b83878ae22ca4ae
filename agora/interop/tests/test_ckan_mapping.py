"""The CKAN mapping as pure functions: records -> CKAN dicts, CKAN dicts -> drafts, and back."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest

from agora.interop.ckan import (
    PACKAGE_FIELDS,
    PACKAGE_READ_ONLY,
    SHA256_ALGORITHM,
    ckan_time,
    distribution_draft_from_resource,
    draft_from_package,
    organization_dict,
    organization_draft_from_dict,
    package_dict,
    package_errors,
    parse_datetime,
    patched_package,
    resource_dict,
    tag_id,
    theme_group,
)
from agora.interop.records import (
    DatasetRecord,
    DistributionRecord,
    LicenceRecord,
    OrganizationRecord,
)

UTC = dt.UTC
WHEN = dt.datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=UTC)
THEME = "http://publications.europa.eu/resource/authority/data-theme/"
PII = {"author", "author_email", "maintainer", "maintainer_email"}


def organization(**overrides: Any) -> OrganizationRecord:
    values: dict[str, Any] = {
        "id": "7d0c9a1e-2f6b-4c55-9a43-5c1f2d3e4f50",
        "name": "ministry-of-health",
        "title": {"en": "Ministry of Health", "fr": "Ministère de la Santé"},
        "description": {"en": "Health statistics."},
        "country": "KEN",
        "publisher_type": "NationalAuthority",
        "parent_id": None,
        "image_url": "https://example.org/logo.png",
        "homepage": "https://health.example.org",
        "email": "data@health.example.org",
        "state": "active",
        "created": WHEN,
        "modified": WHEN,
    }
    values.update(overrides)
    return OrganizationRecord(**values)


def distribution(**overrides: Any) -> DistributionRecord:
    values: dict[str, Any] = {
        "id": "0b6e1a52-9c1f-4f0e-a1a4-7fd0c7b1e001",
        "dataset_id": "5a3f4c2e-1111-4d2b-8c55-3e2d1c0b9a88",
        "title": "Samples",
        "description": "One row per sample.",
        "url": "https://example.org/samples.csv",
        "is_upload": False,
        "file_name": "",
        "format": "CSV",
        "media_type": "text/csv",
        "byte_size": 1200,
        "checksum_sha256": "",
        "position": 0,
        "state": "active",
        "created": WHEN,
        "modified": WHEN,
    }
    values.update(overrides)
    return DistributionRecord(**values)


def record(**overrides: Any) -> DatasetRecord:
    values: dict[str, Any] = {
        "id": "5a3f4c2e-1111-4d2b-8c55-3e2d1c0b9a88",
        "name": "water-quality",
        "title": {"en": "Water quality", "fr": "Qualité de l'eau"},
        "description": {"en": "Samples from rivers."},
        "organization": organization(),
        "tags": ("rivers", "water"),
        "themes": ("ENVI", "HEAL"),
        "licence": LicenceRecord(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            True,
        ),
        "countries": ("KEN", "UGA"),
        "languages": ("en", "fr"),
        "spatial": {"type": "Point", "coordinates": [36.8, -1.3]},
        "temporal_start": dt.date(2024, 1, 1),
        "temporal_end": dt.date(2024, 12, 31),
        "frequency": "MONTHLY",
        "contact_name": "Water Office",
        "contact_email": "water@example.org",
        "contact_url": "https://example.org/contact",
        "issued": dt.datetime(2024, 1, 15, tzinfo=UTC),
        "modified": dt.datetime(2024, 2, 1, 10, tzinfo=UTC),
        "version": "1.2",
        "conforms_to": ("https://example.org/spec",),
        "access_rights": "PUBLIC",
        "landing_page": "https://example.org/water",
        "identifier": "urn:example:water",
        "private": False,
        "state": "active",
        "extras": {"source": "lab", "samples": 42, "checked": True, "note": None},
        "harvest_source_id": None,
        "harvest_remote_id": "",
        "creator_user_id": "9e8d7c6b-5a49-4838-a726-1504f3e2d1c0",
        "metadata_created": WHEN,
        "metadata_modified": WHEN,
        "revision_number": 3,
        "page_url": "https://portal.example.org/dataset/water-quality",
        "distributions": (distribution(),),
    }
    values.update(overrides)
    return DatasetRecord(**values)


# ------------------------------------------------------------------ outbound


def test_package_dict_writes_ckan_keys_and_shapes() -> None:
    package = package_dict(record())
    assert package["id"] == "5a3f4c2e-1111-4d2b-8c55-3e2d1c0b9a88"
    assert (package["name"], package["type"], package["state"]) == (
        "water-quality",
        "dataset",
        "active",
    )
    assert package["title"] == "Water quality"
    assert package["title_translated"] == {"en": "Water quality", "fr": "Qualité de l'eau"}
    assert package["notes"] == "Samples from rivers."
    assert package["owner_org"] == package["organization"]["id"]
    assert (package["license_id"], package["isopen"]) == ("CC-BY-4.0", True)
    assert package["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["url"] == "https://example.org/water"
    assert package["metadata_created"] == "2024-03-01T12:30:15.123456"
    assert [t["name"] for t in package["tags"]] == ["rivers", "water"]
    assert package["tags"][0] == {
        "id": tag_id("rivers"),
        "name": "rivers",
        "display_name": "rivers",
        "state": "active",
        "vocabulary_id": None,
    }
    assert (package["num_tags"], package["num_resources"]) == (2, 1)
    assert [g["name"] for g in package["groups"]] == ["envi", "heal"]
    assert package["theme"] == [THEME + "ENVI", THEME + "HEAL"]
    assert (
        package["frequency"] == "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
    )
    assert package["access_rights"].endswith("/access-right/PUBLIC")
    assert package["issued"] == "2024-01-15T00:00:00.000000"
    assert package["contact"] == [
        {"name": "Water Office", "email": "water@example.org", "url": "https://example.org/contact"}
    ]
    assert package["temporal_coverage"] == [{"start": "2024-01-01", "end": "2024-12-31"}]
    assert json.loads(package["spatial"]) == {"type": "Point", "coordinates": [36.8, -1.3]}
    assert package["spatial_coverage"] == [{"geom": {"type": "Point", "coordinates": [36.8, -1.3]}}]
    assert package["revision_number"] == 3
    assert not PII & set(package)


def test_package_dict_writes_every_extra_as_text_sorted_by_key() -> None:
    assert package_dict(record())["extras"] == [
        {"key": "checked", "value": "true"},
        {"key": "note", "value": "null"},
        {"key": "samples", "value": "42"},
        {"key": "source", "value": "lab"},
    ]


def test_package_dict_picks_the_language_and_falls_back() -> None:
    assert package_dict(record(), language="fr")["title"] == "Qualité de l'eau"
    assert package_dict(record(), language="fr")["notes"] == "Samples from rivers."
    only_french = record(title={"fr": "Eau"}, description={})
    assert package_dict(only_french, language="ru")["title"] == "Eau"
    assert package_dict(only_french)["notes"] == ""


def test_package_dict_of_a_bare_record_uses_empty_values_as_ckan_does() -> None:
    bare = package_dict(
        record(
            licence=None,
            tags=(),
            themes=(),
            version="",
            identifier="",
            frequency="",
            access_rights="",
            contact_name="",
            contact_email="",
            contact_url="",
            spatial=None,
            temporal_start=None,
            temporal_end=None,
            issued=None,
            extras={},
            distributions=(),
        )
    )
    assert (bare["license_id"], bare["license_title"], bare["isopen"]) == ("", "", False)
    assert (bare["version"], bare["identifier"], bare["frequency"]) == (None, None, None)
    assert (bare["contact"], bare["temporal_coverage"], bare["spatial_coverage"]) == ([], [], [])
    assert (bare["spatial"], bare["issued"], bare["access_rights"]) == (None, None, None)
    assert (bare["tags"], bare["groups"], bare["extras"], bare["resources"]) == ([], [], [], [])


def test_resource_dict_tells_uploads_from_links() -> None:
    link = resource_dict(distribution())
    assert (link["url_type"], link["hash"], link["hash_algorithm"]) == (None, "", None)
    assert (link["name"], link["format"], link["mimetype"], link["size"]) == (
        "Samples",
        "CSV",
        "text/csv",
        1200,
    )
    assert (link["package_id"], link["position"], link["datastore_active"]) == (
        "5a3f4c2e-1111-4d2b-8c55-3e2d1c0b9a88",
        0,
        False,
    )
    upload = resource_dict(distribution(is_upload=True, checksum_sha256="ab" * 32, media_type=""))
    assert (upload["url_type"], upload["hash"], upload["hash_algorithm"]) == (
        "upload",
        "ab" * 32,
        SHA256_ALGORITHM,
    )
    assert upload["mimetype"] is None


def test_organization_dict_counts_only_when_told() -> None:
    org = organization_dict(organization(), language="fr")
    assert (org["title"], org["display_name"]) == ("Ministère de la Santé",) * 2
    assert (org["is_organization"], org["type"], org["approval_status"]) == (
        True,
        "organization",
        "approved",
    )
    assert "package_count" not in org
    assert "email" not in org
    assert organization_dict(organization(), package_count=4)["package_count"] == 4
    untitled = organization_dict(organization(title={}, country="", homepage=""))
    assert (untitled["title"], untitled["country"], untitled["homepage"]) == (
        "ministry-of-health",
        None,
        None,
    )


def test_ckan_time_is_naive_utc_with_microseconds() -> None:
    assert ckan_time(dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2024-01-02T03:04:05.000000"
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert ckan_time(dt.datetime(2024, 1, 2, 3, 0, tzinfo=plus_two)) == "2024-01-02T01:00:00.000000"
    assert ckan_time(None) is None


def test_tags_and_themes_get_the_same_ids_everywhere() -> None:
    assert tag_id("water") == tag_id("water") != tag_id("Water")
    assert uuid.UUID(tag_id("water")).version == 5
    group = theme_group("ENVI", language="es")
    assert (group["name"], group["title"]) == ("envi", "Medio ambiente")
    assert theme_group("NOPE")["title"] == "NOPE"


# ------------------------------------------------------------------ dates in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-15", dt.datetime(2024, 1, 15, tzinfo=UTC)),
        ("2024-01-15T10:00:00", dt.datetime(2024, 1, 15, 10, tzinfo=UTC)),
        ("2024-01-15T10:00:00Z", dt.datetime(2024, 1, 15, 10, tzinfo=UTC)),
        ("2024-01-15T10:00:00+02:00", dt.datetime(2024, 1, 15, 8, tzinfo=UTC)),
        (" 2024-01-15T10:00:00.5 ", dt.datetime(2024, 1, 15, 10, 0, 0, 500000, tzinfo=UTC)),
        ("9999-12-31T23:59:59Z", dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
        ("9999-12-31T23:59:59-12:00", None),
        ("0001-01-01T00:00:00+05:00", None),
        ("2024-13-01", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_datetime_gives_utc_or_none(text: str, expected: dt.datetime | None) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    if parsed is not None:
        assert parsed.utcoffset() == dt.timedelta(0)


# ------------------------------------------------------------------ package dicts in


def test_a_minimal_package_makes_a_draft_titled_by_its_name() -> None:
    draft, errors = draft_from_package({"name": "minimal", "owner_org": "ministry"})
    assert errors == {}
    assert (draft.name, draft.organization, draft.title) == (
        "minimal",
        "ministry",
        {"en": "minimal"},
    )
    assert (draft.state, draft.private, draft.distributions) == ("active", False, None)


def test_tags_come_from_names_objects_and_tag_string_once_each() -> None:
    draft, errors = draft_from_package(
        {"tags": ["water", {"name": " rivers "}, {"name": "water"}], "tag_string": "lakes, water,"}
    )
    assert errors == {}
    assert draft.tags == ["water", "rivers", "lakes"]


@pytest.mark.parametrize("tags", [5, True, {"name": "x"}, "water"])
def test_tags_that_are_not_a_list_are_an_error(tags: Any) -> None:
    assert draft_from_package({"tags": tags})[1]["tags"] == ["Must be a list"]


def test_a_tag_that_is_neither_a_name_nor_an_object_is_an_error() -> None:
    errors = draft_from_package({"tags": ["ok", 5, {"id": "x"}]})[1]
    assert errors["tags"] == [
        "Tag 1 must be a name or an object with a name",
        "Tag 2 must be a name or an object with a name",
    ]


def test_extras_are_read_as_a_list_or_an_object() -> None:
    listed, errors = draft_from_package(
        {"extras": [{"key": "source", "value": "lab"}, {"key": "n", "value": [1, 2]}]}
    )
    assert errors == {}
    assert listed.extras == {"source": "lab", "n": "[1, 2]"}
    assert draft_from_package({"extras": {"source": "lab"}})[0].extras == {"source": "lab"}


def test_extras_with_missing_duplicate_or_schema_keys_are_errors() -> None:
    errors = draft_from_package(
        {
            "extras": [
                {"value": "no key"},
                {"key": "a", "value": "1"},
                {"key": "a", "value": "2"},
                {"key": "title", "value": "shadow"},
                {"key": "metadata_created", "value": "shadow"},
            ]
        }
    )[1]
    assert errors["extras"] == [
        "Each extra needs a key",
        'Duplicate key "a"',
        'There is a schema field with the same name "title"',
        'There is a schema field with the same name "metadata_created"',
    ]


def test_groups_and_theme_both_give_themes() -> None:
    draft, errors = draft_from_package(
        {"theme": [THEME + "HEAL", "envi"], "groups": [{"name": "econ"}, {"id": "HEAL"}]}
    )
    assert errors == {}
    assert draft.themes == ["HEAL", "ENVI", "ECON"]
    errors = draft_from_package({"groups": [{"name": "my-group"}], "theme": ["nope"]})[1]
    assert errors["groups"] == ['Unknown group "my-group": groups are the EU data themes']
    assert errors["theme"] == ['Unknown value "nope"']


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {
                "contact": [{"name": "Desk", "email": "d@x.org", "url": "https://x.org"}],
                "maintainer": "M",
            },
            ("Desk", "d@x.org", "https://x.org"),
        ),
        ({"maintainer": "M", "maintainer_email": "m@x.org", "author": "A"}, ("M", "m@x.org", "")),
        ({"author": "A", "author_email": "a@x.org"}, ("A", "a@x.org", "")),
        ({}, ("", "", "")),
    ],
)
def test_the_contact_comes_from_contact_then_maintainer_then_author(
    data: dict[str, Any], expected: tuple[str, str, str]
) -> None:
    draft = draft_from_package(data)[0]
    assert (draft.contact_name, draft.contact_email, draft.contact_url) == expected


def test_temporal_coverage_and_its_errors() -> None:
    draft, errors = draft_from_package(
        {"temporal_coverage": [{"start": "2024-01-01T05:00:00Z", "end": "2024-06-30"}]}
    )
    assert errors == {}
    assert (draft.temporal_start, draft.temporal_end) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    errors = draft_from_package({"temporal_coverage": [{"start": "soon", "end": "later"}]})[1]
    assert errors["temporal_coverage"] == [
        "start date format incorrect",
        "end date format incorrect",
    ]


@pytest.mark.parametrize(
    "data",
    [
        {"spatial": '{"type": "Point", "coordinates": [1, 2]}'},
        {"spatial": {"type": "Point", "coordinates": [1, 2]}},
        {"spatial_coverage": [{"geom": {"type": "Point", "coordinates": [1, 2]}}]},
        {"spatial_coverage": [{"bbox": {"type": "Point", "coordinates": [1, 2]}}], "spatial": 5},
    ],
)
def test_spatial_coverage_is_read_in_every_ckan_spelling(data: dict[str, Any]) -> None:
    draft, errors = draft_from_package(data)
    assert errors == {}
    assert draft.spatial == {"type": "Point", "coordinates": [1, 2]}


@pytest.mark.parametrize("spatial", ["not json", "[1, 2]", 5, '"a string"'])
def test_spatial_that_is_not_a_geometry_is_an_error(spatial: Any) -> None:
    assert draft_from_package({"spatial": spatial})[1]["spatial"] == ["Must be a GeoJSON geometry"]


def test_unknown_fields_are_named_and_computed_ones_accepted() -> None:
    computed = dict.fromkeys(PACKAGE_READ_ONLY, "anything")
    draft, errors = draft_from_package({"name": "x", "colour": "blue", "x-y": 1, **computed})
    assert errors == {
        "colour": ["The input field colour was not expected."],
        "x-y": ["The input field x-y was not expected."],
    }
    assert draft.name == "x"
    assert not PACKAGE_FIELDS & PACKAGE_READ_ONLY


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), ("true", True), (" TRUE ", True), ("1", True), (False, False), ("0", False)],
)
def test_private_reads_booleans_as_ckan_sends_them(value: Any, expected: bool) -> None:
    assert draft_from_package({"private": value})[0].private is expected


@pytest.mark.parametrize("value", ["yes", 1, [], "maybe"])
def test_private_refuses_anything_else(value: Any) -> None:
    assert draft_from_package({"private": value})[1]["private"] == ["Must be true or false"]


def test_resources_become_distributions_with_prefixed_errors() -> None:
    draft, errors = draft_from_package(
        {"resources": [{"url": "https://x.org/a.csv", "name": "A"}, {"size": "big", "odd": 1}]}
    )
    assert [d.title for d in draft.distributions or []] == ["A", ""]
    assert errors == {
        "resources.1.size": ["Must be a whole number of bytes"],
        "resources.1.odd": ["The input field odd was not expected."],
    }
    assert draft_from_package({"resources": []})[0].distributions == []


# ------------------------------------------------------------------ multilingual text in


def test_plain_text_is_filed_under_the_datasets_first_un_language() -> None:
    draft = draft_from_package(
        {"title": "Qualité", "notes": "Des rivières", "language": ["de", "fr"]}
    )[0]
    assert (draft.title, draft.description) == ({"fr": "Qualité"}, {"fr": "Des rivières"})
    assert draft_from_package({"title": "Water"}, default_language="es")[0].title == {"es": "Water"}


def test_translations_are_kept_and_plain_text_added_in_its_language() -> None:
    draft = draft_from_package(
        {"title": "Water", "title_translated": {"fr": "Eau", "zh-Hans": "水", "es": " "}}
    )[0]
    assert draft.title == {"fr": "Eau", "zh": "水", "en": "Water"}


def test_plain_text_that_repeats_a_translation_adds_nothing() -> None:
    """What package_show gave, sent back: the title shown may be a fallback translation."""
    data = {"title": "Eau", "title_translated": {"fr": "Eau"}, "language": ["en"]}
    assert draft_from_package(data)[0].title == {"fr": "Eau"}


def test_a_package_dict_round_trips_through_a_draft() -> None:
    original = record()
    for language in ("en", "fr", "ar"):
        draft, errors = draft_from_package(package_dict(original, language=language))
        assert errors == {}
        assert draft.title == original.title
        assert draft.description == original.description
        assert draft.name == original.name
        assert draft.organization == original.organization.id
        assert draft.tags == list(original.tags)
        assert draft.themes == list(original.themes)
        assert draft.licence == "CC-BY-4.0"
        assert (draft.countries, draft.languages) == (["KEN", "UGA"], ["en", "fr"])
        assert (draft.frequency, draft.access_rights) == ("MONTHLY", "PUBLIC")
        assert (draft.contact_name, draft.contact_email, draft.contact_url) == (
            "Water Office",
            "water@example.org",
            "https://example.org/contact",
        )
        assert (draft.temporal_start, draft.temporal_end) == (
            original.temporal_start,
            original.temporal_end,
        )
        assert (draft.issued, draft.modified) == (original.issued, original.modified)
        assert draft.spatial == original.spatial
        assert (draft.version, draft.identifier, draft.landing_page) == (
            "1.2",
            "urn:example:water",
            "https://example.org/water",
        )
        assert draft.conforms_to == ["https://example.org/spec"]
        assert draft.extras == {"checked": "true", "note": "null", "samples": "42", "source": "lab"}
        (dist,) = draft.distributions or []
        assert (dist.id, dist.title, dist.url, dist.format, dist.byte_size) == (
            "0b6e1a52-9c1f-4f0e-a1a4-7fd0c7b1e001",
            "Samples",
            "https://example.org/samples.csv",
            "CSV",
            1200,
        )


# ------------------------------------------------------------------ resources and organizations in


def test_a_resource_keeps_only_a_sha256_hash() -> None:
    sha = "AB" * 32
    assert distribution_draft_from_resource({"hash": sha})[0].checksum_sha256 == sha.lower()
    with_algorithm = {"hash": sha, "hash_algorithm": SHA256_ALGORITHM}
    assert distribution_draft_from_resource(with_algorithm)[0].checksum_sha256 == sha.lower()
    assert distribution_draft_from_resource({"hash": "md5:abc"})[0].checksum_sha256 == ""
    sha_as_md5 = {"hash": sha, "hash_algorithm": "md5"}
    assert distribution_draft_from_resource(sha_as_md5)[0].checksum_sha256 == ""


@pytest.mark.parametrize(
    ("data", "url"),
    [
        ({"url": "https://a.org", "download_url": "https://b.org"}, "https://a.org"),
        ({"download_url": "https://b.org", "access_url": "https://c.org"}, "https://b.org"),
        ({"access_url": "https://c.org"}, "https://c.org"),
    ],
)
def test_a_resource_link_comes_from_url_then_download_url_then_access_url(
    data: dict[str, Any], url: str
) -> None:
    assert distribution_draft_from_resource(data)[0].url == url


def test_a_resource_reads_its_size_and_names_unknown_fields() -> None:
    draft, errors = distribution_draft_from_resource(
        {"size": "120", "package_id": "x", "position": 3, "shape": "round"}
    )
    assert draft.byte_size == 120
    assert errors == {"shape": ["The input field shape was not expected."]}
    assert distribution_draft_from_resource({"size": 1.5})[1] == {
        "size": ["Must be a whole number of bytes"]
    }


def test_an_organization_dict_makes_a_draft() -> None:
    draft, errors = organization_draft_from_dict(
        {
            "name": "water-board",
            "title_translated": {"fr": "Office de l'eau"},
            "description": "Rivers.",
            "groups": [{"name": "ministry-of-environment"}],
            "package_count": 3,
        },
        default_language="en",
    )
    assert errors == {}
    assert draft.title == {"fr": "Office de l'eau"}
    assert draft.description == {"en": "Rivers."}
    assert draft.parent == "ministry-of-environment"
    assert organization_draft_from_dict({"name": "bare"})[0].title == {"en": "bare"}
    assert organization_draft_from_dict({"name": "x", "flag": 1})[1] == {
        "flag": ["The input field flag was not expected."]
    }


# ------------------------------------------------------------------ package_patch


def test_a_patch_replaces_the_given_keys_only() -> None:
    current = package_dict(record())
    merged = patched_package(current, {"version": "2.0", "private": True})
    assert merged == {**current, "version": "2.0", "private": True}


@pytest.mark.parametrize(
    ("change", "dropped"),
    [
        ({"theme": ["AGRI"]}, "groups"),
        ({"groups": [{"name": "agri"}]}, "theme"),
        ({"maintainer_email": "m@x.org"}, "contact"),
        ({"spatial": '{"type": "Point", "coordinates": [0, 0]}'}, "spatial_coverage"),
        ({"title_translated": {"es": "Agua"}}, "title"),
        ({"notes_translated": {"es": "Ríos"}}, "notes"),
        ({"tag_string": "a,b"}, "tags"),
    ],
)
def test_a_patch_drops_the_other_spelling_of_what_it_changes(
    change: dict[str, Any], dropped: str
) -> None:
    merged = patched_package(package_dict(record()), change)
    assert dropped not in merged
    assert draft_from_package(merged)[1] == {}


def test_a_patched_title_replaces_the_translation_that_was_shown() -> None:
    shown_in_french = package_dict(record(), language="fr")
    merged = patched_package(shown_in_french, {"title": "L'eau"}, language="fr")
    assert merged["title_translated"] == {"en": "Water quality", "fr": "L'eau"}
    assert draft_from_package(merged)[0].title == {"en": "Water quality", "fr": "L'eau"}
    shown_in_russian = package_dict(record(), language="ru")  # falls back to English
    merged = patched_package(shown_in_russian, {"notes": "Rivers."}, language="ru")
    assert merged["notes_translated"] == {"en": "Rivers."}


def test_a_patched_title_of_the_wrong_type_is_left_for_the_reader_to_refuse() -> None:
    merged = patched_package(package_dict(record()), {"title": ["x"]})
    assert draft_from_package(merged)[1]["title"] == ["Must be a string"]


# ------------------------------------------------------------------ error names


def test_validation_errors_are_renamed_to_the_ckan_fields_they_came_from() -> None:
    errors = {
        "description": ["too long"],
        "languages": ["Unknown language"],
        "themes": ["Unknown theme"],
        "temporal_end": ["before start"],
        "contact_email": ["bad email"],
        "contact_url": ["bad url"],
        "name": ["bad"],
    }
    assert package_errors(errors, {"maintainer_email": "x"}) == {
        "notes": ["too long"],
        "language": ["Unknown language"],
        "theme": ["Unknown theme"],
        "temporal_coverage": ["before start"],
        "maintainer_email": ["bad email"],
        "contact": ["bad url"],
        "name": ["bad"],
    }
    assert package_errors({"contact_email": ["x"]}, {"author": "A"}) == {"author_email": ["x"]}
    assert package_errors({"contact_name": ["x"]}, {"contact": [{}], "author": "A"}) == {
        "contact": ["x"]
    }
