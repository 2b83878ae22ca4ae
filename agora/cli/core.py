"""Core subcommands: setup, demo, serve, worker, verify, createadmin, manage."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from agora.cli._common import django_setup as _django
from agora.cli._common import manage as _manage
from agora.cli.search import search_reindex as _search_reindex


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


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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

    admin = commands.add_parser("createadmin", help=cmd_createadmin.__doc__)
    admin.add_argument("username")
    admin.add_argument("--email", default="")
    admin.add_argument("--password", default=None)
    admin.set_defaults(handler=cmd_createadmin)

    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=cmd_manage)
