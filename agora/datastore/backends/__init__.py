"""The registry of tabular query backends, filled in DatastoreConfig.ready().

AGORA_DATASTORE_BACKEND names the one in use (by dotted path); only registered classes can be
chosen, so a typo in a setting fails loudly at the first query instead of importing anything.
"""

from __future__ import annotations

from django.conf import settings

from .base import DatastoreBackend, TableHandle

__all__ = ["DatastoreBackend", "TableHandle", "get_backend", "register", "registered"]

_REGISTRY: dict[str, type[DatastoreBackend]] = {}
_INSTANCES: dict[str, DatastoreBackend] = {}


def _path(cls: type[DatastoreBackend]) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def register(cls: type[DatastoreBackend]) -> type[DatastoreBackend]:
    _REGISTRY[_path(cls)] = cls
    return cls


def registered() -> dict[str, type[DatastoreBackend]]:
    return dict(_REGISTRY)


def get_backend() -> DatastoreBackend:
    path = settings.AGORA_DATASTORE_BACKEND
    if path not in _INSTANCES:
        if path not in _REGISTRY:
            raise RuntimeError(
                f"AGORA_DATASTORE_BACKEND={path!r} is not a registered backend "
                f"(registered: {', '.join(sorted(_REGISTRY))})"
            )
        _INSTANCES[path] = _REGISTRY[path]()
    return _INSTANCES[path]
