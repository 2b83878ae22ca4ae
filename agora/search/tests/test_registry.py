from agora.search import registry


def test_registered_adapters():
    assert registry.registered() == ["dataset"]
    adapter = registry.get("dataset")
    assert {"organization", "tags", "res_format", "license_id", "country", "theme"} <= set(
        adapter.fields
    )
