"""Where a tantivy index lives on disk, how processes open it, and who may write to it.

    <AGORA_SEARCH_INDEX_DIR>/<kind>/CURRENT      the name of the live generation
    <AGORA_SEARCH_INDEX_DIR>/<kind>/<generation> one complete tantivy index
    <AGORA_SEARCH_INDEX_DIR>/<kind>/write.lock   held by whoever writes (worker or rebuild)

A rebuild writes a new generation beside the live one and then replaces CURRENT with one
atomic rename, so searches never see a half-built index. Every process that searches checks
CURRENT (one stat) before each search and reopens when it changed; within a generation,
tantivy's readers reload by themselves when a commit lands. The previous generation is kept
until the next rebuild, because other processes may still be reading it.

Writes are serialised by an exclusive lock on write.lock (tantivy allows one writer per
index; the lock also keeps the outbox from being drained into an index a rebuild is about to
replace). Custom analyzers are registered on every index object a process opens, because
tantivy does not store them in the index.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tantivy
from django.conf import settings

from ...analysis import all_analyzers
from ...errors import SearchUnavailable
from .schema import Layout

META = "agora.json"


@dataclass
class _Opened:
    generation: str
    signature: tuple[int, int]
    index: tantivy.Index
    committed: int = 0


def _register_analyzers(index: tantivy.Index) -> None:
    for name, analyzer in all_analyzers().items():
        index.register_tokenizer(name, analyzer)


class IndexStore:
    """The generations of one adapter's index under one directory."""

    def __init__(self, root: Path, kind: str, layout: Layout) -> None:
        self.folder = Path(root) / kind
        self.layout = layout
        self._opened: _Opened | None = None
        self._guard = threading.Lock()

    @property
    def current_file(self) -> Path:
        return self.folder / "CURRENT"

    # ------------------------------------------------------------------ generations

    def create_generation(self) -> tuple[str, tantivy.Index]:
        """A new, empty index beside the live one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"g{time.time_ns()}-{uuid.uuid4().hex[:6]}"
        path = self.folder / name
        path.mkdir()
        index = tantivy.Index(self.layout.build(), path=str(path), reuse=False)
        _register_analyzers(index)
        (path / META).write_text(json.dumps({"layout": self.layout.fingerprint}))
        return name, index

    def publish(self, generation: str) -> None:
        """Make `generation` the live index (one atomic rename), then prune old ones."""
        temporary = self.folder / f".CURRENT-{uuid.uuid4().hex}"
        temporary.write_text(generation)
        os.replace(temporary, self.current_file)
        self._prune(keep={generation, *self._recent(2)})

    def _recent(self, count: int) -> list[str]:
        names = sorted(p.name for p in self.folder.glob("g*") if p.is_dir())
        return names[-count:]

    def _prune(self, keep: set[str]) -> None:
        for path in self.folder.glob("g*"):
            if path.is_dir() and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def _ensure_current(self) -> None:
        """The first process to need the index creates an empty one (if two race, one wins
        and the other's empty generation is pruned later)."""
        if self.current_file.exists():
            return
        name, _index = self.create_generation()
        temporary = self.folder / f".CURRENT-{uuid.uuid4().hex}"
        temporary.write_text(name)
        with contextlib.suppress(FileExistsError):
            os.link(temporary, self.current_file)
        temporary.unlink()

    # ------------------------------------------------------------------ reading

    def _signature(self) -> tuple[int, int]:
        status = os.stat(self.current_file)
        return status.st_ino, status.st_mtime_ns

    def open(self) -> tantivy.Index:
        """The live index, reopened only when CURRENT changed since the last call, and
        reloaded as soon as another process committed to it (one stat of its meta.json:
        tantivy's own watcher would notice too, but up to a second later)."""
        try:
            signature = self._signature()
        except FileNotFoundError:
            self._ensure_current()
            signature = self._signature()
        opened = self._opened
        if opened is not None and opened.signature == signature:
            self._reload_if_committed(opened)
            return opened.index
        with self._guard:
            generation = self.current_file.read_text().strip()
            path = self.folder / generation
            meta = json.loads((path / META).read_text()) if (path / META).exists() else {}
            if meta.get("layout") != self.layout.fingerprint:
                raise SearchUnavailable(
                    "The search index was built by another version of Agora: "
                    "run `agora search reindex`."
                )
            index = tantivy.Index.open(str(path))
            _register_analyzers(index)
            self._opened = _Opened(generation, signature, index)
            return index

    def _reload_if_committed(self, opened: _Opened) -> None:
        try:
            committed = os.stat(self.folder / opened.generation / "meta.json").st_mtime_ns
        except FileNotFoundError:
            return
        if committed != opened.committed:
            opened.index.reload()
            opened.committed = committed

    def current_generation(self) -> str:
        self.open()
        assert self._opened is not None  # noqa: S101 - set by open()
        return self._opened.generation

    def refresh(self, index: tantivy.Index) -> None:
        """After a commit in this process: make this process's next search see it."""
        opened = self._opened
        if opened is not None and opened.index is index:
            index.reload()

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold write.lock, waiting up to AGORA_SEARCH_WRITER_WAIT_SECONDS for it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + settings.AGORA_SEARCH_WRITER_WAIT_SECONDS
        with open(self.folder / "write.lock", "a+") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SearchUnavailable(
                            "The search index is being written by another process."
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


_stores: dict[tuple[str, str], IndexStore] = {}


def store_for(kind: str, layout: Layout) -> IndexStore:
    """The store of `kind` under the configured directory (one object per process, so that
    its opened index is reused by every search)."""
    root = str(settings.AGORA_SEARCH_INDEX_DIR)
    key = (root, kind)
    store = _stores.get(key)
    if store is None or store.layout != layout:
        if len(_stores) > 8:  # test runs point every test at a fresh folder: forget old ones
            _stores.clear()
        store = _stores[key] = IndexStore(Path(root), kind, layout)
    return store
