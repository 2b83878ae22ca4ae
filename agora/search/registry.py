"""The explicit registry of search adapters, filled by apps in AppConfig.ready()."""

from __future__ import annotations

from .adapters import SearchAdapter

_adapters: dict[str, SearchAdapter] = {}


def register(adapter: SearchAdapter) -> None:
    if adapter.name in _adapters and type(_adapters[adapter.name]) is not type(adapter):
        raise RuntimeError(f"A search adapter named {adapter.name!r} is already registered")
    _adapters[adapter.name] = adapter


def get(name: str) -> SearchAdapter:
    return _adapters[name]


def registered() -> list[str]:
    return sorted(_adapters)
