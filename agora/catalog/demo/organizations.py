"""The publishers of the demo datasets: who really made each file available, as the packages
that ship the data say.

A country is set only where the publisher has a clear seat (an agency, a university, a
foundation, a company); volunteer projects and individuals get none rather than a guess. The
three US departments are there because the catalogue models publishers as a hierarchy, as
data.gov does: NOAA, the Census Bureau, EIA and BLS belong to them, and they publish nothing
here themselves.
Parents are listed before their children so they exist when a child names them.
"""

from __future__ import annotations

from agora.interop.records import OrganizationDraft


def _us_department(name: str, en: str, fr: str, es: str, homepage: str) -> OrganizationDraft:
    return OrganizationDraft(
        name=name,
        title={"en": en, "fr": fr, "es": es},
        description={"en": f"Executive department of the United States federal government ({en})."},
        country="USA",
        publisher_type="NationalAuthority",
        homepage=homepage,
    )


def _us_agency(
    name: str, title: dict[str, str], parent: str, homepage: str, about: str
) -> OrganizationDraft:
    return OrganizationDraft(
        name=name,
        title=title,
        description={"en": about},
        country="USA",
        publisher_type="NationalAuthority",
        parent=parent,
        homepage=homepage,
    )


US_ORGANIZATIONS: tuple[OrganizationDraft, ...] = (
    _us_department(
        "us-department-of-commerce",
        "US Department of Commerce",
        "Département du Commerce des États-Unis",
        "Departamento de Comercio de los Estados Unidos",
        "https://www.commerce.gov/",
    ),
    _us_department(
        "us-department-of-energy",
        "US Department of Energy",
        "Département de l'Énergie des États-Unis",
        "Departamento de Energía de los Estados Unidos",
        "https://www.energy.gov/",
    ),
    _us_department(
        "us-department-of-labor",
        "US Department of Labor",
        "Département du Travail des États-Unis",
        "Departamento de Trabajo de los Estados Unidos",
        "https://www.dol.gov/",
    ),
    _us_agency(
        "us-noaa",
        {
            "en": "US National Oceanic and Atmospheric Administration",
            "fr": "Agence américaine d'observation océanique et atmosphérique",
            "es": "Administración Nacional Oceánica y Atmosférica de los Estados Unidos",
        },
        "us-department-of-commerce",
        "https://www.noaa.gov/",
        "NOAA (Department of Commerce) runs the US weather service and keeps its weather "
        "observations; as works of the US federal government they are in the public domain.",
    ),
    _us_agency(
        "us-census-bureau",
        {
            "en": "US Census Bureau",
            "fr": "Bureau du recensement des États-Unis",
            "es": "Oficina del Censo de los Estados Unidos",
        },
        "us-department-of-commerce",
        "https://www.census.gov/",
        "The statistical agency of the US Department of Commerce that runs the census and "
        "publishes the codes of US states and counties (FIPS codes).",
    ),
    _us_agency(
        "us-eia",
        {
            "en": "US Energy Information Administration",
            "fr": "Agence américaine d'information sur l'énergie",
            "es": "Administración de Información Energética de los Estados Unidos",
        },
        "us-department-of-energy",
        "https://www.eia.gov/",
        "The statistical agency of the US Department of Energy: energy production, "
        "consumption and prices.",
    ),
    _us_agency(
        "us-bls",
        {
            "en": "US Bureau of Labor Statistics",
            "fr": "Bureau des statistiques du travail des États-Unis",
            "es": "Oficina de Estadísticas Laborales de los Estados Unidos",
        },
        "us-department-of-labor",
        "https://www.bls.gov/",
        "The statistical agency of the US Department of Labor: employment, wages and prices "
        "(its Current Employment Statistics programme counts jobs every month).",
    ),
)


