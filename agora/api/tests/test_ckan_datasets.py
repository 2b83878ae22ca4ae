"""Dataset actions of the CKAN Action API: list, show, create, update, patch, delete."""

from __future__ import annotations

import uuid

import pytest

from agora.catalog.models import Dataset, DatasetRevision
from agora.catalog.tests.factories import DatasetFactory
from agora.interop.records import DistributionDraft

from .shared import (
    NOT_OURS,
    PII_KEYS,
    assert_matches_schema,
    call,
    envelope,
    error,
    ok,
    real_keys,
    real_organizations,
    real_packages,
    shared_data_path,
)

pytestmark = pytest.mark.django_db

THEME = "http://publications.europa.eu/resource/authority/data-theme/"


def full_package(org_name: str, **overrides):
    """A package dict using every field a CKAN client may send."""
    package = {
        "name": "water-quality-2024",
        "title": "Water quality 2024",
        "title_translated": {"fr": "Qualité de l'eau 2024"},
        "notes": "Samples from *rivers*.",
        "owner_org": org_name,
        "private": False,
        "url": "https://example.org/water",
        "version": "1.2",
        "license_id": "cc-by",
        "tags": [{"name": "water"}, "rivers"],
        "tag_string": "samples, water",
        "extras": [{"key": "source", "value": "lab"}],
        "groups": [{"name": "envi"}],
        "theme": [THEME + "HEAL"],
        "issued": "2024-01-15",
        "modified": "2024-02-01T10:00:00Z",
        "identifier": "urn:example:water",
        "frequency": "MONTHLY",
        "language": ["en", "fr"],
        "countries": ["KE"],
        "conforms_to": ["https://example.org/spec"],
        "access_rights": "PUBLIC",
        "maintainer": "Water Office",
        "maintainer_email": "water@example.org",
        "temporal_coverage": [{"start": "2024-01-01", "end": "2024-12-31"}],
        "spatial": '{"type": "Point", "coordinates": [36.8, -1.3]}',
        "resources": [
            {"name": "Samples", "url": "https://example.org/samples.csv", "format": "csv"},
            {
                "name": "Stations",
                "url": "https://example.org/stations.json",
                "format": "JSON",
                "size": 120,
                "hash": "a" * 64,
            },
        ],
    }
    package.update(overrides)
    return package


# ------------------------------------------------------------------ package_list


def test_package_list_names_public_active_datasets_alphabetically(
    org, anon_api, public_dataset, private_dataset, draft_dataset
):
    DatasetFactory(organization=org, name="b-data")
    deleted = DatasetFactory(organization=org, name="a-deleted")
    Dataset.objects.filter(pk=deleted.pk).update(state="deleted")
    response = call(anon_api, "package_list", {}, "GET")
    assert ok(response) == ["b-data", "public-dataset"]
    assert_matches_schema("package_list", envelope(response, 200))


def test_package_list_pages_with_limit_and_offset(org, anon_api):
    for name in ("d1", "d2", "d3", "d4"):
        DatasetFactory(organization=org, name=name)
    assert ok(call(anon_api, "package_list", {"limit": 2}, "GET")) == ["d1", "d2"]
    assert ok(call(anon_api, "package_list", {"limit": 2, "offset": 2}, "GET")) == ["d3", "d4"]
    assert ok(call(anon_api, "package_list", {"offset": 3})) == ["d4"]
    assert ok(call(anon_api, "package_list", {"limit": 0})) == ["d1", "d2", "d3", "d4"]


@pytest.mark.parametrize("params", [{"limit": -1}, {"offset": "x"}, {"limit": "1.5"}])
def test_package_list_refuses_bad_paging(anon_api, params):
    err = error(call(anon_api, "package_list", params, "GET"), 409, "Validation Error")
    assert set(params) <= set(err)


# ------------------------------------------------------------------ current_package_list


def test_current_package_list_with_resources_gives_recent_public_datasets_with_resources(
    org, anon_api, private_dataset
):
    older = DatasetFactory(
        organization=org,
        name="older",
        distributions=[DistributionDraft(title="f", url="https://example.org/f.csv", format="CSV")],
    )
    newer = DatasetFactory(organization=org, name="newer")
    result = ok(call(anon_api, "current_package_list_with_resources", {}, "GET"))
    assert [d["name"] for d in result] == [newer.name, older.name]
    assert result[1]["resources"][0]["url"] == "https://example.org/f.csv"
    assert result[1]["num_resources"] == 1


