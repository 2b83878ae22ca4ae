"""Fixtures of the tabular store's tests: a throwaway node cache and tables loaded for real."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _node_cache(settings, tmp_path):
    """Each test gets its own per-node cache (tables, downloaded blobs)."""
    settings.AGORA_STORAGE_CACHE_DIR = tmp_path / "node-cache"
