"""Content-addressed file storage through Django's storage API.

Every upload is streamed once: hashed and counted while it is copied to a temporary file, then
saved under `blobs/<sha256>` unless those bytes are already stored. Files are never modified
or overwritten, so any node or cache holding a blob holds the right bytes for good. The
backend is whatever STORAGES["default"] says: a local folder or S3-compatible storage
(django-storages), chosen by AGORA_STORAGE_BACKEND.

Readers that need a real file (DuckDB, spreadsheet readers) ask `local_path()`: a local
folder storage hands out its own path; object storage is downloaded once into a per-node
cache named by the SHA-256 (immutable content makes that cache trivially correct). Downloads
read byte ranges with `open_range()`, which asks object storage for just those bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from .errors import AgoraError, PayloadTooLarge
from .hashing import CHUNK
from .mediatypes import sniff_media_type
from .models import StoredFile, blob_name

__all__ = [
    "BlobCorrupted",
    "local_path",
    "open_blob",
    "open_range",
    "sniff_media_type",
    "store_chunks",
    "store_path",
]
SNIFF_BYTES = 8192


class BlobCorrupted(AgoraError):
    """Stored bytes no longer match the SHA-256 they are named by."""

    code = "files.blob_corrupted"
    default_message = "A stored file does not match its checksum."


def store_chunks(
    chunks: Iterable[bytes], *, filename: str = "", max_bytes: int | None = None
) -> StoredFile:
    """Store a stream of bytes; return the (possibly pre-existing) StoredFile for its hash."""
    limit = settings.AGORA_CATALOG_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    digest = hashlib.sha256()
    size = 0
    head = b""
    with tempfile.TemporaryFile() as spool:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"The file is larger than the limit of {limit} bytes.")
            if len(head) < SNIFF_BYTES:
                head += chunk[: SNIFF_BYTES - len(head)]
            digest.update(chunk)
            spool.write(chunk)
        sha256 = digest.hexdigest()
        existing = StoredFile.objects.filter(sha256=sha256).first()
        if existing is not None and default_storage.exists(existing.storage_name):
            return existing
        spool.seek(0)
        _save_blob(sha256, spool)
    return _record(sha256, size, sniff_media_type(head, filename))


def store_path(path: Path, *, filename: str = "") -> StoredFile:
    """Store a local file (a derived Parquet table) by its content: hashed where it lies and
    copied once (a stream needs a spool copy first; a file already is one)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
        digest.update(head)
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
        sha256 = digest.hexdigest()
        existing = StoredFile.objects.filter(sha256=sha256).first()
        if existing is not None and default_storage.exists(existing.storage_name):
            return existing
        handle.seek(0)
        _save_blob(sha256, handle)
    return _record(sha256, path.stat().st_size, sniff_media_type(head, filename))


def _save_blob(sha256: str, spool: IO[bytes]) -> None:
    name = blob_name(sha256)
    if not default_storage.exists(name):
        saved = default_storage.save(name, File(spool))
        if saved != name:  # a racing writer stored the same bytes first
            default_storage.delete(saved)


def _record(sha256: str, size: int, media_type: str) -> StoredFile:
    try:
        with transaction.atomic():
            return StoredFile.objects.create(sha256=sha256, size=size, media_type=media_type)
    except IntegrityError:
        return StoredFile.objects.get(sha256=sha256)


def open_blob(stored: StoredFile):  # type: ignore[no-untyped-def]
    return default_storage.open(stored.storage_name, "rb")


def _filesystem_path(name: str) -> Path | None:
    """The blob's own path when the storage is a local folder, else None."""
    try:
        path = Path(default_storage.path(name))
    except NotImplementedError:
        return None
    return path if path.is_file() else None


def open_range(stored: StoredFile, start: int, end: int) -> Iterator[bytes]:
    """Bytes start..end (inclusive) of a blob, streamed in chunks.

    Object storage is asked for exactly that range (an S3 `Range` GET), so serving the last
    megabyte of a 10 GB file does not download the other 9.99 GB first.
    """
    name = stored.storage_name
    bucket = getattr(default_storage, "bucket", None)
    if bucket is not None:
        key = default_storage._normalize_name(name)  # type: ignore[attr-defined]
        body = bucket.Object(key).get(Range=f"bytes={start}-{end}")["Body"]
        try:
            yield from iter(lambda: body.read(CHUNK), b"")
        finally:
            body.close()
        return
    with open_blob(stored) as handle:
        handle.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


def cache_dir() -> Path:
    return Path(settings.AGORA_STORAGE_CACHE_DIR)


def local_path(stored: StoredFile) -> Path:
    """A local file holding the blob's bytes, for readers that need a path.

    Local folder storage: the blob itself. Object storage: a copy in this node's cache,
    downloaded once, checked against the SHA-256 before it is used, and renamed into place
    atomically so that concurrent readers never see half a file.
    """
    own = _filesystem_path(stored.storage_name)
    if own is not None:
        return own
    target = cache_dir() / "blobs" / stored.sha256[:2] / stored.sha256
    if target.is_file():
        with contextlib.suppress(OSError):
            os.utime(target)  # most recently used: evicted last
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    _download(stored, target)
    evict_cache(keep=target)
    return target


def _download(stored: StoredFile, target: Path) -> None:
    digest = hashlib.sha256()
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as out, open_blob(stored) as source:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != stored.sha256:
            raise BlobCorrupted(f"Blob {stored.sha256} does not match its checksum.")
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def evict_cache(*, keep: Path | None = None) -> int:
    """Delete least recently used cached files until the cache fits its size limit."""
    limit = int(settings.AGORA_STORAGE_CACHE_MAX_BYTES)
    root = cache_dir()
    if limit <= 0 or not root.is_dir():
        return 0
    files = [p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".part-")]
    stats = {p: p.stat() for p in files}
    total = sum(s.st_size for s in stats.values())
    removed = 0
    for path in sorted(files, key=lambda p: stats[p].st_mtime):
        if total <= limit:
            break
        if path == keep:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            total -= stats[path].st_size
            removed += 1
    return removed


def blob_matches(stored: StoredFile) -> bool:
    """Whether the stored bytes still hash to their name (integrity check of storage)."""
    digest = hashlib.sha256()
    with open_blob(stored) as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest() == stored.sha256
