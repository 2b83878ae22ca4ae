"""Country names in English, French and Spanish, for multilingual dataset titles.

The French and Spanish names come from the translations that the Debian iso-codes project
ships inside pycountry, so the demo does not keep its own list. Those translations have a few
slips (the Spanish file spells Túnez "Tunez"), so per-country datasets are made only for the
countries in DEMO_COUNTRIES, whose three names were checked by hand.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterable

import pycountry

TITLE_LANGUAGES = ("fr", "es")

# Thirty countries from every continent, each in Gapminder and with ISO 3166-2 subdivisions.
DEMO_COUNTRIES: tuple[str, ...] = (
    "ARG", "AUS", "BRA", "CAN", "CHL", "CHN", "COL", "DEU", "EGY", "ESP",
    "ETH", "FRA", "GBR", "GHA", "IDN", "IND", "ITA", "JPN", "KEN", "KOR",
    "MAR", "MEX", "NGA", "NZL", "PER", "PHL", "POL", "SEN", "SWE", "ZAF",
)  # fmt: skip


@functools.cache
def translations(domain: str, language: str) -> gettext.NullTranslations:
    """iso-codes' gettext catalogue for one standard ("iso3166-1", ...) and one language."""
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def english_name(alpha_3: str) -> str:
    """The short English name (iso-codes' common name where it has one: "South Korea")."""
    country = pycountry.countries.get(alpha_3=alpha_3)
    if country is None:
        raise KeyError(alpha_3)
    return str(getattr(country, "common_name", None) or country.name)


def country_names(alpha_3: str) -> dict[str, str]:
    english = english_name(alpha_3)
    names = {"en": english}
    for language in TITLE_LANGUAGES:
        names[language] = translations("iso3166-1", language).gettext(english)
    return names


def country_title(alpha_3: str, *, en: str, fr: str, es: str) -> dict[str, str]:
    """Fill "{name}" in one template per language with that language's name of the country."""
    names = country_names(alpha_3)
    return {
        "en": en.format(name=names["en"]),
        "fr": fr.format(name=names["fr"]),
        "es": es.format(name=names["es"]),
    }


def is_iso_country(alpha_3: str) -> bool:
    """Only ISO 3166-1 codes can be a dataset's country (coco also lists e.g. Kosovo, XKX)."""
    return bool(alpha_3) and pycountry.countries.get(alpha_3=alpha_3) is not None


def alpha_3_codes(alpha_2_codes: Iterable[str]) -> list[str]:
    """The ISO 3166-1 alpha-3 codes of the two-letter codes that ISO assigns, sorted (CLDR, tz
    and GeoNames also use codes such as EA, IC or XK that ISO 3166-1 does not)."""
    found = (pycountry.countries.get(alpha_2=code) for code in alpha_2_codes)
    return sorted({str(country.alpha_3) for country in found if country is not None})