def test_current_package_list_with_resources_pages(org, anon_api):
    for index in range(5):
        DatasetFactory(organization=org, name=f"set-{index}")
    everything = [d["name"] for d in ok(call(anon_api, "current_package_list_with_resources"))]
    assert len(everything) == 5
    page = ok(call(anon_api, "current_package_list_with_resources", {"limit": 2, "offset": 1}))
    assert [d["name"] for d in page] == everything[1:3]
    second = ok(call(anon_api, "current_package_list_with_resources", {"limit": 2, "page": 2}))
    assert [d["name"] for d in second] == everything[2:4]
    error(
        call(anon_api, "current_package_list_with_resources", {"limit": 0}), 409, "Validation Error"
    )


# ------------------------------------------------------------------ package_show


def test_package_show_by_name_or_id_returns_the_dataset_with_its_resources(
    anon_api, public_dataset
):
    by_name = ok(call(anon_api, "package_show", {"id": public_dataset.name}, "GET"))
    by_id = ok(call(anon_api, "package_show", {"id": str(public_dataset.id)}, "GET"))
    assert by_name == by_id
    assert by_name["id"] == str(public_dataset.id)
    assert by_name["type"] == "dataset"
    assert by_name["private"] is False
    assert by_name["organization"]["name"] == "ministry-of-health"
    assert by_name["license_id"] == "CC-BY-4.0"
    assert by_name["isopen"] is True
    assert [t["name"] for t in by_name["tags"]] == ["open-tag"]
    assert [g["name"] for g in by_name["groups"]] == ["econ"]
    assert by_name["theme"] == [THEME + "ECON"]
    (resource,) = by_name["resources"]
    assert resource["package_id"] == str(public_dataset.id)
    assert resource["format"] == "CSV"
    assert by_name["num_resources"] == 1
    assert by_name["num_tags"] == 1


def test_package_show_answers_in_the_requested_language(org, anon_api):
    DatasetFactory(
        organization=org,
        name="census",
        title={"en": "Census", "fr": "Recensement"},
        description={"en": "People.", "fr": "Personnes."},
    )
    french = ok(call(anon_api, "package_show", {"id": "census", "lang": "fr"}, "GET"))
    assert (french["title"], french["notes"]) == ("Recensement", "Personnes.")
    assert french["title_translated"] == {"en": "Census", "fr": "Recensement"}
    spanish = ok(call(anon_api, "package_show", {"id": "census", "lang": "es"}, "GET"))
    assert spanish["title"] == "Census"  # English is the first fallback


def test_package_show_response_matches_the_ckan_schema(api_as, editor, org):
    ok(call(api_as(editor), "package_create", full_package(org.name)))
    body = envelope(call(api_as(editor), "package_show", {"id": "water-quality-2024"}), 200)
    assert_matches_schema("package_show", body)


def test_package_show_has_every_key_real_ckan_sites_send(api_as, editor, org):
    result = ok(call(api_as(editor), "package_create", full_package(org.name)))
    real = real_packages()
    assert not real_keys(real, "dataset") - set(result)
    assert not real_keys(real, "resource") - set(result["resources"][0])
    assert not real_keys(real, "organization") - set(result["organization"])
    assert not PII_KEYS & set(result)
    assert not PII_KEYS & set(result["organization"])


