"""Service errors shown next to the form fields they are about, in the reader's language.

The catalogue's validation (agora/catalog/validation.py) names every bad field with English
messages, the same for both APIs and the web. The form shows them next to its own fields:
`FIELD_MAP` says which form field a service field is, and `translate_message` turns the known
messages into the reader's language (anything unknown is shown as it came, marked English).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from agora.core.errors import AgoraError

# Service field name -> dataset form field name.
DATASET_FIELDS = {
    "name": "name",
    "owner_org": "organization",
    "tags": "tags",
    "themes": "themes",
    "license_id": "licence",
    "countries": "countries",
    "languages": "languages",
    "frequency": "frequency",
    "access_rights": "access_rights",
    "spatial": "spatial",
    "temporal_start": "temporal_start",
    "temporal_end": "temporal_end",
    "contact_email": "contact_email",
    "contact_url": "contact_url",
    "url": "landing_page",
    "version": "version",
}
# Service field name -> distribution form field name.
DISTRIBUTION_FIELDS = {
    "url": "url",
    "name": "title",
    "description": "description",
    "format": "format",
}

# (pattern of the English message, translatable message with the pattern's named groups)
_KNOWN: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"^Missing value$"), _("This field is required.")),
    (re.compile(r"^A title is required in at least one language$"), _("Give a title.")),
    (
        re.compile(r"^Must be at least (?P<n>\d+) characters long$"),
        _("Use at least %(n)s characters."),
    ),
    (
        re.compile(r"^Name must be a maximum of (?P<n>\d+) characters long$"),
        _("Use at most %(n)s characters."),
    ),
    (
        re.compile(r"^Must be purely lowercase alphanumeric \(ascii\) characters"),
        _("Use only lowercase letters a to z, digits, hyphens and underscores."),
    ),
    (re.compile(r"^That URL is already in use\.$"), _("Another dataset already uses this name.")),
    (
        re.compile(r"^Please provide a valid http or https URL$"),
        _("Enter a web address starting with http:// or https://."),
    ),
    (
        re.compile(r"^URL must be at most (?P<n>\d+) characters$"),
        _("The address is longer than %(n)s characters."),
    ),
    (re.compile(r"^Email address is not valid$"), _("Enter a valid e-mail address.")),
    (re.compile(r"^Unknown country \"(?P<value>.*)\"$"), _("Unknown country: %(value)s")),
    (re.compile(r"^Unknown language \"(?P<value>.*)\"$"), _("Unknown language: %(value)s")),
    (re.compile(r"^Unknown theme \"(?P<value>.*)\"$"), _("Unknown theme: %(value)s")),
    (re.compile(r"^Unknown licence \"(?P<value>.*)\"$"), _("Unknown licence: %(value)s")),
    (
        re.compile(r"^Tag \"(?P<value>.*)\" must be alphanumeric characters"),
        _("The keyword “%(value)s” has characters that keywords cannot have."),
    ),
    (
        re.compile(r"^Tag \"(?P<value>.*)\" is longer than maximum (?P<n>\d+)$"),
        _("The keyword “%(value)s” is longer than %(n)s characters."),
    ),
    (
        re.compile(r"^The end of the period is before its start$"),
        _("The end of the period is before its start."),
    ),
    (
        re.compile(r"^Must be a GeoJSON geometry"),
        _("Enter a GeoJSON geometry (Point, Polygon, MultiPolygon…)."),
    ),
    (
        re.compile(r"^GeoJSON coordinates must be longitude, latitude"),
        _("Coordinates must be longitude, latitude in WGS 84."),
    ),
    (
        re.compile(r"^Version must be at most (?P<n>\d+) characters$"),
        _("Use at most %(n)s characters."),
    ),
    (
        re.compile(r"^Format must be at most (?P<n>\d+) characters$"),
        _("Use at most %(n)s characters."),
    ),
    (
        re.compile(
            r"^The owner organization is missing or unknown\.$|^Organization does not exist$"
        ),
        _("Choose a publisher."),
    ),
    (
        re.compile(r"^A token needs a name of 1 to 100 characters$"),
        _("Give the token a name of 1 to 100 characters."),
    ),
    (re.compile(r"^The expiry must be in the future$"), _("The expiry must be in the future.")),
    (
        re.compile(r"^An organization needs at least one admin\.$"),
        _("A publisher needs at least one admin."),
    ),
    (
        re.compile(r"^The dataset changed since revision"),
        _(
            "Someone else changed this dataset while you were editing it. Open it again to "
            "see their changes, then make yours."
        ),
    ),
    (
        re.compile(r"^The file is larger than the limit of (?P<n>\d+) bytes\.$"),
        _("The file is larger than the limit of %(n)s bytes."),
    ),
]


def translate_message(message: str) -> str | SafeString:
    """The message in the reader's language when it is a known one, else marked as English."""
    for pattern, template in _KNOWN:
        match = pattern.search(message)
        if match:
            return str(template) % match.groupdict() if match.groupdict() else str(template)
    return format_html('<span lang="en" dir="ltr">{}</span>', message)


def add_service_errors(
    form: forms.Form,
    error: AgoraError,
    field_map: Mapping[str, str],
    field_for: Callable[[str], str | None] | None = None,
) -> None:
    """Put each of the service's field errors next to the form field it is about."""
    if not error.fields:
        form.add_error(None, translate_message(error.message))
        return
    for service_field, messages in error.fields.items():
        target = (field_for(service_field) if field_for else None) or field_map.get(service_field)
        if target is not None and target not in form.fields:
            target = None
        for message in messages:
            form.add_error(target, translate_message(message))
