"""Agora-to-Agora: this instance, served live, is harvested over HTTP into another
organization, through its CKAN API and through its Hydra-paged DCAT catalogue.

Both "instances" share the test database, so the copies must not feed back into the catalogue
being harvested while it is paged: the CKAN source asks for the publishing organization only
(`ckan_fq`, as a national portal harvesting one ministry would), the DCAT source makes its
copies private (the public catalogue never lists them)."""

from __future__ import annotations

import pytest

from agora.catalog.models import Dataset, DatasetState
from agora.catalog.tests.factories import DatasetFactory, DistributionDraftFactory
from agora.harvest.models import JobStatus

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]


def _publish(org) -> list[Dataset]:
    public = [
        DatasetFactory(
            organization=org,
            tags=["health", f"topic-{i}"],
            themes=["HEAL"],
            countries=["KEN"],
            distributions=[DistributionDraftFactory(), DistributionDraftFactory(format="JSON")],
        )
        for i in range(5)
    ]
    DatasetFactory(organization=org, private=True, title={"en": "Secret list"})
    DatasetFactory(organization=org, state="draft", title={"en": "Unfinished draft"})
    return public


def _content(dataset: Dataset) -> dict:
    return {
        "title": dataset.title,
        "description": dataset.description,
        "tags": sorted(dataset.tags.values_list("name", flat=True)),
        "themes": sorted(dataset.themes.values_list("code", flat=True)),
        "countries": sorted(dataset.countries.values_list("code", flat=True)),
        "licence": dataset.licence_id,
        "distributions": sorted(
            dataset.distributions.filter(state="active").values_list("url", "format")
        ),
    }


def _assert_same(originals: list[Dataset], source) -> None:
    copies = Dataset.objects.filter(harvest_source_id=source.id, state=DatasetState.ACTIVE)
    assert copies.count() == len(originals)
    assert set(copies.values_list("private", flat=True)) == {source.private}
    assert set(copies.values_list("organization_id", flat=True)) == {source.organization_id}
    by_title = {c.title["en"]: c for c in copies}
    for original in originals:
        assert _content(by_title[original.title["en"]]) == _content(original)
    assert not copies.filter(title__icontains="Secret").exists()
    assert not copies.filter(title__icontains="Unfinished").exists()


def test_a_second_instance_harvests_the_first_through_its_ckan_api(
    live_server, org, other_org, make_source, harvest
):
    originals = _publish(org)
    source = make_source(
        live_server.url,
        "ckan",
        organization=other_org,
        page_size=2,
        ckan_fq=f"organization:{org.name}",
    )
    job = harvest(source)
    assert job.status == JobStatus.SUCCEEDED, (job.error, job.counts)
    assert job.counts["created"] == len(originals)
    _assert_same(originals, source)
    again = harvest(source)
    assert again.counts["unchanged"] == len(originals)


def test_a_second_instance_harvests_the_first_through_its_paged_dcat_catalogue(
    live_server, org, other_org, make_source, harvest, settings
):
    settings.AGORA_SITE_URL = live_server.url  # the catalogue's page links name the site
    originals = _publish(org)
    source = make_source(
        f"{live_server.url}/catalog.ttl?page_size=2", "dcat", organization=other_org, private=True
    )
    job = harvest(source)
    assert job.status == JobStatus.SUCCEEDED, (job.error, job.counts)
    assert job.expected == len(originals)
    assert job.counts["created"] == len(originals)
    _assert_same(originals, source)
