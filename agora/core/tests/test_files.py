"""Content-addressed storage: one blob per content, size limit enforced while streaming."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import default_storage

from agora.core.errors import PayloadTooLarge
from agora.core.files import open_blob, store_chunks
from agora.core.models import StoredFile

pytestmark = pytest.mark.django_db


def test_same_bytes_are_stored_once():
    first = store_chunks([b"a,b\n", b"1,2\n"], filename="t.csv")
    second = store_chunks([b"a,b\n1,2\n"], filename="other.csv")
    assert first.sha256 == second.sha256 == hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    assert StoredFile.objects.count() == 1
    assert default_storage.exists(first.storage_name)
    with open_blob(first) as handle:
        assert handle.read() == b"a,b\n1,2\n"


def test_oversized_stream_is_refused_and_leaves_no_blob(settings):
    settings.AGORA_CATALOG_UPLOAD_MAX_BYTES = 10
    with pytest.raises(PayloadTooLarge):
        store_chunks([b"12345", b"67890", b"x"])
    assert not StoredFile.objects.exists()
