"""CKAN package dicts, rendered once per dataset version and reused.

Hydrating a dataset and mapping it to a package dict is most of the cost of package_show
(bench/api.py: about 7 of 10 ms of CPU). The dataset's version is read on every request (one
narrow query that also decides visibility); the rendered JSON is reused while that version
is unchanged (agora/core/rendercache.py explains why this cannot serve stale data). Results
are orjson Fragments: already-encoded JSON spliced into the response envelope as it is.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import orjson

from agora.catalog import selectors
from agora.catalog.selectors import DatasetVersion
from agora.core.actor import Actor
from agora.core.rendercache import render_cache
from agora.interop.ckan import package_dict

CACHE = "ckan-package"


def _render(version_id: uuid.UUID, language: str) -> bytes:
    record = selectors.dataset_records([version_id])[0]
    return orjson.dumps(package_dict(record, language=language))


def package_fragment(version: DatasetVersion, language: str) -> orjson.Fragment:
    body = render_cache(CACHE).get_or_render(
        (version.key, language), lambda: _render(version.id, language)
    )
    return orjson.Fragment(body)


def package_fragment_for(actor: Actor, id_or_name: str, language: str) -> orjson.Fragment:
    """The package dict of a dataset the actor may see (NotFound otherwise)."""
    return package_fragment(selectors.dataset_version(actor, id_or_name), language)


def package_fragments(
    actor: Actor, ids: Sequence[uuid.UUID | str], language: str
) -> list[orjson.Fragment]:
    """Package dicts for many datasets, in order; misses are hydrated together."""
    versions = selectors.dataset_versions(actor, ids)
    cache = render_cache(CACHE)
    missing = [v for v in versions if not cache.contains((v.key, language))]
    if missing:
        records = {r.id: r for r in selectors.dataset_records([v.id for v in missing])}
        for version in missing:
            record = records.get(str(version.id))
            if record is not None:
                cache.put(
                    (version.key, language), orjson.dumps(package_dict(record, language=language))
                )
    return [package_fragment(v, language) for v in versions]
