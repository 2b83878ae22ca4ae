"""CKAN package_search on every search engine: the real response shape, the Lucene/Solr syntax
clients send (and clear 400s for what Agora does not do), visibility for every role."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agora.catalog.models import Dataset
from agora.catalog.tests.factories import DatasetFactory
from agora.testing import shared_data_path

from .shared import ROLES, call, envelope, error, make_dataset, ok

pytestmark = pytest.mark.django_db


def _names(api, params, method="GET"):  # type: ignore[no-untyped-def]
    return sorted(r["name"] for r in ok(call(api, "package_search", params, method))["results"])


@pytest.fixture
def catalogue(engine, org, other_org):
    DatasetFactory(name="air-quality", title={"en": "Air quality 2023"}, organization=org,
                   tags=["air"], themes=["ENVI"], countries=["KEN"])  # fmt: skip
    DatasetFactory(name="road-deaths", title={"en": "Road deaths"}, organization=other_org,
                   tags=["transport"], themes=["TRAN"], countries=["UGA"],
                   description={"en": "Fatalities on national roads."})  # fmt: skip
    DatasetFactory(name="census-2019", title={"fr": "Recensement de la population"},
                   organization=other_org, tags=["census"], languages=["fr"])  # fmt: skip


def test_the_response_has_the_shape_of_real_ckan_answers(catalogue, anon_api):
    real = json.loads(
        (shared_data_path() / "ckan-api/dados-gov-br/package_search.q-all.rows10.json").read_text()
    )["result"]
    params = {"q": "road", "facet.field": ["organization", "tags"]}
    ours = ok(call(anon_api, "package_search", params, "GET"))
    assert set(ours) == set(real)
    for key in real:
        assert type(ours[key]) is type(real[key]), key
    assert ours["search_facets"]["tags"]["items"] == [
        {"name": "transport", "display_name": "transport", "count": 1}
    ]


def _shape(value: object) -> object:
    """A JSON value's shape: dict keys (recursively, for the first item of lists) and types."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


@pytest.mark.parametrize(
    "sample",
    [
        "demo-ckan-org-2017/package_search.demo-ckan-2017.json",
        "data-gov-uk/example_responses/package_search.json",
    ],
)
def test_facets_have_the_shape_of_real_ckan_answers(catalogue, anon_api, sample):
    real = json.loads((shared_data_path() / "ckan-api" / sample).read_text())
    asked = list(real["result"]["facets"])
    response = call(anon_api, "package_search", {"facet.field": json.dumps(asked)}, "GET")
    ours = response.json()
    assert set(ours) == set(real)
    result = ours["result"]
    assert list(result["facets"]) == asked
    for name in asked:
        facet, real_facet = result["search_facets"][name], real["result"]["search_facets"][name]
        assert set(facet) == set(real_facet) == {"items", "title"}
        assert facet["title"] == real_facet["title"] == name
        expected = {"name": "str", "display_name": "str", "count": "int"}
        assert all(_shape(item) == expected for item in real_facet["items"]), sample
        assert all(_shape(item) == expected for item in facet["items"]), name
        assert all(type(n) is int for n in result["facets"][name].values())
    assert result["search_facets"]["organization"]["items"], "some organization is counted"


SYNTAX = [
    ("q", "text:road", ["road-deaths"]),
    ("q", "notes:fatalities", ["road-deaths"]),
    ("q", "recensement", ["census-2019"]),
    ("q", "popul*", ["census-2019"]),
    ("q", "metadata_modified:[2000-01-01T00:00:00Z TO *]",
     ["air-quality", "census-2019", "road-deaths"]),
    ("q", "road metadata_created:[* TO NOW]", ["road-deaths"]),
    ("fq", "country:KEN", ["air-quality"]),
    ("fq", "theme:tran", ["road-deaths"]),
    ("fq", "language:fr", ["census-2019"]),
    ("fq", "country:(KEN OR UGA)", ["air-quality", "road-deaths"]),
    ("fq", "metadata_modified:[NOW-1DAY TO *] -tags:air", ["census-2019", "road-deaths"]),
]  # fmt: skip


def test_the_syntax_clients_send_is_understood(catalogue, anon_api):
    answers = [_names(anon_api, {key: value}) for key, value, _ in SYNTAX]
    assert answers == [expected for _, _, expected in SYNTAX]


