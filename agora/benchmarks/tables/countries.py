"""Country names to ISO 3166-1 alpha-3 codes: pycountry's names plus an explicit alias table.

Published tables spell countries many ways (the UN's short names, "Turkey" and "Türkiye",
"Côte d'Ivoire" with a straight or a curly apostrophe or none, names of states that were
renamed or no longer exist). Matching is exact after a normalisation (accents, case,
punctuation, "X (Y of)" read as "Y of X"), never fuzzy: a name that matches nothing, or
matches several countries, is reported, not guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pycountry

# Spellings seen in benchmark tables that pycountry does not carry, and renamed states
# (same state, same code). Keys are written plainly; they are normalised like any name.
ALIASES: dict[str, str] = {
    "Turkey": "TUR",
    "Türkiye": "TUR",
    "Republic of Türkiye": "TUR",
    "Cote d'Ivoire": "CIV",
    "Côte d'Ivoire": "CIV",
    "Cote dIvoire": "CIV",
    "Ivory Coast": "CIV",
    "Democratic Republic of the Congo": "COD",
    "Congo, Dem. Rep.": "COD",
    "Congo (Kinshasa)": "COD",
    "DR Congo": "COD",
    "Zaire": "COD",
    "Republic of the Congo": "COG",
    "Congo, Rep.": "COG",
    "Congo (Brazzaville)": "COG",
    "Republic of Korea": "KOR",
    "Korea, Rep.": "KOR",
    "South Korea": "KOR",
    "Democratic People's Republic of Korea": "PRK",
    "Korea, Dem. People's Rep.": "PRK",
    "North Korea": "PRK",
    "Iran (Islamic Republic of)": "IRN",
    "Iran, Islamic Rep.": "IRN",
    "Micronesia (Federated States of)": "FSM",
    "Micronesia, Fed. Sts.": "FSM",
    "Micronesia": "FSM",
    "Georgia (Country)": "GEO",
    "Bolivia (Plurinational State of)": "BOL",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Venezuela, RB": "VEN",
    "United Republic of Tanzania": "TZA",
    "Lao People's Democratic Republic": "LAO",
    "Lao PDR": "LAO",
    "Republic of Moldova": "MDA",
    "Syrian Arab Republic": "SYR",
    "Viet Nam": "VNM",
    "Russian Federation": "RUS",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "UK": "GBR",
    "Great Britain": "GBR",
    "United States of America": "USA",
    "US": "USA",
    "North Macedonia": "MKD",
    "The former Yugoslav Republic of Macedonia": "MKD",
    "Macedonia": "MKD",
    "Eswatini": "SWZ",
    "Swaziland": "SWZ",
    "Czechia": "CZE",
    "Czech Republic": "CZE",
    "Cabo Verde": "CPV",
    "Cape Verde": "CPV",
    "Timor-Leste": "TLS",
    "East Timor": "TLS",
    "Burma": "MMR",
    "Brunei Darussalam": "BRN",
    "Holy See": "VAT",
    "State of Palestine": "PSE",
    "Gambia (Republic of The)": "GMB",
    "The Gambia": "GMB",
    "Gambia, The": "GMB",
    "Bahamas, The": "BHS",
    "Libyan Arab Jamahiriya": "LBY",
    "Kyrgyz Republic": "KGZ",
    "Slovak Republic": "SVK",
    "Egypt, Arab Rep.": "EGY",
    "Yemen, Rep.": "YEM",
    "Taiwan": "TWN",
}

# Names that stand for more than one current country.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "Korea": ("KOR", "PRK"),
}

# States that no longer exist: no current code can stand for them.
HISTORICAL: dict[str, str] = {
    "Serbia and Montenegro": "dissolved in 2006: use Serbia (SRB) or Montenegro (MNE)",
    "Yugoslavia": "dissolved: use its successor states",
    "Czechoslovakia": "dissolved in 1993: use Czechia (CZE) or Slovakia (SVK)",
    "USSR": "dissolved in 1991: use its successor states",
    "Soviet Union": "dissolved in 1991: use its successor states",
    "Netherlands Antilles": "dissolved in 2010: use Curaçao (CUW), Sint Maarten (SXM) or BES",
}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_PARENTHETICAL = re.compile(r"^(?P<base>[^()]+?)\s*\((?P<inner>[^()]+)\)$")


def normalise(name: str) -> str:
    """A comparison key: no accents, case or punctuation; "&" is "and"."""
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("'", "")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def _keys(name: str) -> list[str]:
    """The name, and "Y of X" for "X (Y of)" (how the UN and the ISO tables differ)."""
    keys = [normalise(name)]
    match = _PARENTHETICAL.match(name.strip())
    if match:
        keys.append(normalise(f"{match['inner']} {match['base']}"))
    return keys


@cache
def _pycountry_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                index.setdefault(normalise(value), set()).add(country.alpha_3)
    return {key: frozenset(codes) for key, codes in index.items()}


@cache
def _historic_names() -> frozenset[str]:
    return frozenset(normalise(c.name) for c in pycountry.historic_countries)


@dataclass(frozen=True)
class Resolution:
    name: str
    code: str | None
    status: str  # matched | alias | code | ambiguous | historical | unknown
    candidates: tuple[str, ...] = ()
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.code is not None


class CountryResolver:
    """Resolve names with pycountry, the alias table and aliases given for one import."""

    def __init__(self, extra_aliases: Mapping[str, str] | None = None) -> None:
        self.aliases = {normalise(k): v.upper() for k, v in ALIASES.items()}
        self.aliases.update({normalise(k): v.upper() for k, v in (extra_aliases or {}).items()})
        self.ambiguous = {normalise(k): v for k, v in AMBIGUOUS.items()}
        self.historical = {normalise(k): v for k, v in HISTORICAL.items()}
        self.codes = {c.alpha_3 for c in pycountry.countries}

    def resolve(self, name: str) -> Resolution:
        """Aliases first (they are explicit); a name pycountry also knows is "matched"."""
        keys = _keys(name)
        found = set().union(*(_pycountry_index().get(key, frozenset()) for key in keys))
        for key in keys:
            if key in self.aliases:
                code = self.aliases[key]
                return Resolution(name, code, "matched" if found == {code} else "alias")
        stripped = name.strip()
        if stripped.upper() in self.codes and len(stripped) == 3:
            return Resolution(name, stripped.upper(), "code")
        for key in keys:
            if key in self.ambiguous:
                return Resolution(name, None, "ambiguous", self.ambiguous[key])
            if key in self.historical:
                return Resolution(name, None, "historical", note=self.historical[key])
        if len(found) == 1:
            return Resolution(name, found.pop(), "matched")
        if found:
            return Resolution(name, None, "ambiguous", tuple(sorted(found)))
        if any(key in _historic_names() for key in keys):
            return Resolution(name, None, "historical", note="a state that no longer exists")
        return Resolution(name, None, "unknown")
