"""Every tabular format the issue names loads into a typed, queryable table: JSON arrays,
JSON lines, GeoJSON (geometry kept as JSON text), Parquet (its own types), spreadsheets and
compressed CSV, read from the real files in shared/data."""

from __future__ import annotations

import json

import pytest

from agora.core.actor import SYSTEM
from agora.datastore import selectors
from agora.datastore.models import TableStatus
from agora.datastore.query import Filter, RowQuery, Sort
from agora.datastore.tests.helpers import published
from agora.testing import shared_data_path

pytestmark = pytest.mark.django_db
FRICTIONLESS = "tabular/messy/frictionless-py"


def _rows(dist, **query):
    _, result = selectors.rows(SYSTEM, str(dist.id), RowQuery(sort=(Sort("_id"),), **query))
    names = [c.name for c in result.columns]
    return [dict(zip(names, row, strict=True)) for row in result.rows], result.columns


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("table.keyed.json", "json"),
        ("table.jsonl", "jsonl"),
        ("table.ndjson", "jsonl"),
        ("table.parquet", "parquet"),
        ("table.xlsx", "spreadsheet"),
        ("table.xls", "spreadsheet"),
        ("table.ods", "spreadsheet"),
        ("table.tsv", "tsv"),
        ("table.csv.gz", "csv"),
        ("table.csv.zip", "csv"),
    ],
)
def test_each_format_loads_the_same_typed_table(org, name, fmt):
    path = shared_data_path() / FRICTIONLESS / name
    dist, table = published(org, name, path.read_bytes())
    assert table.status == TableStatus.READY, table.error
    assert table.report["format"] == fmt
    rows, columns = _rows(dist, fields=("id", "name"))
    # table.tsv has a third row, ("3", "\\N"): the same table plus one more row
    assert [(r["id"], r["name"]) for r in rows][:2] == [(1, "english"), (2, "中国人")]
    assert {c.name: c.type for c in columns}["id"] == "integer"


def test_a_json_array_of_objects_takes_the_union_of_their_keys(org):
    records = [{"country": "KEN", "value": 1}, {"country": "UGA", "note": "estimate"}]
    dist, table = published(org, "records.json", json.dumps(records).encode())
    assert table.status == TableStatus.READY, table.error
    rows, _ = _rows(dist)
    assert [(r["country"], r["value"], r["note"]) for r in rows] == [
        ("KEN", 1, None),
        ("UGA", None, "estimate"),
    ]


def test_geojson_features_become_rows_with_their_geometry(org):
    path = shared_data_path() / "tabular/core-datasets/geo-boundaries-world-110m/countries.geojson"
    features = json.loads(path.read_bytes())["features"]
    dist, table = published(org, "countries.geojson", path.read_bytes())
    assert table.status == TableStatus.READY, table.error
    assert (table.report["format"], table.row_count) == ("geojson", len(features))
    rows, _ = _rows(dist, filters=(Filter("admin", "eq", "Kenya"),))
    assert len(rows) == 1
    geometry = json.loads(rows[0]["geometry"])
    assert geometry["type"] in ("Polygon", "MultiPolygon")


def test_a_parquet_file_keeps_its_own_types(org, tmp_path):
    import duckdb

    target = tmp_path / "typed.parquet"
    duckdb.sql(
        "SELECT i AS n, i * 1.5 AS x, DATE '2020-01-01' + CAST(i AS INTEGER) AS d, "
        "i % 2 = 0 AS even FROM range(5) t(i)"
    ).write_parquet(str(target))
    dist, table = published(org, "typed.parquet", target.read_bytes())
    assert table.status == TableStatus.READY, table.error
    assert table.report["schema_source"] == "parquet"
    _, columns = _rows(dist)
    assert {c.name: c.type for c in columns} == {
        "_id": "integer",
        "n": "integer",
        "x": "number",
        "d": "date",
        "even": "boolean",
    }
