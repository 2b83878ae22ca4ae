"""Update frequencies: the EU authority table "frequency" (dct:accrualPeriodicity in DCAT-AP).

Codes and English labels from http://publications.europa.eu/resource/authority/frequency .
`EXPECTED_DAYS` says how often a dataset with that frequency should be updated, used later by
the timeliness score; None where the frequency promises no schedule.
"""

FREQUENCY_BASE_URI = "http://publications.europa.eu/resource/authority/frequency/"


# code -> English label, shortest interval first.
FREQUENCIES: dict[str, str] = {
    "CONT": "continuous",
    "UPDATE_CONT": "continuously updated",
    "HOURLY": "hourly",
    "DAILY_2": "twice a day",
    "DAILY": "daily",
    "WEEKLY_3": "three times a week",
    "WEEKLY_2": "semiweekly",
    "WEEKLY": "weekly",
    "BIWEEKLY": "biweekly",
    "MONTHLY_3": "three times a month",
    "MONTHLY_2": "semimonthly",
    "MONTHLY": "monthly",
    "BIMONTHLY": "bimonthly",
    "QUARTERLY": "quarterly",
    "ANNUAL_3": "three times a year",
    "ANNUAL_2": "semiannual",
    "ANNUAL": "annual",
    "BIENNIAL": "biennial",
    "TRIENNIAL": "triennial",
    "QUADRENNIAL": "quadrennial",
    "QUINQUENNIAL": "quinquennial",
    "DECENNIAL": "decennial",
    "IRREG": "irregular",
    "NEVER": "never",
    "OTHER": "other",
    "UNKNOWN": "unknown",
}


EXPECTED_DAYS: dict[str, float | None] = {
    "CONT": 1 / 24,
    "UPDATE_CONT": 1 / 24,
    "HOURLY": 1 / 24,
    "DAILY_2": 0.5,
    "DAILY": 1,
    "WEEKLY_3": 7 / 3,
    "WEEKLY_2": 3.5,
    "WEEKLY": 7,
    "BIWEEKLY": 14,
    "MONTHLY_3": 10,
    "MONTHLY_2": 15,
    "MONTHLY": 31,
    "BIMONTHLY": 61,
    "QUARTERLY": 92,
    "ANNUAL_3": 122,
    "ANNUAL_2": 183,
    "ANNUAL": 366,
    "BIENNIAL": 731,
    "TRIENNIAL": 1096,
    "QUADRENNIAL": 1461,
    "QUINQUENNIAL": 1827,
    "DECENNIAL": 3653,
    "IRREG": None,
    "NEVER": None,
    "OTHER": None,
    "UNKNOWN": None,
}

# Free-text spellings seen in real catalogues (and ISO 8601 durations used by DCAT-US) mapped
# to codes. Anything else is kept out of the field and reported as a warning by the mappers.
ALIASES: dict[str, str] = {
    "annually": "ANNUAL",
    "yearly": "ANNUAL",
    "r/p1y": "ANNUAL",
    "p1y": "ANNUAL",
    "monthly": "MONTHLY",
    "r/p1m": "MONTHLY",
    "p1m": "MONTHLY",
    "weekly": "WEEKLY",
    "r/p1w": "WEEKLY",
    "p1w": "WEEKLY",
    "p7d": "WEEKLY",
    "daily": "DAILY",
    "r/p1d": "DAILY",
    "p1d": "DAILY",
    "hourly": "HOURLY",
    "r/pt1h": "HOURLY",
    "pt1h": "HOURLY",
    "quarterly": "QUARTERLY",
    "r/p3m": "QUARTERLY",
    "p3m": "QUARTERLY",
    "semiannual": "ANNUAL_2",
    "biannual": "ANNUAL_2",
    "r/p6m": "ANNUAL_2",
    "p6m": "ANNUAL_2",
    "biennial": "BIENNIAL",
    "r/p2y": "BIENNIAL",
    "p2y": "BIENNIAL",
    "triennial": "TRIENNIAL",
    "r/p3y": "TRIENNIAL",
    "p3y": "TRIENNIAL",
    "quadrennial": "QUADRENNIAL",
    "r/p4y": "QUADRENNIAL",
    "quinquennial": "QUINQUENNIAL",
    "r/p5y": "QUINQUENNIAL",
    "decennial": "DECENNIAL",
    "r/p10y": "DECENNIAL",
    "bimonthly": "BIMONTHLY",
    "r/p2m": "BIMONTHLY",
    "biweekly": "BIWEEKLY",
    "r/p2w": "BIWEEKLY",
    "semimonthly": "MONTHLY_2",
    "r/p0.5m": "MONTHLY_2",
    "continuous": "CONT",
    "continual": "CONT",
    "r/pt1s": "CONT",
    "continuously updated": "UPDATE_CONT",
    "r/pt12h": "DAILY_2",
    "r/p0.33w": "WEEKLY_3",
    "r/p3.5d": "WEEKLY_2",
    "r/p10d": "MONTHLY_3",
    "r/p4m": "ANNUAL_3",
    "irregular": "IRREG",
    "irreg": "IRREG",
    "as needed": "IRREG",
    "never": "NEVER",
    "unknown": "UNKNOWN",
    "other": "OTHER",
}


def frequency_code_from(value: str) -> str | None:
    """Accept a code, the authority URI, an ISO 8601 repeating duration or a common spelling."""
    text = value.strip()
    if not text:
        return None
    tail = text.rstrip("/").rsplit("/", 1)[-1] if text.startswith("http") else text
    if tail.upper() in FREQUENCIES:
        return tail.upper()
    return ALIASES.get(text.lower()) or ALIASES.get(tail.lower())


def frequency_uri(code: str) -> str:
    return FREQUENCY_BASE_URI + code
