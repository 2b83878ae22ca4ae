"""The `agora` command: set up, serve, run the worker, load the demo, check the audit chain,
manage the search index.

Thin by design: every subcommand calls a service, a selector or a Django management command.
`agora manage ...` passes anything else to Django's manage.py.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def cmd_setup(options: argparse.Namespace) -> int:
    """Migrate, collect static files and (unless --no-demo) load the demo catalogue."""
    _django()
    _manage("migrate", "--no-input", "-v", "0")
    _manage("collectstatic", "--no-input", "-v", "0")
    print("database migrated, static files collected")
    code = cmd_demo(options) if not options.no_demo else 0
    _search_reindex("dataset")
    return code


def cmd_demo(options: argparse.Namespace) -> int:
    """Load the demo catalogue of real open data (idempotent)."""
    _django()
    from agora.catalog.demo import load_demo

    report = load_demo()
    print(report.summary())
    return 0


def cmd_serve(options: argparse.Namespace) -> int:
    """Serve the portal with gunicorn and run the background worker beside it."""
    _django()
    from django.conf import settings

    bind = options.bind or settings.AGORA_SERVE_BIND
    workers = str(options.workers or settings.AGORA_SERVE_WORKERS)
    env = dict(os.environ)
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                bind,
                "--workers",
                workers,
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
                *_control_socket_args(settings.AGORA_VAR_DIR),
            ],
            env=env,
        )
    ]
    if not options.no_worker:
        children.append(subprocess.Popen([sys.executable, "-m", "agora.cli", "worker"], env=env))
    print(f"Agora is serving on http://{bind}/ (Ctrl+C stops it)", flush=True)
    return _supervise(children)


def _control_socket_args(var_dir: Path) -> list[str]:
    """gunicorn 25.1+ opens a control socket, by default one per user ($HOME/.gunicorn): two
    portals on one host would take over (and on exit delete) each other's. Keep it in var/."""
    import gunicorn

    if tuple(gunicorn.version_info[:2]) < (25, 1):
        return []
    return ["--control-socket", str(Path(var_dir) / "gunicorn.ctl")]


def _supervise(children: list[subprocess.Popen[bytes]]) -> int:
    """Wait until one child exits or we are told to stop; then stop them all."""
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        exited = [c for c in children if c.poll() is not None]
        if exited:
            code = exited[0].returncode or 0
            break
        time.sleep(0.5)
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
    return code


def cmd_worker(options: argparse.Namespace) -> int:
    """Run the background task worker (django-tasks database queue)."""
    _django()
    _manage("db_worker")
    return 0


def cmd_verify(options: argparse.Namespace) -> int:
    """Tell whether files match published versions, and check the audit chain and stored blobs.

    `agora verify FILE...` hashes each file (SHA-256, streamed) and lists the published
    versions with those bytes; `--audit` (the default with no FILE) walks the audit log's hash
    chain; `--blobs` re-hashes every stored file. Exit code 1 when anything does not verify.
    """
    _django()
    code = 0
    if options.files:
        code |= _verify_files(options.files)
    if options.audit or not (options.files or options.blobs):
        code |= _verify_audit()
    if options.blobs:
        code |= _verify_blobs()
    return code


def _verify_files(paths: Sequence[str]) -> int:
    from agora.catalog.file_versions import versions_matching
    from agora.core.actor import SYSTEM
    from agora.core.hashing import sha256_file

    code = 0
    for name in paths:
        try:
            with open(name, "rb") as handle:
                digest, size = sha256_file(handle)
        except OSError as error:
            print(f"{name}: cannot read ({error.strerror})")
            code = 1
            continue
        matches = [m for m in versions_matching(SYSTEM, digest) if m.dataset_name]
        if not matches:
            print(f"{name}: NO MATCH sha256={digest} ({size} bytes) is not a published version")
            code = 1
            continue
        for match in matches:
            state = "current" if match.is_current else "earlier"
            print(
                f"{name}: MATCH sha256={digest} = {match.dataset_name} / "
                f"{match.distribution_title or match.distribution_id} version {match.version} "
                f"({state}, published {match.created_at}) {match.download_url}"
            )
    return code


def _verify_audit() -> int:
    from agora.core.audit import audit_verify

    result = audit_verify()
    if result.ok:
        print(f"audit chain intact: {result.checked} entries verified")
        return 0
    print(
        f"audit chain BROKEN at entry #{result.first_broken_id} "
        f"({result.reason}); {result.checked} entries before it are intact"
    )
    return 1


