"""Table importers: a small base class and an explicit registry (filled in
BenchmarksConfig.ready()). `agora benchmarks import <kind> FILE` and the import service pick
one by its kind; a test lists what is registered."""

from __future__ import annotations

from .errors import BadFilter
from .scoring.spec import FrameworkSpec
from .selectors.frameworks import framework_definition
from .tables.countries import CountryResolver
from .tables.raw import parse_raw_table
from .tables.report import ImportReport
from .tables.un_export import parse_un_export


class Importer:
    kind: str = ""
    description: str = ""
    observation_kind: str = "published"  # what the rows become: published values or raw inputs
    needs_edition: bool = False

    def parse(
        self,
        content: bytes,
        *,
        framework: str,
        edition: str | None,
        resolver: CountryResolver,
        file_name: str = "",
    ) -> ImportReport:
        raise NotImplementedError

    @staticmethod
    def spec(framework: str) -> FrameworkSpec:
        return framework_definition(framework).spec


class UnExportImporter(Importer):
    kind = "un-egov-export"
    description = "UN E-Government Knowledgebase Data Center export (any edition)"

    def parse(self, content, *, framework, edition, resolver, file_name=""):  # type: ignore[no-untyped-def]
        if framework != "un-egov":
            raise BadFilter(fields={"framework": ["the UN export belongs to un-egov"]})
        editions = {e.code: e for e in self.spec(framework).editions}
        return parse_un_export(content, editions=editions, resolver=resolver, file_name=file_name)


class RawIndicatorImporter(Importer):
    kind = "raw-indicators"
    description = "Raw indicator table of one edition (inputs of its composite indices)"
    observation_kind = "raw"
    needs_edition = True

    def parse(self, content, *, framework, edition, resolver, file_name=""):  # type: ignore[no-untyped-def]
        if not edition:
            raise BadFilter(
                fields={"edition": ["a raw indicator table is imported into one edition"]}
            )
        try:
            spec = self.spec(framework).edition(edition)
        except KeyError as error:
            raise BadFilter(fields={"edition": [f"no edition {edition} of {framework}"]}) from error
        return parse_raw_table(content, edition=spec, resolver=resolver, file_name=file_name)


_importers: dict[str, Importer] = {}


def register(importer: Importer) -> None:
    if importer.kind in _importers and type(_importers[importer.kind]) is not type(importer):
        raise RuntimeError(f"An importer of kind {importer.kind!r} is already registered")
    _importers[importer.kind] = importer


def get(kind: str) -> Importer:
    if kind not in _importers:
        raise BadFilter(fields={"kind": [f"one of {', '.join(registered())}"]})
    return _importers[kind]


def registered() -> list[str]:
    return sorted(_importers)
