"""The workspace's forms. They parse and present; the services validate and decide.

Fields are mostly plain text so that the catalogue's own validation (the same as the APIs')
judges the values; its messages come back onto these fields through `errors.py`.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from agora.core.actor import Role
from agora.core.i18n import UN_LANGUAGES
from agora.interop.vocabularies.access_rights import ACCESS_RIGHTS
from agora.interop.vocabularies.frequencies import FREQUENCIES
from agora.interop.vocabularies.licences import LICENCES
from agora.interop.vocabularies.themes import THEMES

from ..i18n import current_language, language_name
from ..labels import ACCESS_RIGHTS_LABELS, FREQUENCY_LABELS
from ..templatetags.agora_web import theme_label

GEOJSON_EXAMPLE = '{"type": "Point", "coordinates": [36.8, -1.3]}'
VISIBILITY = [
    ("public", _("Public: anyone can find and download it")),
    ("private", _("Private: only members of the publisher")),
]
ROLE_LABELS = {
    Role.MEMBER.value: _("Member (sees private datasets)"),
    Role.EDITOR.value: _("Editor (creates and edits datasets)"),
    Role.ADMIN.value: _("Admin (also manages members)"),
}


def split_list(text: str) -> list[str]:
    """Comma-, semicolon- or line-separated values, stripped, without empties or repeats."""
    items = [
        part.strip() for chunk in text.splitlines() for part in chunk.replace(";", ",").split(",")
    ]
    return list(dict.fromkeys(item for item in items if item))


def upload_limit_text() -> str:
    return filesizeformat(settings.AGORA_CATALOG_UPLOAD_MAX_BYTES)


class DatasetForm(forms.Form):
    """Metadata of one dataset. Titles and descriptions are per UN language."""

    name = forms.CharField(
        label=_("Web address (name)"),
        required=False,
        max_length=200,
        help_text=_("Lowercase letters, digits, hyphens. Left empty, it is made from the title."),
    )
    organization = forms.ChoiceField(label=_("Publisher"))
    tags = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separate keywords with commas.")
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    licence = forms.ChoiceField(label=_("Licence"), required=False)
    countries = forms.CharField(
        label=_("Countries covered"),
        required=False,
        help_text=_("ISO 3166 country codes separated by commas, for example KEN, GHA."),
    )
    languages = forms.CharField(
        label=_("Languages of the data"),
        required=False,
        help_text=_("ISO 639 language codes separated by commas, for example en, fr."),
    )
    temporal_start = forms.DateField(
        label=_("Period covered: from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    temporal_end = forms.DateField(
        label=_("Period covered: to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    frequency = forms.ChoiceField(label=_("Update frequency"), required=False)
    access_rights = forms.ChoiceField(label=_("Access rights"), required=False)
    version = forms.CharField(label=_("Version"), required=False, max_length=200)
    contact_name = forms.CharField(label=_("Contact name"), required=False, max_length=200)
    contact_email = forms.CharField(label=_("Contact e-mail"), required=False, max_length=300)
    contact_url = forms.CharField(label=_("Contact web page"), required=False, max_length=600)
    landing_page = forms.CharField(label=_("Landing page"), required=False, max_length=2100)
    spatial = forms.CharField(
        label=_("Spatial coverage (GeoJSON geometry)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=VISIBILITY, initial="public", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, organizations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.primary_language = current_language()
        ordered = [self.primary_language, *(c for c in UN_LANGUAGES if c != self.primary_language)]
        for code in ordered:
            name = language_name(code)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, required=False, max_length=600
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_("Markdown: **bold**, *italic*, lists, links."),
            )
        self.title_languages = ordered
        example = format_html('<code dir="ltr">{}</code>', GEOJSON_EXAMPLE)
        text = conditional_escape(_("For example %(example)s."))
        self.fields["spatial"].help_text = mark_safe(text % {"example": example})
        self.fields["organization"].choices = [("", _("Choose a publisher")), *organizations]
        self.fields["themes"].choices = sorted(
            ((code, theme_label(code)) for code in THEMES), key=lambda c: str(c[1])
        )
        licences = sorted(
            ((f.id, f.title) for f in LICENCES.values() if f.status == "active"),
            key=lambda c: c[1].lower(),
        )
        self.fields["licence"].choices = [("", _("No licence stated")), *licences]
        self.fields["frequency"].choices = [("", _("Not stated"))] + [
            (code, FREQUENCY_LABELS.get(code, code)) for code in FREQUENCIES
        ]
        self.fields["access_rights"].choices = [("", _("Not stated"))] + [
            (code, ACCESS_RIGHTS_LABELS.get(code, code)) for code in ACCESS_RIGHTS
        ]

    def title_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"title_{c}"], self[f"description_{c}"]) for c in self.title_languages]

    def other_languages_used(self) -> bool:
        """Open the other languages' fields when one of them has text or an error."""
        return any(
            bound.value() or bound.errors for pair in self.title_fields()[1:] for bound in pair
        )

    def service_field(self, name: str) -> str | None:
        """Where a service error about a whole multilingual field goes: the primary language."""
        if name in ("title", "description"):
            return f"{name}_{self.primary_language}"
        return None

    def clean_spatial(self) -> dict[str, Any] | None:
        text = self.cleaned_data["spatial"].strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError as error:
            raise forms.ValidationError(_("This is not valid JSON.")) from error
        if not isinstance(value, dict):
            raise forms.ValidationError(
                _("Enter a GeoJSON geometry (Point, Polygon, MultiPolygon…).")
            )
        return value

    def localized(self, prefix: str) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"{prefix}_{code}"].strip()
            for code in self.title_languages
            if self.cleaned_data.get(f"{prefix}_{code}", "").strip()
        }


class DistributionForm(forms.Form):
    """A file: uploaded, or a link to where it is published."""

    title = forms.CharField(label=_("Name of the file"), required=False, max_length=600)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    upload = forms.FileField(label=_("Upload a file"), required=False)
    url = forms.CharField(
        label=_("Or link to a file on the web"),
        required=False,
        max_length=2100,
        widget=forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}),
    )
    format = forms.CharField(
        label=_("Format"),
        required=False,
        max_length=100,
        help_text=_("For example CSV or PDF. Left empty, it is recognised from the file."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_file, has_url = bool(data.get("upload")), bool((data.get("url") or "").strip())
        if has_file and has_url:
            self.add_error("url", _("Give either a file or a link, not both."))
        elif not has_file and not has_url and "upload" not in self.errors:
            self.add_error("upload", _("Choose a file to upload, or give a link."))
        return data


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=list(ROLE_LABELS.items()), initial="editor")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=list(ROLE_LABELS.items()))


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=200,
        help_text=_("Say what it is for, for example “nightly harvest script”."),
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires"),
        coerce=int,
        choices=[
            (30, _("in 30 days")),
            (90, _("in 90 days")),
            (365, _("in a year")),
            (0, _("never")),
        ],
        initial=90,
    )
