"""The `agora` command: set up, serve, run the worker, load the demo, verify files and the audit
chain, manage the search index, run benchmarks.

Thin by design: every subcommand calls a service, a selector or a Django management command.
`agora manage ...` passes anything else to Django's manage.py. Each area registers its own
subcommands from its module in this package (`register(commands)`), listed in SUBCOMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from agora.cli.core import cmd_verify

__all__ = ["build_parser", "cmd_verify", "main"]

SUBCOMMANDS = ["agora.cli.core", "agora.cli.search", "agora.cli.benchmarks", "agora.cli.harvest"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agora", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for module in SUBCOMMANDS:
        importlib.import_module(module).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    options = build_parser().parse_args(argv)
    return int(options.handler(options) or 0)
