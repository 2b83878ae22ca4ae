"""No page of the portal shows a private or draft dataset to someone who may not see it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/search",
    "/search?q=budget",
    "/search?q=census",
    "/organization",
    "/organization/ministry-of-health",
    "/country",
    "/country/ken",
    "/theme",
    "/theme/soci",
]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_never_sees_private_or_draft_datasets(web, catalogue, path):
    response = web.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Secret budget" not in body
    assert "secret-budget" not in body
    assert "Draft census" not in body


@pytest.mark.parametrize("name", ["secret-budget", "draft-census"])
@pytest.mark.parametrize("suffix", ["", "/history"])
def test_private_and_draft_dataset_pages_are_404_for_anonymous(web, catalogue, name, suffix):
    response = web.get(f"/dataset/{name}{suffix}")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_private_file_preview_is_404_for_anonymous(web, catalogue):
    from .conftest import upload

    dist = upload(catalogue["private"], "secret.csv", b"a,b\n1,2\n")
    assert web.get(f"/dataset/secret-budget/resource/{dist.id}/preview").status_code == 404


def test_member_sees_the_private_dataset_on_search_and_its_page(web, catalogue, member):
    web.force_login(member)
    assert "Secret budget" in web.get("/search?q=budget").content.decode()
    assert web.get("/dataset/secret-budget").status_code == 200
    assert "Draft census" not in web.get("/search?q=census").content.decode()


def test_editor_sees_the_draft_on_its_page(web, catalogue, editor):
    web.force_login(editor)
    response = web.get("/dataset/draft-census")
    assert response.status_code == 200
    assert "Draft census" in response.content.decode()


def test_counts_on_the_home_page_leave_out_what_anonymous_cannot_see(web, catalogue):
    response = web.get("/")
    assert response.context["counts"]["datasets"] == 1


def test_a_stranger_cannot_count_views_of_a_private_dataset(catalogue, stranger, actor_of):
    from agora.core.errors import NotFound
    from agora.web.services import dataset_usage_record

    with pytest.raises(NotFound):
        dataset_usage_record(actor=actor_of(stranger), dataset="secret-budget")
