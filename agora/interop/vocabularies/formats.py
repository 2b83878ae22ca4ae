"""File formats: normalised labels, media types and EU file-type authority codes.

Format labels follow what portals display (CKAN's resource formats list, upper-case short
names); media types are IANA's; EU codes are those of the Publications Office's "file-type"
table (http://publications.europa.eu/resource/authority/file-type), used by DCAT-AP dct:format.
`machine_readable` and `open` feed the openness score (Tim Berners-Lee's stars 2 and 3).
"""

from __future__ import annotations

from dataclasses import dataclass

FILE_TYPE_BASE_URI = "http://publications.europa.eu/resource/authority/file-type/"


@dataclass(frozen=True)
class FormatFacts:
    label: str
    media_type: str
    eu_code: str
    extensions: tuple[str, ...]
    machine_readable: bool
    open: bool


FORMATS: dict[str, FormatFacts] = {
    f.label: f
    for f in (
        FormatFacts("CSV", "text/csv", "CSV", ("csv",), True, True),
        FormatFacts("TSV", "text/tab-separated-values", "TSV", ("tsv", "tab"), True, True),
        FormatFacts("JSON", "application/json", "JSON", ("json",), True, True),
        FormatFacts("GeoJSON", "application/geo+json", "GEOJSON", ("geojson",), True, True),
        FormatFacts("JSON-LD", "application/ld+json", "JSON_LD", ("jsonld",), True, True),
        FormatFacts("XML", "application/xml", "XML", ("xml",), True, True),
        FormatFacts("RDF", "application/rdf+xml", "RDF_XML", ("rdf",), True, True),
        FormatFacts("TTL", "text/turtle", "RDF_TURTLE", ("ttl",), True, True),
        FormatFacts(
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "XLSX",
            ("xlsx",),
            True,
            True,
        ),
        FormatFacts("XLS", "application/vnd.ms-excel", "XLS", ("xls",), True, False),
        FormatFacts(
            "ODS", "application/vnd.oasis.opendocument.spreadsheet", "ODS", ("ods",), True, True
        ),
        FormatFacts(
            "Parquet", "application/vnd.apache.parquet", "PARQUET", ("parquet",), True, True
        ),
        FormatFacts("PDF", "application/pdf", "PDF", ("pdf",), False, True),
        FormatFacts(
            "DOCX",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
            ("docx",),
            False,
            True,
        ),
        FormatFacts("HTML", "text/html", "HTML", ("html", "htm"), False, True),
        FormatFacts("TXT", "text/plain", "TXT", ("txt",), False, True),
        FormatFacts("ZIP", "application/zip", "ZIP", ("zip",), False, True),
        FormatFacts("GZIP", "application/gzip", "GZIP", ("gz",), False, True),
        FormatFacts("SHP", "application/x-shapefile", "SHP", ("shp",), True, True),
        FormatFacts("KML", "application/vnd.google-earth.kml+xml", "KML", ("kml",), True, True),
        FormatFacts("PNG", "image/png", "PNG", ("png",), False, True),
        FormatFacts("JPEG", "image/jpeg", "JPEG", ("jpg", "jpeg"), False, True),
        FormatFacts("API", "", "", (), True, True),
    )
}

_BY_LOWER = {label.lower(): label for label in FORMATS}
_BY_EXTENSION = {ext: f.label for f in FORMATS.values() for ext in f.extensions}
_BY_MEDIA_TYPE = {f.media_type: f.label for f in FORMATS.values() if f.media_type}
_BY_EU_CODE = {f.eu_code: f.label for f in FORMATS.values() if f.eu_code}
_SPELLINGS = {
    "excel": "XLSX",
    "xlsx/xls": "XLSX",
    "ms excel": "XLSX",
    "geo+json": "GeoJSON",
    "esri shapefile": "SHP",
    "shapefile": "SHP",
    "text": "TXT",
    "plain text": "TXT",
    "rdf/xml": "RDF",
    "turtle": "TTL",
    "jsonld": "JSON-LD",
    "web page": "HTML",
    "comma separated values": "CSV",
    "zipped csv": "ZIP",
    "parquet": "Parquet",
}


def normalise_format(value: str) -> str:
    """Return our label for a format however it was spelt; unknown formats are kept as given.

    Accepts labels in any case (".csv", "csv"), media types ("text/csv"), EU file-type codes
    or URIs, and common spellings seen in harvested catalogues.
    """
    text = value.strip()
    if not text:
        return ""
    lowered = text.lower().lstrip(".")
    if text.startswith("http") and "/file-type/" in text:
        return _BY_EU_CODE.get(text.rstrip("/").rsplit("/", 1)[-1], text)
    if lowered.startswith("http") and "iana.org/assignments/media-types/" in lowered:
        lowered = lowered.split("media-types/", 1)[1]
    return (
        _BY_LOWER.get(lowered)
        or _BY_MEDIA_TYPE.get(lowered.split(";", 1)[0].strip())
        or _BY_EXTENSION.get(lowered)
        or _BY_EU_CODE.get(text.upper())
        or _SPELLINGS.get(lowered)
        or text[:64]
    )


def format_for_file(filename: str, media_type: str = "") -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    return _BY_MEDIA_TYPE.get(media_type, "")


def media_type_for(label: str) -> str:
    facts = FORMATS.get(label)
    return facts.media_type if facts else ""
