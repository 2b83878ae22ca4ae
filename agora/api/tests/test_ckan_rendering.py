"""Rendered package dicts are reused while a dataset is unchanged, and never served stale."""

from __future__ import annotations

import pytest

from agora.api.ckan.rendering import CACHE
from agora.catalog import services
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import SYSTEM
from agora.core.rendercache import render_cache
from agora.interop.records import OrganizationDraft

pytestmark = pytest.mark.django_db


def show(api, name):
    response = api.action("package_show", "GET", id=name)
    assert response.status_code == 200, response.content
    return response.json()["result"]


def test_second_show_is_served_from_the_cache(org, anon_api):
    DatasetFactory(name="cached", organization=org)
    cache = render_cache(CACHE)
    show(anon_api, "cached")
    hits = cache.hits
    show(anon_api, "cached")
    assert cache.hits == hits + 1


def test_an_update_is_visible_immediately(org, editor, api_as, anon_api):
    DatasetFactory(name="cached", organization=org, version="1")
    assert show(anon_api, "cached")["version"] == "1"
    api_as(editor).action("package_patch", id="cached", version="2")
    assert show(anon_api, "cached")["version"] == "2"


def test_a_new_distribution_is_visible_immediately(org, editor, api_as, anon_api):
    DatasetFactory(name="cached", organization=org)
    assert show(anon_api, "cached")["num_resources"] == 0
    api_as(editor).action("resource_create", package_id="cached", url="https://e.org/a.csv")
    assert show(anon_api, "cached")["num_resources"] == 1


def test_an_organization_change_is_visible_immediately(org, anon_api):
    DatasetFactory(name="cached", organization=org)
    assert show(anon_api, "cached")["organization"]["title"] == "Ministry of Health"
    services.organization_update(
        actor=SYSTEM,
        organization=org,
        draft=OrganizationDraft(name=org.name, title={"en": "Ministry of Public Health"}),
    )
    assert show(anon_api, "cached")["organization"]["title"] == "Ministry of Public Health"


def test_making_a_dataset_private_hides_its_cached_rendering(org, editor, api_as, anon_api):
    DatasetFactory(name="cached", organization=org)
    show(anon_api, "cached")
    api_as(editor).action("package_patch", id="cached", private=True)
    assert anon_api.action("package_show", "GET", id="cached").status_code == 404
    search = anon_api.action("package_search", "GET", q="cached").json()["result"]
    assert search["count"] == 0
    assert search["results"] == []


def test_languages_are_cached_separately(org, anon_api):
    DatasetFactory(name="cached", organization=org, title={"en": "Water", "fr": "Eau"})
    assert show(anon_api, "cached")["title"] == "Water"
    response = anon_api.action("package_show", "GET", id="cached", lang="fr")
    assert response.json()["result"]["title"] == "Eau"
