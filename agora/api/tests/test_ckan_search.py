"""package_search: CKAN's parameters, their defaults, Lucene `q`, Solr `fq`, sorts and facets."""

from __future__ import annotations

import datetime as dt

import pytest

from agora.api.ckan.params import Params
from agora.api.ckan.search_params import search_query_from
from agora.catalog.tests.factories import DatasetFactory
from agora.interop.records import DistributionDraft
from agora.search.query import MatchAll, Sort

from .shared import (
    assert_matches_schema,
    call,
    envelope,
    error,
    ok,
    real_keys,
    real_packages,
)

pytestmark = pytest.mark.django_db


def _file(fmt: str) -> list[DistributionDraft]:
    return [DistributionDraft(title=fmt, url=f"https://example.org/f.{fmt.lower()}", format=fmt)]


@pytest.fixture
def catalogue(org, other_org):
    """Four public datasets in two organizations and a private one, created in this order."""
    specs = [
        ("air-quality", "Air quality 2023", org, ["air", "pollution"], ["ENVI"], "CSV",
         "CC-BY-4.0"),
        ("water-quality", "Water quality", org, ["pollution", "water"], ["ENVI", "HEAL"], "JSON",
         "CC0-1.0"),
        ("road-deaths", "Road deaths", other_org, ["health", "transport"], ["TRAN"], "CSV",
         "CC-BY-4.0"),
        ("budget-2024", "National budget 2024", other_org, ["finance"], ["ECON"], "XLSX",
         "ODbL-1.0"),
    ]  # fmt: skip
    for name, title, owner, tags, themes, fmt, licence in specs:
        DatasetFactory(
            name=name,
            title={"en": title},
            organization=owner,
            tags=tags,
            themes=themes,
            licence=licence,
            distributions=_file(fmt),
        )
    DatasetFactory(name="secret-census", organization=org, tags=["pollution"], private=True)


def names(api, params=None, method="GET"):  # type: ignore[no-untyped-def]
    result = ok(call(api, "package_search", params or {}, method))
    return sorted(r["name"] for r in result["results"])


def search_error(api, params) -> str:  # type: ignore[no-untyped-def]
    return error(call(api, "package_search", params, "GET"), 400, "Search Query Error")["message"]


# ------------------------------------------------------------------ parameter defaults


def test_parameters_default_as_in_ckan(settings):
    query, sort, facets = search_query_from(Params({}))
    assert query.limit == 10
    assert query.offset == 0
    assert query.text == MatchAll()
    assert query.include_private is False
    assert query.include_drafts is False
    assert (query.facet_limit, query.facet_mincount) == (50, 1)
    assert sort == "score desc, metadata_modified desc"
    assert query.sort == (Sort("score", True), Sort("metadata_modified", True))
    assert facets == []


def test_rows_are_capped_at_1000_as_in_ckan():
    assert search_query_from(Params({"rows": "5000"}))[0].limit == 1000
    assert search_query_from(Params({"rows": "1000"}))[0].limit == 1000
    assert search_query_from(Params({"rows": 7, "start": "3"}))[0].limit == 7


def test_rows_default_to_10_and_start_pages(org, anon_api):
    for index in range(12):
        DatasetFactory(organization=org, name=f"set-{index:02}")
    result = ok(call(anon_api, "package_search", {"sort": "name asc"}, "GET"))
    assert result["count"] == 12
    assert [r["name"] for r in result["results"]] == [f"set-{i:02}" for i in range(10)]
    page = ok(call(anon_api, "package_search", {"sort": "name asc", "start": 10}, "GET"))
    assert [r["name"] for r in page["results"]] == ["set-10", "set-11"]
    assert ok(call(anon_api, "package_search", {"rows": 0}))["results"] == []
    assert ok(call(anon_api, "package_search", {"rows": 0}))["count"] == 12
    assert ok(call(anon_api, "package_search", {"start": 500}))["results"] == []


