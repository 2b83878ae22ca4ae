"""Publisher types: the ADMS publisher type vocabulary used by DCAT-AP for dct:type of agents.

Codes from http://purl.org/adms/publishertype/ (ADMS, SEMIC); labels are Agora's.
"""

PUBLISHER_TYPE_BASE_URI = "http://purl.org/adms/publishertype/"

PUBLISHER_TYPES: dict[str, str] = {
    "NationalAuthority": "National authority",
    "RegionalAuthority": "Regional authority",
    "LocalAuthority": "Local authority",
    "SupraNationalAuthority": "Supra-national authority",
    "Academia-ScientificOrganisation": "Academia or scientific organisation",
    "NonGovernmentalOrganisation": "Non-governmental organisation",
    "NonProfitOrganisation": "Non-profit organisation",
    "StandardisationBody": "Standardisation body",
    "IndustryConsortium": "Industry consortium",
    "Company": "Company",
    "PrivateIndividual(s)": "Private individual(s)",
}
