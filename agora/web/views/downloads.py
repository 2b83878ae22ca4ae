"""File downloads: the exact bytes a publisher released, with their SHA-256 for verification.

`/dataset/<d>/resource/<r>/download/<name>` serves the current version and
`/dataset/<d>/resource/<r>/versions/<n>[/download/<name>]` any earlier one, at a URL that never
changes. Every answer carries the SHA-256 as a strong `ETag`, as `Digest` (RFC 3230) and as
`Repr-Digest` (RFC 9530), honours `If-None-Match`, `Range` (one byte range; `If-Range`) and
HEAD, and is never compressed on the fly (see web/middleware.py: a FileResponse is left alone).
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_http_methods

from agora.api.auth import request_actor
from agora.catalog.file_versions import distribution_version_get
from agora.catalog.models import Distribution
from agora.catalog.selectors import distribution_get
from agora.core.errors import AgoraError
from agora.core.files import open_range
from agora.core.models import StoredFile

from ..services import dataset_usage_record, is_robot

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class _Chunks(io.RawIOBase):
    """A read-only file over an iterator of byte chunks (what FileResponse streams)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, b"")
            if not chunk:
                break
            self._buffer += chunk
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data


def _byte_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(start, end) for a satisfiable single range; None to send everything; False: 416."""
    found = _RANGE.match(header.strip())
    if not found or (not found.group(1) and not found.group(2)):
        return None  # multiple or malformed ranges: a full answer is always allowed
    first, last = found.group(1), found.group(2)
    if not first:
        length = int(last)
        return (max(0, size - length), size - 1) if length and size else False
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return False
    return start, end


def _headers(response: HttpResponse, stored: StoredFile, private: bool) -> None:
    digest = base64.b64encode(bytes.fromhex(stored.sha256)).decode("ascii")
    response["ETag"] = f'"{stored.sha256}"'
    response["Digest"] = f"sha-256={digest}"
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=0" if private else "public, max-age=3600"


def serve_blob(
    request: HttpRequest, stored: StoredFile, *, filename: str, private: bool, immutable: bool
) -> HttpResponse:
    etag = f'"{stored.sha256}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
        _headers(response, stored, private)
        return response
    wanted = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range")
    span = _byte_range(wanted, stored.size) if wanted and if_range in (None, etag) else None
    if span is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{stored.size}"
        _headers(response, stored, private)
        return response
    start, end = span if isinstance(span, tuple) else (0, stored.size - 1)
    body = (
        iter(()) if request.method == "HEAD" or stored.size == 0 else open_range(stored, start, end)
    )
    response = FileResponse(
        _Chunks(body),
        as_attachment=True,
        filename=filename,
        content_type=stored.media_type or "application/octet-stream",
        status=206 if isinstance(span, tuple) else 200,
    )
    response["Content-Length"] = str(end - start + 1 if stored.size else 0)
    if isinstance(span, tuple):
        response["Content-Range"] = f"bytes {start}-{end}/{stored.size}"
    _headers(response, stored, private)
    if immutable and not private:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def _count_download(request: HttpRequest, dist: Distribution, response: HttpResponse) -> None:
    """One download of the dataset for "most used": a GET that sends the file from its first
    byte (a resumed download's later ranges, HEAD, 304 and robots do not count)."""
    starts_at_zero = response.status_code == 200 or (
        response.status_code == 206 and response["Content-Range"].startswith("bytes 0-")
    )
    if (
        request.method == "GET"
        and starts_at_zero
        and settings.AGORA_WEB_COUNT_VIEWS
        and not is_robot(request.headers.get("User-Agent", ""))
    ):
        dataset_usage_record(
            actor=request_actor(request), dataset=str(dist.dataset_id), kind="downloads"
        )


def _visible(request: HttpRequest, dataset_id: str, distribution_id: str) -> Distribution:
    try:
        dist = distribution_get(request_actor(request), distribution_id)
    except AgoraError as error:
        raise Http404(str(error)) from error
    if str(dist.dataset_id) != dataset_id:
        raise Http404("No such file here")
    return dist


@require_http_methods(["GET", "HEAD"])
def distribution_download(
    request: HttpRequest, dataset_id: str, distribution_id: str, filename: str
) -> HttpResponse:
    """The current version of an uploaded file."""
    dist = _visible(request, dataset_id, distribution_id)
    if dist.file is None:
        raise Http404("No uploaded file here")
    response = serve_blob(
        request,
        dist.file,
        filename=dist.file_name or filename,
        private=dist.dataset.private,
        immutable=False,
    )
    _count_download(request, dist, response)
    return response


@require_http_methods(["GET", "HEAD"])
def distribution_version_download(
    request: HttpRequest, dataset_id: str, distribution_id: str, number: int, filename: str = ""
) -> HttpResponse:
    """Version `number` of a distribution's file, forever at this URL."""
    dist = _visible(request, dataset_id, distribution_id)
    try:
        _, version = distribution_version_get(request_actor(request), distribution_id, number)
    except AgoraError as error:
        raise Http404(str(error)) from error
    response = serve_blob(
        request,
        version.file,
        filename=version.file_name or filename or "download",
        private=dist.dataset.private,
        immutable=True,
    )
    _count_download(request, dist, response)
    return response