def test_rows_over_the_maximum_are_cut_to_it(org, anon_api, settings):
    settings.AGORA_CKAN_ROWS_MAX = 3
    for index in range(5):
        DatasetFactory(organization=org, name=f"set-{index}")
    result = ok(call(anon_api, "package_search", {"rows": 50}, "GET"))
    assert (len(result["results"]), result["count"]) == (3, 5)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"rows": -1}, "rows"),
        ({"rows": "ten"}, "rows"),
        ({"start": -5}, "start"),
        ({"start": "99999999999999999999"}, "start"),
        ({"facet.limit": -2}, "facet.limit"),
        ({"facet.mincount": "x"}, "facet.mincount"),
        ({"include_private": "perhaps"}, "include_private"),
    ],
)
def test_bad_paging_and_flags_are_named(anon_api, params, field):
    err = error(call(anon_api, "package_search", params, "GET"), 409, "Validation Error")
    assert field in err


# ------------------------------------------------------------------ results


def test_results_are_full_package_dicts_and_match_the_ckan_schema(anon_api, catalogue):
    response = call(anon_api, "package_search", {"q": "road", "facet.field": ["tags"]}, "GET")
    body = envelope(response, 200)
    assert_matches_schema("package_search", body)
    (found,) = body["result"]["results"]
    assert found == ok(call(anon_api, "package_show", {"id": "road-deaths"}, "GET"))
    assert set(body["result"]) == {"count", "sort", "results", "facets", "search_facets"}


def test_results_have_every_key_real_ckan_sites_send(anon_api, catalogue):
    result = ok(call(anon_api, "package_search", {"q": "road"}))["results"][0]
    real = real_packages()
    assert not real_keys(real, "dataset") - set(result)
    assert not real_keys(real, "resource") - set(result["resources"][0])
    assert not real_keys(real, "organization") - set(result["organization"])


def test_get_and_post_search_alike(anon_api, catalogue):
    params = {"q": "quality", "fq": "tags:pollution", "facet.field": ["organization"]}
    assert ok(call(anon_api, "package_search", params, "GET")) == ok(
        call(anon_api, "package_search", params, "POST")
    )


# ------------------------------------------------------------------ q (Lucene syntax)


Q_CASES = [
    ("", ["air-quality", "budget-2024", "road-deaths", "water-quality"]),
    ("*:*", ["air-quality", "budget-2024", "road-deaths", "water-quality"]),
    ("quality", ["air-quality", "water-quality"]),
    ("QUALITY", ["air-quality", "water-quality"]),
    ('"road deaths"', ["road-deaths"]),
    ('"deaths road"', []),
    ("air OR water", ["air-quality", "water-quality"]),
    ("quality -water", ["air-quality"]),
    ("quality AND NOT water", ["air-quality"]),
    ("(air OR road) AND 2023", ["air-quality"]),
    ("budg*", ["budget-2024"]),
    ("tags:pollution", ["air-quality", "water-quality"]),
    ("tags:(air OR finance)", ["air-quality", "budget-2024"]),
    ("name:road-deaths", ["road-deaths"]),
    ("organization:statistics-office", ["budget-2024", "road-deaths"]),
    ("res_format:csv", ["air-quality", "road-deaths"]),
    ("license_id:CC0-1.0", ["water-quality"]),
    ("title:quality", ["air-quality", "water-quality"]),
    ("groups:envi", ["air-quality", "water-quality"]),
    ("census", []),  # the private one
    ("id:not-a-uuid", []),
    ("capacity:public", []),  # q matches the value as written, as Solr does
]


def test_q_understands_the_lucene_syntax_ckan_clients_send(anon_api, catalogue):
    found = {q: names(anon_api, {"q": q}) for q, _ in Q_CASES}
    assert found == dict(Q_CASES)


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("colour:blue", "Unknown fields in q: colour"),
        ("extras_source:lab", "Unknown fields in q: extras_source"),
        ("(" * 40 + "a", "nested too deeply"),
        ("NOT " * 100 + "a", "nested too deeply"),
    ],
)
def test_q_that_cannot_be_answered_is_a_search_query_error(anon_api, q, message):
    assert message in search_error(anon_api, {"q": q})


# ------------------------------------------------------------------ fq (Solr filters)


