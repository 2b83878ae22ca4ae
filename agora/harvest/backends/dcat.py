"""DCAT catalogues in any RDF serialisation (Turtle, RDF/XML, JSON-LD, N-Triples), following
Hydra paging (`hydra:next`, also the older `hydra:nextPage`) until the last page."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from rdflib import Graph, Namespace

from agora.interop.dcat.inbound import guess_format
from agora.interop.inbound import map_document

from ..errors import SourceMalformed
from . import Backend, Batch, Gathered, GatherRequest

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
ACCEPT = (
    "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.9, "
    "application/n-triples;q=0.8, */*;q=0.1"
)
MAX_PAGES = 100_000
_UNREADABLE = ("could not be read", "Not JSON", "Not UTF-8", "Not a catalogue document")


def _paging(data: bytes, media_type: str, url: str) -> tuple[str, int | None]:
    """The next page's URL and the announced total, when the page carries Hydra paging."""
    if b"hydra" not in data:
        return "", None
    graph = Graph()
    try:
        fmt = guess_format(data, media_type=media_type, filename=urlsplit(url).path)
        graph.parse(data=data, format=fmt, publicID=url)
    except Exception:  # noqa: BLE001 - the mapping reports unreadable documents itself
        return "", None
    following = [str(o) for p in (HYDRA.next, HYDRA.nextPage) for o in graph.objects(None, p)]
    totals = [o for p in (HYDRA.totalItems,) for o in graph.objects(None, p)]
    total = None
    for value in totals:
        try:
            total = int(value)
        except (TypeError, ValueError):
            continue
    return (urljoin(url, following[0]) if following else ""), total


class DcatBackend(Backend):
    type = "dcat"
    label = "DCAT (RDF)"

    def gather(self, request: GatherRequest) -> Iterator[Batch]:
        url = request.url
        visited: set[str] = set()
        pages = 0
        while url and url not in visited and pages < MAX_PAGES:
            visited.add(url)
            previous = request.previous_validators.get(url) if pages == 0 else None
            fetched = request.client.get(url, accept=ACCEPT, previous=previous)
            try:
                data = fetched.read()
            finally:
                fetched.body.close()
            filename = urlsplit(fetched.url).path
            mapping = map_document(data, filename=filename, media_type=fetched.media_type)
            unreadable = [w for w in mapping.warnings if any(s in w for s in _UNREADABLE)]
            if not mapping.datasets and unreadable:
                raise SourceMalformed(f"{url}: {unreadable[0]}")
            next_url, total = _paging(data, fetched.media_type, fetched.url)
            records = [Gathered(None, mapped=m) for m in mapping.datasets]
            notes = [f"{url}: {w}" for w in mapping.warnings]
            yield Batch(records, expected=total, notes=notes)
            if pages == 0 and not next_url:
                request.validators[url] = fetched.validators()
            pages += 1
            url = next_url
        if url and pages >= MAX_PAGES:
            raise SourceMalformed(f"More than {MAX_PAGES} pages: paging does not end.")
