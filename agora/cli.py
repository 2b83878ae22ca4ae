"""The `agora` command: set up, serve, run the worker, load the demo, check the audit chain.

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
    if not options.no_demo:
        return cmd_demo(options)
    return 0


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
    """Check the audit log's hash chain and report the first broken link."""
    _django()
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
    verify.add_argument("--audit", action="store_true", help="check the audit chain (default)")
    verify.set_defaults(handler=cmd_verify)

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
