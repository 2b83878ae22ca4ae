"""`agora search`: rebuild, check and sync the search index."""

from __future__ import annotations

import argparse

from agora.cli._common import django_setup as _django


def search_reindex(kind: str) -> None:
    from agora.core.actor import SYSTEM
    from agora.search.services import index_rebuild

    report = index_rebuild(actor=SYSTEM, kind=kind)
    print(f"search index of {report.kind}s rebuilt: {report.documents} in {report.seconds:.1f} s")


def cmd_search(options: argparse.Namespace) -> int:
    """Search index: `reindex` rebuilds it aside and swaps it in, `check` reports drift
    between the database and the index, `sync` applies waiting changes now."""
    _django()
    if options.action == "reindex":
        search_reindex(options.kind)
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


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    search = commands.add_parser("search", help=cmd_search.__doc__)
    search.add_argument("action", choices=["reindex", "check", "sync"])
    search.add_argument("--kind", default="dataset", help="what to index (default: dataset)")
    search.set_defaults(handler=cmd_search)