def test_missing_shared_data_fails_the_test_run_loudly(monkeypatch, tmp_path):
    monkeypatch.setenv("AGORA_SHARED_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(pytest.fail.Exception, match="AGORA_SHARED_DATA"):
        shared_data_path()


def test_every_key_left_out_on_purpose_is_one_that_real_ckan_sites_send():
    sent: set[str] = set()
    for record in [*real_packages(), *real_organizations()]:
        sent |= set(record)
        for part in (*record.get("resources", []), record.get("organization") or {}):
            sent |= set(part)
    assert set(NOT_OURS) <= sent, set(NOT_OURS) - sent


@pytest.mark.parametrize("params", [{}, {"id": ""}, {"id": "   "}])
def test_package_show_without_an_id_names_the_missing_field(anon_api, params):
    err = error(call(anon_api, "package_show", params, "GET"), 409, "Validation Error")
    assert err["id"] == ["Missing value"]


@pytest.mark.parametrize("key", ["no-such-dataset", str(uuid.uuid4()), "x" * 5000])
def test_package_show_of_an_unknown_dataset_is_not_found(anon_api, key):
    err = error(call(anon_api, "package_show", {"id": key}, "GET"), 404, "Not Found Error")
    assert err["message"] == "Not found: Dataset not found"


# ------------------------------------------------------------------ package_create


def test_package_create_maps_every_ckan_field(api_as, editor, org):
    result = ok(call(api_as(editor), "package_create", full_package(org.name)))
    assert result["name"] == "water-quality-2024"
    assert result["title"] == "Water quality 2024"
    assert result["title_translated"] == {"en": "Water quality 2024", "fr": "Qualité de l'eau 2024"}
    assert result["notes"] == "Samples from *rivers*."
    assert result["owner_org"] == str(org.id)
    assert result["creator_user_id"] == str(editor.id)
    assert result["license_id"] == "CC-BY-4.0"
    assert [t["name"] for t in result["tags"]] == ["rivers", "samples", "water"]
    assert result["extras"] == [{"key": "source", "value": "lab"}]
    assert [g["name"] for g in result["groups"]] == ["envi", "heal"]
    assert result["theme"] == [THEME + "ENVI", THEME + "HEAL"]
    assert result["issued"].startswith("2024-01-15T00:00:00")
    assert result["modified"].startswith("2024-02-01T10:00:00")
    assert result["frequency"].endswith("/frequency/MONTHLY")
    assert result["access_rights"].endswith("/access-right/PUBLIC")
    assert result["language"] == ["en", "fr"]
    assert result["countries"] == ["KEN"]
    assert result["conforms_to"] == ["https://example.org/spec"]
    assert result["contact"] == [{"name": "Water Office", "email": "water@example.org", "url": ""}]
    assert result["temporal_coverage"] == [{"start": "2024-01-01", "end": "2024-12-31"}]
    assert result["spatial_coverage"] == [{"geom": {"type": "Point", "coordinates": [36.8, -1.3]}}]
    assert [r["name"] for r in result["resources"]] == ["Samples", "Stations"]
    assert [r["position"] for r in result["resources"]] == [0, 1]
    assert [r["format"] for r in result["resources"]] == ["CSV", "JSON"]
    assert result["resources"][1]["size"] == 120
    assert result["resources"][1]["hash"] == "a" * 64
    assert result["state"] == "active"
    assert result["revision_number"] == 1
    assert result == ok(call(api_as(editor), "package_show", {"id": result["id"]}, "GET"))


def test_package_create_accepts_what_package_show_returned(api_as, editor, org):
    """ckanapi load sends package_show output back, computed keys included."""
    api = api_as(editor)
    original = ok(call(api, "package_create", full_package(org.name)))
    copy = {**original, "name": "water-copy"}
    del copy["id"]
    created = ok(call(api, "package_create", copy))
    for key in ("title_translated", "notes", "tags", "groups", "extras", "language", "contact"):
        assert created[key] == original[key], key
    assert [r["url"] for r in created["resources"]] == [r["url"] for r in original["resources"]]
    assert {r["id"] for r in created["resources"]}.isdisjoint(
        r["id"] for r in original["resources"]
    )


def test_package_create_lets_only_sysadmins_choose_the_id(api_as, editor, sysadmin, org):
    chosen, other = str(uuid.uuid4()), str(uuid.uuid4())
    data = {"name": "chosen-id", "owner_org": org.name, "id": chosen}
    assert ok(call(api_as(sysadmin), "package_create", data))["id"] == chosen
    data = {"name": "not-chosen", "owner_org": org.name, "id": other}
    assert ok(call(api_as(editor), "package_create", data))["id"] != other
    err = error(
        call(
            api_as(sysadmin), "package_create", {"name": "bad-id", "owner_org": org.name, "id": "x"}
        ),
        409,
        "Validation Error",
    )
    assert "id" in err


def test_package_create_with_a_taken_name_is_a_conflict(api_as, editor, org, public_dataset):
    response = call(
        api_as(editor), "package_create", {"name": public_dataset.name, "owner_org": org.name}
    )
    assert error(response, 409, "Validation Error")["name"] == ["That URL is already in use."]
    assert Dataset.objects.filter(name=public_dataset.name).count() == 1


def test_package_create_names_every_unknown_field(api_as, editor, org):
    data = {"name": "odd", "owner_org": org.name, "colour": "blue", "dataset_flavour": 1}
    err = error(call(api_as(editor), "package_create", data), 409, "Validation Error")
    assert err["colour"] == ["The input field colour was not expected."]
    assert err["dataset_flavour"] == ["The input field dataset_flavour was not expected."]
    assert not Dataset.objects.filter(name="odd").exists()


def test_package_create_names_every_invalid_field_by_its_ckan_name(api_as, editor, org):
    data = {
        "name": "Not A Slug!",
        "owner_org": org.name,
        "url": "ftp://example.org/x",
        "license_id": "no-such-licence",
        "frequency": "sometimes",
        "access_rights": "secret",
        "countries": ["XXX"],
        "language": ["zz"],
        "notes": "n" * 100_001,
        "maintainer_email": "not-an-email",
        "temporal_coverage": [{"start": "2024-12-31", "end": "2024-01-01"}],
        "spatial": {"type": "Point", "coordinates": [500, 500]},
        "tags": ["bad<tag>"],
        "resources": [
            {"url": "javascript:alert(1)"},
            {"url": "https://ok.example.org", "size": -1},
        ],
    }
    err = error(call(api_as(editor), "package_create", data), 409, "Validation Error")
    expected = {
        "name",
        "url",
        "license_id",
        "frequency",
        "access_rights",
        "countries",
        "language",
        "notes",
        "maintainer_email",
        "temporal_coverage",
        "spatial",
        "tags",
        "resources.0.url",
        "resources.1.size",
    }
    assert expected <= set(err), expected - set(err)
    assert Dataset.objects.count() == 0


def test_package_create_needs_a_known_organization(api_as, sysadmin):
    err = error(
        call(api_as(sysadmin), "package_create", {"name": "orphan"}), 409, "Validation Error"
    )
    assert "owner_org" in err
    data = {"name": "orphan", "owner_org": "no-such-org"}
    err = error(call(api_as(sysadmin), "package_create", data), 409, "Validation Error")
    assert err["owner_org"] == ["Organization does not exist"]


def test_package_create_can_make_a_private_dataset_or_a_draft(api_as, editor, anon_api, org):
    api = api_as(editor)
    assert (
        ok(call(api, "package_create", {"name": "hidden", "owner_org": org.name, "private": True}))[
            "private"
        ]
        is True
    )
    draft = ok(
        call(api, "package_create", {"name": "sketch", "owner_org": org.name, "state": "draft"})
    )
    assert draft["state"] == "draft"
    error(call(anon_api, "package_show", {"id": "hidden"}), 404, "Not Found Error")
    error(call(anon_api, "package_show", {"id": "sketch"}), 404, "Not Found Error")


def test_package_create_records_a_revision(api_as, editor, org):
    result = ok(call(api_as(editor), "package_create", {"name": "tracked", "owner_org": org.name}))
    revision = DatasetRevision.objects.get(dataset_id=result["id"])
    assert (revision.number, revision.action, revision.actor_name) == (1, "create", "org-editor")


# ------------------------------------------------------------------ package_update


def test_package_update_replaces_the_metadata_and_keeps_resources_when_left_out(
    api_as, editor, public_dataset
):
    api = api_as(editor)
    data = {
        "id": str(public_dataset.id),
        "name": public_dataset.name,
        "title": "Renamed",
        "tags": ["fresh"],
    }
    result = ok(call(api, "package_update", data))
    assert result["title"] == "Renamed"
    assert [t["name"] for t in result["tags"]] == ["fresh"]
    assert result["groups"] == []  # replaced: not given means none
    assert result["license_id"] == ""
    assert result["num_resources"] == 1
    assert result["revision_number"] == 2


def test_package_update_replaces_resources_when_given(api_as, editor, public_dataset):
    api = api_as(editor)
    current = ok(call(api, "package_show", {"id": public_dataset.name}))
    kept = current["resources"][0]
    current["resources"] = [
        {**kept, "name": "Renamed file"},
        {"name": "Added", "url": "https://example.org/added.csv"},
    ]
    result = ok(call(api, "package_update", current))
    assert [r["name"] for r in result["resources"]] == ["Renamed file", "Added"]
    assert result["resources"][0]["id"] == kept["id"]
    current = {**result, "resources": []}
    assert ok(call(api, "package_update", current))["resources"] == []


def test_package_update_round_trip_changes_nothing_but_the_revision(api_as, editor, org):
    api = api_as(editor)
    french = full_package(
        org.name,
        language=["fr"],
        title="Qualité de l'eau 2024",
        title_translated={"en": "Water quality 2024"},
    )
    original = ok(call(api, "package_create", french))
    assert original["title"] == "Water quality 2024"  # shown in English, as asked
    updated = ok(call(api, "package_update", original))
    for key in ("metadata_modified", "revision_number"):
        original.pop(key), updated.pop(key)
    for old, new in zip(original.pop("resources"), updated.pop("resources"), strict=True):
        for key in ("last_modified", "metadata_modified"):
            old.pop(key), new.pop(key)
        assert old == new
    assert updated == original
    assert updated["title_translated"] == {
        "en": "Water quality 2024",
        "fr": "Qualité de l'eau 2024",
    }


def test_a_failed_package_update_changes_nothing(api_as, editor, public_dataset):
    before = ok(call(api_as(editor), "package_show", {"id": public_dataset.name}))
    data = {
        **before,
        "title": "Should not stick",
        "tags": ["nope"],
        "resources": [{"url": "https://example.org/new.csv"}, {"url": "not a url"}],
    }
    err = error(call(api_as(editor), "package_update", data), 409, "Validation Error")
    assert "resources.1.url" in err
    public_dataset.refresh_from_db()
    assert public_dataset.title == {"en": "Public Dataset"}
    assert list(public_dataset.tags.values_list("name", flat=True)) == ["open-tag"]
    assert public_dataset.revision_number == 1
    assert public_dataset.distributions.count() == 1
    assert ok(call(api_as(editor), "package_show", {"id": public_dataset.name})) == before


def test_package_update_to_a_taken_name_is_a_conflict_and_changes_nothing(
    api_as, editor, org, public_dataset
):
    DatasetFactory(organization=org, name="taken")
    data = {"id": public_dataset.name, "name": "taken", "owner_org": org.name}
    assert error(call(api_as(editor), "package_update", data), 409, "Validation Error")["name"]
    public_dataset.refresh_from_db()
    assert public_dataset.name == "public-dataset"


def test_package_update_cannot_move_a_dataset_to_an_organization_of_someone_else(
    api_as, editor, other_org, public_dataset
):
    data = {"id": public_dataset.name, "name": public_dataset.name, "owner_org": other_org.name}
    error(call(api_as(editor), "package_update", data), 403, "Authorization Error")
    public_dataset.refresh_from_db()
    assert public_dataset.organization_id != other_org.id


def test_package_update_does_not_return_a_published_dataset_to_draft(
    api_as, editor, public_dataset
):
    data = {"id": public_dataset.name, "name": public_dataset.name, "state": "draft"}
    assert ok(call(api_as(editor), "package_update", data))["state"] == "active"


def test_package_update_of_an_unknown_dataset_is_not_found(api_as, editor):
    error(
        call(api_as(editor), "package_update", {"id": "ghost", "name": "ghost"}),
        404,
        "Not Found Error",
    )
    err = error(call(api_as(editor), "package_update", {}), 409, "Validation Error")
    assert err["id"] == ["Missing value"]


# ------------------------------------------------------------------ package_patch


def test_package_patch_changes_only_the_given_fields(api_as, editor, org):
    api = api_as(editor)
    original = ok(call(api, "package_create", full_package(org.name)))
    patched = ok(call(api, "package_patch", {"id": original["id"], "version": "2.0"}))
    assert patched["version"] == "2.0"
    for key in (
        "title_translated",
        "tags",
        "groups",
        "extras",
        "contact",
        "temporal_coverage",
        "spatial",
        "language",
        "license_id",
        "frequency",
    ):
        assert patched[key] == original[key], key
    assert [r["id"] for r in patched["resources"]] == [r["id"] for r in original["resources"]]


def test_package_patch_of_the_title_keeps_the_other_translations(api_as, editor, org):
    api = api_as(editor)
    original = ok(
        call(
            api,
            "package_create",
            full_package(
                org.name,
                language=["fr"],
                title="Qualité de l'eau 2024",
                title_translated={"en": "Water quality 2024"},
            ),
        )
    )
    patched = ok(call(api, "package_patch", {"id": original["name"], "title": "Water 2024"}))
    assert patched["title_translated"] == {"en": "Water 2024", "fr": "Qualité de l'eau 2024"}
    data = {"id": original["name"], "title": "Eau 2024", "lang": "fr"}
    patched = ok(call(api, "package_patch", data))
    assert patched["title_translated"] == {"en": "Water 2024", "fr": "Eau 2024"}
    data = {"id": original["name"], "notes_translated": {"es": "Muestras"}}
    patched = ok(call(api, "package_patch", data))
    assert patched["notes_translated"] == {"es": "Muestras"}


def test_package_patch_of_groups_replaces_the_themes(api_as, editor, public_dataset):
    patched = ok(
        call(
            api_as(editor),
            "package_patch",
            {"id": public_dataset.name, "groups": [{"name": "tran"}]},
        )
    )
    assert [g["name"] for g in patched["groups"]] == ["tran"]
    assert patched["theme"] == [THEME + "TRAN"]
    patched = ok(
        call(api_as(editor), "package_patch", {"id": public_dataset.name, "theme": ["AGRI"]})
    )
    assert [g["name"] for g in patched["groups"]] == ["agri"]


def test_package_patch_of_the_maintainer_replaces_the_contact(api_as, editor, org):
    api = api_as(editor)
    ok(call(api, "package_create", full_package(org.name)))
    patched = ok(
        call(
            api,
            "package_patch",
            {"id": "water-quality-2024", "maintainer_email": "new@example.org"},
        )
    )
    assert patched["contact"] == [{"name": "", "email": "new@example.org", "url": ""}]


def test_a_failed_package_patch_changes_nothing(api_as, editor, public_dataset):
    err = error(
        call(
            api_as(editor),
            "package_patch",
            {"id": public_dataset.name, "title": "X", "license_id": "nope"},
        ),
        409,
        "Validation Error",
    )
    assert "license_id" in err
    public_dataset.refresh_from_db()
    assert public_dataset.title == {"en": "Public Dataset"}
    assert public_dataset.licence_id == "CC-BY-4.0"
    assert public_dataset.revision_number == 1


# ------------------------------------------------------------------ package_delete


def test_package_delete_hides_the_dataset_but_keeps_its_history_and_name(
    api_as, editor, anon_api, org, public_dataset
):
    assert ok(call(api_as(editor), "package_delete", {"id": public_dataset.name})) is None
    error(call(anon_api, "package_show", {"id": public_dataset.name}), 404, "Not Found Error")
    assert ok(call(anon_api, "package_list")) == []
    assert ok(call(anon_api, "package_search"))["count"] == 0
    public_dataset.refresh_from_db()
    assert public_dataset.state == "deleted"
    assert public_dataset.revisions.count() == 2
    response = call(
        api_as(editor), "package_create", {"name": public_dataset.name, "owner_org": org.name}
    )
    error(response, 409, "Validation Error")
    # deleting again is harmless
    assert ok(call(api_as(editor), "package_delete", {"id": str(public_dataset.id)})) is None
    assert public_dataset.revisions.count() == 2


def test_package_delete_of_an_unknown_dataset_is_not_found(api_as, editor):
    error(call(api_as(editor), "package_delete", {"id": "ghost"}), 404, "Not Found Error")


@pytest.mark.parametrize(
    "action", ["package_create", "package_update", "package_patch", "package_delete"]
)
def test_write_actions_refuse_get(api_as, editor, public_dataset, action):
    response = call(api_as(editor), action, {"id": public_dataset.name, "title": "X"}, "GET")
    err = error(response, 400, "Bad Request")
    assert "Please use POST" in err["message"]
    public_dataset.refresh_from_db()
    assert public_dataset.state == "active"
    assert public_dataset.revision_number == 1
