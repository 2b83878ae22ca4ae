"""HTTP middleware of the portal."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

from agora.core.errors import AgoraError


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


class WebErrorMiddleware:
    """Domain errors raised while rendering a portal page become its error pages, here only.

    The APIs map AgoraError to their own envelopes inside their dispatchers, so nothing from
    them reaches this point; for pages, NotFound is the 404 page (private and draft datasets
    look exactly like missing ones), Forbidden the 403 page and any other client mistake a 400
    page, each in the reader's language.
    """

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):  # type: ignore[no-untyped-def]
        from .views.errors import error_page_for

        match = getattr(request, "resolver_match", None)
        if match is None or match.app_name != "web" or not isinstance(exception, AgoraError):
            return None
        return error_page_for(request, exception)
