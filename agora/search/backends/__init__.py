"""Search engines behind one protocol (base.py), chosen by the AGORA_SEARCH_BACKEND setting."""

from __future__ import annotations

from django.conf import settings

from .base import SearchBackend, backend_class

_instances: dict[str, SearchBackend] = {}


def current_backend() -> SearchBackend:
    """The configured engine (one instance per process: engines keep open indexes)."""
    name = settings.AGORA_SEARCH_BACKEND
    backend = _instances.get(name)
    if backend is None:
        backend = _instances[name] = backend_class(name)()
    return backend
