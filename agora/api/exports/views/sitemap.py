"""sitemap.xml for search engines: dataset pages with their last change.

The sitemaps protocol allows 50,000 URLs per file: beyond that (AGORA_INTEROP_SITEMAP_SIZE),
/sitemap.xml becomes an index of /sitemap-<n>.xml files. Files are streamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from agora.core.errors import NotFound

from ..common import maps_errors, public_datasets

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _urls(offset: int, limit: int) -> Iterator[bytes]:
    site = settings.AGORA_SITE_URL
    yield f"{HEAD}<urlset {NS}>\n".encode()
    if offset == 0:
        yield f"<url><loc>{escape(site)}/</loc></url>\n".encode()
    rows = public_datasets().order_by("name").values_list("name", "updated_at")
    for name, updated in rows[offset : offset + limit].iterator(chunk_size=2000):
        loc = escape(f"{site}/dataset/{name}")
        day = updated.date().isoformat()
        yield f"<url><loc>{loc}</loc><lastmod>{day}</lastmod></url>\n".encode()
    yield b"</urlset>\n"


def _index(files: int) -> str:
    site = settings.AGORA_SITE_URL
    entries = "".join(
        f"<sitemap><loc>{escape(site)}/sitemap-{n}.xml</loc></sitemap>\n"
        for n in range(1, files + 1)
    )
    return f"{HEAD}<sitemapindex {NS}>\n{entries}</sitemapindex>\n"


def _xml(body: Iterator[bytes] | str) -> HttpResponse | StreamingHttpResponse:
    if isinstance(body, str):
        return HttpResponse(body, content_type="application/xml; charset=utf-8")
    return StreamingHttpResponse(body, content_type="application/xml; charset=utf-8")


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    size = settings.AGORA_INTEROP_SITEMAP_SIZE
    total = public_datasets().count() + 1  # the home page
    if total <= size:
        return _xml(_urls(0, size))
    return _xml(_index(-(-total // size)))


@require_GET
@maps_errors
def sitemap_part(request: HttpRequest, number: int) -> HttpResponse | StreamingHttpResponse:
    size = settings.AGORA_INTEROP_SITEMAP_SIZE
    files = -(-(public_datasets().count() + 1) // size)
    if not 1 <= number <= files:
        raise NotFound("No such sitemap file", code="exports.sitemap_not_found")
    # File 1 holds the home page and size - 1 datasets; file n the next `size` datasets.
    offset = 0 if number == 1 else (number - 1) * size - 1
    return _xml(_urls(offset, size - 1 if number == 1 else size))
