"""Template filters of the portal: multilingual text, vocabulary labels, safe Markdown."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.safestring import SafeString

from agora.core.i18n import pick
from agora.interop.vocabularies.themes import THEMES

from ..i18n import Localized, country_name, current_language, language_name, localized
from ..labels import ACCESS_RIGHTS_LABELS, FREQUENCY_LABELS, PUBLISHER_TYPE_LABELS
from ..markdown import render_markdown

register = template.Library()


@register.filter
def in_language(texts: Mapping[str, str] | None) -> Localized:
    """{language: text} -> the text for the page's language (or the fallback it shows)."""
    return localized(texts)


@register.filter
def markdown(source: str) -> SafeString:
    return render_markdown(source or "")


@register.filter
def theme_label(code: str) -> str:
    return pick(THEMES.get(code.upper(), {}), current_language())[0] or code


@register.filter
def frequency_label(code: str) -> str:
    return str(FREQUENCY_LABELS.get(code, code))


@register.filter
def access_rights_label(code: str) -> str:
    return str(ACCESS_RIGHTS_LABELS.get(code, code))


@register.filter
def publisher_type_label(code: str) -> str:
    return str(PUBLISHER_TYPE_LABELS.get(code, code))


@register.filter
def lang_name(code: str) -> str:
    return language_name(code)


@register.simple_tag
def country_label(country: object) -> str:
    """A Country row's name in the page's language."""
    return country_name(getattr(country, "alpha2", ""), getattr(country, "name", ""))
