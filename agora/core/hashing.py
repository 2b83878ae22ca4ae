"""Hashing helpers: SHA-256 of streams and of canonical JSON.

Canonical JSON (sorted keys, no insignificant whitespace, UTF-8) makes a hash depend on the
content of a record, not on how a database or a serializer happened to order or space it; the
audit chain and harvest change detection both rely on that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import IO, Any

CHUNK = 1024 * 1024


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def sha256_json(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def sha256_chunks(chunks: Iterable[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def sha256_file(handle: IO[bytes]) -> tuple[str, int]:
    return sha256_chunks(iter(lambda: handle.read(CHUNK), b""))
