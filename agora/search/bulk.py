"""Feeding a rebuild: read and encode documents in a second process while this one indexes.

Why: a rebuild is bounded by CPU, and half of it is Python work (reading rows, building
documents, encoding them for the engine) that cannot run in parallel with itself in one
process. A forked child does that half and hands over ready-to-index batches through a pipe
(which also limits how far ahead it runs), while the engine's own threads index in the
parent. With AGORA_SEARCH_BUILD_PROCESSES=0 everything runs inline (the tests do that: their
database lives in the parent's transaction, which a child cannot see).
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import connections

from .adapters import SearchAdapter
from .errors import SearchUnavailable

Encode = Callable[[Any], Any]
_abandoned: list[object] = []


def _inline(adapter: SearchAdapter, encode: Encode, batch_size: int) -> Iterator[list[Any]]:
    for documents in adapter.all_documents(batch_size=batch_size):
        yield [encode(d) for d in documents]


def _produce(adapter: SearchAdapter, encode: Encode, batch_size: int, pipe: Any) -> None:
    """The child: its own database connection, then batches down the pipe, then exit without
    running finalizers (the parent's inherited connection must not be closed from here)."""
    code = 0
    try:
        for connection in connections.all(initialized_only=True):
            _abandoned.append(connection.connection)  # never garbage-collected, never closed
            connection.connection = None
        for batch in _inline(adapter, encode, batch_size):
            pipe.send(batch)
        pipe.send(None)
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        pipe.send(("error", traceback.format_exc()))
        code = 1
    finally:
        pipe.close()
        os._exit(code)


def encoded_batches(adapter: SearchAdapter, encode: Encode) -> Iterator[list[Any]]:
    """Every document of `adapter`, encoded, in batches; produced by a child process when
    AGORA_SEARCH_BUILD_PROCESSES is 1 (the default outside tests) and fork is available."""
    batch_size = settings.AGORA_SEARCH_BATCH_SIZE
    methods = multiprocessing.get_all_start_methods()
    if settings.AGORA_SEARCH_BUILD_PROCESSES <= 0 or "fork" not in methods:
        yield from _inline(adapter, encode, batch_size)
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_produce, args=(adapter, encode, batch_size, sending))
    child.start()
    sending.close()
    try:
        while True:
            batch = receiving.recv()
            if batch is None:
                break
            if isinstance(batch, tuple):
                raise SearchUnavailable(f"Reading documents failed:\n{batch[1]}")
            yield batch
    finally:
        receiving.close()
        child.join(timeout=30)
        if child.is_alive():
            child.kill()
