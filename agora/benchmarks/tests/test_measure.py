"""The portal's own indicators: definitions applied exactly, private and draft datasets never
counted, uploads checked, a time series kept, and the nightly task and command."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from agora.benchmarks import selectors, services
from agora.benchmarks.errors import BenchmarkForbidden
from agora.benchmarks.models import Measurement, MeasurementRun
from agora.benchmarks.scoring.portal import (
    DatasetFacts,
    MeasureContext,
    SourceFacts,
    is_up_to_date,
    measure,
)
from agora.benchmarks.tasks import portal_measure_task
from agora.catalog import services as catalog_services
from agora.catalog.tests.factories import DatasetFactory, OrganizationFactory
from agora.core.actor import ANONYMOUS, SYSTEM
from agora.interop.records import DistributionDraft

TODAY = dt.date(2025, 6, 30)
NOW = dt.datetime(2025, 6, 30, tzinfo=dt.UTC)


def _facts(**overrides) -> DatasetFacts:  # type: ignore[no-untyped-def]
    values = {
        "id": "d1",
        "publisher": "p1",
        "country": "KEN",
        "licence_open": True,
        "formats": ("CSV",),
        "present": frozenset({"title", "description"}),
        "frequency": "ANNUAL",
        "reference_date": TODAY,
        "last_change": NOW,
    }
    values.update(overrides)
    return DatasetFacts(**values)


def _context(**overrides) -> MeasureContext:  # type: ignore[no-untyped-def]
    values = {"today": TODAY, "active_days": 365, "required_metadata": ("title", "description"),
              "links": {}}  # fmt: skip
    values.update(overrides)
    return MeasureContext(**values)


def _value(values, scope, key, indicator):  # type: ignore[no-untyped-def]
    return next(v for v in values if (v.scope, v.key, v.indicator) == (scope, key, indicator))


def test_shares_count_each_definition_exactly():
    datasets = [
        _facts(id="a"),
        _facts(id="b", licence_open=False, formats=("PDF",)),
        _facts(id="c", formats=("XLS",), present=frozenset({"title"})),
        _facts(id="d", formats=()),
    ]
    values = measure(datasets, _context())
    share = {v.indicator: (v.numerator, v.denominator) for v in values if v.scope == "portal"}
    assert share["open_licence"] == (3, 4)
    assert share["machine_readable"] == (2, 4)  # CSV and XLS; PDF and nothing are not
    assert share["open_format"] == (1, 4)  # XLS is machine-readable but proprietary
    assert share["complete_metadata"] == (3, 4)


@pytest.mark.parametrize(
    ("frequency", "age_days", "expected"),
    [("ANNUAL", 366, True), ("ANNUAL", 367, False), ("MONTHLY", 31, True), ("MONTHLY", 32, False),
     ("DAILY", 1, True), ("DAILY", 2, False), ("HOURLY", 1, True), ("IRREG", 5000, None),
     ("", 0, None), ("UNKNOWN", 0, None)],
)  # fmt: skip
def test_up_to_date_follows_the_declared_frequency(frequency, age_days, expected):
    facts = _facts(frequency=frequency, reference_date=TODAY - dt.timedelta(days=age_days))
    assert is_up_to_date(facts, TODAY) is expected


def test_datasets_without_an_interval_are_left_out_of_up_to_date_and_said_so():
    values = measure([_facts(id="a"), _facts(id="b", frequency="IRREG")], _context())
    up = _value(values, "portal", "portal", "up_to_date")
    assert (up.numerator, up.denominator) == (1, 1)
    assert "1 datasets without an expected update interval" in up.note


def test_harvest_health_is_the_share_of_sources_whose_last_harvest_succeeded():
    sources = [
        SourceFacts(publisher="p1", country="KEN", healthy=True),
        SourceFacts(publisher="p1", country="KEN", healthy=False),
        SourceFacts(publisher="p2", country="KEN", healthy=None),  # never finished a harvest
        SourceFacts(publisher="p3", country="DNK", healthy=True),  # a publisher with no dataset
    ]
    values = measure([_facts(publisher="p1")], _context(sources=sources))
    portal = _value(values, "portal", "portal", "harvest_health")
    assert (portal.numerator, portal.denominator, portal.value) == (2, 3, 2 / 3)
    assert "1 sources not harvested yet" in portal.note
    assert _value(values, "country", "KEN", "harvest_health").value == 0.5
    assert _value(values, "country", "DNK", "harvest_health").value == 1.0
    assert _value(values, "publisher", "p3", "harvest_health").value == 1.0
    waiting = _value(values, "publisher", "p2", "harvest_health")
    assert (waiting.value, waiting.status) == (None, "no_data")


def test_harvest_health_without_sources_is_no_data_never_zero():
    values = measure([_facts()], _context())
    harvest = [v for v in values if v.indicator == "harvest_health"]
    assert harvest
    assert all(v.value is None and v.status == "no_data" for v in harvest)


def test_active_publishers_count_recent_changes_per_country():
    old = NOW - dt.timedelta(days=400)
    datasets = [
        _facts(id="a", publisher="p1"),
        _facts(id="b", publisher="p1"),
        _facts(id="c", publisher="p2", last_change=old),
        _facts(id="d", publisher="p3", country="DNK"),
    ]
    values = measure(datasets, _context())
    assert _value(values, "country", "KEN", "active_publishers").value == 1
    assert _value(values, "portal", "portal", "active_publishers").value == 2
    assert not [v for v in values if v.scope == "publisher" and v.indicator == "active_publishers"]


@pytest.fixture
def kenya(db):  # type: ignore[no-untyped-def]
    return OrganizationFactory(name="kenya-stats", country="KEN")


def _upload(dataset, name="t.csv", content=b"a,b\n1,2\n"):  # type: ignore[no-untyped-def]
    return catalog_services.distribution_create(
        actor=SYSTEM,
        dataset=dataset,
        draft=DistributionDraft(title=name, format="CSV"),
        upload=SimpleUploadedFile(name, content, "text/csv"),
    )


def _latest(scope="country", key="KEN"):  # type: ignore[no-untyped-def]
    return {m.indicator: m for m in selectors.measurements_latest(ANONYMOUS, scope=scope, key=key)}


def test_private_and_draft_datasets_never_change_the_measurements(kenya):
    DatasetFactory(name="public-one", organization=kenya, licence="CC-BY-4.0")
    services.portal_measure(actor=SYSTEM)
    before = {k: (m.numerator, m.denominator) for k, m in _latest().items()}
    DatasetFactory(name="private-one", organization=kenya, licence="other-closed", private=True)
    DatasetFactory(name="draft-one", organization=kenya, licence="other-closed", state="draft")
    services.portal_measure(actor=SYSTEM)
    after = {k: (m.numerator, m.denominator) for k, m in _latest().items()}
    assert after == before
    assert after["open_licence"] == (1, 1)


def test_uploaded_files_are_checked_and_links_are_left_unchecked(kenya):
    dataset = DatasetFactory(
        name="with-files",
        organization=kenya,
        distributions=[
            DistributionDraft(title="link", url="https://data.example.org/x.csv", format="CSV")
        ],
    )
    good = _upload(dataset, "good.csv", b"a\n1\n")
    broken = _upload(dataset, "broken.csv", b"a\n2\n")
    default_storage.delete(broken.file.storage_name)
    services.portal_measure(actor=SYSTEM)
    links = _latest()["working_links"]
    assert (links.numerator, links.denominator) == (1, 2)
    assert links.note == "1 distributions not checked"
    assert good.file is not None


def test_measurements_are_kept_per_day_and_a_rerun_replaces_the_day(kenya):
    DatasetFactory(name="one", organization=kenya)
    services.portal_measure(actor=SYSTEM, today=dt.date(2025, 1, 1))
    services.portal_measure(actor=SYSTEM, today=dt.date(2025, 1, 2))
    DatasetFactory(name="two", organization=kenya, licence="other-closed")
    services.portal_measure(actor=SYSTEM, today=dt.date(2025, 1, 2))
    assert MeasurementRun.objects.count() == 2
    series = selectors.measurement_series(
        ANONYMOUS, scope="country", key="KEN", indicator="open_licence"
    )
    assert [(m.measured_on.isoformat(), m.numerator, m.denominator) for m in series] == [
        ("2025-01-01", 1, 1),
        ("2025-01-02", 1, 2),
    ]


def test_publisher_measurements_follow_the_publisher(kenya):
    DatasetFactory(name="one", organization=kenya)
    services.portal_measure(actor=SYSTEM)
    values = _latest(scope="publisher", key="kenya-stats")
    assert values["open_licence"].organization_id == kenya.id
    assert "active_publishers" not in values


def test_only_benchmarks_admins_measure(stranger, actor_of):
    with pytest.raises(BenchmarkForbidden):
        services.portal_measure(actor=actor_of(stranger))
    assert not Measurement.objects.exists()


def test_the_nightly_task_measures_today(kenya):
    DatasetFactory(name="one", organization=kenya)
    result = portal_measure_task.enqueue()
    assert result.return_value["datasets"] == 1
    assert MeasurementRun.objects.get().link_checker == "uploads"
