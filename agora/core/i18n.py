"""Multilingual text: a mapping of language code to text, and how to pick one to show.

Pure functions (no Django): the mappings, validation and the CKAN/DCAT converters all use them.
Keys are ISO 639-1 primary language subtags ("en", "zh"): region and script subtags are
dropped on input ("zh-Hans" -> "zh", "en-GB" -> "en") because the portal shows one text per
language. The six UN languages are first-class, but harvested metadata in any other language
(German, Italian, ...) is kept rather than thrown away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
# When the requested language is missing, show English first, then the other UN languages.
FALLBACK_ORDER: tuple[str, ...] = ("en", "fr", "es", "ar", "ru", "zh")
RTL_LANGUAGES: frozenset[str] = frozenset({"ar", "fa", "he", "ur"})

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")

LocalizedText = dict[str, str]


def normalise_language(tag: str) -> str | None:
    """Return the primary language subtag of a BCP 47 tag, or None if it is not one."""
    tag = tag.strip()
    if not _TAG.match(tag):
        return None
    return re.split(r"[-_]", tag, maxsplit=1)[0].lower()


def clean_localized(value: object, *, max_length: int) -> tuple[LocalizedText, list[str]]:
    """Validate a {language: text} mapping; return the cleaned mapping and error messages.

    Only mappings are valid here: a caller that receives a plain string (a CKAN `title`, a
    data.json `title`) knows which language it is in and wraps it with `localized_from_plain`.
    """
    errors: list[str] = []
    if not isinstance(value, Mapping):
        return {}, ["Must be an object mapping language codes to text."]
    cleaned: LocalizedText = {}
    for raw_lang, raw_text in value.items():
        lang = normalise_language(str(raw_lang))
        if lang is None:
            errors.append(f"'{raw_lang}' is not a language code.")
            continue
        if raw_text is None:
            continue
        if not isinstance(raw_text, str):
            errors.append(f"Text for '{raw_lang}' must be a string.")
            continue
        text = raw_text.strip()
        if not text:
            continue
        if len(text) > max_length:
            errors.append(f"Text for '{raw_lang}' is longer than {max_length} characters.")
            continue
        cleaned.setdefault(lang, text)
    return cleaned, errors


def localized_from_plain(text: str | None, language: str) -> LocalizedText:
    text = (text or "").strip()
    return {language: text} if text else {}


def pick(
    texts: Mapping[str, str],
    preferred: str | None = None,
    fallbacks: Iterable[str] = FALLBACK_ORDER,
) -> tuple[str, str | None]:
    """Return (text, language shown) for the preferred language, falling back in order.

    The language shown is returned so that pages can say "shown in French" when they fall back.
    """
    if not texts:
        return "", None
    order = [normalise_language(preferred) if preferred else None, *fallbacks]
    for lang in order:
        if lang and texts.get(lang):
            return texts[lang], lang
    first = sorted(texts)[0]
    return texts[first], first


def is_rtl(language: str | None) -> bool:
    return bool(language) and normalise_language(language or "") in RTL_LANGUAGES
