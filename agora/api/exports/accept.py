"""Reading an Accept header: which of our RDF serialisations does the client prefer?"""

from __future__ import annotations

from agora.interop.dcat import FORMAT_BY_MEDIA_TYPE

HTML_TYPES = ("text/html", "application/xhtml+xml")
_ALIASES = {"application/json": "application/ld+json", "text/n3": "text/turtle"}


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    """(quality, -position, media type) for each media range, best first."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((quality, -position, media))
    return sorted(ranges, reverse=True)


def preferred_rdf_format(accept: str) -> str | None:
    """The extension (ttl, rdf, jsonld, nt) of the RDF type the client prefers, or None when
    it prefers HTML, names no RDF type, or sends no Accept header."""
    for _quality, _position, media in _accepted(accept or ""):
        media = _ALIASES.get(media, media)
        if media in HTML_TYPES or media in ("*/*", "text/*", "application/*"):
            return None
        if media in FORMAT_BY_MEDIA_TYPE:
            return FORMAT_BY_MEDIA_TYPE[media].extension
    return None