FQ_CASES = [
    ("organization:ministry-of-health", ["air-quality", "water-quality"]),
    ("tags:pollution", ["air-quality", "water-quality"]),
    ("-tags:pollution", ["budget-2024", "road-deaths"]),
    ("tags:air OR tags:finance", ["air-quality", "budget-2024"]),
    ("res_format:(CSV OR XLSX)", ["air-quality", "budget-2024", "road-deaths"]),
    ("tags:pollution organization:ministry-of-health", ["air-quality", "water-quality"]),
    ("tags:pollution AND res_format:JSON", ["water-quality"]),
    ("groups:heal", ["water-quality"]),
    ('license_id:"CC-BY-4.0"', ["air-quality", "road-deaths"]),
    ("capacity:public", ["air-quality", "budget-2024", "road-deaths", "water-quality"]),
    ("capacity:private", []),
    ("+dataset_type:dataset", ["air-quality", "budget-2024", "road-deaths", "water-quality"]),
    ("+dataset_type:dataset +tags:water", ["water-quality"]),
    (
        "-dataset_type:harvest site_id:default",
        ["air-quality", "budget-2024", "road-deaths", "water-quality"],
    ),
    ("entity_type:package tags:finance", ["budget-2024"]),
    (
        "metadata_modified:[NOW-1DAY TO NOW]",
        ["air-quality", "budget-2024", "road-deaths", "water-quality"],
    ),
    (
        "+metadata_created:[2000-01-01T00:00:00Z TO *]",
        ["air-quality", "budget-2024", "road-deaths", "water-quality"],
    ),
    ("metadata_modified:[* TO 2000-01-01T00:00:00Z]", []),
    (
        "metadata_modified:[NOW/DAY-7DAYS TO NOW+1DAY/DAY]",
        ["air-quality", "budget-2024", "road-deaths", "water-quality"],
    ),
    ("metadata_created:{* TO NOW}", ["air-quality", "budget-2024", "road-deaths", "water-quality"]),
    ("metadata_created:[NOW+1DAY/DAY TO *}", []),
    ("tags:pollution metadata_modified:[NOW-1YEAR TO *]", ["air-quality", "water-quality"]),
]


def test_fq_filters_as_solr_would(anon_api, catalogue):
    found = {fq: names(anon_api, {"fq": fq}) for fq, _ in FQ_CASES}
    assert found == dict(FQ_CASES)


def test_fq_list_adds_filters(anon_api, catalogue):
    params = {"fq_list": ["tags:pollution", "res_format:CSV"]}
    assert names(anon_api, params, "POST") == ["air-quality"]
    response = anon_api.client.get(
        "/api/3/action/package_search",
        {"fq_list": ["tags:pollution", "res_format:JSON"]},
    )
    assert [r["name"] for r in ok(response)["results"]] == ["water-quality"]


def test_the_owner_org_filter_takes_the_organization_id(anon_api, catalogue, other_org):
    assert names(anon_api, {"fq": f"owner_org:{other_org.id}"}) == ["budget-2024", "road-deaths"]


FQ_ERRORS = [
    ("pollution", "fq takes field:value clauses only"),
    ("colour:blue", "Cannot filter on colour"),
    ("tags:poll*", "Wildcards are not supported"),
    ("tags:air OR res_format:CSV", "OR in fq must choose between values of one field"),
    ("capacity:secret", "capacity is either public or private"),
    ("metadata_modified:[yesterday TO NOW]", "Cannot read the date"),
    ("metadata_modified:[NOW-99999999999DAYS TO NOW]", "Cannot read the date"),
    ("metadata_modified:[9999-12-31T23:59:59-12:00 TO *]", "Cannot read the date"),
    ("name:[a TO b]", "Ranges are supported on metadata_modified only"),
    ("id:not-a-uuid", "not a valid UUID"),
    ("owner_org:ministry-of-health", "not a valid UUID"),
    ("metadata_modified:[NOW-1WEEK TO NOW]", "Cannot read the date"),
    ("-metadata_modified:[NOW-1YEAR TO *]", "Excluding a date range is not supported"),
    ("NOT metadata_created:[* TO NOW]", "Excluding a date range is not supported"),
    ("tags:air OR metadata_modified:[NOW-1YEAR TO *]", "can only narrow the whole query"),
    ("dataset_type:harvest", "Agora searches datasets only"),
    ("-dataset_type:dataset", "Agora searches datasets only"),
]


def test_fq_that_cannot_be_answered_is_a_search_query_error(anon_api, catalogue):
    missed = {
        fq: got
        for fq, message in FQ_ERRORS
        if message not in (got := search_error(anon_api, {"fq": fq}))
    }
    assert not missed


