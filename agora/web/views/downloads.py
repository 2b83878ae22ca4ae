"""File downloads: the bytes the publisher uploaded, with their SHA-256 for verification."""

from __future__ import annotations

import base64

from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotModified

from agora.api.auth import request_actor
from agora.catalog.selectors import distribution_get
from agora.core.errors import AgoraError
from agora.core.files import open_blob


def distribution_download(
    request: HttpRequest, dataset_id: str, distribution_id: str, filename: str
) -> FileResponse | HttpResponseNotModified:
    try:
        dist = distribution_get(request_actor(request), distribution_id)
    except AgoraError as error:
        raise Http404(str(error)) from error
    if dist.file is None or str(dist.dataset_id) != dataset_id:
        raise Http404("No uploaded file here")
    etag = f'"{dist.file.sha256}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    response = FileResponse(
        open_blob(dist.file),
        as_attachment=True,
        filename=dist.file_name or filename,
        content_type=dist.file.media_type or "application/octet-stream",
    )
    response["ETag"] = etag
    digest = base64.b64encode(bytes.fromhex(dist.file.sha256)).decode("ascii")
    response["Digest"] = f"sha-256={digest}"
    response["Cache-Control"] = (
        "private, max-age=0" if dist.dataset.private else "public, max-age=3600"
    )
    return response
