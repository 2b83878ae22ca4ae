"""`agora benchmarks`: load framework definitions, import tables, score, measure, publish."""

from __future__ import annotations

import argparse
from pathlib import Path

from agora.cli._common import django_setup as _django


def _benchmarks_import(options: argparse.Namespace) -> int:
    """Check every file first; import only when none has an error (each file in one
    transaction, so a file is imported whole or not at all)."""
    from agora.benchmarks import services
    from agora.benchmarks.errors import ImportRejected
    from agora.core.actor import SYSTEM

    aliases = dict(a.split("=", 1) for a in options.alias)
    contents = [(path, Path(path).read_bytes()) for path in options.files]
    args = {"kind": options.kind, "framework": options.framework, "edition": options.edition}
    failed = False
    for path, content in contents:
        try:
            outcome = services.observations_import(
                actor=SYSTEM,
                content=content,
                file_name=Path(path).name,
                aliases=aliases,
                dry_run=True,
                **args,
            )
            print(outcome.report.summary())
        except ImportRejected as error:
            failed = True
            print(_report_text(error.report))
    if failed:
        print("nothing imported: fix the errors above (or give --alias NAME=ISO3)")
        return 1
    if options.dry_run:
        print("dry run: nothing imported")
        return 0
    for path, content in contents:
        outcome = services.observations_import(
            actor=SYSTEM, content=content, file_name=Path(path).name, aliases=aliases, **args
        )
        print(f"{path}: imported {len(outcome.report.rows)} rows into {outcome.report.editions}")
    return 0


def _report_text(report: dict[str, object]) -> str:
    lines = [f"{report['file_name']}: {report['rows_read']} rows read, NOT imported"]
    for problem in report["problems"]:  # type: ignore[attr-defined]
        where = f"line {problem['line']}" if problem["line"] else "file"
        column = f", {problem['column']}" if problem["column"] else ""
        value = f" ({problem['value']!r})" if problem["value"] else ""
        lines.append(f"  {problem['severity']}: {where}{column}: {problem['message']}{value}")
    return "\n".join(lines)


def _benchmarks_score(options: argparse.Namespace) -> int:
    from agora.benchmarks import selectors, services
    from agora.core.actor import SYSTEM

    framework = selectors.framework_get(options.framework)
    editions = selectors.editions_of(framework)
    if options.edition != "all":
        editions = editions.filter(code=options.edition)
    for edition in editions:
        run = services.edition_score(actor=SYSTEM, edition=edition)
        print(f"{framework.code} {edition.code}: {run.countries} countries scored")
        for finding in run.findings:
            print(f"  {finding['index']}: {finding['message']} ({len(finding['countries'])})")
    return 0


def _benchmarks_measure(options: argparse.Namespace) -> int:
    if options.enqueue:
        from agora.benchmarks.tasks import portal_measure_task

        result = portal_measure_task.enqueue()
        print(f"portal measurement queued (task {result.id})")
        return 0
    from agora.benchmarks import services
    from agora.core.actor import SYSTEM

    run = services.portal_measure(actor=SYSTEM)
    print(f"portal measured on {run.measured_on}: {run.datasets} public datasets")
    return 0


def _benchmarks_publish(options: argparse.Namespace) -> int:
    from agora.benchmarks import services
    from agora.core.actor import SYSTEM

    dataset, uploads = services.results_publish(actor=SYSTEM, framework=options.framework)
    print(f"dataset {dataset.name} published; {uploads} files uploaded (unchanged files kept)")
    return 0


def _benchmarks_roles(options: argparse.Namespace) -> int:
    from agora.accounts.selectors import user_get
    from agora.benchmarks import services
    from agora.core.actor import SYSTEM

    user = user_get(options.username)
    change = services.role_grant if options.change == "grant" else services.role_revoke
    change(actor=SYSTEM, user_id=user.id, role=options.role, country=options.country)
    print(f"{options.change}: {options.role} {options.country or ''} for {user.username}")
    return 0


def _benchmarks_sync(options: argparse.Namespace) -> int:
    from agora.benchmarks.sync import sync_all

    print(sync_all().summary())
    return 0


def cmd_benchmarks(options: argparse.Namespace) -> int:
    """Benchmarks: load framework definitions, import tables, score, measure, publish."""
    _django()
    handlers = {
        "sync": _benchmarks_sync,
        "import": _benchmarks_import,
        "score": _benchmarks_score,
        "measure": _benchmarks_measure,
        "publish": _benchmarks_publish,
        "roles": _benchmarks_roles,
    }
    return handlers[options.action](options)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("benchmarks", help=cmd_benchmarks.__doc__)
    actions = parser.add_subparsers(dest="action", required=True)
    actions.add_parser("sync", help="load the framework definition files into the database")
    imports = actions.add_parser("import", help="import tables (all or nothing per file)")
    imports.add_argument("kind", help="un-egov-export or raw-indicators")
    imports.add_argument("files", nargs="+")
    imports.add_argument("--framework", default="un-egov")
    imports.add_argument("--edition", help="edition of a raw indicator table, e.g. 2022")
    imports.add_argument("--alias", action="append", default=[], help="NAME=ISO3 (repeatable)")
    imports.add_argument("--dry-run", action="store_true", help="check and report only")
    score = actions.add_parser("score", help="recompute the scores of editions")
    score.add_argument("--framework", default="un-egov")
    score.add_argument("--edition", default="all")
    measure = actions.add_parser("measure", help="measure the portal's own indicators (nightly)")
    measure.add_argument("--enqueue", action="store_true", help="queue it for the worker")
    publish = actions.add_parser("publish", help="publish results as a catalogue dataset")
    publish.add_argument("--framework", default="un-egov")
    roles = actions.add_parser("roles", help="grant or revoke a benchmark role")
    roles.add_argument("change", choices=["grant", "revoke"])
    roles.add_argument("username")
    roles.add_argument("role", choices=["focal_point", "reviewer", "admin"])
    roles.add_argument("--country", help="ISO 3166-1 alpha-3")
    parser.set_defaults(handler=cmd_benchmarks)