DATE_MATH = [
    ("2020-01-31T10:00:00Z+1MONTH", "2020-02-29T10:00:00+00:00"),
    ("2020-02-29T00:00:00Z+1YEAR", "2021-02-28T00:00:00+00:00"),
    ("2021-03-15T12:34:56.789Z/MONTH-1YEAR", "2020-03-01T00:00:00+00:00"),
    ("2021-03-15T12:34:56Z/DAY+36HOURS-30MINUTES", "2021-03-16T11:30:00+00:00"),
    ("2021-03-15T12:34:56.789Z/SECOND", "2021-03-15T12:34:56+00:00"),
    ("2021-03-15", "2021-03-15T00:00:00+00:00"),
    ("2021-03-15T02:00:00+02:00", "2021-03-15T00:00:00+00:00"),
]


@pytest.mark.parametrize(("text", "expected"), DATE_MATH)
def test_solr_date_math_is_read_on_the_calendar(text, expected):
    filters = search_query_from(Params({"fq": f"metadata_modified:[{text} TO *]"}))[0].filters
    assert filters[0].start.isoformat() == expected


def test_now_is_read_in_utc_and_rounded():
    query = search_query_from(Params({"q": "metadata_created:[NOW/DAY-7DAYS TO NOW/DAY}"}))[0]
    (found,) = query.filters
    assert found.start.tzinfo is not None
    assert (found.start.hour, found.start.minute, found.start.microsecond) == (0, 0, 0)
    assert found.end - found.start == dt.timedelta(days=7, microseconds=-1)


# ------------------------------------------------------------------ sort


SORT_CASES = [
    ("name asc", ["air-quality", "budget-2024", "road-deaths", "water-quality"]),
    ("name desc", ["water-quality", "road-deaths", "budget-2024", "air-quality"]),
    ("title_string asc", ["air-quality", "budget-2024", "road-deaths", "water-quality"]),
    ("metadata_created asc", ["air-quality", "water-quality", "road-deaths", "budget-2024"]),
    ("metadata_modified desc", ["budget-2024", "road-deaths", "water-quality", "air-quality"]),
    (
        "score desc, metadata_modified desc",
        ["budget-2024", "road-deaths", "water-quality", "air-quality"],
    ),
]


def test_sort_orders_results_and_is_echoed(anon_api, catalogue):
    for sort, expected in SORT_CASES:
        result = ok(call(anon_api, "package_search", {"sort": sort}, "GET"))
        assert [r["name"] for r in result["results"]] == expected, sort
        assert result["sort"] == sort


def test_the_default_sort_is_most_recently_modified_first(anon_api, api_as, sysadmin, catalogue):
    # Modified through the API (the write path keeps the search index in step).
    ok(call(api_as(sysadmin), "package_patch", {"id": "air-quality", "notes": "Revised."}))
    result = ok(call(anon_api, "package_search", {}, "GET"))
    assert result["sort"] == "score desc, metadata_modified desc"
    assert result["results"][0]["name"] == "air-quality"


@pytest.mark.parametrize(
    "sort", ["colour asc", "name sideways", "name asc desc", "views_recent desc"]
)
def test_unknown_sorts_are_a_search_query_error(anon_api, sort):
    assert "Cannot sort by" in search_error(anon_api, {"sort": sort})


# ------------------------------------------------------------------ facets


def test_facets_count_the_matching_datasets(anon_api, catalogue):
    params = {"facet.field": '["organization", "tags", "res_format", "license_id", "groups"]'}
    result = ok(anon_api.client.get("/api/3/action/package_search", params))
    facets = result["facets"]
    assert facets["organization"] == {"ministry-of-health": 2, "statistics-office": 2}
    assert facets["tags"] == {
        "pollution": 2, "air": 1, "finance": 1, "health": 1, "transport": 1, "water": 1,
    }  # fmt: skip
    assert facets["res_format"] == {"CSV": 2, "JSON": 1, "XLSX": 1}
    assert facets["license_id"] == {"CC-BY-4.0": 2, "CC0-1.0": 1, "ODbL-1.0": 1}
    assert facets["groups"] == {"envi": 2, "econ": 1, "heal": 1, "tran": 1}
    items = {i["name"]: i for i in result["search_facets"]["organization"]["items"]}
    assert items["statistics-office"] == {
        "name": "statistics-office",
        "display_name": "Statistics Office",
        "count": 2,
    }
    licences = {
        i["name"]: i["display_name"] for i in result["search_facets"]["license_id"]["items"]
    }
    assert licences["CC-BY-4.0"] == "Creative Commons Attribution 4.0"
    groups = {i["name"]: i["display_name"] for i in result["search_facets"]["groups"]["items"]}
    assert groups["envi"] == "Environment"
    assert result["search_facets"]["tags"]["title"] == "tags"


