"""HTTP middleware of the portal."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


class CompressPagesMiddleware(GZipMiddleware):
    """Gzip pages and API responses, but never file downloads.

    A download must arrive as the exact bytes whose SHA-256 the catalogue publishes (clients
    such as `ckanapi load --upload-resources` re-upload the raw stream), with a strong ETag
    and byte ranges; compressing it on the fly breaks all three.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if isinstance(response, FileResponse):
            return response
        return super().process_response(request, response)
