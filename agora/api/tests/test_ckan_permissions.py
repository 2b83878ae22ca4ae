"""Who may see and change what through the CKAN Action API, and how callers are recognised.

The matrix: every role x show / search / update / delete x a public, a private and a draft
dataset of `org`. The rule (agora/catalog/permissions.py): private datasets are seen by the
members of their organization (any role) and sysadmins; drafts by its editors and admins and
sysadmins; only editors, admins and sysadmins change them. A caller who may not see a dataset
is told it does not exist (404); one who sees it but may not change it gets 403.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from agora.accounts import services as account_services
from agora.accounts.models import ApiToken
from agora.catalog.models import Dataset
from agora.conftest import ApiClient
from agora.core.actor import SYSTEM

from .shared import ROLES, call, error, make_dataset, ok

pytestmark = pytest.mark.django_db

KINDS = ("public", "private", "draft")
SEES = {
    "public": set(ROLES),
    "private": {"member", "editor", "org_admin", "sysadmin"},
    "draft": {"editor", "org_admin", "sysadmin"},
}
EDITS = {"editor", "org_admin", "sysadmin"}


def write_status(role: str, kind: str) -> int:
    if role in EDITS:
        return 200
    return 403 if role in SEES[kind] else 404


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_package_show_follows_the_visibility_rule(org, client_for, role, kind):
    dataset = make_dataset(org, kind)
    response = call(client_for(role), "package_show", {"id": dataset.name}, "GET")
    if role in SEES[kind]:
        assert ok(response)["id"] == str(dataset.id)
    else:
        assert error(response, 404, "Not Found Error")["message"] == "Not found: Dataset not found"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_package_search_results_and_facets_follow_the_visibility_rule(org, client_for, role, kind):
    dataset = make_dataset(org, kind)
    params = {
        "q": dataset.name,
        "include_private": "true",
        "include_drafts": "true",
        "facet.field": ["organization", "tags", "groups", "res_format", "license_id"],
    }
    result = ok(call(client_for(role), "package_search", params, "GET"))
    names = [r["name"] for r in result["results"]]
    visible = role in SEES[kind]
    assert names == ([dataset.name] if visible else [])
    assert result["count"] == (1 if visible else 0)
    tag = dataset.tags.get().name
    assert result["facets"]["tags"] == ({tag: 1} if visible else {})
    assert result["facets"]["organization"] == ({org.name: 1} if visible else {})
    assert bool(result["facets"]["groups"]) is visible
    assert bool(result["search_facets"]["res_format"]["items"]) is visible


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_package_patch_is_for_editors_admins_and_sysadmins(org, client_for, role, kind):
    dataset = make_dataset(org, kind)
    response = call(client_for(role), "package_patch", {"id": str(dataset.id), "title": "New"})
    status = write_status(role, kind)
    dataset.refresh_from_db()
    if status == 200:
        assert ok(response)["title"] == "New"
        assert dataset.title["en"] == "New"
    else:
        error(response, status, "Authorization Error" if status == 403 else "Not Found Error")
        assert dataset.title["en"] != "New"
        assert dataset.revision_number == 1


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_package_delete_is_for_editors_admins_and_sysadmins(org, client_for, role, kind):
    dataset = make_dataset(org, kind)
    before = dataset.state
    response = call(client_for(role), "package_delete", {"id": dataset.name})
    status = write_status(role, kind)
    dataset.refresh_from_db()
    if status == 200:
        assert ok(response) is None
        assert dataset.state == "deleted"
    else:
        error(response, status, "Authorization Error" if status == 403 else "Not Found Error")
        assert dataset.state == before


@pytest.mark.parametrize("role", ["anonymous", "stranger", "other_admin"])
def test_lists_and_counts_never_reveal_private_or_draft_datasets(
    org, client_for, role, public_dataset, private_dataset, draft_dataset
):
    api = client_for(role)
    assert ok(call(api, "package_list", {}, "GET")) == ["public-dataset"]
    assert ok(call(api, "package_list", {"include_private": "true"}, "GET")) == ["public-dataset"]
    listed = ok(call(api, "current_package_list_with_resources", {}, "GET"))
    assert [d["name"] for d in listed] == ["public-dataset"]
    shown = ok(call(api, "organization_show", {"id": org.name, "include_datasets": "true"}))
    assert shown["package_count"] == 1
    assert [d["name"] for d in shown["packages"]] == ["public-dataset"]
    params = {"all_fields": "true", "organizations": [org.name]}
    (listed_org,) = ok(call(api, "organization_list", params, "GET"))
    assert listed_org["package_count"] == 1
    assert ok(call(api, "tag_list", {}, "GET")) == ["open-tag"]
    groups = {
        g["name"]: g["package_count"] for g in ok(call(api, "group_list", {"all_fields": True}))
    }
    assert groups["econ"] == 1
    assert groups["heal"] == 0
    assert groups["educ"] == 0
    facets = ok(call(api, "package_search", {"facet.field": ["tags"], "include_private": True}))
    assert facets["facets"]["tags"] == {"open-tag": 1}
    assert facets["count"] == 1


def test_members_count_the_private_datasets_of_their_organization(
    org, client_for, public_dataset, private_dataset, draft_dataset
):
    api = client_for("member")
    assert ok(call(api, "organization_show", {"id": org.name}))["package_count"] == 2
    assert ok(call(api, "tag_list", {}, "GET")) == ["open-tag", "secret-tag"]
    # package_list is CKAN's list of public datasets unless include_private is asked for
    assert ok(call(api, "package_list", {}, "GET")) == ["public-dataset"]
    names = ok(call(api, "package_list", {"include_private": True}))
    assert names == ["private-dataset", "public-dataset"]


def test_show_of_a_deleted_dataset_is_for_editors_only(org, client_for, public_dataset):
    ok(call(client_for("editor"), "package_delete", {"id": public_dataset.name}))
    for role in ("anonymous", "member", "other_admin"):
        error(
            call(client_for(role), "package_show", {"id": public_dataset.name}),
            404,
            "Not Found Error",
        )
    assert ok(call(client_for("editor"), "package_show", {"id": public_dataset.name}))["state"] == (
        "deleted"
    )


@pytest.mark.parametrize("role", ["anonymous", "stranger", "member", "other_admin"])
def test_package_create_is_refused_to_those_who_are_not_editors_of_the_organization(
    org, client_for, role
):
    response = call(client_for(role), "package_create", {"name": "new-data", "owner_org": org.name})
    error(response, 403, "Authorization Error")
    assert not Dataset.objects.filter(name="new-data").exists()


# ------------------------------------------------------------------ recognising the caller


def _whoami(api: ApiClient) -> str:
    return ok(call(api, "user_show", {}, "GET"))["name"]


def test_a_raw_token_in_authorization_identifies_the_caller(editor, token_for):
    assert _whoami(ApiClient(token_for(editor))) == "org-editor"


def test_a_bearer_token_in_authorization_identifies_the_caller(editor, token_for):
    assert _whoami(ApiClient(f"Bearer {token_for(editor)}")) == "org-editor"


def test_the_x_ckan_api_key_header_identifies_the_caller(member, token_for, private_dataset):
    client = Client(HTTP_HOST="127.0.0.1")
    headers = {"HTTP_X_CKAN_API_KEY": token_for(member)}
    response = client.get("/api/3/action/package_show", {"id": private_dataset.name}, **headers)
    assert ok(response)["name"] == "private-dataset"
    response = client.get("/api/3/action/user_show", **headers)
    assert ok(response)["name"] == "org-member"


@pytest.mark.parametrize("token", ["not-a-token", "Bearer not-a-token", "agora_" + "x" * 43])
def test_a_wrong_token_is_refused_rather_than_treated_as_anonymous(token, public_dataset):
    response = call(ApiClient(token), "package_show", {"id": public_dataset.name}, "GET")
    err = error(response, 403, "Authorization Error")
    assert "invalid, expired or revoked" in err["message"]


def test_a_revoked_token_is_refused(editor, org):
    token, secret = account_services.token_create(actor=SYSTEM, user=editor, name="ci")
    api = ApiClient(secret)
    assert _whoami(api) == "org-editor"
    account_services.token_revoke(actor=SYSTEM, token=token)
    error(call(api, "user_show", {}, "GET"), 403, "Authorization Error")
    response = call(api, "package_create", {"name": "after-revoke", "owner_org": org.name})
    error(response, 403, "Authorization Error")
    assert not Dataset.objects.filter(name="after-revoke").exists()


def test_an_expired_token_is_refused(editor):
    expires = timezone.now() + dt.timedelta(days=1)
    token, secret = account_services.token_create(
        actor=SYSTEM, user=editor, name="short", expires_at=expires
    )
    api = ApiClient(secret)
    assert _whoami(api) == "org-editor"
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    error(call(api, "user_show", {}, "GET"), 403, "Authorization Error")


def test_the_token_of_a_deactivated_user_is_refused(editor, token_for):
    api = ApiClient(token_for(editor))
    editor.is_active = False
    editor.save(update_fields=["is_active"])
    error(call(api, "status_show", {}, "GET"), 403, "Authorization Error")


def test_a_browser_session_may_read_but_must_send_a_csrf_token_to_write(member, editor, org):
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    client.force_login(editor)
    assert ok(client.get("/api/3/action/user_show"))["name"] == "org-editor"
    response = client.post(
        "/api/3/action/package_create",
        '{"name": "via-session", "owner_org": "ministry-of-health"}',
        content_type="application/json",
    )
    assert "CSRF" in error(response, 403, "Authorization Error")["message"]
    assert not Dataset.objects.filter(name="via-session").exists()