def test_facets_on_ids_capacity_and_dates_name_their_values(
    api_as, member, catalogue, org, other_org
):
    params = {
        "facet.field": ["owner_org", "capacity", "metadata_created", "id"],
        "include_private": True,
    }
    result = ok(call(api_as(member), "package_search", params, "GET"))
    facets = result["facets"]
    assert facets["owner_org"] == {str(org.id): 3, str(other_org.id): 2}
    assert facets["capacity"] == {"public": 4, "private": 1}
    assert sum(facets["metadata_created"].values()) == 5
    assert len(facets["id"]) == 5
    items = {i["name"]: i["display_name"] for i in result["search_facets"]["capacity"]["items"]}
    assert items == {"public": "public", "private": "private"}


def test_facets_follow_the_query(anon_api, catalogue):
    params = {"q": "quality", "facet.field": ["organization", "tags"]}
    facets = ok(call(anon_api, "package_search", params, "GET"))["facets"]
    assert facets["organization"] == {"ministry-of-health": 2}
    assert facets["tags"] == {"pollution": 2, "air": 1, "water": 1}


def test_facet_limit_and_mincount(anon_api, catalogue):
    params = {"facet.field": ["tags"], "facet.limit": 1}
    assert ok(call(anon_api, "package_search", params, "GET"))["facets"]["tags"] == {"pollution": 2}
    params = {"facet.field": ["tags"], "facet.mincount": 2}
    assert ok(call(anon_api, "package_search", params, "GET"))["facets"]["tags"] == {"pollution": 2}
    params = {"facet.field": ["tags"], "facet.limit": -1}
    assert len(ok(call(anon_api, "package_search", params, "GET"))["facets"]["tags"]) == 6


def test_facets_can_be_turned_off_and_are_none_unless_asked(anon_api, catalogue):
    result = ok(call(anon_api, "package_search", {}, "GET"))
    assert (result["facets"], result["search_facets"]) == ({}, {})
    params = {"facet": "false", "facet.field": ["tags"]}
    assert ok(call(anon_api, "package_search", params, "GET"))["facets"] == {}


@pytest.mark.parametrize(
    ("value", "status"),
    [('["colour"]', 400), ('["tags"', 400), ('{"tags": 1}', 400), ("[" * 100_000, 400)],
)
def test_bad_facet_fields_are_refused(anon_api, value, status):
    response = anon_api.client.get("/api/3/action/package_search", {"facet.field": value})
    assert envelope(response, status)["error"]["__type"] in ("Search Query Error", "Bad Request")


# ------------------------------------------------------------------ private datasets and drafts


def test_private_datasets_are_searched_only_when_asked_for(api_as, member, catalogue):
    api = api_as(member)
    assert "secret-census" not in names(api, {"q": "census"})
    assert names(api, {"q": "census", "include_private": "true"}) == ["secret-census"]
    assert names(api, {"fq": "capacity:private", "include_private": True}, "POST") == [
        "secret-census"
    ]


def test_drafts_are_searched_only_when_asked_for(api_as, editor, org):
    DatasetFactory(organization=org, name="draft-plan", state="draft")
    api = api_as(editor)
    assert names(api, {"q": "plan"}) == []
    assert names(api, {"q": "plan", "include_drafts": "true"}) == ["draft-plan"]


def test_deleted_datasets_cannot_be_asked_for(anon_api):
    error(call(anon_api, "package_search", {"include_deleted": "true"}), 400, "Bad Request")


@pytest.mark.parametrize("param", ["defType", "qf", "bf", "wt", "hl"])
def test_solr_parameters_that_reach_into_the_engine_are_refused(anon_api, param):
    assert "Unsupported Solr parameters" in search_error(anon_api, {param: "edismax"})
