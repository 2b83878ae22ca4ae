from agora.search import registry
from agora.search.backends.base import registered as registered_backends


def test_registered_adapters():
    assert registry.registered() == ["dataset"]
    adapter = registry.get("dataset")
    assert {"organization", "tags", "res_format", "license_id", "country", "theme"} <= set(
        adapter.fields
    )


def test_registered_backends_are_the_embedded_and_the_postgresql_engines():
    assert registered_backends() == ["postgres", "tantivy"]


def test_the_embedded_engine_is_the_default(settings):
    from config.settings import base

    assert base.AGORA_SEARCH_BACKEND == "tantivy"
