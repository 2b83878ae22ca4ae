"""What the pages need from i18n: the current language, multilingual text, localized names.

Metadata is stored as {language: text}; a page shows the current language when the dataset
has it and otherwise falls back (agora.core.i18n.pick), and says which language it shows so
that a reader of the Arabic page knows why a description is in French. Names of countries,
languages and UN M49 regions come from Unicode CLDR (shipped by babel) in all six languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

from agora.core.i18n import is_rtl, normalise_language, pick

# Django's language codes (settings.LANGUAGES) -> CLDR locale identifiers.
CLDR_LOCALES = {"zh-hans": "zh_Hans", "zh": "zh_Hans"}


def current_language() -> str:
    """The primary subtag of the active UI language ("zh-hans" -> "zh")."""
    return normalise_language(get_language() or "en") or "en"


@lru_cache(maxsize=16)
def _locale(django_language: str) -> Locale:
    try:
        return Locale.parse(CLDR_LOCALES.get(django_language, django_language))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def ui_locale() -> Locale:
    return _locale((get_language() or "en").lower())


@dataclass(frozen=True)
class Localized:
    """A text chosen for the current language, with the language it is actually in."""

    text: str
    language: str | None
    fallback: bool

    @property
    def language_name(self) -> str:
        return language_name(self.language or "")

    @property
    def dir(self) -> str:
        return "rtl" if is_rtl(self.language) else "ltr"

    def __str__(self) -> str:
        return self.text


def localized(texts: Mapping[str, str] | None, language: str | None = None) -> Localized:
    wanted = language or current_language()
    text, shown = pick(texts or {}, wanted)
    return Localized(text, shown, fallback=bool(shown) and shown != wanted)


def language_name(code: str) -> str:
    """A language's name in the UI language ("fr" on the Arabic page: "الفرنسية")."""
    if not code:
        return ""
    name = ui_locale().languages.get(code)
    return name or code


def country_name(code_alpha2: str, english: str) -> str:
    if current_language() == "en":
        return english
    return ui_locale().territories.get(code_alpha2.upper()) or english


def region_name(m49_code: str, english: str) -> str:
    """UN M49 region names: the UN's English wording, CLDR's in the other languages."""
    if current_language() == "en" or not m49_code:
        return english
    return ui_locale().territories.get(m49_code) or english
