"""The visibility and edit rules, proved for every role on the native API.

Rows: who is asking. Columns: show, list (search), update, delete, for a public, a private
and a draft dataset of `org`.
"""

from __future__ import annotations

import pytest

from agora.catalog.tests.factories import DatasetFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "member", "editor", "org_admin", "other_admin", "sysadmin"]
SEES = {
    "public": set(ROLES),
    "private": {"member", "editor", "org_admin", "sysadmin"},
    "draft": {"editor", "org_admin", "sysadmin"},
}
EDITS = {"editor", "org_admin", "sysadmin"}


@pytest.fixture
def client_for(request, api_as, anon_api, org):
    def make(role: str):
        if role == "anonymous":
            return anon_api
        return api_as(request.getfixturevalue(role))

    return make


def _dataset(org, kind: str):
    return DatasetFactory(
        name=f"{kind}-data",
        organization=org,
        private=kind == "private",
        state="draft" if kind == "draft" else "active",
    )


@pytest.mark.parametrize("kind", ["public", "private", "draft"])
@pytest.mark.parametrize("role", ROLES)
def test_show(org, client_for, role, kind):
    dataset = _dataset(org, kind)
    response = client_for(role).get(f"/api/v1/datasets/{dataset.name}")
    assert response.status_code == (200 if role in SEES[kind] else 404)


@pytest.mark.parametrize("kind", ["public", "private", "draft"])
@pytest.mark.parametrize("role", ROLES)
def test_list(org, client_for, role, kind):
    dataset = _dataset(org, kind)
    names = [d["name"] for d in client_for(role).get("/api/v1/datasets").json()["items"]]
    assert (dataset.name in names) == (role in SEES[kind])
    by_id = client_for(role).get(f"/api/v1/datasets/{dataset.id}/revisions")
    assert by_id.status_code == (200 if role in SEES[kind] else 404)


@pytest.mark.parametrize("kind", ["public", "private", "draft"])
@pytest.mark.parametrize("role", ROLES)
def test_update(org, client_for, role, kind):
    dataset = _dataset(org, kind)
    response = client_for(role).send("PATCH", f"/api/v1/datasets/{dataset.name}", {"version": "9"})
    if role in EDITS:
        assert response.status_code == 200
    else:
        assert response.status_code == (403 if role in SEES[kind] else 404)
    dataset.refresh_from_db()
    assert (dataset.version == "9") == (role in EDITS)


@pytest.mark.parametrize("kind", ["public", "private", "draft"])
@pytest.mark.parametrize("role", ROLES)
def test_delete(org, client_for, role, kind):
    dataset = _dataset(org, kind)
    response = client_for(role).send("DELETE", f"/api/v1/datasets/{dataset.name}")
    if role in EDITS:
        assert response.status_code == 204
    else:
        assert response.status_code == (403 if role in SEES[kind] else 404)
    dataset.refresh_from_db()
    assert (dataset.state == "deleted") == (role in EDITS)
