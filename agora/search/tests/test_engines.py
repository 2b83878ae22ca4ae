"""What a search finds, filters, counts and sorts: the same answers from every engine."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count

from agora.catalog.models import Dataset
from agora.search.errors import InvalidSearchQuery
from agora.search.query import Filter, RangeFilter, Sort

from .conftest import found, names, run

pytestmark = pytest.mark.django_db

TEXT_CASES = [
    ("", ["air-quality", "budget-2024", "hospital-beds", "population-census", "road-deaths",
          "school-census", "water-quality"]),
    ("quality", ["air-quality", "water-quality"]),
    ("QUALITY", ["air-quality", "water-quality"]),
    ('"road deaths"', ["road-deaths"]),
    ('"deaths road"', []),
    ("air OR water", ["air-quality", "water-quality"]),
    ("quality -water", ["air-quality"]),
    ("quality AND NOT water", ["air-quality"]),
    ("(air OR road) AND 2023", ["air-quality"]),
    ("-quality -census", ["budget-2024", "hospital-beds", "road-deaths"]),
    ("budg*", ["budget-2024"]),
    ("tags:pollution", ["air-quality", "water-quality"]),
    ("tags:health", ["hospital-beds", "road-deaths"]),
    ("tags:(air OR finance)", ["air-quality", "budget-2024"]),
    ("name:road-deaths", ["road-deaths"]),
    ("res_format:csv", ["air-quality", "population-census", "road-deaths", "school-census"]),
    ("license_id:CC0-1.0", ["hospital-beds", "water-quality"]),
    ("title:census", ["population-census", "school-census"]),
    ("description:deaths", ["road-deaths"]),
    ("theme:envi", ["air-quality", "water-quality"]),
    ("census", ["population-census", "school-census"]),  # not the private one
    ("nothing-like-this", []),
    ("!!!", ["air-quality", "budget-2024", "hospital-beds", "population-census", "road-deaths",
             "school-census", "water-quality"]),  # no word in it: constrains nothing
]  # fmt: skip


def test_text_queries_find_the_same_datasets_on_every_engine(catalogue):
    answers = {q: found(q) for q, _ in TEXT_CASES}
    assert answers == dict(TEXT_CASES)


FILTER_CASES = [
    ((Filter("organization", ("ministry-of-health",)),),
     ["air-quality", "hospital-beds", "school-census", "water-quality"]),
    ((Filter("tags", ("pollution",)), Filter("res_format", ("JSON",))), ["water-quality"]),
    ((Filter("res_format", ("CSV", "XLSX")),),
     ["air-quality", "budget-2024", "population-census", "road-deaths", "school-census"]),
    ((Filter("tags", ("pollution",), negate=True), Filter("country", ("KEN",))),
     ["population-census", "school-census"]),
    ((Filter("theme", ("heal",)),), ["hospital-beds", "water-quality"]),
    ((Filter("country", ("uga",)),), ["road-deaths", "water-quality"]),
    ((Filter("tags", ("Health",)),), ["hospital-beds"]),  # filters are exact, as in Solr
    ((Filter("private", ("True",)),), []),
]  # fmt: skip


def test_filters_select_exactly_on_every_engine(catalogue):
    answers = [found(filters=filters) for filters, _ in FILTER_CASES]
    assert answers == [expected for _, expected in FILTER_CASES]


def test_date_ranges_filter_on_metadata_dates(catalogue):
    created = Dataset.objects.get(name="school-census").created_at
    after = found(filters=(RangeFilter("metadata_created", start=created),))
    assert after == ["hospital-beds", "population-census", "school-census"]
    before = found(
        filters=(RangeFilter("metadata_created", end=created - dt.timedelta(microseconds=1)),)
    )
    assert "school-census" not in before
    assert len(before) == 4
    assert (
        found(
            filters=(RangeFilter("metadata_modified", end=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)),)
        )
        == []
    )


def _sql_counts(field_path: str) -> dict[str, int]:
    public = Dataset.objects.filter(state="active", private=False)
    rows = (
        public.exclude(**{f"{field_path}__isnull": True})
        .values(field_path)
        .annotate(n=Count("id", distinct=True))
    )
    return {str(row[field_path]): row["n"] for row in rows}


@pytest.mark.parametrize(
    ("facet", "path"),
    [
        ("organization", "organization__name"),
        ("tags", "tags__name"),
        ("res_format", "distributions__format"),
        ("license_id", "licence__id"),
        ("country", "countries__code"),
        ("theme", "themes__code"),
    ],
)
def test_facet_counts_equal_a_sql_count(catalogue, facet, path):
    result = run(facets=(facet,), facet_limit=-1)
    assert {c.value: c.count for c in result.facets[facet]} == _sql_counts(path)


def test_facets_follow_the_query_and_filters(catalogue):
    result = run(q="quality", facets=("organization", "tags"))
    assert {c.value: c.count for c in result.facets["tags"]} == {
        "pollution": 2,
        "air": 1,
        "water": 1,
    }
    filtered = run(filters=(Filter("country", ("KEN",)),), facets=("res_format",))
    assert [(c.value, c.count) for c in filtered.facets["res_format"]] == [("CSV", 3), ("JSON", 2)]


def test_facet_limit_and_mincount_order_by_count_then_value(catalogue):
    result = run(facets=("tags",), facet_limit=3)
    assert [(c.value, c.count) for c in result.facets["tags"]] == [
        ("pollution", 2), ("Health", 1), ("air", 1),
    ]  # fmt: skip
    assert [c.value for c in run(facets=("tags",), facet_mincount=2).facets["tags"]] == [
        "pollution"
    ]


def test_facets_on_dates_ids_and_capacity(catalogue):
    result = run(facets=("metadata_created", "id", "private"), facet_limit=-1)
    assert sum(c.count for c in result.facets["metadata_created"]) == 7
    created = Dataset.objects.get(name="road-deaths").created_at
    values = {c.value for c in result.facets["metadata_created"]}
    assert (
        created.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds") in values
    )
    assert len(result.facets["id"]) == 7
    assert [(c.value, c.count) for c in result.facets["private"]] == [("False", 7)]


SORT_CASES = [
    ((Sort("name"),), ["air-quality", "budget-2024", "hospital-beds", "population-census",
                       "road-deaths", "school-census", "water-quality"]),
    ((Sort("name", True),), ["water-quality", "school-census", "road-deaths",
                             "population-census", "hospital-beds", "budget-2024", "air-quality"]),
    ((Sort("title_string"),), ["air-quality", "hospital-beds", "budget-2024",
                               "population-census", "road-deaths", "school-census",
                               "water-quality"]),
    ((Sort("metadata_created"),), ["air-quality", "water-quality", "road-deaths", "budget-2024",
                                   "school-census", "population-census", "hospital-beds"]),
    ((Sort("metadata_modified", True),), ["hospital-beds", "population-census", "school-census",
                                          "budget-2024", "road-deaths", "water-quality",
                                          "air-quality"]),
    ((Sort("score", True), Sort("metadata_modified", True)),
     ["hospital-beds", "population-census", "school-census", "budget-2024", "road-deaths",
      "water-quality", "air-quality"]),
]  # fmt: skip


def test_sorts_order_results_on_every_engine(catalogue):
    assert [names(run(sort=sort, limit=20)) for sort, _ in SORT_CASES] == [e for _, e in SORT_CASES]


def test_pages_follow_each_other_without_overlap(catalogue):
    everything = names(run(sort=(Sort("name"),), limit=100))
    pages = [names(run(sort=(Sort("name"),), offset=o, limit=3)) for o in (0, 3, 6)]
    assert [n for page in pages for n in page] == everything
    assert run(limit=0).ids == []
    assert run(limit=0).total == 7
    beyond = run(offset=10_000_000, limit=10)
    assert (beyond.ids, beyond.total) == ([], 7)


def test_unknown_fields_sorts_and_facets_are_refused(catalogue):
    for options in (
        {"q": "colour:blue"},
        {"facets": ("colour",)},
        {"filters": (Filter("colour", ("blue",)),)},
        {"filters": (RangeFilter("name", None, None),)},
        {"sort": (Sort("colour"),)},
        {"q": "metadata_modified:2020"},
        {"filters": (Filter("id", ("not-a-uuid",)),)},
    ):
        with pytest.raises(InvalidSearchQuery):
            run(**options)
