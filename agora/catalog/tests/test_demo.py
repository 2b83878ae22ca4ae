"""The demo catalogue: real data from installed packages, loaded through the services.

Loading takes a few seconds, so it runs once per class (Django's setUpTestData, inside a
transaction rolled back at the end) instead of once per test.
"""

from __future__ import annotations

import hashlib

import pytest
from django.db.models import Count
from django.test import TestCase

from agora.catalog.demo import DemoReport, load_demo
from agora.catalog.demo.cldr import licence_notice
from agora.catalog.demo.loader import _builders
from agora.catalog.demo.names import DEMO_COUNTRIES, country_names
from agora.catalog.demo.packages import SourceUnavailable, package_dir
from agora.catalog.demo.tzdb import position
from agora.catalog.demo.vega_common import require_statement
from agora.catalog.models import Dataset, Distribution, DistributionState, Organization
from agora.core.audit import audit_verify
from agora.core.files import open_blob

# What each publisher's sources say about their terms (see the source modules' docstrings).
LICENCE_OF_PUBLISHER = {
    "debian-iso-codes": "LGPL-2.1",
    "gapminder-foundation": "CC-BY-4.0",
    "us-noaa": "other-pd",
    "us-eia": "other-pd",
    "us-bls": "other-pd",
    "ourairports": "other-pd",
    "mike-bostock": "other-pd",
    "stanford-visualization-group": "BSD-3-Clause",
    "ntnu-industrial-ecology": "GPL-3.0",
    "plotly": "MIT",
    "unicode-consortium": "other-at",
    "iana": "other-pd",
    "geonames": "CC-BY-4.0",
    "us-census-bureau": "other-pd",
}
# The datasets each newer source must have produced, by publisher.
DATASETS_OF_PUBLISHER = {
    "unicode-consortium": {
        "cldr-territory-languages",
        "cldr-territory-currencies",
        "cldr-currencies",
        "cldr-windows-time-zones",
    },
    "iana": {
        "iana-tz-time-zones",
        "iana-tz-time-zones-now",
        "iana-tz-links",
        "iana-tz-country-names",
    },
    "geonames": {
        "geonames-countries",
        "geonames-continents",
        "geonames-cities-100000",
        "geonames-us-states",
    },
    "us-census-bureau": {"us-census-counties-2020"},
}


