"""Every CSV and spreadsheet of shared/data/tabular loads without a crash, with the report the
file deserves; the Frictionless core datasets load with zero errors."""

from __future__ import annotations

import pytest

from agora.datastore.models import TableStatus
from agora.datastore.tests.helpers import published
from agora.testing import shared_data_path

pytestmark = pytest.mark.django_db
TABULAR = (".csv", ".tsv", ".ssv", ".txt", ".xls", ".xlsx", ".ods", ".gz", ".zip", ".bz2", ".xz")
# Files that are not tables, refused with a reason (never a crash).
REFUSED = {
    "messy/ckanext-xloader-samples/polling_locations.shapefile.zip": "ingest.not_tabular",
    "messy/frictionless-py/wide.csv": "ingest.too_many_columns",
}
# What the report must say about files with known defects: error types that must be found.
EXPECTED = {
    "messy/ckanext-xloader-samples/extra_fields.csv": {"extra-cell"},
    "messy/ckanext-xloader-samples/sample_with_empty_lines.csv": {"blank-row"},
    "messy/frictionless-py/duplicate-column.csv": {"duplicate-label"},
    "messy/goodtables-py/duplicate_columns.csv": {"duplicate-label"},
    "messy/goodtables-py/headerless_columns.csv": {"blank-label"},
    "messy/goodtables-py/invalid.csv": {
        "blank-label",
        "duplicate-label",
        "missing-cell",
        "extra-cell",
        "blank-row",
    },
    "messy/frictionless-py/capital-invalid.csv": {"duplicate-label", "type-error", "extra-cell"},
    "messy/goodtables-py/defective_rows.csv": {"missing-cell", "extra-cell"},
    "messy/goodtables-py/empty_rows_multiple.csv": {"blank-row"},
    "messy/goodtables-py/issue277.csv": {"type-error"},
}
# Files in legacy encodings, and the encoding they must be read with.
ENCODINGS = {
    "messy/goodtables-py/latin1.csv": "cp1252",
    "messy/frictionless-py/table-infer-iso-8859-7.csv": "cp1253",
    "messy/datapusher-static/october_2011.csv": "cp1252",
    "messy/ckanext-xloader-samples/non_utf8_sample.csv": "cp1252",
}


def _tabular_files() -> list[str]:
    root = shared_data_path() / "tabular"
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and p.name.lower().endswith(TABULAR) and "datapackage" not in p.parts[-1]
    )


def test_the_shared_data_has_the_files_this_test_expects():
    files = _tabular_files()
    assert len(files) > 150
    assert set(REFUSED) | set(EXPECTED) | set(ENCODINGS) <= set(files)


def test_every_table_in_the_shared_data_loads_or_is_refused_with_a_reason(org):
    root = shared_data_path() / "tabular"
    outcomes = {}
    for relative in _tabular_files():
        path = root / relative
        _, table = published(org, path.name, path.read_bytes())
        outcomes[relative] = table
        assert table.error_code != "ingest.crashed", (relative, table.error)
    for relative, table in outcomes.items():
        if relative in REFUSED:
            assert table.status == TableStatus.FAILED
            assert table.error_code == REFUSED[relative]
            continue
        assert table.status == TableStatus.READY, (relative, table.error)
        report = table.report
        assert report["rows"] == table.row_count
        assert set(EXPECTED.get(relative, set())) <= set(report["error_counts"]), (
            relative,
            report["error_counts"],
        )
        if relative in ENCODINGS:
            assert report["encoding"] == ENCODINGS[relative]
        if relative.startswith("core-datasets/") and relative.endswith(".csv"):
            core_ok = relative != "core-datasets/un-locode/data/subdivision-codes.csv"
            if core_ok:
                assert report["error_count"] == 0, (relative, report["error_counts"])


# Where the publisher's own datapackage.json disagrees with its data (checked by hand):
# global-temp declares "Year" a date but holds "1850-01" (a year-month) in every row;
# un-locode's subdivision list has 54 rows without their last cell.
PUBLISHER_SCHEMA_MISMATCHES: dict[str, dict[str, int]] = {
    "monthly.csv": {"type-error": 3823},
    "subdivision-codes.csv": {"missing-cell": 54},
}


def test_core_datasets_load_under_the_publishers_schema(org):
    """With the types the publisher's datapackage.json gives, every row loads and only the
    publisher's own mistakes (listed above) are reported."""
    import json

    from agora.catalog.tests.factories import DatasetFactory
    from agora.core.actor import SYSTEM
    from agora.datastore import services
    from agora.datastore.tests.helpers import ingest, upload

    root = shared_data_path() / "tabular" / "core-datasets"
    checked = 0
    found: dict[str, dict[str, int]] = {}
    for package_path in sorted(root.glob("*/datapackage.json")):
        package = json.loads(package_path.read_text())
        for resource in package.get("resources", []):
            path = package_path.parent / str(resource.get("path", ""))
            schema = resource.get("schema")
            if not path.is_file() or not path.name.endswith(".csv") or not isinstance(schema, dict):
                continue
            dist = upload(DatasetFactory(organization=org), path.name, path.read_bytes())
            services.dictionary_update(
                actor=SYSTEM,
                distribution=dist,
                fields=[
                    {
                        "name": f["name"],
                        "type": f.get("type", "string"),
                        "description": f.get("description", ""),
                    }
                    for f in schema.get("fields", [])
                ],
            )
            table = ingest(dist)
            assert table.status == TableStatus.READY, (path, table.error)
            counts = table.report["error_counts"]
            found[path.name] = dict(counts)
            checked += 1
    assert checked >= 10
    wrong = {name: counts for name, counts in found.items() if counts}
    assert wrong == PUBLISHER_SCHEMA_MISMATCHES
