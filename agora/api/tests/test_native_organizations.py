"""Native API: organizations, members, tokens, vocabularies and /me."""

from __future__ import annotations

import pytest

from agora.accounts.models import ApiToken, Membership
from agora.catalog.tests.factories import DatasetFactory

pytestmark = pytest.mark.django_db


def test_sysadmin_creates_organization_and_becomes_admin(sysadmin, api_as):
    response = api_as(sysadmin).send(
        "POST",
        "/api/v1/organizations",
        {
            "name": "bureau-of-statistics",
            "title": {"en": "Bureau", "fr": "Bureau (fr)"},
            "country": "GH",
            "publisher_type": "NationalAuthority",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "GHA"
    assert Membership.objects.get(organization__name="bureau-of-statistics").role == "admin"


def test_ordinary_users_cannot_create_organizations(stranger, api_as):
    response = api_as(stranger).send(
        "POST", "/api/v1/organizations", {"name": "mine", "title": {"en": "Mine"}}
    )
    assert response.status_code == 403


def test_organization_patch_by_its_admin_only(org, org_admin, editor, api_as):
    assert (
        api_as(editor)
        .send(
            "PATCH", "/api/v1/organizations/ministry-of-health", {"homepage": "https://moh.example"}
        )
        .status_code
        == 403
    )
    response = api_as(org_admin).send(
        "PATCH", "/api/v1/organizations/ministry-of-health", {"homepage": "https://moh.example"}
    )
    assert response.status_code == 200
    assert response.json()["homepage"] == "https://moh.example"
    assert response.json()["title"] == {"en": "Ministry of Health"}


def test_organization_parent_cycle_is_refused(org, other_org, sysadmin, api_as):
    client = api_as(sysadmin)
    assert (
        client.send(
            "PATCH", "/api/v1/organizations/statistics-office", {"parent": "ministry-of-health"}
        ).status_code
        == 200
    )
    response = client.send(
        "PATCH", "/api/v1/organizations/ministry-of-health", {"parent": "statistics-office"}
    )
    assert response.status_code == 422
    assert "parent" in response.json()["errors"]


def test_organization_with_datasets_cannot_be_deleted(org, sysadmin, api_as):
    DatasetFactory(organization=org)
    response = api_as(sysadmin).send("DELETE", "/api/v1/organizations/ministry-of-health")
    assert response.status_code == 409


def test_organization_list_counts_only_visible_datasets(org, anon_api, api_as, member):
    DatasetFactory(organization=org)
    DatasetFactory(organization=org, private=True)
    public_view = anon_api.get("/api/v1/organizations").json()["items"]
    assert [o["dataset_count"] for o in public_view if o["name"] == org.name] == [1]
    member_view = api_as(member).get("/api/v1/organizations/ministry-of-health").json()
    assert member_view["dataset_count"] == 2


def test_members_are_managed_by_admins(org, org_admin, editor, stranger, api_as):
    client = api_as(org_admin)
    response = client.send(
        "PUT",
        f"/api/v1/organizations/ministry-of-health/members/{stranger.username}",
        {"role": "editor"},
    )
    assert response.status_code == 200
    members = client.get("/api/v1/organizations/ministry-of-health/members").json()
    assert {"user": stranger.username, "role": "editor"} in members
    assert api_as(editor).get("/api/v1/organizations/ministry-of-health/members").status_code == 403
    assert (
        client.send(
            "DELETE", f"/api/v1/organizations/ministry-of-health/members/{stranger.username}"
        ).status_code
        == 204
    )


def test_last_admin_cannot_leave(org, org_admin, api_as):
    response = api_as(org_admin).send(
        "DELETE", f"/api/v1/organizations/ministry-of-health/members/{org_admin.username}"
    )
    assert response.status_code == 409


def test_tokens_are_shown_once_listed_without_secret_and_revocable(stranger, api_as, anon_api):
    client = api_as(stranger)
    created = client.send("POST", "/api/v1/me/tokens", {"name": "laptop"})
    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith("agora_")
    listed = client.get("/api/v1/me/tokens").json()
    assert all("token" not in t for t in listed)
    assert ApiToken.objects.filter(token_hash__contains=secret).count() == 0  # only the hash
    new_client = type(client)(secret)
    assert new_client.get("/api/v1/me").json()["username"] == stranger.username
    assert client.send("DELETE", f"/api/v1/me/tokens/{created.json()['id']}").status_code == 204
    assert new_client.get("/api/v1/me").status_code == 403


def test_me_for_anonymous(anon_api):
    assert anon_api.get("/api/v1/me").json()["authenticated"] is False
    assert anon_api.get("/api/v1/me/tokens").status_code == 403


def test_countries_with_regions_and_counts(org, anon_api):
    DatasetFactory(organization=org, countries=["KEN"])
    kenya = anon_api.get("/api/v1/countries/ken").json()
    assert kenya["subregion_name"] == "Sub-Saharan Africa"
    assert kenya["intermediate_region_name"] == "Eastern Africa"
    assert kenya["dataset_count"] == 1
    with_data = anon_api.get("/api/v1/countries", with_datasets=True).json()
    assert [c["code"] for c in with_data] == ["KEN"]
    africa = anon_api.get("/api/v1/countries", region="002").json()
    assert len(africa) >= 54
    assert anon_api.get("/api/v1/countries/XYZ").status_code == 404


def test_themes_and_licences(anon_api):
    themes = anon_api.get("/api/v1/themes").json()
    assert len(themes) == 13
    assert {t["code"] for t in themes} >= {"AGRI", "ECON", "TRAN"}
    assert all(set(t["labels"]) == {"ar", "zh", "en", "fr", "ru", "es"} for t in themes)
    licences = {lic["id"]: lic for lic in anon_api.get("/api/v1/licences").json()}
    assert licences["CC-BY-4.0"]["is_open"] is True
    assert licences["CC-BY-NC-4.0"]["is_open"] is False
