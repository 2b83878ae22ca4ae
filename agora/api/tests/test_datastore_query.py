"""The query APIs: CKAN datastore_search/_sql/_info and the native /api/v1/data endpoints."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest

from agora.api.tests.shared import call, error, ok
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import SYSTEM
from agora.datastore import services
from agora.datastore.tests.helpers import ingest, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _node_cache(settings, tmp_path):
    """Each test gets its own per-node table cache."""
    settings.AGORA_STORAGE_CACHE_DIR = tmp_path / "node-cache"


CSV = (
    b"country,year,population,capital\n"
    b"Kenya,2020,53771300,Nairobi\n"
    b"Kenya,2021,54985702,Nairobi\n"
    b"Uganda,2020,45741000,Kampala\n"
    b"Uganda,2021,47123531,Kampala\n"
    b"Rwanda,2020,12952209,Kigali\n"
    b"Rwanda,2021,not known,Kigali\n"
)


@pytest.fixture
def table(org):
    """Population is declared an integer by the publisher (one value is "not known")."""
    dist = upload(DatasetFactory(organization=org), "population.csv", CSV)
    fields = [{"name": "population", "type": "integer", "description": "People"}]
    services.dictionary_update(actor=SYSTEM, distribution=dist, fields=fields)
    ingest(dist)
    return dist


def test_datastore_search_filters_sorts_pages_and_counts(table, anon_api):
    result = ok(
        call(
            anon_api,
            "datastore_search",
            {
                "resource_id": str(table.id),
                "filters": {"country": "Kenya"},
                "sort": "year desc",
                "limit": 1,
                "include_total": True,
            },
        )
    )
    assert result["total"] == 2
    assert [r["year"] for r in result["records"]] == [2021]
    population = next(f for f in result["fields"] if f["id"] == "population")
    assert (population["type"], population["info"]["notes"]) == ("int8", "People")
    assert result["records"][0]["_id"] == 2


def test_datastore_search_q_fields_offset_and_formats(table, anon_api):
    result = ok(
        call(
            anon_api,
            "datastore_search",
            {
                "resource_id": str(table.id),
                "q": "kampala",
                "fields": "country,year",
                "sort": "year",
                "offset": 1,
                "records_format": "lists",
            },
        )
    )
    assert result["records"] == [["Uganda", 2021]]
    as_csv = ok(
        call(
            anon_api,
            "datastore_search",
            {
                "resource_id": str(table.id),
                "filters": {"year": [2020]},
                "fields": ["country"],
                "sort": "country",
                "records_format": "csv",
            },
        )
    )
    assert as_csv["records"] == "Kenya\nRwanda\nUganda\n"


def test_datastore_search_limit_is_capped_at_32000(table, anon_api, settings):
    result = ok(call(anon_api, "datastore_search", {"resource_id": str(table.id), "limit": 50000}))
    assert result["limit"] == 32000


def test_datastore_search_refuses_unknown_fields_and_wrong_types(table, anon_api):
    error(
        call(anon_api, "datastore_search", {"resource_id": str(table.id), "filters": {"nope": 1}}),
        409,
        "Validation Error",
    )
    error(
        call(
            anon_api,
            "datastore_search",
            {"resource_id": str(table.id), "filters": {"year": {"lt": "soon"}}},
        ),
        409,
        "Validation Error",
    )


def test_value_that_does_not_fit_is_null_and_reported(table, anon_api):
    result = ok(
        call(
            anon_api,
            "datastore_search",
            {"resource_id": str(table.id), "filters": {"country": "Rwanda"}, "sort": "year"},
        )
    )
    assert [r["population"] for r in result["records"]] == [12952209, None]


def test_datastore_info_lists_fields_and_count(table, anon_api):
    info = ok(call(anon_api, "datastore_info", {"id": str(table.id)}))
    assert info["meta"]["count"] == 6
    assert [f["id"] for f in info["fields"]] == ["country", "year", "population", "capital"]


def test_datastore_search_sql_runs_one_select(table, anon_api):
    sql = (
        f'SELECT country, sum(population) AS total FROM "{table.id}" '
        "GROUP BY country ORDER BY total DESC"
    )
    result = ok(call(anon_api, "datastore_search_sql", {"sql": sql}))
    assert [r["country"] for r in result["records"]] == ["Kenya", "Uganda", "Rwanda"]


def test_native_rows_typed_filters_and_keyset_pages(table, anon_api):
    path = f"/api/v1/data/{table.id}/rows"
    first = anon_api.get(
        path, filter=["year:gt:2019", "country:in:Kenya,Uganda"], sort="-population", limit=3
    ).json()
    assert [r["population"] for r in first["rows"]] == [54985702, 53771300, 47123531]
    second = anon_api.get(
        path,
        filter=["year:gt:2019", "country:in:Kenya,Uganda"],
        sort="-population",
        limit=3,
        cursor=first["next_cursor"],
    ).json()
    assert [r["population"] for r in second["rows"]] == [45741000]
    assert second["next_cursor"] is None
    only = anon_api.get(path, filter="capital:contains:IGA", fields="country").json()
    assert only["rows"] == [{"country": "Rwanda"}, {"country": "Rwanda"}]
    assert anon_api.get(path, filter="year:lt:soon").status_code == 422


def test_native_aggregate_groups_and_computes(table, anon_api):
    body = anon_api.get(
        f"/api/v1/data/{table.id}/aggregate",
        group_by="country",
        agg=["count", "sum:population", "max:year"],
        sort="country",
    ).json()
    assert body["rows"][0] == {
        "country": "Kenya",
        "count": 2,
        "sum_population": 53771300 + 54985702,
        "max_year": 2021,
    }
    assert anon_api.get(f"/api/v1/data/{table.id}/aggregate", agg="sum:country").status_code == 422


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_native_exports_stream_the_filtered_table(table, anon_api, fmt, tmp_path):
    response = anon_api.get(
        f"/api/v1/data/{table.id}/export.{fmt}",
        filter="country:eq:Kenya",
        fields="country,year",
        sort="year",
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        assert list(csv.reader(io.StringIO(body.decode()))) == [
            ["country", "year"],
            ["Kenya", "2020"],
            ["Kenya", "2021"],
        ]
    elif fmt == "json":
        assert json.loads(body) == [
            {"country": "Kenya", "year": 2020},
            {"country": "Kenya", "year": 2021},
        ]
    elif fmt == "parquet":
        target = tmp_path / "x.parquet"
        target.write_bytes(body)
        assert duckdb.sql(f"SELECT * FROM '{target}'").fetchall() == [
            ("Kenya", 2020),
            ("Kenya", 2021),
        ]
    else:
        from python_calamine import CalamineWorkbook

        target = tmp_path / "x.xlsx"
        target.write_bytes(body)
        rows = CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
        assert rows == [["country", "year"], ["Kenya", 2020.0], ["Kenya", 2021.0]]


def test_native_table_shows_report_and_ingest_steps(table, anon_api):
    body = anon_api.get(f"/api/v1/data/{table.id}").json()
    assert body["row_count"] == 6
    assert body["ingest"]["status"] == "ready"
    assert [s["status"] for s in body["ingest"]["steps"]] == ["done"] * 6
    assert body["report"]["error_counts"] == {"type-error": 1}
    assert body["report"]["errors"][0]["field"] == "population"
