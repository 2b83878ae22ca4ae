"""Languages as the EU authority table "language" names them (dct:language in DCAT-AP).

Agora keeps ISO 639-1 codes ("en"); DCAT-AP wants URIs of the Publications Office's language
table, http://publications.europa.eu/resource/authority/language , whose codes are the
three-letter ISO 639-2/T (= ISO 639-3 for individual languages) codes in upper case ("ENG",
"FRA", "ZHO", "ARA"). pycountry (ISO 639-3 data from SIL) gives the three-letter code, so
nothing is hand-kept here but the names of the six UN languages' codes used as a check in the
tests. Real catalogues also write the bibliographic ISO 639-2/B codes ("GER" instead of
"DEU"); they are accepted on input.
"""

from __future__ import annotations

import pycountry

LANGUAGE_BASE_URI = "http://publications.europa.eu/resource/authority/language/"
LANGUAGE_SCHEME = "http://publications.europa.eu/resource/authority/language"


def language_authority_code(code: str) -> str | None:
    """ "en" -> "ENG"; None when the code is not an ISO 639-1 language."""
    found = (
        pycountry.languages.get(alpha_2=code.strip().lower()) if len(code.strip()) == 2 else None
    )
    alpha_3 = getattr(found, "alpha_3", None) if found is not None else None
    return alpha_3.upper() if isinstance(alpha_3, str) else None


def language_uri(code: str) -> str | None:
    authority = language_authority_code(code)
    return LANGUAGE_BASE_URI + authority if authority else None


def language_name(code: str) -> str:
    found = pycountry.languages.get(alpha_2=code.strip().lower())
    name = getattr(found, "name", None) if found is not None else None
    return name if isinstance(name, str) else code


def language_code_from(value: str) -> str | None:
    """Accept an authority URI, a two- or three-letter code (terminology or bibliographic)
    or a BCP 47 tag, and return the ISO 639-1 code; None when it names no such language."""
    text = value.strip().rstrip("/")
    if not text:
        return None
    tail = text.rsplit("/", 1)[-1] if "/" in text else text
    tail = tail.split("-", 1)[0].split("_", 1)[0].lower()
    found = None
    if len(tail) == 2:
        found = pycountry.languages.get(alpha_2=tail)
    elif len(tail) == 3:
        found = pycountry.languages.get(alpha_3=tail) or pycountry.languages.get(bibliographic=tail)
    alpha_2 = getattr(found, "alpha_2", None) if found is not None else None
    return alpha_2 if isinstance(alpha_2, str) else None
