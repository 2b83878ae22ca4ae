"""Media types sniffed from a file's first bytes (pure: no Django, no I/O).

The client's Content-Type and a file's name are hints at best: a ".csv" that starts with
"%PDF-" is a PDF, and a spreadsheet named "data" is still a spreadsheet. Magic numbers decide;
the name only refines what the bytes cannot tell (CSV from TSV, a zip from an XLSX whose first
member is not telling).
"""

from __future__ import annotations

import codecs
import mimetypes
import re

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"PAR1", "application/vnd.apache.parquet"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"\x1f\x8b", "application/gzip"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/vnd.ms-excel"),
)
_ZIP = b"PK\x03\x04"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
GEOJSON = "application/geo+json"
_ZIP_BASED = {".xlsx": XLSX, ".docx": DOCX, ".ods": ODS}
_TEXT_BY_SUFFIX = {
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".tab": "text/tab-separated-values",
    ".geojson": GEOJSON,
    ".json": "application/json",
    ".jsonl": "application/x-ndjson",
    ".ndjson": "application/x-ndjson",
}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_FEATURE_COLLECTION = re.compile(rb'"type"\s*:\s*"Feature(Collection)?"')


def _suffix(filename: str) -> str:
    return "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _zip_kind(head: bytes, suffix: str) -> str:
    """OpenDocument stores its media type first, uncompressed; OOXML names its parts."""
    if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in head:
        return ODS
    if b"xl/" in head:
        return XLSX
    if b"word/" in head:
        return DOCX
    return _ZIP_BASED.get(suffix, "application/zip")


def sniff_media_type(head: bytes, filename: str = "") -> str:
    """Guess a media type from the first bytes, using the file name only to refine."""
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    suffix = _suffix(filename)
    if head.startswith(_ZIP):
        return _zip_kind(head, suffix)
    if not looks_like_text(head):
        return "application/octet-stream"
    if suffix in _TEXT_BY_SUFFIX:
        by_name = _TEXT_BY_SUFFIX[suffix]
        if by_name == "application/json" and _FEATURE_COLLECTION.search(head):
            return GEOJSON
        return by_name
    guessed = mimetypes.guess_type(filename)[0] if filename else None
    if guessed and (guessed.startswith("text/") or guessed.endswith(("json", "xml"))):
        return guessed
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return GEOJSON if _FEATURE_COLLECTION.search(head) else "application/json"
    if stripped[:1] == b"<":
        return "application/xml"
    return "text/plain"


def looks_like_text(head: bytes) -> bool:
    """Text in any common encoding: no NUL bytes (unless UTF-16 with a BOM), few controls."""
    if head.startswith(_BOMS[1:]):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls <= len(head) // 100
