"""Site-level actions of the CKAN Action API: status, licences, tags, groups, users, help."""

from __future__ import annotations

import pytest

from agora.api.ckan.views import ACTIONS
from agora.catalog.tests.factories import DatasetFactory
from agora.interop.ckan import tag_id

from .shared import call, error, ok

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ status_show, site_read


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_status_show_describes_the_site_and_the_api_level(anon_api, settings, method):
    settings.AGORA_SITE_TITLE = "Open Data Kenya"
    result = ok(call(anon_api, "status_show", {}, method))
    assert result["site_title"] == "Open Data Kenya"
    assert result["site_url"] == settings.AGORA_SITE_URL
    assert result["ckan_version"] == "2.10.0"
    assert result["locale_default"] == "en"
    assert result["extensions"] == []


def test_the_api_answers_without_the_version_in_the_path_too(anon_api):
    response = anon_api.client.get("/api/action/status_show")
    assert ok(response)["ckan_version"] == "2.10.0"


def test_site_read_is_true(anon_api):
    assert ok(call(anon_api, "site_read", {}, "GET")) is True


# ------------------------------------------------------------------ license_list


def test_license_list_gives_the_licences_with_their_open_definition_status(anon_api):
    licences = {lic["id"]: lic for lic in ok(call(anon_api, "license_list", {}, "GET"))}
    cc_by = licences["CC-BY-4.0"]
    assert cc_by["title"] == "Creative Commons Attribution 4.0"
    assert cc_by["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert cc_by["is_okd_compliant"] is True
    assert cc_by["od_conformance"] == "approved"
    assert cc_by["status"] == "active"
    assert set(cc_by) >= {"id", "title", "url", "is_generic", "domain_data", "domain_content"}
    titles = [lic["title"] for lic in licences.values()]
    assert titles == sorted(titles)


# ------------------------------------------------------------------ tag_list


def test_tag_list_names_the_tags_of_visible_datasets(
    org, anon_api, api_as, member, public_dataset, private_dataset, draft_dataset
):
    DatasetFactory(organization=org, name="more", tags=["water", "open-tag"])
    assert ok(call(anon_api, "tag_list", {}, "GET")) == ["open-tag", "water"]
    assert ok(call(api_as(member), "tag_list", {}, "GET")) == ["open-tag", "secret-tag", "water"]


def test_tag_list_filters_by_query_and_can_give_all_fields(org, anon_api, public_dataset):
    DatasetFactory(organization=org, name="more", tags=["water", "waste"])
    assert ok(call(anon_api, "tag_list", {"query": "wa"}, "GET")) == ["waste", "water"]
    assert ok(call(anon_api, "tag_list", {"query": "nothing-like-it"}, "GET")) == []
    result = ok(call(anon_api, "tag_list", {"query": "water", "all_fields": True}))
    assert result == [
        {"id": tag_id("water"), "name": "water", "display_name": "water", "vocabulary_id": None}
    ]


def test_tag_list_refuses_vocabularies(anon_api):
    err = error(call(anon_api, "tag_list", {"vocabulary_id": "countries"}), 409, "Validation Error")
    assert "vocabulary_id" in err


# ------------------------------------------------------------------ group_list


def test_group_list_names_the_themes_as_ckan_groups(anon_api):
    names = ok(call(anon_api, "group_list", {}, "GET"))
    assert names[:3] == ["agri", "econ", "educ"]
    assert len(names) == 13


def test_group_list_with_all_fields_counts_public_datasets_per_theme(
    anon_api, api_as, member, public_dataset, private_dataset, draft_dataset
):
    for api in (anon_api, api_as(member)):
        groups = {g["name"]: g for g in ok(call(api, "group_list", {"all_fields": "true"}, "GET"))}
        assert groups["econ"]["package_count"] == 1
        assert groups["heal"]["package_count"] == 0
        assert groups["econ"]["title"] == "Economy and finance"
        assert groups["econ"]["is_organization"] is False
        assert groups["econ"]["type"] == "group"
    french = ok(call(anon_api, "group_list", {"all_fields": True, "lang": "fr"}))
    assert {g["name"]: g["title"] for g in french}["econ"] == "Économie et finances"


# ------------------------------------------------------------------ user_show


def test_user_show_shows_the_email_to_the_user_and_sysadmins_only(
    anon_api, api_as, editor, member, sysadmin
):
    for api in (api_as(editor), api_as(sysadmin)):
        assert ok(call(api, "user_show", {"id": "org-editor"}, "GET"))["email"] == (
            "org-editor@example.org"
        )
    for api in (anon_api, api_as(member)):
        result = ok(call(api, "user_show", {"id": "org-editor"}, "GET"))
        assert result["name"] == "org-editor"
        assert result["display_name"] == "Org-Editor"
        assert "email" not in result


def test_user_show_by_id_and_of_the_caller(api_as, editor):
    api = api_as(editor)
    by_id = ok(call(api, "user_show", {"id": str(editor.id)}))
    assert by_id == ok(call(api, "user_show", {}))
    assert (by_id["id"], by_id["sysadmin"], by_id["state"]) == (str(editor.id), False, "active")


def test_user_show_counts_only_the_datasets_the_caller_may_see(api_as, editor, anon_api, org):
    api = api_as(editor)
    ok(call(api, "package_create", {"name": "open-one", "owner_org": org.name}))
    ok(call(api, "package_create", {"name": "closed-one", "owner_org": org.name, "private": True}))
    assert ok(call(api, "user_show", {}))["number_created_packages"] == 2
    assert ok(call(anon_api, "user_show", {"id": "org-editor"}))["number_created_packages"] == 1


def test_user_show_of_nobody(anon_api, editor):
    error(call(anon_api, "user_show", {"id": "nobody"}), 404, "Not Found Error")
    assert error(call(anon_api, "user_show"), 409, "Validation Error")["id"] == ["Missing value"]
    editor.is_active = False
    editor.save(update_fields=["is_active"])
    error(call(anon_api, "user_show", {"id": "org-editor"}), 404, "Not Found Error")


# ------------------------------------------------------------------ help_show


def test_help_show_gives_the_documentation_of_each_action(anon_api):
    for name, action in ACTIONS.items():
        text = ok(call(anon_api, "help_show", {"name": name}, "GET"))
        assert text == action.doc
        assert text, f"{name} has no documentation"
    assert "rows" in ok(call(anon_api, "help_show", {"name": "package_search"}))


def test_help_show_of_an_unknown_action(anon_api):
    error(call(anon_api, "help_show", {"name": "package_revise"}), 404, "Not Found Error")
    assert error(call(anon_api, "help_show"), 409, "Validation Error")["name"] == ["Missing value"]


def test_the_registry_lists_every_action_the_api_promises():
    assert set(ACTIONS) == {
        "status_show", "site_read", "license_list", "tag_list", "group_list", "user_show",
        "help_show", "package_list", "current_package_list_with_resources", "package_show",
        "package_search", "package_create", "package_update", "package_patch", "package_delete",
        "resource_show", "resource_create", "resource_update", "resource_patch",
        "resource_delete", "organization_list", "organization_show", "organization_create",
        "organization_update", "organization_list_for_user", "member_create",
        "datastore_search", "datastore_search_sql", "datastore_info",
        "harvest_source_create", "harvest_source_show", "harvest_source_list",
        "harvest_job_create", "harvest_job_list",
    }  # fmt: skip
    writes = {name for name, action in ACTIONS.items() if action.writes}
    assert writes == {
        "package_create", "package_update", "package_patch", "package_delete",
        "resource_create", "resource_update", "resource_patch", "resource_delete",
        "organization_create", "organization_update", "member_create",
        "harvest_source_create", "harvest_job_create",
    }  # fmt: skip
