"""The embedded engine's files: generations, the live pointer, layout checks, the write lock."""

from __future__ import annotations

import json

import pytest

from agora.search import registry
from agora.search.backends.tantivy.schema import Layout
from agora.search.backends.tantivy.store import store_for
from agora.search.errors import SearchUnavailable

from .conftest import found, make

pytestmark = pytest.mark.django_db


def _store():  # type: ignore[no-untyped-def]
    return store_for("dataset", Layout.of(registry.get("dataset")))


def test_an_index_is_created_on_first_use_and_published_by_one_rename(org):
    make(org, "tide", "Tide gauges")
    store = _store()
    generation = store.current_generation()
    assert (store.folder / generation / "meta.json").exists()
    assert store.current_file.read_text() == generation


def test_an_index_built_with_another_layout_is_refused_until_rebuilt(org):
    make(org, "tide", "Tide gauges")
    store = _store()
    meta = store.folder / store.current_generation() / "agora.json"
    meta.write_text(json.dumps({"layout": "something-else"}))
    store._opened = None  # a fresh process
    with pytest.raises(SearchUnavailable, match="agora search reindex"):
        found("tide")


def test_a_writer_waits_for_the_lock_then_gives_up_clearly(org, settings):
    settings.AGORA_SEARCH_WRITER_WAIT_SECONDS = 0
    store = _store()
    with store.exclusive(), pytest.raises(SearchUnavailable), store.exclusive():
        pass
