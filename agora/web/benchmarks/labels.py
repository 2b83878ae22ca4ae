"""Words of the benchmark pages in the reader's language: groups, classes, dimensions, states.

Codes stay as stored (VH, "political", "draft"); these functions give the label to show. The
translations live in agora/benchmarks/locale (Django merges the app catalogues).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from agora.catalog.models import Country

from ..i18n import country_name, region_name

API = "/api/v1/benchmarks"

GROUPS = {"VH": _("Very high"), "H": _("High"), "M": _("Middle"), "L": _("Low")}
COUNTRY_GROUPS = {
    "ldc": _("Least developed countries (LDC)"),
    "lldc": _("Landlocked developing countries (LLDC)"),
    "sids": _("Small island developing states (SIDS)"),
}
DIMENSIONS = {
    "political": _("Political"),
    "legal": _("Legal"),
    "organisational": _("Organisational"),
    "technical": _("Technical"),
    "economic": _("Economic"),
    "social": _("Social"),
    "data": _("Data"),
    "impact": _("Impact"),
}
STATUSES = {
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "reviewed": _("Reviewed"),
    "published": _("Published"),
}
CLAIM_STATUSES = {
    "confirmed": _("confirmed"),
    "verified": _("verified"),
    "recalled": _("recalled"),
    "unknown": _("unknown"),
}
CHOICE_LABELS = {  # the questionnaire's named choices and scale steps
    "whole": _("Applies to the entire government"),
    "some": _("Applies to some ministries or agencies"),
    "none": _("Does not exist"),
    "often": _("Often"),
    "sometimes": _("Sometimes"),
    "rarely": _("Rarely"),
    "never": _("Never"),
    "free": _("Re-use is free of charge"),
    "marginal": _("Charges are limited to the marginal cost of dissemination"),
    "other": _("Other charges apply"),
}
SCALE_LABELS = (_("None"), _("Weak"), _("Partial"), _("Substantial"), _("Strong"))


def group_label(code: str) -> str:
    return str(GROUPS.get(code, code))


class Places:
    """Alpha-2 codes and localized names of every country, read in one query per page."""

    def __init__(self) -> None:
        rows = Country.objects.values_list(
            "code",
            "alpha2",
            "name",
            "region_code",
            "region_name",
            "subregion_code",
            "subregion_name",
        )
        self.rows = list(rows)
        self.alpha2 = {r[0]: r[1] for r in self.rows}
        self._names = {r[0]: r[2] for r in self.rows}

    def name(self, code: str, english: str = "") -> str:
        return country_name(self.alpha2.get(code, ""), english or self._names.get(code, code))

    def region_of(self, code: str) -> str:
        row = next((r for r in self.rows if r[0] == code), None)
        return region_name(row[3], row[4]) if row else ""

    def regions(self) -> list[tuple[str, str]]:
        found = {(r[3], r[4]) for r in self.rows if r[3]}
        return sorted(((c, region_name(c, n)) for c, n in found), key=lambda p: p[1])

    def subregions(self) -> list[tuple[str, str]]:
        found = {(r[5], r[6]) for r in self.rows if r[5]}
        return sorted(((c, region_name(c, n)) for c, n in found), key=lambda p: p[1])

    def countries(self) -> list[tuple[str, str]]:
        return sorted(((r[0], self.name(r[0], r[2])) for r in self.rows), key=lambda p: p[1])


def query(params: dict[str, object], **changes: object) -> str:
    """A query string from params with some changed (None or "" drops a key)."""
    merged = {**params, **changes}
    pairs: list[tuple[str, str]] = []
    for key, value in merged.items():
        values: Iterable[object] = value if isinstance(value, list | tuple) else [value]
        pairs.extend((key, str(v)) for v in values if v not in (None, ""))
    return "?" + urlencode(pairs) if pairs else ""
