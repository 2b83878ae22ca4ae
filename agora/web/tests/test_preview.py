"""The table preview reads uploads defensively: bounded, encoding-tolerant, never failing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agora.catalog.tests.factories import DatasetFactory
from agora.web.preview import decode, parse_rows, sorted_rows, table_preview

from .conftest import upload

pytestmark = pytest.mark.django_db


def _preview(org, name, content, fmt="CSV", **kwargs):
    return table_preview(upload(DatasetFactory(organization=org), name, content, fmt), **kwargs)


def test_reads_a_windows_1252_file_from_the_shared_data(org, shared_data):
    content = (
        shared_data / "tabular/messy/ckanext-xloader-samples/non_utf8_sample.csv"
    ).read_bytes()
    preview = _preview(org, "non_utf8.csv", content)
    assert preview is not None
    assert preview.encoding in ("cp1252", "latin-1")
    assert any("�" not in cell for row in preview.rows for cell in row)


def test_reads_a_tsv_with_its_delimiter(org, shared_data):
    content = (shared_data / "tabular/messy/datapusher-static/simple.tsv").read_bytes()
    preview = _preview(org, "simple.tsv", content, fmt="TSV")
    assert preview.delimiter == "\t"
    assert len(preview.header) > 1


def test_reads_at_most_the_configured_bytes_and_rows(org, settings):
    settings.AGORA_WEB_PREVIEW_MAX_BYTES = 200
    preview = _preview(org, "big.csv", b"a,b\n" + b"12345,67890\n" * 1000, max_rows=50)
    assert preview.truncated
    assert len(preview.rows) < 50


def test_a_bom_is_not_part_of_the_first_heading(org):
    preview = _preview(org, "bom.csv", "\ufeffname,value\nx,1\n".encode())
    assert preview.header == ["name", "value"]


def test_non_tabular_uploads_have_no_preview(org):
    assert _preview(org, "report.pdf", b"%PDF-1.4 ...", fmt="PDF") is None


def test_sorting_puts_numbers_in_numeric_order_and_blanks_last():
    rows = [["10"], ["9"], [""], ["100"]]
    assert [r[0] for r in sorted_rows(rows, 0, descending=False)] == ["9", "10", "100", ""]
    assert [r[0] for r in sorted_rows(rows, 0, descending=True)] == ["100", "10", "9", ""]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_and_parse_without_error(data):
    text, _encoding = decode(data)
    rows, _more = parse_rows(text, ",", 20)
    assert len(rows) <= 21