def test_square_brackets_include_a_bound_and_braces_exclude_it(catalogue, anon_api):
    modified = Dataset.objects.get(name="road-deaths").updated_at
    moment = modified.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    between = {
        f"[{moment} TO {moment}]": ["road-deaths"],
        f"{{{moment} TO {moment}]": [],
        f"[{moment} TO {moment}}}": [],
    }
    found = {r: _names(anon_api, {"fq": f"metadata_modified:{r}"}) for r in between}
    assert found == between
    around = f"metadata_modified:[{moment}-1SECOND TO {moment}+1SECOND}}"
    assert "road-deaths" in _names(anon_api, {"fq": around})


REFUSED = [
    ("q", "*ation", "Only wildcards at the end of a word"),
    ("q", "po*lation", "Only wildcards at the end of a word"),
    ("q", "popul?tion", "Single-character wildcards"),
    ("q", "roam~", "Fuzzy searches"),
    ("q", "roam~2", "Fuzzy searches"),
    ("q", '"road deaths"~3', "Proximity searches"),
    ("q", "road^2", "Boosts"),
    ("q", "name:[a TO b]", "Ranges are supported on metadata_modified only"),
    ("q", "metadata_modified:2020", "takes a range"),
    ("q", "[a TO b]", "Ranges are written"),
    ("fq", "title:[a TO z]", "Ranges are supported on metadata_modified only"),
]


def test_what_agora_does_not_do_is_a_clear_400(catalogue, anon_api):
    messages = {
        value: error(
            call(anon_api, "package_search", {key: value}, "GET"), 400, "Search Query Error"
        )["message"]
        for key, value, _ in REFUSED
    }
    assert all(expected in messages[value] for _, value, expected in REFUSED), messages


@pytest.mark.parametrize("role", ROLES)
def test_search_shows_each_role_what_it_may_see(request, engine, org, client_for, role):
    for kind in ("public", "private", "draft"):
        make_dataset(org, kind)
    api = client_for(role)
    every = {"include_private": True, "include_drafts": True, "facet.field": ["tags"]}
    result = ok(call(api, "package_search", every, "GET"))
    expected = {
        "anonymous": ["public-dataset"], "stranger": ["public-dataset"],
        "member": ["private-dataset", "public-dataset"],
        "editor": ["draft-dataset", "private-dataset", "public-dataset"],
        "org_admin": ["draft-dataset", "private-dataset", "public-dataset"],
        "other_admin": ["public-dataset"],
        "sysadmin": ["draft-dataset", "private-dataset", "public-dataset"],
    }[role]  # fmt: skip
    assert sorted(r["name"] for r in result["results"]) == expected
    assert result["count"] == len(expected)
    tags = {"public-dataset": "open-tag", "private-dataset": "secret-tag",
            "draft-dataset": "draft-tag"}  # fmt: skip
    assert set(result["facets"]["tags"]) == {tags[name] for name in expected}
    assert _names(api, {"q": "dataset"}) == ["public-dataset"]


def test_hostile_queries_over_http_are_answered_or_refused_clearly(catalogue, anon_api):
    answered = {
        '"air quality': ["air-quality"],
        "((((air": ["air-quality"],
        "air\x01\x1f quality\x7f": ["air-quality"],
        "'; DROP TABLE search_document; --": [],
        "&&& ||| !!!": [],
    }
    assert {q: _names(anon_api, {"q": q}) for q in answered} == answered
    many = " ".join(["air"] * 10_000)
    for params in ({"q": many}, {"fq": " ".join(["tags:air"] * 10_000)}):
        message = error(call(anon_api, "package_search", params, "GET"), 400, "Search Query Error")
        assert "more than" in message["message"]
    native = anon_api.client.get("/api/v1/search/datasets", {"q": many})
    assert native.status_code == 400
    assert native.json()["code"] == "search.invalid_query"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=40), fq=st.text(max_size=40))
def test_no_query_makes_the_server_fail(catalogue, anon_api, q, fq):
    response = call(anon_api, "package_search", {"q": q, "fq": fq}, "GET")
    assert response.status_code in (200, 400)
    envelope(response, response.status_code)
