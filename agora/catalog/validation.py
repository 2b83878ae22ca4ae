"""Validation of dataset and distribution drafts: every rule, every field named in the errors.

Pure functions over drafts (vocabularies come from code, not the database), so the same rules
apply to the web form, both APIs and harvesting, and are cheap to test. Rules that need the
database (is the name taken? does the organization exist?) are checked by the services.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import pycountry
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator

from agora.core.i18n import clean_localized
from agora.core.slugs import name_errors
from agora.interop.records import DatasetDraft, DistributionDraft, OrganizationDraft
from agora.interop.vocabularies.access_rights import ACCESS_RIGHTS
from agora.interop.vocabularies.frequencies import FREQUENCIES
from agora.interop.vocabularies.licences import licence_id_from
from agora.interop.vocabularies.publisher_types import PUBLISHER_TYPES
from agora.interop.vocabularies.themes import THEMES

Errors = dict[str, list[str]]

TITLE_MAX = 500
DESCRIPTION_MAX = 100_000
TAG_MAX = 100
TAGS_MAX = 500
EXTRAS_MAX = 100
EXTRA_VALUE_MAX = 10_000
GEOJSON_MAX_POINTS = 100_000
# The lengths of the columns these values are stored in (PostgreSQL enforces them).
URL_MAX = 2000
SHORT_URL_MAX = 500
EMAIL_MAX = 254
MEDIA_TYPE_MAX = 127
BYTE_SIZE_MAX = 2**63 - 1
_GEOMETRY_MEMBERS = {"type", "coordinates", "bbox"}
_TAG_PATTERN = re.compile(r"^[\w \-.'&/()+,:]+$", re.UNICODE)
_GEOMETRY_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
}
_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


def _add(errors: Errors, field: str, messages: Iterable[str]) -> None:
    messages = list(messages)
    if messages:
        errors.setdefault(field, []).extend(messages)


def url_errors(value: str, *, max_length: int = URL_MAX) -> list[str]:
    if not value:
        return []
    if len(value) > max_length:
        return [f"URL must be at most {max_length} characters"]
    try:
        _url(value)
    except DjangoValidationError:
        return ["Please provide a valid http or https URL"]
    return []


def email_errors(value: str) -> list[str]:
    if not value:
        return []
    if len(value) > EMAIL_MAX:
        return [f"Email address must be at most {EMAIL_MAX} characters"]
    try:
        _email(value)
    except DjangoValidationError:
        return ["Email address is not valid"]
    return []


def tag_errors(tags: list[str]) -> list[str]:
    messages = []
    if len(tags) > TAGS_MAX:
        messages.append(f"At most {TAGS_MAX} tags are allowed")
    for tag in tags:
        if not isinstance(tag, str) or not tag.strip():
            messages.append("Tags must be non-empty strings")
        elif len(tag) > TAG_MAX:
            messages.append(f'Tag "{tag[:40]}…" is longer than maximum {TAG_MAX}')
        elif not _TAG_PATTERN.match(tag):
            messages.append(f'Tag "{tag}" must be alphanumeric characters or symbols: -_.')
    return messages


def country_code(value: str) -> str | None:
    """Resolve an ISO 3166-1 alpha-3, alpha-2 or numeric code to alpha-3."""
    text = value.strip()
    if not text:
        return None
    for key in ("alpha_3", "alpha_2", "numeric"):
        found = pycountry.countries.get(**{key: text.upper()})
        if found is not None:
            return str(found.alpha_3)
    return None


def language_code(value: str) -> str | None:
    """Resolve an ISO 639-1 or 639-3 code (or a BCP 47 tag) to ISO 639-1 where one exists."""
    text = value.strip().lower().split("-", 1)[0].split("_", 1)[0]
    if len(text) == 2:
        found = pycountry.languages.get(alpha_2=text)
    elif len(text) == 3:
        found = pycountry.languages.get(alpha_3=text)
    else:
        found = None
    return getattr(found, "alpha_2", None) if found is not None else None


def geometry_errors(geometry: Any) -> list[str]:
    if not isinstance(geometry, dict) or geometry.get("type") not in _GEOMETRY_TYPES:
        return ["Must be a GeoJSON geometry (Point, Polygon, MultiPolygon, ...)"]
    # Other members would be stored and echoed as they came, however deeply they nest.
    unexpected = sorted(str(key)[:40] for key in set(geometry) - _GEOMETRY_MEMBERS)
    if unexpected:
        return [f"GeoJSON geometry has unexpected members: {', '.join(unexpected[:5])}"]
    bbox = geometry.get("bbox")
    if bbox is not None and not (
        isinstance(bbox, list) and len(bbox) in (4, 6) and all(_is_number(n) for n in bbox)
    ):
        return ["GeoJSON bbox must be a list of 4 or 6 numbers"]
    points = list(_positions(geometry.get("coordinates")))
    if not points:
        return ["GeoJSON geometry has no coordinates"]
    if len(points) > GEOJSON_MAX_POINTS:
        return [f"GeoJSON geometry has more than {GEOJSON_MAX_POINTS} positions"]
    for lon, lat in points:
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return ["GeoJSON coordinates must be longitude, latitude in WGS 84"]
    return []


def _positions(coordinates: Any, depth: int = 0) -> Iterable[tuple[float, float]]:
    """Yield (lon, lat) pairs; GeoJSON nests at most four levels (MultiPolygon)."""
    if depth > 4:
        yield (999.0, 999.0)
        return
    if (
        isinstance(coordinates, list | tuple)
        and len(coordinates) >= 2
        and all(_is_number(c) for c in coordinates)
    ):
        try:
            lon, lat = float(coordinates[0]), float(coordinates[1])
        except OverflowError:  # an integer too large for a float
            lon = lat = math.inf
        if math.isfinite(lon) and math.isfinite(lat):
            yield lon, lat
        else:
            yield (999.0, 999.0)
        return
    if isinstance(coordinates, list | tuple):
        for item in coordinates:
            yield from _positions(item, depth + 1)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def bounding_box(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    points = list(_positions(geometry["coordinates"]))
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def extras_errors(extras: Any) -> list[str]:
    if not isinstance(extras, dict):
        return ["Extras must be an object of key/value pairs"]
    messages = []
    if len(extras) > EXTRAS_MAX:
        messages.append(f"At most {EXTRAS_MAX} extras are allowed")
    for key, value in extras.items():
        if not isinstance(key, str) or not key.strip() or len(key) > 100:
            messages.append("Extra keys must be non-empty strings of at most 100 characters")
        elif value is not None and not isinstance(value, str | int | float | bool):
            messages.append(f'Extra "{key}" must be a string, number, boolean or null')
        elif isinstance(value, str) and len(value) > EXTRA_VALUE_MAX:
            messages.append(f'Extra "{key}" is longer than {EXTRA_VALUE_MAX} characters')
    return messages


def _text_errors(draft: DatasetDraft, errors: Errors) -> None:
    _add(errors, "name", name_errors(draft.name))
    title, title_errors = clean_localized(draft.title, max_length=TITLE_MAX)
    _add(errors, "title", title_errors)
    if not title and not title_errors:
        _add(errors, "title", ["A title is required in at least one language"])
    _add(errors, "description", clean_localized(draft.description, max_length=DESCRIPTION_MAX)[1])
    if len(draft.version) > 100:
        _add(errors, "version", ["Version must be at most 100 characters"])
    if len(draft.identifier) > 500:
        _add(errors, "identifier", ["Identifier must be at most 500 characters"])
    _add(errors, "tags", tag_errors(draft.tags))
    _add(errors, "extras", extras_errors(draft.extras))


def _vocabulary_errors(draft: DatasetDraft, errors: Errors) -> None:
    _add(errors, "themes", [f'Unknown theme "{t}"' for t in draft.themes if t not in THEMES])
    if draft.licence and licence_id_from(draft.licence) is None:
        _add(errors, "license_id", [f'Unknown licence "{draft.licence}"'])
    _add(
        errors,
        "countries",
        [f'Unknown country "{c}"' for c in draft.countries if country_code(c) is None],
    )
    _add(
        errors,
        "languages",
        [f'Unknown language "{c}"' for c in draft.languages if language_code(c) is None],
    )
    if draft.frequency and draft.frequency not in FREQUENCIES:
        _add(errors, "frequency", [f'Unknown frequency "{draft.frequency}"'])
    if draft.access_rights and draft.access_rights not in ACCESS_RIGHTS:
        _add(errors, "access_rights", [f'Unknown access rights "{draft.access_rights}"'])
    if draft.is_series and draft.in_series:
        _add(errors, "in_series", ["A dataset series cannot itself be part of a series"])
    if draft.state not in ("active", "draft"):
        _add(errors, "state", ['State must be "active" or "draft"'])


def _coverage_and_contact_errors(draft: DatasetDraft, errors: Errors) -> None:
    if draft.spatial is not None:
        _add(errors, "spatial", geometry_errors(draft.spatial))
    if draft.temporal_start and draft.temporal_end and draft.temporal_start > draft.temporal_end:
        _add(errors, "temporal_end", ["The end of the period is before its start"])
    _add(errors, "contact_email", email_errors(draft.contact_email))
    _add(errors, "contact_url", url_errors(draft.contact_url, max_length=SHORT_URL_MAX))
    _add(errors, "url", url_errors(draft.landing_page))


def validate_dataset_draft(draft: DatasetDraft) -> Errors:
    errors: Errors = {}
    _text_errors(draft, errors)
    if not draft.organization:
        _add(errors, "owner_org", ["An organization must be provided"])
    _vocabulary_errors(draft, errors)
    _coverage_and_contact_errors(draft, errors)
    for index, distribution in enumerate(draft.distributions or []):
        for field, messages in validate_distribution_draft(distribution).items():
            _add(errors, f"resources.{index}.{field}", messages)
    return errors


def validate_distribution_draft(draft: DistributionDraft) -> Errors:
    errors: Errors = {}
    _add(errors, "url", url_errors(draft.url))
    if len(draft.title) > TITLE_MAX:
        _add(errors, "name", [f"Name must be at most {TITLE_MAX} characters"])
    if len(draft.description) > DESCRIPTION_MAX:
        _add(errors, "description", [f"Description must be at most {DESCRIPTION_MAX} characters"])
    if len(draft.format) > 64:
        _add(errors, "format", ["Format must be at most 64 characters"])
    if len(draft.media_type) > MEDIA_TYPE_MAX:
        _add(errors, "mimetype", [f"Media type must be at most {MEDIA_TYPE_MAX} characters"])
    if draft.byte_size is not None and not 0 <= draft.byte_size <= BYTE_SIZE_MAX:
        _add(errors, "size", [f"Size must be a number of bytes from 0 to {BYTE_SIZE_MAX}"])
    if draft.checksum_sha256 and not re.fullmatch(r"[0-9a-f]{64}", draft.checksum_sha256):
        _add(errors, "hash", ["A SHA-256 checksum is 64 lowercase hexadecimal characters"])
    return errors


def validate_organization_draft(draft: OrganizationDraft) -> Errors:
    errors: Errors = {}
    _add(errors, "name", name_errors(draft.name))
    title, title_errors = clean_localized(draft.title, max_length=TITLE_MAX)
    _add(errors, "title", title_errors)
    if not title and not title_errors:
        _add(errors, "title", ["A title is required in at least one language"])
    _add(errors, "description", clean_localized(draft.description, max_length=DESCRIPTION_MAX)[1])
    if draft.country and country_code(draft.country) is None:
        _add(errors, "country", [f'Unknown country "{draft.country}"'])
    if draft.publisher_type and draft.publisher_type not in PUBLISHER_TYPES:
        _add(errors, "publisher_type", [f'Unknown publisher type "{draft.publisher_type}"'])
    _add(errors, "image_url", url_errors(draft.image_url, max_length=SHORT_URL_MAX))
    _add(errors, "homepage", url_errors(draft.homepage, max_length=SHORT_URL_MAX))
    _add(errors, "email", email_errors(draft.email))
    return errors
