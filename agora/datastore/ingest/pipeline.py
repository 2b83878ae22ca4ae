"""The ingest of one distribution version, as a template method with a status per step.

    source -> detect -> validate -> load -> store -> publish

(then, in a task of its own, each node's DuckDB query file of the new table: cache.py)

Each step records its status, timing and detail in DataTable.steps, and the row's heartbeat
and progress move while it runs. A step stops the ingest by raising IngestFailed (a reason a
publisher can act on); anything unexpected is caught too, so one bad file never breaks the
worker. Nothing is visible to readers until `publish` marks the table ready in one transaction:
until then, and whenever an ingest fails or its process is killed, the distribution's previous
ready table is the one queried. Work files live in a temporary folder removed at the end.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agora.core.files import cache_dir, local_path, store_path

from ..models import DataDictionary, DataTable, TableStatus
from ..report import ValidationReport
from . import detect, engine, load, validate
from .errors import IngestFailed

logger = logging.getLogger(__name__)


@dataclass
class Context:
    table: DataTable
    work: Path
    source: Path | None = None
    prepared: detect.Prepared | None = None
    dialect: validate.Dialect | None = None
    fields: list[dict[str, Any]] = field(default_factory=list)
    report: ValidationReport = field(default_factory=ValidationReport)
    parquet_path: Path | None = None
    row_count: int = 0
    engine: engine.Engine | None = None


class IngestPipeline:
    """Runs the steps in order; subclasses (tests, other formats) may override any step."""

    steps: tuple[str, ...] = ("source", "detect", "validate", "load", "store", "publish")

    def __init__(self, table: DataTable) -> None:
        self.table = table

    # ------------------------------------------------------------------ the template method

    def run(self) -> DataTable:
        work = work_dir()
        context = Context(table=self.table, work=work)
        self._start()
        try:
            for index, name in enumerate(self.steps):
                self._step(context, index, name)
        except IngestFailed as error:
            self._fail(error.code, error.message)
        except Exception as error:
            logger.exception("ingest of %s crashed", self.table.pk)
            self._fail("ingest.crashed", f"{type(error).__name__}: {str(error)[:500]}")
        finally:
            if context.engine is not None:
                context.engine.close()
            shutil.rmtree(work, ignore_errors=True)
        return self.table

    def _step(self, context: Context, index: int, name: str) -> None:
        started = timezone.now()
        self._record(name, "running", started=started, progress=self._share(index))
        getattr(self, f"step_{name}")(context)
        detail = getattr(context, "detail", "")
        self._record(name, "done", started=started, finished=timezone.now(), detail=detail)
        context.__dict__.pop("detail", None)

    def _share(self, index: int, within: float = 0.0) -> int:
        return int(100 * (index + within) / len(self.steps))

    # ------------------------------------------------------------------ the steps

    def step_source(self, context: Context) -> None:
        context.source = local_path(self.table.version.file)

    def step_detect(self, context: Context) -> None:
        _require(context.source is not None)
        name = self.table.version.file_name or self.table.distribution.file_name or "data"
        context.prepared = detect.prepare(context.source, name, context.work)
        context.report.format = context.prepared.format
        context.report.encoding = context.prepared.encoding
        context.report.warnings.extend(context.prepared.warnings)
        context.engine = engine.Engine(engine_config(context.work)).__enter__()
        if context.prepared.kind == "csv" and context.prepared.format in detect.CONVERTED:
            names = detect.header_of(context.prepared.path)
            context.dialect = validate.Dialect(columns=len(names))
            context.report.dialect = context.dialect.as_dict()
            context.fields = [{"name": n} for n in names]
        elif context.prepared.kind == "csv":
            context.dialect, names = context.engine.call("sniff", path=context.prepared.path)
            context.report.dialect = context.dialect.as_dict()
            context.fields = [{"name": n} for n in names]
        context.detail = f"{context.prepared.format}, {context.prepared.encoding or 'binary'}"  # type: ignore[attr-defined]

    def step_validate(self, context: Context) -> None:
        prepared = context.prepared
        _require(prepared is not None)
        if prepared.kind == "parquet" or context.dialect is None:
            context.report.schema_source = "parquet"
            return
        dictionary = _dictionary(self.table)
        names = [f["name"] for f in context.fields]
        limit = settings.AGORA_DATASTORE_VALIDATE_ROWS
        sample = validate.head_sample(
            prepared.path, context.dialect, limit, context.work / "sample.csv"
        )
        context.fields, context.report.schema_source = validate.infer_fields(
            sample, context.dialect, names, dictionary
        )
        context.report.rows_validated = validate.validate(
            sample,
            context.dialect,
            context.fields,
            context.report,
            limit_rows=limit,
            limit_errors=settings.AGORA_DATASTORE_REPORT_MAX_ERRORS,
        )

    def step_load(self, context: Context) -> None:
        prepared, runner = context.prepared, context.engine
        _require(prepared is not None and runner is not None)
        target = context.work / "table.parquet"
        if prepared.kind == "parquet":
            context.fields = runner.call("load_parquet", path=prepared.path, target=target)
        else:
            _require(context.dialect is not None)
            self._load_csv(context, target)
        context.parquet_path = target
        context.row_count, context.report = runner.call(
            "inspect",
            target=target,
            report=context.report,
            after_row=context.report.rows_validated,
            limit=settings.AGORA_DATASTORE_REPORT_MAX_ERRORS,
        )
        context.report.rows = context.row_count
        context.detail = f"{context.row_count} rows"  # type: ignore[attr-defined]

    def _load_csv(self, context: Context, target: Path) -> None:
        prepared, dialect, runner = context.prepared, context.dialect, context.engine
        if prepared is None or dialect is None or runner is None:
            raise IngestFailed("An ingest step ran out of order.", code="ingest.internal")
        index = self.steps.index("load")

        def tick(percent: float) -> None:
            self._heartbeat(self._share(index, percent / 100))

        def work() -> None:
            runner.call(
                "load_csv",
                progress=tick,
                path=prepared.path,
                dialect=dialect,
                fields=context.fields,
                target=target,
            )

        try:
            work()
        except IngestFailed as error:
            if not load.is_unicode_error(error):
                raise
            repaired, legacy, lines = detect.repair_mixed_utf8(
                prepared.path, context.work / "fixed.csv"
            )
            context.report.warnings.append(
                f"{lines} lines were not UTF-8 and were read as {legacy}"
            )
            prepared.path = repaired
            work()

    def step_store(self, context: Context) -> None:
        _require(context.parquet_path is not None)
        self.table.parquet = store_path(context.parquet_path, filename="table.parquet")

    def step_publish(self, context: Context) -> None:
        with transaction.atomic():
            DataTable.objects.filter(pk=self.table.pk).update(
                status=TableStatus.READY,
                parquet=self.table.parquet,
                row_count=context.row_count,
                columns=[
                    {"name": f["name"], "type": f["type"], "format": f.get("format", "")}
                    for f in context.fields
                ],
                report=context.report.to_dict(),
                error="",
                error_code="",
                progress=100,
                finished_at=timezone.now(),
            )
        self.table.refresh_from_db()

    # ------------------------------------------------------------------ bookkeeping

    def _start(self) -> None:
        now = timezone.now()
        DataTable.objects.filter(pk=self.table.pk).update(
            status=TableStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            finished_at=None,
            steps=[{"name": s, "status": "pending"} for s in self.steps],
            attempts=self.table.attempts + 1,
            progress=0,
            error="",
            error_code="",
        )
        self.table.refresh_from_db()

    def _record(self, name: str, status: str, **values: Any) -> None:
        steps = list(self.table.steps)
        for item in steps:
            if item["name"] == name:
                item["status"] = status
                for key in ("started", "finished"):
                    if values.get(key):
                        item[key] = values[key].isoformat()
                if values.get("detail"):
                    item["detail"] = values["detail"]
        self.table.steps = steps
        update: dict[str, Any] = {"steps": steps, "heartbeat_at": timezone.now()}
        if status == "running":
            update["step"] = name
            update["progress"] = values.get("progress", self.table.progress)
        DataTable.objects.filter(pk=self.table.pk).update(**update)

    def _heartbeat(self, progress: int) -> None:
        """Progress of a long step (the engine reports it about once a second)."""
        DataTable.objects.filter(pk=self.table.pk).update(
            progress=progress, heartbeat_at=timezone.now()
        )

    def _fail(self, code: str, message: str) -> None:
        steps = [
            {**s, "status": "failed"} if s.get("status") == "running" else s
            for s in DataTable.objects.get(pk=self.table.pk).steps
        ]
        DataTable.objects.filter(pk=self.table.pk).update(
            status=TableStatus.FAILED,
            steps=steps,
            error_code=code[:64],
            error=message,
            finished_at=timezone.now(),
        )
        self.table.refresh_from_db()


def _require(condition: object) -> None:
    """A step ran without what an earlier step must have produced: a bug, reported as such."""
    if not condition:
        raise IngestFailed("An ingest step ran out of order.", code="ingest.internal")


def _dictionary(table: DataTable) -> list[dict[str, Any]]:
    found = DataDictionary.objects.filter(distribution_id=table.distribution_id).first()
    return list(found.fields) if found else []


Runner = Callable[[DataTable], DataTable]


def work_dir() -> Path:
    """A fresh folder for one ingest's files, under the node cache (never the system's
    temporary folder, often a small RAM disk, nor the current directory)."""
    root = cache_dir() / "work"
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="ingest-", dir=root))


def engine_config(work: Path) -> engine.EngineConfig:
    return engine.EngineConfig(
        memory_limit=settings.AGORA_DATASTORE_INGEST_MEMORY_LIMIT,
        temp_directory=work / "duckdb-tmp",
    )


def run_ingest(table: DataTable) -> DataTable:
    return IngestPipeline(table).run()