class TestDemoCatalogue(TestCase):
    report: DemoReport

    @classmethod
    def setUpTestData(cls) -> None:
        cls.report = load_demo()

    def test_builds_at_least_60_datasets_from_at_least_12_publishing_organizations(self) -> None:
        assert Dataset.objects.count() >= 60
        publishing = Organization.objects.annotate(n=Count("datasets")).filter(n__gt=0)
        assert publishing.count() >= 12
        assert set(LICENCE_OF_PUBLISHER) <= set(publishing.values_list("name", flat=True))

    def test_datasets_cover_at_least_20_countries(self) -> None:
        covered = Dataset.objects.values_list("countries", flat=True).distinct()
        assert len({code for code in covered if code}) >= 20

    def test_every_dataset_has_an_upload_whose_stored_checksum_matches_its_bytes(self) -> None:
        for dataset in Dataset.objects.prefetch_related("distributions__file"):
            uploads = [
                d
                for d in dataset.distributions.all()
                if d.is_upload and d.state == DistributionState.ACTIVE
            ]
            assert uploads, dataset.name
            for dist in uploads:
                with open_blob(dist.file) as handle:
                    content = handle.read()
                assert hashlib.sha256(content).hexdigest() == dist.checksum_sha256, dataset.name
                assert dist.file.sha256 == dist.checksum_sha256
                assert dist.byte_size == len(content)
                assert dist.format in {"CSV", "JSON", "GeoJSON", "TSV"}

    def test_every_dataset_has_a_licence_and_a_theme(self) -> None:
        assert not Dataset.objects.filter(licence__isnull=True).exists()
        assert not Dataset.objects.annotate(n=Count("themes")).filter(n=0).exists()

    def test_licences_are_those_the_sources_state(self) -> None:
        for publisher, licence in LICENCE_OF_PUBLISHER.items():
            mismatched = Dataset.objects.filter(organization__name=publisher).exclude(
                licence_id=licence
            )
            assert not mismatched.exists(), (publisher, list(mismatched))

    def test_newer_sources_publish_their_datasets_under_their_publisher(self) -> None:
        for publisher, names in DATASETS_OF_PUBLISHER.items():
            found = set(
                Dataset.objects.filter(organization__name=publisher).values_list("name", flat=True)
            )
            assert names <= found, (publisher, names - found)

    def test_cldr_datasets_carry_the_unicode_licence_notice(self) -> None:
        for dataset in Dataset.objects.filter(organization__name="unicode-consortium"):
            text = dataset.description["en"]
            assert "Unicode License v3" in text, dataset.name
            assert "Copyright © 2004" in text, dataset.name
            assert "Permission is hereby granted" in text, dataset.name
            assert dataset.licence_id == "other-at"

    def test_time_zones_and_cities_are_placed_on_the_map(self) -> None:
        zones = Dataset.objects.get(name="iana-tz-time-zones")
        assert zones.spatial is not None
        assert zones.temporal_start is not None
        assert zones.temporal_start.year == 1970
        assert Dataset.objects.get(name="geonames-cities-100000").spatial is not None
        formats = set(
            Distribution.objects.filter(dataset__organization__name="geonames").values_list(
                "format", flat=True
            )
        )
        assert {"CSV", "JSON", "GeoJSON"} <= formats

    def test_census_bureau_sits_under_the_department_of_commerce(self) -> None:
        census = Organization.objects.get(name="us-census-bureau")
        assert census.parent is not None
        assert census.parent.name == "us-department-of-commerce"
        assert Organization.objects.get(name="iana").country_id == "USA"
        assert Organization.objects.get(name="unicode-consortium").country_id == "USA"

    def test_every_dataset_says_where_its_data_comes_from(self) -> None:
        for dataset in Dataset.objects.all():
            text = dataset.description["en"]
            assert "**Source.**" in text, dataset.name
            assert "**Licence.**" in text, dataset.name
            assert dataset.extras["demo_source_package"], dataset.name
            assert dataset.landing_page.startswith("http"), dataset.name

    def test_most_titles_are_in_english_french_and_spanish(self) -> None:
        titles = list(Dataset.objects.values_list("title", flat=True))
        assert all(t.get("en") for t in titles)
        assert sum(1 for t in titles if t.get("fr") and t.get("es")) >= 0.9 * len(titles)

    def test_publishers_with_a_country_and_children_point_at_parents(self) -> None:
        noaa = Organization.objects.get(name="us-noaa")
        assert noaa.country_id == "USA"
        assert noaa.parent is not None
        assert noaa.parent.name == "us-department-of-commerce"
        assert Organization.objects.get(name="gapminder-foundation").country_id == "SWE"

    def test_report_counts_what_was_created(self) -> None:
        assert self.report.datasets_created == Dataset.objects.count()
        assert self.report.organizations_created == Organization.objects.count()
        assert self.report.files_uploaded == Distribution.objects.count()
        assert self.report.skipped_sources == []
        assert "created" in self.report.summary()

    def test_every_write_is_in_an_intact_audit_chain(self) -> None:
        assert audit_verify().ok

    def test_second_run_creates_nothing(self) -> None:
        before = (Dataset.objects.count(), Organization.objects.count())
        files_before = Distribution.objects.count()
        again = load_demo()
        assert not again.created_anything
        assert again.datasets_present == before[0]
        assert again.organizations_present == before[1]
        assert (Dataset.objects.count(), Organization.objects.count()) == before
        assert Distribution.objects.count() == files_before
        assert "0 created" in again.summary()


def test_a_missing_package_is_reported_not_fatal() -> None:
    class MissingSource:
        @staticmethod
        def builders() -> list[object]:
            package_dir("agora_no_such_demo_package")
            return []

    report = DemoReport()
    assert _builders(MissingSource, report) == []  # type: ignore[arg-type]
    assert len(report.skipped_sources) == 1
    assert "not installed" in report.skipped_sources[0]


def test_package_dir_refuses_packages_that_are_not_installed() -> None:
    with pytest.raises(SourceUnavailable):
        package_dir("agora_no_such_demo_package")


def test_demo_countries_have_names_in_english_french_and_spanish() -> None:
    names = [country_names(code) for code in DEMO_COUNTRIES]
    assert len(names) == 30
    assert all(n["en"] and n["fr"] and n["es"] for n in names)


def test_a_vega_dataset_is_refused_when_the_package_no_longer_states_its_terms() -> None:
    require_statement("seattle-weather", "NOAA", "public-domain")  # what it says today
    with pytest.raises(SourceUnavailable):
        require_statement("seattle-weather", "Creative Commons")


def test_cldr_licence_notice_is_the_unicode_licence_babel_ships() -> None:
    notice = licence_notice()
    assert notice.startswith("UNICODE LICENSE V3")
    assert "Unicode, Inc." in notice


def test_tz_coordinates_are_read_as_iso_6709() -> None:
    assert position("+4230+00131") == (42.5, 1.51667)  # Europe/Andorra
    assert position("-720041+0023206") == (-72.01139, 2.535)  # Antarctica/Troll
    assert position("+211825-1575130") == (21.30694, -157.85833)  # Pacific/Honolulu
