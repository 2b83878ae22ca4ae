"""/api/v1/search: typed filters, facets with labels, sorts, cursor pages, highlighted
snippets, "did you mean", autocomplete; on every engine, within what the caller may see."""

from __future__ import annotations

import pytest

from agora.catalog.tests.factories import DatasetFactory

from .shared import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(engine, org, other_org):
    for number in range(7):
        DatasetFactory(
            name=f"rainfall-{number}",
            title={"en": f"Rainfall station {number}"},
            description={"en": f"Daily rainfall totals, gauge {number}."},
            organization=org if number % 2 else other_org,
            tags=["weather"],
            countries=["KEN"] if number < 3 else ["UGA"],
        )
    DatasetFactory(name="budget", title={"en": "National budget"}, organization=org, tags=[])
    make_dataset(org, "private", title={"en": "Rainfall secret"})


def _get(api, path, **params):  # type: ignore[no-untyped-def]
    response = api.get(path, **params)
    return response.status_code, response.json()


def test_search_filters_counts_and_labels(catalogue, anon_api):
    status, page = _get(
        anon_api, "/api/v1/search/datasets", q="rainfall", country="UGA",
        facets=["organization", "country"], limit=10,
    )  # fmt: skip
    assert status == 200
    assert page["count"] == 4
    assert {i["name"] for i in page["items"]} == {f"rainfall-{n}" for n in range(3, 7)}
    assert page["facets"]["country"] == [{"value": "UGA", "label": "Uganda", "count": 4}]
    labels = {f["value"]: f["label"] for f in page["facets"]["organization"]}
    assert labels == {
        "ministry-of-health": "Ministry of Health",
        "statistics-office": "Statistics Office",
    }


def test_results_carry_highlighted_titles_and_passages(catalogue, anon_api):
    _, page = _get(anon_api, "/api/v1/search/datasets", q="totals", sort="name", limit=1)
    hit = page["items"][0]
    assert hit["name"] == "rainfall-0"
    assert hit["snippet_html"] == "Daily rainfall <mark>totals</mark>, gauge 0."
    assert hit["title_html"] == "Rainfall station 0"
    assert hit["organization"]["name"] == "statistics-office"


def test_cursors_walk_every_result_once_and_belong_to_their_search(catalogue, anon_api):
    seen, cursor = [], None
    while True:
        params = {"q": "rainfall", "sort": "name", "limit": 3}
        if cursor:
            params["cursor"] = cursor
        status, page = _get(anon_api, "/api/v1/search/datasets", **params)
        assert status == 200
        seen += [i["name"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [f"rainfall-{n}" for n in range(7)]
    _, first = _get(anon_api, "/api/v1/search/datasets", q="rainfall", limit=3)
    status, problem = _get(
        anon_api, "/api/v1/search/datasets", q="budget", cursor=first["next_cursor"]
    )
    assert (status, problem["code"]) == (400, "api.bad_cursor")


def test_misspellings_get_a_suggestion(catalogue, anon_api):
    _, page = _get(anon_api, "/api/v1/search/datasets", q="rainfal")
    assert page["count"] == 0 or page["suggestions"] == []
    _, page = _get(anon_api, "/api/v1/search/datasets", q="rianfall")
    assert page["suggestions"] == ["rainfall"]


def test_private_datasets_appear_only_for_members_who_ask(catalogue, anon_api, api_as, member):
    _, anonymous = _get(anon_api, "/api/v1/search/datasets", q="secret", include_private=True)
    assert anonymous["count"] == 0
    _, mine = _get(api_as(member), "/api/v1/search/datasets", q="secret", include_private=True)
    assert [i["name"] for i in mine["items"]] == ["private-dataset"]


def test_autocomplete_completes_visible_titles(catalogue, anon_api, api_as, member):
    status, found = _get(anon_api, "/api/v1/search/autocomplete", q="rainf", limit=50)
    assert status == 200
    assert {c["name"] for c in found} == {f"rainfall-{n}" for n in range(7)}
    _, two_words = _get(anon_api, "/api/v1/search/autocomplete", q="national bud")
    assert [c["title"] for c in two_words] == ["National budget"]


def test_bad_parameters_are_problems_not_crashes(catalogue, anon_api):
    for params in ({"sort": "sideways"}, {"limit": 0}, {"facets": ["colour"]}, {"cursor": "!!"}):
        status, problem = _get(anon_api, "/api/v1/search/datasets", **params)
        assert status in (400, 422), (params, problem)
    status, problem = _get(anon_api, "/api/v1/search/datasets", q="colour:blue")
    assert (status, problem["code"]) == (400, "search.invalid_query")


def test_a_page_is_hydrated_in_a_fixed_number_of_queries(engine, org, anon_api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(30):
        DatasetFactory(
            name=f"set-{number:02}", title={"en": f"Tide gauge {number}"}, organization=org
        )
    counts = {}
    for size in (5, 30):
        with CaptureQueriesContext(connection) as queries:
            status, page = _get(anon_api, "/api/v1/search/datasets", q="tide", limit=size)
        assert (status, len(page["items"])) == (200, size)
        counts[size] = len(queries.captured_queries)
    assert counts[5] == counts[30]
