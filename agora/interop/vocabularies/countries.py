"""Countries as the EU authority table "country" names them (dct:spatial in DCAT-AP).

Agora keeps ISO 3166-1 alpha-3 codes. The Publications Office's country table,
http://publications.europa.eu/resource/authority/country , uses the same alpha-3 codes for
the countries and areas that ISO lists, so the URI is the code on the table's base. On input
alpha-2 and numeric codes, the authority URIs and GeoNames-free spellings of the codes are
accepted; place names are not guessed.
"""

from __future__ import annotations

import pycountry

COUNTRY_BASE_URI = "http://publications.europa.eu/resource/authority/country/"
COUNTRY_SCHEME = "http://publications.europa.eu/resource/authority/country"


def country_uri(alpha_3: str) -> str:
    return COUNTRY_BASE_URI + alpha_3.upper()


def country_name(alpha_3: str) -> str:
    found = pycountry.countries.get(alpha_3=alpha_3.upper())
    name = getattr(found, "name", None) if found is not None else None
    return name if isinstance(name, str) else alpha_3


def country_code_from(value: str) -> str | None:
    """Authority URI or ISO code (alpha-3, alpha-2, numeric) -> alpha-3; None otherwise."""
    text = value.strip().rstrip("/")
    if not text:
        return None
    if "/" in text:
        if "/authority/country/" not in text:
            return None
        text = text.rsplit("/", 1)[-1]
    code = text.upper()
    found = (
        pycountry.countries.get(alpha_3=code)
        or pycountry.countries.get(alpha_2=code)
        or pycountry.countries.get(numeric=code)
    )
    return str(found.alpha_3) if found is not None else None
