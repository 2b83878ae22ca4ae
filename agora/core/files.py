"""Content-addressed file storage through Django's storage API.

Every upload is streamed once: hashed and counted while it is copied to a temporary file, then
saved under `blobs/<sha256>` unless those bytes are already stored. Files are never modified
or overwritten, so any node or cache holding a blob holds the right bytes for good. The
backend is whatever STORAGES["default"] says: a local folder or S3-compatible storage.
"""

from __future__ import annotations

import hashlib
import mimetypes
import tempfile
from collections.abc import Iterable

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from .errors import PayloadTooLarge
from .models import StoredFile, blob_name

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"PAR1", "application/vnd.apache.parquet"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"\x1f\x8b", "application/gzip"),
    (b"\xd0\xcf\x11\xe0", "application/vnd.ms-excel"),
)
_ZIP = b"PK\x03\x04"
_ZIP_BASED = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def sniff_media_type(head: bytes, filename: str = "") -> str:
    """Guess a media type from the first bytes, using the file name only to refine.

    The client's Content-Type is never trusted: a ".csv" that starts with "%PDF-" is a PDF.
    """
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if head.startswith(_ZIP):
        return _ZIP_BASED.get(suffix, "application/zip")
    if _looks_like_text(head):
        guessed = mimetypes.guess_type(filename)[0] if filename else None
        if guessed and (guessed.startswith("text/") or guessed.endswith(("json", "xml"))):
            return guessed
        stripped = head.lstrip()
        if stripped[:1] in (b"{", b"["):
            return "application/json"
        if stripped[:1] == b"<":
            return "application/xml"
        return "text/plain"
    return "application/octet-stream"


def _looks_like_text(head: bytes) -> bool:
    """Text in any common encoding: no NUL bytes and almost no control characters."""
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls <= len(head) // 100


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
            if len(head) < 4096:
                head += chunk[: 4096 - len(head)]
            digest.update(chunk)
            spool.write(chunk)
        sha256 = digest.hexdigest()
        existing = StoredFile.objects.filter(sha256=sha256).first()
        if existing is not None:
            return existing
        spool.seek(0)
        name = blob_name(sha256)
        if not default_storage.exists(name):
            saved = default_storage.save(name, File(spool))
            if saved != name:  # a racing writer stored the same bytes first
                default_storage.delete(saved)
    return _record(sha256, size, sniff_media_type(head, filename))


def _record(sha256: str, size: int, media_type: str) -> StoredFile:
    try:
        with transaction.atomic():
            return StoredFile.objects.create(sha256=sha256, size=size, media_type=media_type)
    except IntegrityError:
        return StoredFile.objects.get(sha256=sha256)


def open_blob(stored: StoredFile):  # type: ignore[no-untyped-def]
    return default_storage.open(stored.storage_name, "rb")
