"""UI labels of controlled vocabularies whose tables carry English only.

The vocabularies in agora/interop are pure data (codes, URIs, English labels); the portal
shows their labels in six languages, so the English labels are repeated here as translatable
strings (the .po files hold the other five). A test checks that every code has a label here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FREQUENCY_LABELS = {
    "CONT": _("continuous"),
    "UPDATE_CONT": _("continuously updated"),
    "HOURLY": _("hourly"),
    "DAILY_2": _("twice a day"),
    "DAILY": _("daily"),
    "WEEKLY_3": _("three times a week"),
    "WEEKLY_2": _("twice a week"),
    "WEEKLY": _("weekly"),
    "BIWEEKLY": _("every two weeks"),
    "MONTHLY_3": _("three times a month"),
    "MONTHLY_2": _("twice a month"),
    "MONTHLY": _("monthly"),
    "BIMONTHLY": _("every two months"),
    "QUARTERLY": _("quarterly"),
    "ANNUAL_3": _("three times a year"),
    "ANNUAL_2": _("twice a year"),
    "ANNUAL": _("annual"),
    "BIENNIAL": _("every two years"),
    "TRIENNIAL": _("every three years"),
    "QUADRENNIAL": _("every four years"),
    "QUINQUENNIAL": _("every five years"),
    "DECENNIAL": _("every ten years"),
    "IRREG": _("irregular"),
    "NEVER": _("never"),
    "OTHER": _("other"),
    "UNKNOWN": _("unknown"),
}

ACCESS_RIGHTS_LABELS = {
    "PUBLIC": _("public"),
    "RESTRICTED": _("restricted"),
    "NON_PUBLIC": _("non-public"),
}

PUBLISHER_TYPE_LABELS = {
    "NationalAuthority": _("National authority"),
    "RegionalAuthority": _("Regional authority"),
    "LocalAuthority": _("Local authority"),
    "SupraNationalAuthority": _("Supra-national authority"),
    "Academia-ScientificOrganisation": _("Academia or scientific organisation"),
    "NonGovernmentalOrganisation": _("Non-governmental organisation"),
    "NonProfitOrganisation": _("Non-profit organisation"),
    "StandardisationBody": _("Standardisation body"),
    "IndustryConsortium": _("Industry consortium"),
    "Company": _("Company"),
    "PrivateIndividual(s)": _("Private individual(s)"),
}
