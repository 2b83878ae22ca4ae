"""DCAT-AP 3 for our records, written as a stream of subject blocks (no rdflib graph).

rdflib builds an in-memory graph and its serialisers group and sort it: about 125 datasets
per second, and memory that grows with the page. This module says the same triples as
`outbound.py` (the rdflib reference, still used by the tests and by callers that want a
`Graph`) one dataset at a time, as blocks `(subject, types, [(predicate, object), ...])`;
`writers.py` turns blocks into N-Triples, Turtle, JSON-LD or RDF/XML text. The tests prove
that every serialisation of this stream parses to a graph isomorphic to the rdflib one.

Within one document a `Document` remembers what it has described already (concepts of the
controlled vocabularies, publishers, licences, series): those are bounded by the size of the
vocabularies and of the list of publishers, so memory stays flat however many datasets pass.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping

from ..records import DatasetRecord, DistributionRecord, LicenceRecord, OrganizationRecord
from ..vocabularies.access_rights import ACCESS_RIGHTS, ACCESS_RIGHTS_BASE_URI
from ..vocabularies.countries import COUNTRY_SCHEME, country_name, country_uri
from ..vocabularies.formats import FILE_TYPE_BASE_URI, FORMATS
from ..vocabularies.frequencies import FREQUENCIES, FREQUENCY_BASE_URI
from ..vocabularies.languages import LANGUAGE_SCHEME, language_name, language_uri
from ..vocabularies.licences import (
    LICENCE_TYPE_BASE_URI,
    LICENCE_TYPE_LABELS,
    LICENCE_TYPE_SCHEME,
    LICENCE_TYPES,
    licence_uri,
)
from ..vocabularies.publisher_types import PUBLISHER_TYPE_BASE_URI, PUBLISHER_TYPES
from ..vocabularies.themes import THEME_BASE_URI, THEMES
from . import concepts as c
from .geometry import bbox_wkt, centroid_wkt
from .namespaces import (
    ADMS,
    DCAT,
    DCATAP,
    DCT,
    FOAF,
    GSP,
    HYDRA,
    RDFS,
    SKOS,
    SPDX,
    VCARD,
    XSD,
)
from .outbound import Site, dataset_uri, distribution_uri, organization_uri


class Blank:
    """A blank node, labelled uniquely within its document."""

    __slots__ = ("label",)

    def __init__(self, label: str) -> None:
        self.label = label


class Lit:
    """A literal: its lexical form and a language tag or a datatype IRI (or neither)."""

    __slots__ = ("datatype", "lang", "value")

    def __init__(self, value: str, lang: str = "", datatype: str = "") -> None:
        self.value = value
        self.lang = lang
        self.datatype = datatype


# A plain str is an IRI.
Subject = str | Blank
Term = str | Blank | Lit
Block = tuple[Subject, tuple[str, ...], list[tuple[str, Term]]]


def _s(term: object) -> str:
    return str(term)


# Every IRI this module writes, as plain strings (rdflib terms are slow to build and hash).
A_DATASET, A_SERIES, A_DISTRIBUTION, A_CATALOG = (
    _s(DCAT.Dataset),
    _s(DCAT.DatasetSeries),
    _s(DCAT.Distribution),
    _s(DCAT.Catalog),
)
A_AGENT, A_ORGANIZATION, A_DOCUMENT = _s(FOAF.Agent), _s(FOAF.Organization), _s(FOAF.Document)
A_CONCEPT, A_SCHEME = _s(SKOS.Concept), _s(SKOS.ConceptScheme)
A_LICENCE, A_LOCATION, A_PERIOD = _s(DCT.LicenseDocument), _s(DCT.Location), _s(DCT.PeriodOfTime)
A_STANDARD, A_MEDIA_TYPE = _s(DCT.Standard), _s(DCT.MediaType)
A_KIND, A_IDENTIFIER = _s(VCARD.Kind), _s(ADMS.Identifier)
A_CHECKSUM, A_ALGORITHM = _s(SPDX.Checksum), _s(SPDX.ChecksumAlgorithm)
A_VIEW = _s(HYDRA.PartialCollectionView)
TITLE, DESCRIPTION, IDENTIFIER = _s(DCT.title), _s(DCT.description), _s(DCT.identifier)
PUBLISHER, ISSUED, MODIFIED = _s(DCT.publisher), _s(DCT.issued), _s(DCT.modified)
TYPE = _s(DCT.type)
LICENSE, SPATIAL, TEMPORAL, LANGUAGE = (
    _s(DCT.license),
    _s(DCT.spatial),
    _s(DCT.temporal),
    _s(DCT.language),
)
PERIODICITY, ACCESS, CONFORMS, FORMAT = (
    _s(DCT.accrualPeriodicity),
    _s(DCT.accessRights),
    _s(DCT.conformsTo),
    _s(DCT.format),
)
CONTACT, LANDING, VERSION, KEYWORD, THEME = (
    _s(DCAT.contactPoint),
    _s(DCAT.landingPage),
    _s(DCAT.version),
    _s(DCAT.keyword),
    _s(DCAT.theme),
)
IN_SERIES, DISTRIBUTION, DATASET = _s(DCAT.inSeries), _s(DCAT.distribution), _s(DCAT.dataset)
ACCESS_URL, DOWNLOAD_URL, MEDIA_TYPE = _s(DCAT.accessURL), _s(DCAT.downloadURL), _s(DCAT.mediaType)
BYTE_SIZE, BBOX, CENTROID = _s(DCAT.byteSize), _s(DCAT.bbox), _s(DCAT.centroid)
START, END, TAXONOMY = _s(DCAT.startDate), _s(DCAT.endDate), _s(DCAT.themeTaxonomy)
AVAILABILITY, OTHER_ID, NOTATION = _s(DCATAP.availability), _s(ADMS.identifier), _s(SKOS.notation)
PREF_LABEL, IN_SCHEME, LABEL = _s(SKOS.prefLabel), _s(SKOS.inScheme), _s(RDFS.label)
NAME, HOMEPAGE, MBOX = _s(FOAF.name), _s(FOAF.homepage), _s(FOAF.mbox)
FN, HAS_EMAIL, HAS_URL = _s(VCARD.fn), _s(VCARD.hasEmail), _s(VCARD.hasURL)
CHECKSUM, ALGORITHM, CHECKSUM_VALUE = _s(SPDX.checksum), _s(SPDX.algorithm), _s(SPDX.checksumValue)
H_FIRST, H_LAST, H_NEXT, H_PREVIOUS = (
    _s(HYDRA.first),
    _s(HYDRA.last),
    _s(HYDRA.next),
    _s(HYDRA.previous),
)
H_VIEW, H_TOTAL, H_PER_PAGE = _s(HYDRA.view), _s(HYDRA.totalItems), _s(HYDRA.itemsPerPage)
X_DATE, X_DATETIME, X_INTEGER = _s(XSD.date), _s(XSD.dateTime), _s(XSD.integer)
X_NON_NEGATIVE, X_HEX, WKT = _s(XSD.nonNegativeInteger), _s(XSD.hexBinary), _s(GSP.wktLiteral)
SHA256 = _s(c.SHA256)
DOCUMENT_PREDICATES = frozenset({LANDING, HOMEPAGE})


def when(value: dt.datetime | dt.date) -> Lit:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return Lit(value.isoformat(), datatype=X_DATETIME)
    return Lit(value.isoformat(), datatype=X_DATE)


def _texts(props: list[tuple[str, Term]], predicate: str, texts: Mapping[str, str]) -> None:
    for language, text in sorted(texts.items()):
        if text:
            props.append((predicate, Lit(text, lang=language)))


class Document:
    """One output document (a dataset, or a page or the whole of the catalogue)."""

    def __init__(self, site_url: str) -> None:
        self.site_url = site_url
        self._labels = itertools.count()
        self._described: set[str] = set()
        self._licences: dict[str, Subject] = {}

    def blank(self) -> Blank:
        return Blank(f"b{next(self._labels)}")

    def _first_time(self, key: str) -> bool:
        if key in self._described:
            return False
        self._described.add(key)
        return True

    # -- controlled vocabularies (as concepts.py describes them) --

    def scheme(self, out: list[Block], scheme: str) -> str:
        if self._first_time(scheme):
            title = Lit(c.SCHEME_TITLES.get(scheme, scheme), lang="en")
            out.append((scheme, (A_SCHEME,), [(TITLE, title)]))
        return scheme

    def concept(
        self, out: list[Block], uri: str, scheme: str, labels: Mapping[str, str], *classes: str
    ) -> str:
        if self._first_time(uri):
            props: list[tuple[str, Term]] = [
                (PREF_LABEL, Lit(label, lang=language)) for language, label in labels.items()
            ]
            props.append((IN_SCHEME, scheme))
            out.append((uri, (A_CONCEPT, *classes), props))
            self.scheme(out, scheme)
        return uri

    def country(self, out: list[Block], code: str) -> str:
        uri = country_uri(code)
        if uri in self._described:
            return uri
        labels = {"en": country_name(code)}
        return self.concept(out, uri, COUNTRY_SCHEME, labels, A_LOCATION)

    def language(self, out: list[Block], code: str) -> str | None:
        uri = language_uri(code)
        if uri is None or uri in self._described:
            return uri
        labels = {"en": language_name(code)}
        return self.concept(out, uri, LANGUAGE_SCHEME, labels, _s(DCT.LinguisticSystem))

    def theme(self, out: list[Block], code: str) -> str:
        labels = THEMES.get(code, {"en": code})
        return self.concept(out, THEME_BASE_URI + code, c.THEME_SCHEME, labels)

    def frequency(self, out: list[Block], code: str) -> str:
        labels = {"en": FREQUENCIES.get(code, code)}
        uri = FREQUENCY_BASE_URI + code
        return self.concept(out, uri, c.FREQUENCY_SCHEME, labels, _s(DCT.Frequency))

    def access_rights(self, out: list[Block], code: str) -> str:
        labels = {"en": ACCESS_RIGHTS.get(code, code)}
        uri = ACCESS_RIGHTS_BASE_URI + code
        return self.concept(out, uri, c.ACCESS_RIGHTS_SCHEME, labels, _s(DCT.RightsStatement))

    def file_type(self, out: list[Block], label: str) -> str | None:
        facts = FORMATS.get(label)
        if facts is None or not facts.eu_code:
            return None
        uri = FILE_TYPE_BASE_URI + facts.eu_code
        labels = {"en": facts.label}
        return self.concept(out, uri, c.FILE_TYPE_SCHEME, labels, _s(DCT.MediaTypeOrExtent))

    def media_type(self, out: list[Block], value: str) -> str | None:
        essence = value.split(";", 1)[0].strip().lower()
        if "/" not in essence or " " in essence:
            return None
        uri = c.IANA_MEDIA_TYPES + essence
        if self._first_time(uri):
            out.append((uri, (A_MEDIA_TYPE,), []))
        return uri

    def publisher_type(self, out: list[Block], code: str) -> str | None:
        if code not in PUBLISHER_TYPES:
            return None
        labels = {"en": PUBLISHER_TYPES[code]}
        uri = PUBLISHER_TYPE_BASE_URI + code
        return self.concept(out, uri, c.PUBLISHER_TYPE_SCHEME, labels)

    def licence_type(self, out: list[Block], code: str) -> str:
        labels = {"en": LICENCE_TYPE_LABELS.get(code, code)}
        return self.concept(out, LICENCE_TYPE_BASE_URI + code, LICENCE_TYPE_SCHEME, labels)

    def availability(self, out: list[Block], code: str) -> str:
        uri = c.AVAILABILITY_BASE_URI + code
        return self.concept(out, uri, c.AVAILABILITY_SCHEME, {"en": code.lower()})

    def checksum_algorithm(self, out: list[Block]) -> str:
        if self._first_time(SHA256):
            out.append((SHA256, (A_ALGORITHM,), []))
        return SHA256

    # -- agents, licences, documents --

    def document(self, out: list[Block], url: str) -> str:
        # Not remembered: landing pages are one per dataset, and a repeated block says
        # nothing new (a graph is a set of triples).
        out.append((url, (A_DOCUMENT,), []))
        return url

    def publisher(self, out: list[Block], org: OrganizationRecord) -> str:
        node = organization_uri(self.site_url, org.id)
        if not self._first_time(node):
            return node
        props: list[tuple[str, Term]] = []
        out.append((node, (A_AGENT, A_ORGANIZATION), props))
        _texts(props, NAME, org.title or {"en": org.name})
        kind = self.publisher_type(out, org.publisher_type) if org.publisher_type else None
        if kind is not None:
            props.append((TYPE, kind))
        if org.homepage:
            props.append((HOMEPAGE, self.document(out, org.homepage)))
        if org.email:
            props.append((MBOX, f"mailto:{org.email}"))
        if org.country:
            props.append((SPATIAL, self.country(out, org.country)))
        return node

    def licence(self, out: list[Block], licence: LicenceRecord) -> Subject:
        if licence.id in self._licences:
            return self._licences[licence.id]
        uri = licence_uri(licence.id) or licence.url
        node: Subject = uri if uri else self.blank()
        props: list[tuple[str, Term]] = [
            (LABEL, Lit(licence.title, lang="en")),
            (IDENTIFIER, Lit(licence.id)),
        ]
        out.append((node, (A_LICENCE,), props))
        for code in LICENCE_TYPES.get(licence.id, ()):
            props.append((TYPE, self.licence_type(out, code)))
        self._licences[licence.id] = node
        return node

    # -- datasets --

    def dataset(
        self, out: list[Block], record: DatasetRecord, series: DatasetRecord | None = None
    ) -> str:
        """Blocks describing one dataset (see outbound.add_dataset for what they say)."""
        node = dataset_uri(self.site_url, record.id)
        if record.is_series and not self._first_time(node):
            return node  # a series is described once, however many members link to it
        props: list[tuple[str, Term]] = []
        out.append((node, (A_SERIES if record.is_series else A_DATASET,), props))
        _texts(props, TITLE, record.title)
        _texts(props, DESCRIPTION, record.description)
        props.append((IDENTIFIER, Lit(record.identifier or node)))
        props.append((PUBLISHER, self.publisher(out, record.organization)))
        self._contact_point(out, props, record)
        props.append((LANDING, self.document(out, record.landing_page or record.page_url)))
        if record.issued:
            props.append((ISSUED, when(record.issued)))
        if record.modified:
            props.append((MODIFIED, when(record.modified)))
        if record.version:
            props.append((VERSION, Lit(record.version)))
        self._classification(out, props, record)
        self._coverage(out, props, record)
        if series is not None and record.in_series == series.id:
            props.append((IN_SERIES, self.dataset(out, series)))
        licence = self.licence(out, record.licence) if record.licence else None
        for dist in record.distributions:
            props.append((DISTRIBUTION, self.distribution(out, dist, licence)))
        identifier = self.blank()
        out.append((identifier, (A_IDENTIFIER,), [(NOTATION, Lit(record.id))]))
        props.append((OTHER_ID, identifier))
        return node

    def _contact_point(
        self, out: list[Block], props: list[tuple[str, Term]], record: DatasetRecord
    ) -> None:
        if not (record.contact_name or record.contact_email or record.contact_url):
            return
        node = self.blank()
        contact: list[tuple[str, Term]] = []
        if record.contact_name:
            contact.append((FN, Lit(record.contact_name)))
        if record.contact_email:
            contact.append((HAS_EMAIL, f"mailto:{record.contact_email}"))
        if record.contact_url:
            contact.append((HAS_URL, record.contact_url))
        out.append((node, (A_KIND,), contact))
        props.append((CONTACT, node))

    def _classification(
        self, out: list[Block], props: list[tuple[str, Term]], record: DatasetRecord
    ) -> None:
        for tag in record.tags:
            props.append((KEYWORD, Lit(tag)))
        for code in record.themes:
            props.append((THEME, self.theme(out, code)))
        for code in record.languages:
            language = self.language(out, code)
            if language is not None:
                props.append((LANGUAGE, language))
        if record.frequency:
            props.append((PERIODICITY, self.frequency(out, record.frequency)))
        if record.access_rights:
            props.append((ACCESS, self.access_rights(out, record.access_rights)))
        for standard in record.conforms_to:
            out.append((standard, (A_STANDARD,), []))
            props.append((CONFORMS, standard))

    def _coverage(
        self, out: list[Block], props: list[tuple[str, Term]], record: DatasetRecord
    ) -> None:
        for code in record.countries:
            props.append((SPATIAL, self.country(out, code)))
        if record.spatial:
            location = self.blank()
            bbox = Lit(bbox_wkt(record.spatial), datatype=WKT)
            centroid = Lit(centroid_wkt(record.spatial), datatype=WKT)
            out.append((location, (A_LOCATION,), [(BBOX, bbox), (CENTROID, centroid)]))
            props.append((SPATIAL, location))
        if record.temporal_start or record.temporal_end:
            period = self.blank()
            ends: list[tuple[str, Term]] = []
            if record.temporal_start:
                ends.append((START, when(record.temporal_start)))
            if record.temporal_end:
                ends.append((END, when(record.temporal_end)))
            out.append((period, (A_PERIOD,), ends))
            props.append((TEMPORAL, period))

    def distribution(
        self, out: list[Block], dist: DistributionRecord, licence: Subject | None
    ) -> str:
        node = distribution_uri(self.site_url, dist.dataset_id, dist.id)
        props: list[tuple[str, Term]] = []
        out.append((node, (A_DISTRIBUTION,), props))
        if dist.title:
            props.append((TITLE, Lit(dist.title)))
        if dist.description:
            props.append((DESCRIPTION, Lit(dist.description)))
        if dist.url:
            props.append((ACCESS_URL, dist.url))
            props.append((DOWNLOAD_URL, dist.url))
        file_type = self.file_type(out, dist.format) if dist.format else None
        if file_type is not None:
            props.append((FORMAT, file_type))
        media = self.media_type(out, dist.media_type) if dist.media_type else None
        if media is not None:
            props.append((MEDIA_TYPE, media))
        if dist.byte_size is not None:
            props.append((BYTE_SIZE, Lit(str(dist.byte_size), datatype=X_NON_NEGATIVE)))
        if dist.checksum_sha256:
            checksum = self.blank()
            value = Lit(dist.checksum_sha256, datatype=X_HEX)
            algorithm = self.checksum_algorithm(out)
            out.append((checksum, (A_CHECKSUM,), [(ALGORITHM, algorithm), (CHECKSUM_VALUE, value)]))
            props.append((CHECKSUM, checksum))
        if licence is not None:
            props.append((LICENSE, licence))
        if dist.is_upload:
            props.append((AVAILABILITY, self.availability(out, "STABLE")))
        props.append((ISSUED, when(dist.created)))
        props.append((MODIFIED, when(dist.modified)))
        return node

    # -- the catalogue --

    def catalogue(self, out: list[Block], site: Site) -> str:
        """The catalogue node (see outbound.add_catalogue); its datasets are linked one by
        one with `catalogue_dataset`."""
        node = site.catalogue_uri
        props: list[tuple[str, Term]] = [
            (TITLE, Lit(site.title, lang=site.language)),
            (DESCRIPTION, Lit(site.description, lang=site.language)),
            (PUBLISHER, site.url),
        ]
        out.append((node, (A_CATALOG,), props))
        name = Lit(site.publisher_name or site.title, lang="en")
        out.append((site.url, (A_AGENT,), [(NAME, name)]))
        props.append((HOMEPAGE, self.document(out, site.url + "/")))
        language = self.language(out, site.language)
        if language is not None:
            props.append((LANGUAGE, language))
        props.append((TAXONOMY, self.scheme(out, c.THEME_SCHEME)))
        for code in site.countries:
            props.append((SPATIAL, self.country(out, code)))
        if site.licence is not None:
            props.append((LICENSE, self.licence(out, site.licence)))
        if site.issued:
            props.append((ISSUED, when(site.issued)))
        if site.modified:
            props.append((MODIFIED, when(site.modified)))
        return node

    def catalogue_dataset(
        self,
        out: list[Block],
        site: Site,
        record: DatasetRecord,
        series: DatasetRecord | None = None,
    ) -> None:
        node = self.dataset(out, record, series)
        out.append((site.catalogue_uri, (), [(DATASET, node)]))

    def paging(
        self,
        out: list[Block],
        catalogue: str,
        *,
        url: str,
        first: str,
        last: str,
        next: str | None,
        previous: str | None,
        total_items: int,
        items_per_page: int,
    ) -> None:
        """Hydra's PartialCollectionView (see serialise.add_paging)."""
        view: list[tuple[str, Term]] = [(H_FIRST, first), (H_LAST, last)]
        if next:
            view.append((H_NEXT, next))
        if previous:
            view.append((H_PREVIOUS, previous))
        view.append((H_PER_PAGE, Lit(str(items_per_page), datatype=X_INTEGER)))
        out.append((url, (A_VIEW,), view))
        total = Lit(str(total_items), datatype=X_INTEGER)
        out.append((catalogue, (), [(H_VIEW, url), (H_TOTAL, total)]))


__all__ = ["Blank", "Block", "Document", "Lit", "Subject", "Term", "when"]
