"""The usage counter: no personal data, one row per dataset and day, most used first."""

from __future__ import annotations

import pytest

from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import ANONYMOUS
from agora.web.models import DatasetUsage
from agora.web.selectors import most_used_dataset_ids
from agora.web.services import dataset_usage_record, is_robot

pytestmark = pytest.mark.django_db


def test_counts_accumulate_in_one_row_per_dataset_and_day(org):
    dataset = DatasetFactory(organization=org)
    for _ in range(3):
        dataset_usage_record(actor=ANONYMOUS, dataset=dataset.name)
    dataset_usage_record(actor=ANONYMOUS, dataset=dataset.name, kind="downloads")
    row = DatasetUsage.objects.get()
    assert (row.views, row.downloads) == (3, 1)


def test_the_counter_stores_nothing_about_the_visitor():
    columns = {f.name for f in DatasetUsage._meta.get_fields()}
    assert columns == {"id", "dataset_id", "day", "views", "downloads"}


def test_most_used_ranks_by_views_and_downloads_and_hides_private(org):
    quiet, busy = DatasetFactory(organization=org), DatasetFactory(organization=org)
    hidden = DatasetFactory(organization=org, private=True)
    dataset_usage_record(actor=ANONYMOUS, dataset=quiet.name)
    for _ in range(2):
        dataset_usage_record(actor=ANONYMOUS, dataset=busy.name)
    DatasetUsage.objects.create(
        dataset_id=hidden.id, day=DatasetUsage.objects.first().day, views=99
    )
    assert most_used_dataset_ids(ANONYMOUS) == [busy.id, quiet.id]


@pytest.mark.parametrize(
    ("agent", "robot"),
    [
        ("Mozilla/5.0 (X11; Linux x86_64)", False),
        ("Googlebot/2.1", True),
        ("", True),
        ("curl/8.0", True),
    ],
)
def test_robots_are_recognised_by_their_user_agent(agent, robot):
    assert is_robot(agent) is robot


def test_downloads_count_once_per_download_not_per_range_or_revalidation(web, catalogue):
    dataset = catalogue["public"]
    dist = dataset.distributions.get()
    url = f"/dataset/{dataset.id}/resource/{dist.id}/download/population.csv"

    def downloads() -> int:
        row = DatasetUsage.objects.filter(dataset_id=dataset.id).first()
        return row.downloads if row else 0

    assert web.get(url).status_code == 200
    assert downloads() == 1
    assert web.get(url, HTTP_RANGE="bytes=0-9").status_code == 206  # a download starting
    assert downloads() == 2
    assert web.get(url, HTTP_RANGE="bytes=10-").status_code == 206  # the same one resumed
    assert web.head(url).status_code == 200
    etag = f'"{dist.file.sha256}"'
    assert web.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert web.get(url, HTTP_USER_AGENT="curl/8.0").status_code == 200  # robots are not counted
    assert web.get(f"/dataset/{dataset.id}/resource/{dist.id}/versions/1").status_code == 200
    assert downloads() == 3
