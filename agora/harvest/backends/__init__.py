"""Harvest backends: one small class per kind of source, in an explicit registry filled in
`HarvestConfig.ready()`.

A backend knows how to list a remote catalogue (gather, following its paging) and turn each
remote record into a `MappedDataset` (via `agora.interop`). It knows nothing of the database:
the runner does identity, change detection, writes and deletions, the same for every backend.
CSW/ISO 19139 or OAI-PMH backends are added by writing one class and registering it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from agora.interop.mapped import MappedDataset

from ..http import HarvestClient


class Gathered:
    """One remote record: the raw record (kept if it fails), its identity at the source when
    the raw record states it (`key`), and its mapping, made only when asked for: a record
    whose normalised raw form is the one harvested last time is never mapped again."""

    __slots__ = ("_map", "_mapped", "key", "raw")

    def __init__(
        self,
        raw: Any,
        *,
        mapped: MappedDataset | None = None,
        mapper: Callable[[], MappedDataset] | None = None,
        key: str = "",
    ) -> None:
        self.raw = raw
        self.key = key
        self._mapped = mapped
        self._map = mapper

    @property
    def mapped(self) -> MappedDataset:
        if self._mapped is None:
            if self._map is None:
                raise RuntimeError("A gathered record needs a mapping or a mapper")
            self._mapped = self._map()
        return self._mapped

    def raw_digest(self, salt: str) -> str:
        """SHA-256 of the raw record as canonical JSON (keys sorted, one spelling of every
        string): re-formatting, re-ordering keys or escaping slashes does not change it."""
        if self.raw is None:
            return ""
        text = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256((salt + text).encode("utf-8")).hexdigest()


@dataclass
class Batch:
    """A page of records. `expected` is the source's total when it says so (progress bar)."""

    records: list[Gathered]
    expected: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class GatherRequest:
    url: str
    config: Mapping[str, Any]
    client: HarvestClient
    previous_validators: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    modified_since: str = ""  # ISO date-time of the last complete run (incremental sources)
    batch_size: int = 500
    # Filled by the backend: validators of a single-document gather, for the next run.
    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    incremental: bool = False  # set by the backend when it listed only changed records


class Backend:
    """Base class. `gather` yields batches; returning normally means the listing was
    complete. It raises `http.NotModified` when the source says nothing changed, and a
    `HarvestError` when the source cannot be listed."""

    type: ClassVar[str] = ""
    label: ClassVar[str] = ""

    def gather(self, request: GatherRequest) -> Iterator[Batch]:
        raise NotImplementedError


_REGISTRY: dict[str, type[Backend]] = {}


def register(backend: type[Backend]) -> None:
    _REGISTRY[backend.type] = backend


def get(kind: str) -> Backend:
    try:
        return _REGISTRY[kind]()
    except KeyError:
        from ..errors import HarvestError

        raise HarvestError(
            f"No harvest backend for {kind!r}.", code="harvest.unknown_type"
        ) from None


def registered() -> dict[str, type[Backend]]:
    return dict(_REGISTRY)
