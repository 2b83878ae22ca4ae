"""Benchmark results become a dataset of the catalogue, owned by UN DESA's division, with
one CSV per edition, and are found like any other dataset."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.storage import default_storage

from agora.benchmarks import services
from agora.benchmarks.errors import BenchmarkForbidden, BenchmarkNotFound
from agora.benchmarks.services.publish import DATASET_NAME
from agora.catalog import selectors as catalog_selectors
from agora.catalog.models import Dataset, Organization
from agora.core.actor import ANONYMOUS, SYSTEM
from agora.core.errors import Forbidden

from .conftest import import_fixture

pytestmark = pytest.mark.django_db


def test_results_are_published_as_a_public_dataset_with_csv_files(small_2022):
    _dataset, uploads = services.results_publish(actor=SYSTEM)
    assert uploads == 2
    publisher = Organization.objects.get(name="un-desa-dpidg")
    assert (
        publisher.title["en"] == "UN DESA Division for Public Institutions and Digital Government"
    )
    record = catalog_selectors.dataset_record_for(ANONYMOUS, DATASET_NAME)
    assert record.organization.name == "un-desa-dpidg"
    assert record.licence is not None
    assert record.licence.id == "other-closed"
    assert "terms of use" in record.description["en"]
    assert record.themes == ("GOVE",)
    assert set(record.countries) == {"DNK", "TUR", "CIV", "KOR", "KEN", "GEO"}
    files = {d.file_name: d for d in record.distributions}
    assert set(files) == {"un-egov-all-editions.csv", "un-egov-2022.csv"}
    assert all(d.format == "CSV" and d.is_upload for d in files.values())
    stored = Dataset.objects.get(name=DATASET_NAME).distributions.get(file_name="un-egov-2022.csv")
    with default_storage.open(stored.file.storage_name) as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read().decode("utf-8"))))
    assert [r["country"] for r in rows][:2] == ["DNK", "TUR"]
    assert rows[0]["egdi"] == "0.90000"
    assert rows[0]["published_rank"] == "1"


def test_publishing_again_uploads_only_what_changed(small_2022):
    services.results_publish(actor=SYSTEM)
    _, unchanged = services.results_publish(actor=SYSTEM)
    assert unchanged == 0
    import_fixture("un_small_2022_v2.csv")
    _, changed = services.results_publish(actor=SYSTEM)
    assert changed == 2


def test_the_results_dataset_is_found_by_the_catalogue_like_any_other(small_2022):
    services.results_publish(actor=SYSTEM)
    visible = catalog_selectors.datasets_visible_to(ANONYMOUS).filter(countries__code="KEN")
    assert list(visible.values_list("name", flat=True)) == [DATASET_NAME]


def test_nothing_to_publish_before_an_import(db):
    with pytest.raises(BenchmarkNotFound):
        services.results_publish(actor=SYSTEM)


def test_publishing_needs_benchmarks_and_catalogue_rights(
    small_2022, stranger, bench_admin, actor_of
):
    with pytest.raises(BenchmarkForbidden):
        services.results_publish(actor=actor_of(stranger))
    with pytest.raises(Forbidden):  # a benchmarks admin who may not create the publisher
        services.results_publish(actor=actor_of(bench_admin))
    assert not Dataset.objects.filter(name=DATASET_NAME).exists()
