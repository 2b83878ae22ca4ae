"""Reads: hydration in a fixed number of queries, visibility by one rule."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agora.catalog import selectors
from agora.catalog.tests.factories import DatasetFactory, DistributionDraftFactory
from agora.core.actor import ANONYMOUS

pytestmark = pytest.mark.django_db


def _queries_for_records(datasets) -> int:
    with CaptureQueriesContext(connection) as captured:
        records = selectors.dataset_records(datasets)
    assert len(records) == len(datasets)
    return len(captured)


def test_records_hydrate_in_a_fixed_number_of_queries(org):
    few = [DatasetFactory(organization=org, countries=["KEN"], distributions=[]) for _ in range(2)]
    many = [
        DatasetFactory(
            organization=org,
            tags=["a", "b", "c"],
            themes=["ECON", "SOCI"],
            countries=["KEN", "UGA"],
            languages=["en", "fr"],
            distributions=[DistributionDraftFactory() for _ in range(4)],
        )
        for _ in range(12)
    ]
    assert _queries_for_records(few) == _queries_for_records(many)


def test_records_keep_the_order_asked_for(org):
    a, b, c = (DatasetFactory(organization=org) for _ in range(3))
    assert [r.id for r in selectors.dataset_records([c.id, a.id, b.id])] == [
        str(c.id),
        str(a.id),
        str(b.id),
    ]


def test_tag_names_come_only_from_visible_datasets(org):
    DatasetFactory(organization=org, tags=["public-tag"])
    DatasetFactory(organization=org, tags=["secret-tag"], private=True)
    DatasetFactory(organization=org, tags=["draft-tag"], state="draft")
    assert selectors.tag_names(ANONYMOUS) == ["public-tag"]
