"""A small per-process cache of rendered documents, keyed by the version they render.

Rendering a dataset (hydrating it from the database and mapping it to CKAN or JSON-LD) costs
milliseconds of Python; reading the few columns that say *which version* of it exists costs
one narrow query. So handlers read the version on every request and reuse the rendering when
the version is unchanged. Because the key is read from the database each time, a cached
rendering can never be served for a changed dataset, on any node: the cache can only miss,
never drift. Each process keeps its own bounded LRU; nothing needs invalidating.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.conf import settings


class RenderCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_render(self, key: Hashable, render: Callable[[], bytes]) -> bytes:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found
        rendered = render()
        self.misses += 1
        self.put(key, rendered)
        return rendered

    def contains(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items

    def put(self, key: Hashable, rendered: bytes) -> None:
        with self._lock:
            self._items[key] = rendered
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


_caches: dict[str, RenderCache] = {}


def render_cache(name: str) -> RenderCache:
    """The process-wide cache called `name` (one per rendered format)."""
    cache = _caches.get(name)
    if cache is None:
        cache = _caches.setdefault(name, RenderCache(settings.AGORA_RENDER_CACHE_SIZE))
    return cache
