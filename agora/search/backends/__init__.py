"""Search backends behind one protocol, chosen by the AGORA_SEARCH_BACKEND setting."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import SearchBackend


def current_backend() -> SearchBackend:
    backend_class = import_string(settings.AGORA_SEARCH_BACKEND)
    backend: SearchBackend = backend_class()
    return backend
