"""Downloads are the exact stored bytes, with their SHA-256, never re-encoded."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agora.catalog import services
from agora.catalog.tests.factories import DatasetFactory
from agora.core.actor import SYSTEM
from agora.interop.records import DistributionDraft

pytestmark = pytest.mark.django_db
CONTENT = b"country,value\n" + b"KEN,1\n" * 2000


def _upload(dataset):
    return services.distribution_create(
        actor=SYSTEM,
        dataset=dataset,
        draft=DistributionDraft(title="Values"),
        upload=SimpleUploadedFile("values.csv", CONTENT),
    )


def _path(dist) -> str:
    return f"/dataset/{dist.dataset_id}/resource/{dist.id}/download/values.csv"


def test_download_is_not_gzipped_even_when_the_client_accepts_it(org, client):
    dist = _upload(DatasetFactory(organization=org))
    response = client.get(_path(dist), HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    body = b"".join(response.streaming_content)
    assert body == CONTENT
    digest = hashlib.sha256(CONTENT).hexdigest()
    assert response["ETag"] == f'"{digest}"'
    assert response["Digest"].startswith("sha-256=")


def test_pages_and_api_are_still_compressed(org, client):
    DatasetFactory(organization=org)
    response = client.get(
        "/api/3/action/package_search?rows=50", HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response["Content-Encoding"] == "gzip"


def test_private_file_is_not_downloadable_by_anonymous(org, client):
    dist = _upload(DatasetFactory(organization=org, private=True))
    assert client.get(_path(dist), HTTP_HOST="127.0.0.1").status_code == 404


def test_conditional_download_is_304(org, client):
    dist = _upload(DatasetFactory(organization=org))
    etag = f'"{hashlib.sha256(CONTENT).hexdigest()}"'
    response = client.get(_path(dist), HTTP_HOST="127.0.0.1", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