OTHER_ORGANIZATIONS: tuple[OrganizationDraft, ...] = (
    OrganizationDraft(
        name="debian-iso-codes",
        title={
            "en": "Debian iso-codes project",
            "fr": "Projet iso-codes de Debian",
            "es": "Proyecto iso-codes de Debian",
        },
        description={
            "en": "Volunteers who keep machine-readable lists of the ISO country, "
            "subdivision, language, currency and script codes, with translations of their "
            "names, under the LGPL 2.1. pycountry ships their files."
        },
        publisher_type="NonProfitOrganisation",
        homepage="https://salsa.debian.org/iso-codes-team/iso-codes",
    ),
    OrganizationDraft(
        name="gapminder-foundation",
        title={
            "en": "Gapminder Foundation",
            "fr": "Fondation Gapminder",
            "es": "Fundación Gapminder",
        },
        description={
            "en": "Independent Swedish foundation (Stockholm) that compiles long series of "
            "development indicators and publishes them as free data under CC BY 4.0."
        },
        country="SWE",
        publisher_type="NonProfitOrganisation",
        homepage="https://www.gapminder.org/",
    ),
    OrganizationDraft(
        name="ourairports",
        title={"en": "OurAirports"},
        description={
            "en": "Community website that compiles data on the world's airports and puts "
            "it in the public domain."
        },
        homepage="https://ourairports.com/",
    ),
    OrganizationDraft(
        name="mike-bostock",
        title={"en": "Mike Bostock"},
        description={
            "en": "Author of the Protovis and D3 visualisation libraries, who transcribed "
            "historical datasets for their examples."
        },
        publisher_type="PrivateIndividual(s)",
        homepage="https://github.com/mbostock",
    ),
    OrganizationDraft(
        name="stanford-visualization-group",
        title={"en": "Stanford Visualization Group"},
        description={
            "en": "Research group at Stanford University that released the Protovis "
            "library and its example datasets under a BSD licence (2010)."
        },
        country="USA",
        publisher_type="Academia-ScientificOrganisation",
    ),
    OrganizationDraft(
        name="ntnu-industrial-ecology",
        title={"en": "NTNU Industrial Ecology Programme"},
        description={
            "en": "Industrial Ecology Programme of the Norwegian University of Science and "
            "Technology (NTNU), whose IndEcol GitHub organisation hosts country_converter "
            "(coco), written by Konstantin Stadler."
        },
        country="NOR",
        publisher_type="Academia-ScientificOrganisation",
        homepage="https://github.com/IndEcol",
    ),
    OrganizationDraft(
        name="unicode-consortium",
        title={"en": "Unicode Consortium", "fr": "Consortium Unicode", "es": "Consorcio Unicode"},
        description={
            "en": "Non-profit corporation (Unicode, Inc., California) that maintains the Unicode "
            "Standard and the Common Locale Data Repository (CLDR), the locale data behind most "
            "software; it publishes CLDR under the Unicode License v3."
        },
        country="USA",
        publisher_type="NonProfitOrganisation",
        homepage="https://www.unicode.org/",
    ),
    OrganizationDraft(
        name="iana",
        title={"en": "Internet Assigned Numbers Authority (IANA)"},
        description={
            "en": "Coordinates the Internet's unique identifiers and publishes the Time Zone "
            "Database (tz). The IANA functions are operated by Public Technical Identifiers "
            "(PTI), a non-profit affiliate of ICANN in Los Angeles."
        },
        country="USA",
        publisher_type="NonProfitOrganisation",
        homepage="https://www.iana.org/",
    ),
    OrganizationDraft(
        name="geonames",
        title={"en": "GeoNames"},
        description={
            "en": "Geographical database of the world's place names, with their coordinates, "
            "populations and codes, which it publishes under CC BY 4.0 (as the readme of its "
            "data export says)."
        },
        homepage="https://www.geonames.org/",
    ),
    OrganizationDraft(
        name="plotly",
        title={"en": "Plotly Technologies Inc."},
        description={
            "en": "Montréal company that makes the plotly graphing library, which ships "
            "small example datasets under its MIT licence."
        },
        country="CAN",
        publisher_type="Company",
        homepage="https://plotly.com/",
    ),
)


def organization_drafts() -> list[OrganizationDraft]:
    return [*US_ORGANIZATIONS, *OTHER_ORGANIZATIONS]