def _verify_blobs() -> int:
    from agora.core.files import blob_matches
    from agora.core.models import StoredFile

    bad = checked = 0
    for stored in StoredFile.objects.order_by("sha256").iterator():
        checked += 1
        try:
            ok = blob_matches(stored)
        except OSError:
            ok = False
        if not ok:
            bad += 1
            print(f"blob {stored.sha256}: MISSING OR CORRUPTED")
    print(f"stored files: {checked - bad} of {checked} match their SHA-256")
    return 1 if bad else 0


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


def _add_benchmarks_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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


def cmd_createadmin(options: argparse.Namespace) -> int:
    """Create a sysadmin, print a new API token for it once."""
    _django()
    from agora.accounts import services
    from agora.core.actor import SYSTEM

    user = services.user_create(
        actor=SYSTEM,
        username=options.username,
        email=options.email,
        password=options.password,
        is_sysadmin=True,
    )
    _, secret = services.token_create(actor=SYSTEM, user=user, name="created by agora createadmin")
    print(f"sysadmin {user.username} created; API token (shown once): {secret}")
    return 0


def cmd_manage(options: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["agora manage", *options.args])
    return 0


def _search_reindex(kind: str) -> None:
    from agora.core.actor import SYSTEM
    from agora.search.services import index_rebuild

    report = index_rebuild(actor=SYSTEM, kind=kind)
    print(f"search index of {report.kind}s rebuilt: {report.documents} in {report.seconds:.1f} s")


def cmd_search(options: argparse.Namespace) -> int:
    """Search index: `reindex` rebuilds it aside and swaps it in, `check` reports drift
    between the database and the index, `sync` applies waiting changes now."""
    _django()
    if options.action == "reindex":
        _search_reindex(options.kind)
        return 0
    if options.action == "sync":
        from agora.search.services import outbox_drain

        drained = outbox_drain()
        print(f"{drained.entries} changes applied ({drained.documents} documents)")
        return 0
    from agora.core.actor import SYSTEM
    from agora.search.services import index_check

    report = index_check(actor=SYSTEM, kind=options.kind)
    print(
        f"{report.kind}: {report.in_database} in the database, {report.in_index} in the index, "
        f"{report.pending} changes waiting in the outbox"
    )
    for label, ids in (
        ("missing from the index", report.missing),
        ("in the index but not in the database", report.unexpected),
        ("out of date in the index", report.stale),
    ):
        if ids:
            print(f"  {len(ids)} {label}: {', '.join(ids[:10])}{' ...' if len(ids) > 10 else ''}")
    print("no drift" if report.ok else "DRIFT: run `agora search reindex`")
    return 0 if report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agora", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    setup = commands.add_parser("setup", help=cmd_setup.__doc__)
    setup.add_argument("--no-demo", action="store_true", help="do not load the demo catalogue")
    setup.set_defaults(handler=cmd_setup)

    commands.add_parser("demo", help=cmd_demo.__doc__).set_defaults(handler=cmd_demo)

    serve = commands.add_parser("serve", help=cmd_serve.__doc__)
    serve.add_argument("--bind", help="host:port (default AGORA_SERVE_BIND)")
    serve.add_argument("--workers", type=int, help="app server processes")
    serve.add_argument("--no-worker", action="store_true", help="do not start the task worker")
    serve.set_defaults(handler=cmd_serve)

    commands.add_parser("worker", help=cmd_worker.__doc__).set_defaults(handler=cmd_worker)

    verify = commands.add_parser("verify", help=cmd_verify.__doc__)
    verify.add_argument("files", nargs="*", help="files to look up among published versions")
    verify.add_argument("--audit", action="store_true", help="check the audit chain (default)")
    verify.add_argument("--blobs", action="store_true", help="re-hash every stored file")
    verify.set_defaults(handler=cmd_verify)

    search = commands.add_parser("search", help=cmd_search.__doc__)
    search.add_argument("action", choices=["reindex", "check", "sync"])
    search.add_argument("--kind", default="dataset", help="what to index (default: dataset)")
    search.set_defaults(handler=cmd_search)

    _add_benchmarks_parser(commands)

    admin = commands.add_parser("createadmin", help=cmd_createadmin.__doc__)
    admin.add_argument("username")
    admin.add_argument("--email", default="")
    admin.add_argument("--password", default=None)
    admin.set_defaults(handler=cmd_createadmin)

    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    options = build_parser().parse_args(argv)
    return int(options.handler(options) or 0)


if __name__ == "__main__":
    sys.exit(main())
