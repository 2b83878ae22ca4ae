"""Licences, identified as in the Open Definition licence register (opendefinition.org).

Facts (id, title, URL, Open Definition and Open Source Definition conformance, status) come from
the Open Knowledge Foundation's licence register, https://licenses.opendefinition.org/
(also github.com/okfn/licenses). A licence is *open* exactly as CKAN computes `isopen`: it is
approved by the Open Definition or by the Open Source Definition. `ALIASES` maps the ids that
CKAN ships by default and other spellings seen in harvested catalogues to register ids.
agora/interop/tests/test_vocabularies.py checks every entry against the published register.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LicenceFacts:
    id: str
    title: str
    url: str
    od_conformance: str  # approved | rejected | not reviewed
    osd_conformance: str
    domain_data: bool
    domain_content: bool
    status: str = "active"

    @property
    def is_open(self) -> bool:
        return "approved" in (self.od_conformance, self.osd_conformance)


_A, _R, _N = "approved", "rejected", "not reviewed"

LICENCES: dict[str, LicenceFacts] = {
    item.id: item
    for item in (
        LicenceFacts(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            _A,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution Share-Alike 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            _A,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "CC0-1.0",
            "CC0 1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            _A,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "CC-BY-NC-4.0",
            "Creative Commons Attribution-NonCommercial 4.0",
            "https://creativecommons.org/licenses/by-nc/4.0/",
            _R,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "CC-BY-ND-4.0",
            "Attribution-NoDerivatives 4.0",
            "https://creativecommons.org/licenses/by-nd/4.0/",
            _R,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "CC-BY-NC-SA-4.0",
            "Attribution-NonCommercial-ShareAlike 4.0",
            "https://creativecommons.org/licenses/by-nc-sa/4.0/",
            _R,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "CC-BY-NC-ND-4.0",
            "Attribution-NonCommercial-NoDerivatives 4.0",
            "https://creativecommons.org/licenses/by-nc-nd/4.0/",
            _R,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "ODC-BY-1.0",
            "Open Data Commons Attribution License 1.0",
            "https://opendefinition.org/licenses/odc-by",
            _A,
            _N,
            True,
            False,
        ),
        LicenceFacts(
            "ODbL-1.0",
            "Open Data Commons Open Database License 1.0",
            "https://opendefinition.org/licenses/odc-odbl",
            _A,
            _N,
            True,
            False,
        ),
        LicenceFacts(
            "PDDL-1.0",
            "Open Data Commons Public Domain Dedication and Licence 1.0",
            "https://opendefinition.org/licenses/odc-pddl",
            _A,
            _N,
            True,
            False,
        ),
        LicenceFacts(
            "OGL-UK-3.0",
            "Open Government Licence 3.0 (United Kingdom)",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            _A,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "OGL-UK-2.0",
            "Open Government Licence 2.0 (United Kingdom)",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/",
            _A,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "OGL-Canada-2.0",
            "Open Government License 2.0 (Canada)",
            "https://open.canada.ca/en/open-government-licence-canada",
            _A,
            _N,
            True,
            True,
        ),
        LicenceFacts(
            "LO-FR-2.0",
            "Open License 2.0",
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
            _N,
            _N,
            True,
            False,
        ),
        LicenceFacts(
            "GFDL-1.3-no-cover-texts-no-invariant-sections",
            "GNU Free Documentation License 1.3 with no cover texts and no invariant sections",
            "https://opendefinition.org/licenses/gfdl",
            _A,
            _N,
            False,
            True,
        ),
        LicenceFacts("other-open", "Other (Open)", "", _A, _N, False, True),
        LicenceFacts("other-pd", "Other (Public Domain)", "", _A, _N, False, True),
        LicenceFacts("other-at", "Other (Attribution)", "", _A, _N, False, True),
        LicenceFacts("other-nc", "Other (Non-Commercial)", "", _N, _N, False, False),
        LicenceFacts("other-closed", "Other (Not Open)", "", _N, _N, False, False),
        LicenceFacts("notspecified", "License Not Specified", "", _N, _N, False, False),
        LicenceFacts(
            "MIT", "MIT License", "https://opensource.org/licenses/MIT", _N, _A, False, False
        ),
        LicenceFacts(
            "Apache-2.0",
            "Apache Software License 2.0",
            "https://opensource.org/licenses/Apache-2.0",
            _N,
            _A,
            False,
            False,
        ),
        LicenceFacts(
            "BSD-3-Clause",
            'BSD 3-Clause "New" or "Revised" License (BSD-3-Clause)',
            "https://opensource.org/licenses/BSD-3-Clause",
            _N,
            _A,
            False,
            False,
        ),
        LicenceFacts(
            "GPL-3.0",
            "GNU General Public License 3.0",
            "https://opensource.org/licenses/GPL-3.0",
            _N,
            _A,
            False,
            False,
        ),
        LicenceFacts(
            "LGPL-2.1",
            "GNU Lesser General Public License 2.1",
            "https://opensource.org/licenses/LGPL-2.1",
            _N,
            _A,
            False,
            False,
        ),
    )
}

# Other spellings of the same licences: CKAN's default licence ids, register legacy ids, and
# common URI forms. Keys are lower-case.
ALIASES: dict[str, str] = {
    "cc-by": "CC-BY-4.0",
    "cc-by-4.0": "CC-BY-4.0",
    "cc_by_4_0": "CC-BY-4.0",
    "cc-by-sa": "CC-BY-SA-4.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "cc_bysa_4_0": "CC-BY-SA-4.0",
    "cc-zero": "CC0-1.0",
    "cc0": "CC0-1.0",
    "cc0-1.0": "CC0-1.0",
    "cc-nc": "CC-BY-NC-4.0",
    "cc-by-nc": "CC-BY-NC-4.0",
    "odc-by": "ODC-BY-1.0",
    "odc_by": "ODC-BY-1.0",
    "odc-odbl": "ODbL-1.0",
    "odbl": "ODbL-1.0",
    "odc_bl": "ODbL-1.0",
    "odc-pddl": "PDDL-1.0",
    "odc-pddl-1.0": "PDDL-1.0",
    "odc_pddl": "PDDL-1.0",
    "uk-ogl": "OGL-UK-3.0",
    "ogl-uk-3.0": "OGL-UK-3.0",
    "ogl-ca-2.0": "OGL-Canada-2.0",
    "gfdl": "GFDL-1.3-no-cover-texts-no-invariant-sections",
    "mit-license": "MIT",
    "apache2.0": "Apache-2.0",
    "etalab-2.0": "LO-FR-2.0",
    "lo-fr-2.0": "LO-FR-2.0",
    "other-closed": "other-closed",
    "notspecified": "notspecified",
}

_URI_FORMS: dict[str, str] = {
    "creativecommons.org/licenses/by/4.0": "CC-BY-4.0",
    "creativecommons.org/licenses/by-sa/4.0": "CC-BY-SA-4.0",
    "creativecommons.org/publicdomain/zero/1.0": "CC0-1.0",
    "creativecommons.org/licenses/by-nc/4.0": "CC-BY-NC-4.0",
    "opendatacommons.org/licenses/odbl": "ODbL-1.0",
    "opendatacommons.org/licenses/by": "ODC-BY-1.0",
    "opendatacommons.org/licenses/pddl": "PDDL-1.0",
    # DCAT-AP.de's licence vocabulary (https://www.dcat-ap.de/def/licenses/), where it names
    # one of ours with its version.
    "dcat-ap.de/def/licenses/cc-zero": "CC0-1.0",
    "dcat-ap.de/def/licenses/cc-by/4.0": "CC-BY-4.0",
    "dcat-ap.de/def/licenses/cc-by-sa/4.0": "CC-BY-SA-4.0",
    "dcat-ap.de/def/licenses/odbl": "ODbL-1.0",
    "dcat-ap.de/def/licenses/odcpddl": "PDDL-1.0",
    "dcat-ap.de/def/licenses/odby": "ODC-BY-1.0",
    "dcat-ap.de/def/licenses/gpl/3.0": "GPL-3.0",
    "dcat-ap.de/def/licenses/other-open": "other-open",
    "dcat-ap.de/def/licenses/other-closed": "other-closed",
}


# Licences the Publications Office's "licence" authority table names
# (http://publications.europa.eu/resource/authority/licence), which DCAT-AP prefers for
# dct:license; the others are identified by their own URL.
EU_LICENCE_BASE_URI = "http://publications.europa.eu/resource/authority/licence/"
EU_LICENCE_CODES: dict[str, str] = {
    "CC-BY-4.0": "CC_BY_4_0",
    "CC-BY-SA-4.0": "CC_BYSA_4_0",
    "CC0-1.0": "CC0",
    "CC-BY-NC-4.0": "CC_BYNC_4_0",
    "CC-BY-ND-4.0": "CC_BYND_4_0",
    "CC-BY-NC-SA-4.0": "CC_BYNCSA_4_0",
    "CC-BY-NC-ND-4.0": "CC_BYNCND_4_0",
    "ODC-BY-1.0": "ODC_BY",
    "ODbL-1.0": "ODC_BL",
    "PDDL-1.0": "ODC_PDDL",
}

# What each licence requires or allows, in the ADMS licence-type vocabulary that DCAT-AP uses
# for dct:type of a dct:LicenseDocument (http://purl.org/adms/licencetype/, SEMIC ADMS-AP).
LICENCE_TYPE_BASE_URI = "http://purl.org/adms/licencetype/"
LICENCE_TYPE_SCHEME = "http://purl.org/adms/licencetype/1.0"
LICENCE_TYPE_LABELS: dict[str, str] = {
    "Attribution": "Attribution",
    "ShareAlike": "Share-alike",
    "NonCommercialUse": "Non-commercial use only",
    "NoDerivativeWork": "No derivative work",
    "PublicDomain": "Public domain",
    "ViralEffect-ShareAlike": "Viral effect (share-alike)",
    "UnknownIPR": "Unknown IPR",
}
LICENCE_TYPES: dict[str, tuple[str, ...]] = {
    "CC-BY-4.0": ("Attribution",),
    "CC-BY-SA-4.0": ("Attribution", "ShareAlike"),
    "CC0-1.0": ("PublicDomain",),
    "CC-BY-NC-4.0": ("Attribution", "NonCommercialUse"),
    "CC-BY-ND-4.0": ("Attribution", "NoDerivativeWork"),
    "CC-BY-NC-SA-4.0": ("Attribution", "NonCommercialUse", "ShareAlike"),
    "CC-BY-NC-ND-4.0": ("Attribution", "NonCommercialUse", "NoDerivativeWork"),
    "ODC-BY-1.0": ("Attribution",),
    "ODbL-1.0": ("Attribution", "ShareAlike"),
    "PDDL-1.0": ("PublicDomain",),
    "OGL-UK-3.0": ("Attribution",),
    "OGL-UK-2.0": ("Attribution",),
    "OGL-Canada-2.0": ("Attribution",),
    "LO-FR-2.0": ("Attribution",),
    "GFDL-1.3-no-cover-texts-no-invariant-sections": ("Attribution", "ViralEffect-ShareAlike"),
    "other-open": ("UnknownIPR",),
    "other-pd": ("PublicDomain",),
    "other-at": ("Attribution",),
    "other-nc": ("NonCommercialUse",),
    "other-closed": ("UnknownIPR",),
    "notspecified": ("UnknownIPR",),
    "MIT": ("Attribution",),
    "Apache-2.0": ("Attribution",),
    "BSD-3-Clause": ("Attribution",),
    "GPL-3.0": ("Attribution", "ViralEffect-ShareAlike"),
    "LGPL-2.1": ("Attribution", "ViralEffect-ShareAlike"),
}


def licence_uri(licence_id: str) -> str:
    """The URI DCAT names the licence by: the EU table's where it has one, else the licence's
    own URL; "" for licences without either (they are described in place)."""
    code = EU_LICENCE_CODES.get(licence_id)
    if code:
        return EU_LICENCE_BASE_URI + code
    facts = LICENCES.get(licence_id)
    return facts.url if facts else ""


def licence_id_from_title(title: str) -> str | None:
    wanted = title.strip().lower()
    for item in LICENCES.values():
        if item.title.lower() == wanted:
            return item.id
    return None


def licence_id_from(value: str) -> str | None:
    """Resolve an id, alias, licence URL or EU authority URI to a register id."""
    text = value.strip()
    if not text:
        return None
    if text in LICENCES:
        return text
    lowered = text.lower()
    for known in LICENCES:
        if known.lower() == lowered:
            return known
    if lowered in ALIASES:
        return ALIASES[lowered]
    bare = lowered.split("://", 1)[-1].removeprefix("www.").rstrip("/")
    for form, licence_id in _URI_FORMS.items():
        if bare.startswith(form):
            return licence_id
    for item in LICENCES.values():
        if item.url and bare == item.url.lower().split("://", 1)[-1].removeprefix("www.").rstrip(
            "/"
        ):
            return item.id
    tail = lowered.rstrip("/").rsplit("/", 1)[-1]
    if "/authority/licence/" in lowered:
        return _eu_licence(tail)
    return ALIASES.get(tail)


def _eu_licence(code: str) -> str | None:
    """Our id for an EU licence authority code (lower-cased), if the register has it."""
    for licence_id, eu_code in EU_LICENCE_CODES.items():
        if eu_code.lower() == code:
            return licence_id
    return None
