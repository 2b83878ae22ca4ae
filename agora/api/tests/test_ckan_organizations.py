"""Organization and membership actions of the CKAN Action API."""

from __future__ import annotations

import uuid

import pytest

from agora.accounts.models import Membership
from agora.catalog.models import Organization
from agora.catalog.tests.factories import DatasetFactory, OrganizationFactory

from .shared import (
    PII_KEYS,
    assert_matches_schema,
    call,
    envelope,
    error,
    ok,
    real_keys,
    real_organizations,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_orgs(org, other_org):
    """Names and titles sort differently: a-agency is titled "Zeta Agency"."""
    agency = OrganizationFactory(name="a-agency", title={"en": "Zeta Agency"})
    for index in range(3):
        DatasetFactory(organization=other_org, name=f"stat-{index}")
    DatasetFactory(organization=org, name="health-1")
    return agency


# ------------------------------------------------------------------ organization_list


def test_organization_list_gives_names_sorted_by_title_by_default(anon_api, three_orgs):
    response = call(anon_api, "organization_list", {}, "GET")
    assert ok(response) == ["ministry-of-health", "statistics-office", "a-agency"]
    assert_matches_schema("organization_list", envelope(response, 200))


SORTS = [
    ("name", ["a-agency", "ministry-of-health", "statistics-office"]),
    ("name asc", ["a-agency", "ministry-of-health", "statistics-office"]),
    ("name desc", ["statistics-office", "ministry-of-health", "a-agency"]),
    ("title desc", ["a-agency", "statistics-office", "ministry-of-health"]),
    ("package_count desc", ["statistics-office", "ministry-of-health", "a-agency"]),
    ("package_count asc", ["a-agency", "ministry-of-health", "statistics-office"]),
]


def test_organization_list_sorts(anon_api, three_orgs):
    found = {
        sort: ok(call(anon_api, "organization_list", {"sort": sort}, "GET")) for sort, _ in SORTS
    }
    assert found == dict(SORTS)


def test_organization_list_refuses_unknown_sorts(anon_api, three_orgs):
    for sort in ("bogus", "name sideways", "created desc"):
        response = call(anon_api, "organization_list", {"sort": sort}, "GET")
        assert "sort" in error(response, 409, "Validation Error")


def test_organization_list_pages_with_limit_and_offset(anon_api, three_orgs):
    params = {"sort": "name", "limit": 2}
    assert ok(call(anon_api, "organization_list", params, "GET")) == [
        "a-agency",
        "ministry-of-health",
    ]
    params = {"sort": "name", "limit": 2, "offset": 2}
    assert ok(call(anon_api, "organization_list", params, "GET")) == ["statistics-office"]
    assert ok(call(anon_api, "organization_list", {"limit": 0})) == []
    error(call(anon_api, "organization_list", {"offset": -1}), 409, "Validation Error")


def test_organization_list_with_all_fields_gives_dicts_with_dataset_counts(anon_api, three_orgs):
    response = call(anon_api, "organization_list", {"all_fields": "true", "sort": "name"}, "GET")
    result = ok(response)
    assert [(o["name"], o["package_count"]) for o in result] == [
        ("a-agency", 0),
        ("ministry-of-health", 1),
        ("statistics-office", 3),
    ]
    assert result[0]["title"] == result[0]["display_name"] == "Zeta Agency"
    assert all(o["is_organization"] is True and o["type"] == "organization" for o in result)
    assert_matches_schema("organization_list", envelope(response, 200))
    params = {"all_fields": True, "include_dataset_count": False}
    assert all("package_count" not in o for o in ok(call(anon_api, "organization_list", params)))


def test_organization_list_with_all_fields_is_capped_as_in_ckan(anon_api, three_orgs, settings):
    settings.AGORA_CKAN_ORG_ALL_FIELDS_MAX = 2
    assert len(ok(call(anon_api, "organization_list", {"all_fields": True, "limit": 10}))) == 2
    assert len(ok(call(anon_api, "organization_list", {"limit": 10}))) == 3


def test_organization_list_can_name_the_organizations_wanted(anon_api, three_orgs):
    params = {"organizations": ["a-agency", "statistics-office", "nope"], "sort": "name"}
    assert ok(call(anon_api, "organization_list", params, "GET")) == [
        "a-agency",
        "statistics-office",
    ]
    assert ok(call(anon_api, "organization_list", params)) == ["a-agency", "statistics-office"]


# ------------------------------------------------------------------ organization_show


def test_organization_show_gives_the_organization_and_its_public_dataset_count(
    anon_api, org, public_dataset, private_dataset, draft_dataset
):
    for key in (org.name, str(org.id)):
        response = call(anon_api, "organization_show", {"id": key}, "GET")
        result = ok(response)
        assert result["id"] == str(org.id)
        assert result["name"] == "ministry-of-health"
        assert result["title"] == result["display_name"] == "Ministry of Health"
        assert result["package_count"] == 1
        assert result["users"] == []
        assert result["country"] == "KEN"
        assert result["publisher_type"] == "NationalAuthority"
        assert "packages" not in result
        assert_matches_schema("organization_show", envelope(response, 200))


def test_organization_show_can_include_the_datasets(
    anon_api, api_as, sysadmin, org, public_dataset, private_dataset
):
    params = {"id": org.name, "include_datasets": True}
    result = ok(call(anon_api, "organization_show", params))
    assert [p["name"] for p in result["packages"]] == ["public-dataset"]
    assert result["packages"][0]["resources"]
    sysadmin_view = ok(call(api_as(sysadmin), "organization_show", params))
    assert [p["name"] for p in sysadmin_view["packages"]] == ["private-dataset", "public-dataset"]
    assert sysadmin_view["package_count"] == 2


def test_organization_show_lists_members_to_its_admins_only(
    api_as, org_admin, editor, member, sysadmin
):
    for user in (org_admin, sysadmin):
        users = ok(call(api_as(user), "organization_show", {"id": "ministry-of-health"}))["users"]
        assert sorted((u["name"], u["capacity"]) for u in users) == [
            ("org-admin", "admin"),
            ("org-editor", "editor"),
            ("org-member", "member"),
        ]
        assert all("email" not in u for u in users)
    for user in (editor, member):
        assert (
            ok(call(api_as(user), "organization_show", {"id": "ministry-of-health"}))["users"] == []
        )


def test_organization_show_has_every_key_real_ckan_sites_send(anon_api, org, public_dataset):
    result = ok(call(anon_api, "organization_show", {"id": org.name, "include_datasets": True}))
    assert not real_keys(real_organizations(), "dataset") - set(result)
    assert "packages" in result
    assert not PII_KEYS & set(result)


@pytest.mark.parametrize("key", ["nobody", str(uuid.uuid4())])
def test_organization_show_of_an_unknown_organization_is_not_found(anon_api, key):
    err = error(call(anon_api, "organization_show", {"id": key}), 404, "Not Found Error")
    assert err["message"] == "Not found: Organization not found"


def test_organization_show_of_a_deleted_organization_is_for_sysadmins(
    anon_api, api_as, sysadmin, org
):
    Organization.objects.filter(pk=org.pk).update(state="deleted")
    error(call(anon_api, "organization_show", {"id": org.name}), 404, "Not Found Error")
    assert ok(call(api_as(sysadmin), "organization_show", {"id": org.name}))["state"] == "deleted"
    assert ok(call(anon_api, "organization_list")) == []


# ------------------------------------------------------------------ organization_create


def test_organization_create_by_a_sysadmin_makes_them_its_admin(api_as, sysadmin, stranger):
    data = {
        "name": "water-board",
        "title": "Water Board",
        "description": "Rivers and lakes.",
        "country": "KE",
        "publisher_type": "NationalAuthority",
        "homepage": "https://water.example.org",
        "image_url": "https://water.example.org/logo.png",
        "users": [{"name": "stranger", "capacity": "editor"}],
    }
    result = ok(call(api_as(sysadmin), "organization_create", data))
    assert (result["name"], result["title"], result["description"]) == (
        "water-board",
        "Water Board",
        "Rivers and lakes.",
    )
    assert (result["country"], result["homepage"], result["package_count"]) == (
        "KEN",
        "https://water.example.org",
        0,
    )
    roles = dict(
        Membership.objects.filter(organization_id=result["id"]).values_list(
            "user__username", "role"
        )
    )
    assert roles == {"sysadmin": "admin", "stranger": "editor"}
    assert ok(
        call(api_as(stranger), "package_create", {"name": "lakes", "owner_org": "water-board"})
    )


def test_organization_create_lets_only_sysadmins_choose_the_id(api_as, sysadmin):
    chosen = str(uuid.uuid4())
    data = {"name": "chosen", "title": "Chosen", "id": chosen}
    assert ok(call(api_as(sysadmin), "organization_create", data))["id"] == chosen


@pytest.mark.parametrize("role", ["anonymous", "stranger", "org_admin"])
def test_organization_create_is_refused_to_other_users_by_default(client_for, role):
    response = call(client_for(role), "organization_create", {"name": "new-org", "title": "New"})
    error(response, 403, "Authorization Error")
    assert not Organization.objects.filter(name="new-org").exists()


def test_signed_in_users_may_create_organizations_when_the_site_allows(
    api_as, stranger, anon_api, settings
):
    settings.AGORA_ACCOUNTS_USERS_CREATE_ORGANIZATIONS = True
    api = api_as(stranger)
    ok(call(api, "organization_create", {"name": "my-org", "title": "Mine"}))
    mine = ok(call(api, "organization_list_for_user", {}, "GET"))
    assert [(o["name"], o["capacity"]) for o in mine] == [("my-org", "admin")]
    error(call(anon_api, "organization_create", {"name": "anon-org"}), 403, "Authorization Error")


def test_organization_create_with_a_taken_name_is_a_conflict(api_as, sysadmin, org):
    err = error(
        call(api_as(sysadmin), "organization_create", {"name": org.name}), 409, "Validation Error"
    )
    assert err["name"] == ["Organization name already exists in database"]


def test_organization_create_names_every_invalid_and_unknown_field(api_as, sysadmin):
    data = {
        "name": "Bad Name",
        "homepage": "ftp://x",
        "email": "nope",
        "country": "Atlantis",
        "publisher_type": "Pirates",
        "image_url": "https://example.org/" + "i" * 600,
        "flavour": "salty",
        "users": [{"name": "nobody"}],
    }
    err = error(call(api_as(sysadmin), "organization_create", data), 409, "Validation Error")
    assert {
        "name",
        "homepage",
        "email",
        "country",
        "publisher_type",
        "image_url",
        "flavour",
    } <= set(err)
    assert Organization.objects.count() == 0


def test_organization_create_with_an_unknown_member_creates_nothing(api_as, sysadmin):
    data = {
        "name": "half-made",
        "title": "Half",
        "users": [{"name": "nobody", "capacity": "admin"}],
    }
    err = error(call(api_as(sysadmin), "organization_create", data), 409, "Validation Error")
    assert err["users"] == ['User "nobody" not found']
    assert not Organization.objects.filter(name="half-made").exists()


# ------------------------------------------------------------------ organization_update


def test_organization_update_by_its_admin_replaces_the_fields(api_as, org_admin, org):
    data = {
        "id": org.name,
        "name": org.name,
        "title": "Ministry of Health and Care",
        "title_translated": {"fr": "Ministère de la Santé"},
        "country": "UG",
    }
    result = ok(call(api_as(org_admin), "organization_update", data))
    assert result["title"] == "Ministry of Health and Care"
    assert result["title_translated"] == {
        "en": "Ministry of Health and Care",
        "fr": "Ministère de la Santé",
    }
    assert result["country"] == "UGA"
    assert result["publisher_type"] is None  # replaced: not given means none


@pytest.mark.parametrize(
    ("role", "status"), [("editor", 403), ("member", 403), ("other_admin", 403), ("anonymous", 403)]
)
def test_organization_update_is_for_its_admins_and_sysadmins(client_for, org, role, status):
    data = {"id": org.name, "name": org.name, "title": "Hijacked"}
    error(call(client_for(role), "organization_update", data), status, "Authorization Error")
    org.refresh_from_db()
    assert org.title == {"en": "Ministry of Health"}


def test_a_failed_organization_update_changes_nothing(api_as, org_admin, org):
    data = {
        "id": org.name,
        "name": org.name,
        "title": "Changed",
        "users": [{"name": "nobody", "capacity": "editor"}],
    }
    error(call(api_as(org_admin), "organization_update", data), 409, "Validation Error")
    org.refresh_from_db()
    assert org.title == {"en": "Ministry of Health"}
    data = {"id": org.name, "name": org.name, "title": "Changed", "homepage": "nope"}
    error(call(api_as(org_admin), "organization_update", data), 409, "Validation Error")
    org.refresh_from_db()
    assert org.title == {"en": "Ministry of Health"}


def test_organization_update_with_what_organization_show_gave_changes_nothing(
    api_as, org_admin, editor, org, public_dataset
):
    api = api_as(org_admin)
    shown = ok(call(api, "organization_show", {"id": org.name, "include_datasets": True}))
    updated = ok(call(api, "organization_update", shown))
    shown.pop("users"), shown.pop("packages")
    assert updated == shown
    roles = dict(Membership.objects.filter(organization=org).values_list("user__username", "role"))
    assert roles == {"org-admin": "admin", "org-editor": "editor"}


def test_organization_update_of_an_unknown_organization_is_not_found(api_as, sysadmin):
    data = {"id": "ghost", "name": "ghost", "title": "Ghost"}
    error(call(api_as(sysadmin), "organization_update", data), 404, "Not Found Error")


# ------------------------------------------------------------------ organization_list_for_user


@pytest.mark.parametrize(
    ("role", "permission", "expected"),
    [
        ("org_admin", None, ["ministry-of-health"]),
        ("editor", None, []),
        ("editor", "create_dataset", ["ministry-of-health"]),
        ("member", "create_dataset", []),
        ("member", "read", ["ministry-of-health"]),
        ("other_admin", "read", ["statistics-office"]),
        ("stranger", "read", []),
        ("anonymous", "read", []),
        ("sysadmin", None, ["ministry-of-health", "statistics-office"]),
    ],
)
def test_organization_list_for_user_lists_where_the_caller_has_the_permission(
    client_for, org, other_org, role, permission, expected
):
    params = {"permission": permission} if permission else {}
    result = ok(call(client_for(role), "organization_list_for_user", params, "GET"))
    assert [o["name"] for o in result] == expected


def test_organization_list_for_user_reports_the_capacity(api_as, editor, org):
    (item,) = ok(call(api_as(editor), "organization_list_for_user", {"permission": "read"}))
    assert (item["capacity"], item["package_count"], item["is_organization"]) == ("editor", 0, True)


def test_organization_list_for_user_of_someone_else_is_for_sysadmins(api_as, editor, sysadmin, org):
    response = call(api_as(editor), "organization_list_for_user", {"id": "sysadmin"})
    error(response, 403, "Authorization Error")
    params = {"id": "org-editor", "permission": "create_dataset"}
    result = ok(call(api_as(sysadmin), "organization_list_for_user", params))
    assert [o["name"] for o in result] == ["ministry-of-health"]
    error(
        call(api_as(sysadmin), "organization_list_for_user", {"id": "nobody"}),
        404,
        "Not Found Error",
    )


def test_organization_list_for_user_refuses_unknown_permissions(api_as, editor):
    err = error(
        call(api_as(editor), "organization_list_for_user", {"permission": "fly"}),
        409,
        "Validation Error",
    )
    assert err["permission"] == ['Unknown permission "fly"']


# ------------------------------------------------------------------ member_create


def test_member_create_by_an_admin_gives_a_user_a_role(api_as, org_admin, stranger, org):
    data = {"id": org.name, "object": "stranger", "object_type": "user", "capacity": "editor"}
    result = ok(call(api_as(org_admin), "member_create", data))
    assert (result["table_name"], result["table_id"], result["capacity"], result["group_id"]) == (
        "user",
        str(stranger.id),
        "editor",
        str(org.id),
    )
    assert ok(
        call(api_as(stranger), "package_create", {"name": "by-new-editor", "owner_org": org.name})
    )
    data["capacity"] = "member"
    ok(call(api_as(org_admin), "member_create", data))
    assert Membership.objects.get(user=stranger, organization=org).role == "member"


@pytest.mark.parametrize("role", ["editor", "member", "other_admin", "stranger", "anonymous"])
def test_member_create_is_for_admins_of_the_organization(client_for, stranger, org, role):
    data = {"id": org.name, "object": "stranger", "capacity": "admin"}
    error(call(client_for(role), "member_create", data), 403, "Authorization Error")
    assert not Membership.objects.filter(user=stranger).exists()


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [
        ({"object": "stranger", "capacity": "overlord"}, 409, "capacity"),
        ({"object": "stranger"}, 409, "capacity"),
        ({"capacity": "member"}, 409, "object"),
        ({"object": "stranger", "capacity": "member", "object_type": "group"}, 409, "object_type"),
        ({"object": "nobody", "capacity": "member"}, 404, None),
    ],
)
def test_member_create_refuses_bad_input(api_as, org_admin, stranger, org, data, status, field):
    response = call(api_as(org_admin), "member_create", {"id": org.name, **data})
    err = error(response, status, "Validation Error" if status == 409 else "Not Found Error")
    if field:
        assert field in err
    assert not Membership.objects.filter(user=stranger).exists()
