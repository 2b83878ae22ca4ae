"""`agora harvest`: add, preview, run, watch, list and cancel harvest sources and jobs.

The command acts as the system (an operator at the console); every step goes through
`agora.harvest.services`, like the web pages and the APIs.
"""

from __future__ import annotations

import argparse
import json

from agora.cli._common import django_setup as _django


def _print_job(job_data: dict) -> None:
    counts = ", ".join(f"{k} {v}" for k, v in job_data["counts"].items())
    duration = job_data["duration_seconds"]
    took = f" in {duration:.1f} s" if duration is not None else ""
    print(f"job {job_data['id']}: {job_data['status']}{took}; seen {job_data['seen']} ({counts})")
    if job_data["not_modified"]:
        print("  the source answered 304 Not Modified")
    if job_data["error"]:
        print(f"  error [{job_data['error_code']}]: {job_data['error']}")


def harvest_add(options: argparse.Namespace) -> int:
    from agora.core.actor import SYSTEM
    from agora.harvest import services

    config = json.loads(options.config) if options.config else {}
    if options.dry_run:
        preview = services.source_preview(
            actor=SYSTEM,
            url=options.url,
            source_type=options.type,
            config=config,
            organization=options.organization,
            limit=options.limit,
        )
        total = f" of {preview.expected}" if preview.expected is not None else ""
        print(f"preview: {len(preview.items)}{total} records (nothing saved)")
        for item in preview.items:
            print(
                f"  {item.remote_id}: {item.title} ({item.distributions} distributions, "
                f"{len(item.warnings)} warnings)"
            )
        if not preview.ok:
            print(f"error [{preview.error_code}]: {preview.error}")
        return 0 if preview.ok else 1
    draft = services.SourceDraft(
        name=options.name,
        url=options.url,
        source_type=options.type,
        organization=options.organization,
        title=options.title or options.name,
        frequency=options.frequency,
        config=config,
    )
    source = services.source_create(actor=SYSTEM, draft=draft)
    print(f"harvest source {source.name} added ({source.pk})")
    return 0


def harvest_run(options: argparse.Namespace) -> int:
    from agora.core.actor import SYSTEM
    from agora.harvest import records, runner, selectors, services

    source = selectors.source_get(SYSTEM, options.source)
    job = services.job_create(actor=SYSTEM, source=source, enqueue=options.queue)
    if options.queue:
        print(f"job {job.pk} queued for the worker")
        return 0
    finished = runner.run_job(job.pk)
    if finished is None:
        print(f"job {job.pk} was not queued any more")
        return 1
    _print_job(records.job_dict(finished))
    return 0 if finished.status in ("succeeded", "partial") else 1


def harvest_status(options: argparse.Namespace) -> int:
    from agora.core.actor import SYSTEM
    from agora.harvest import records, selectors, services

    reaped = services.jobs_reap_stuck()
    if reaped:
        print(f"{reaped} stuck jobs marked failed")
    source = selectors.source_get(SYSTEM, options.source)
    jobs = selectors.jobs_of(SYSTEM, source, limit=options.jobs)
    print(f"{source.name}: {source.source_type} {source.url} -> {source.organization.name}")
    if not jobs:
        print("  never run")
    for job in jobs:
        _print_job(records.job_dict(job))
        for item in selectors.job_items(SYSTEM, job, status="failed", limit=options.errors):
            print(f"    failed {item.remote_id}: [{item.error_code}] {item.error.splitlines()[0]}")
    return 0


def harvest_list(options: argparse.Namespace) -> int:
    from agora.core.actor import SYSTEM
    from agora.harvest import selectors

    sources = list(selectors.sources_visible_to(SYSTEM))
    latest = selectors.last_jobs(sources)
    for source in sources:
        job = latest.get(source.pk)
        state = f"{job.status} {job.created_at:%Y-%m-%d %H:%M}" if job else "never run"
        print(
            f"{source.name}\t{source.source_type}\t{source.organization.name}\t{state}\t{source.url}"
        )
    return 0


def harvest_cancel(options: argparse.Namespace) -> int:
    from agora.core.actor import SYSTEM
    from agora.harvest import selectors, services

    job = selectors.job_get(SYSTEM, options.job)
    cancelled = services.job_cancel(actor=SYSTEM, job=job)
    done = "cancelled" if cancelled.status == "cancelled" else "cancel requested"
    print(f"job {cancelled.pk}: {done}")
    return 0


def harvest_schedule(options: argparse.Namespace) -> int:
    """The scheduler's tick, for cron (django-tasks has no scheduler of its own)."""
    from agora.harvest.tasks import harvest_schedule_task

    outcome = harvest_schedule_task.call()
    print(f"{outcome['reaped']} stuck jobs failed, {outcome['queued']} due sources queued")
    return 0


def cmd_harvest(options: argparse.Namespace) -> int:
    """Harvest sources: `add` (or preview with --dry-run), `run`, `status`, `list`, `cancel`."""
    _django()
    from agora.core.errors import AgoraError

    try:
        return int(options.action(options))
    except AgoraError as error:
        fields = "".join(f"\n  {k}: {'; '.join(v)}" for k, v in error.fields.items())
        print(f"error [{error.code}]: {error.message}{fields}")
        return 2


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    harvest = commands.add_parser("harvest", help=cmd_harvest.__doc__)
    harvest.set_defaults(handler=cmd_harvest)
    actions = harvest.add_subparsers(dest="harvest_action", required=True)
    add = actions.add_parser("add", help="add a source (or preview it with --dry-run)")
    add.add_argument("name")
    add.add_argument("url")
    add.add_argument("--type", required=True, choices=["ckan", "dcat", "datajson"])
    add.add_argument("--organization", required=True)
    add.add_argument("--title", default="")
    add.add_argument(
        "--frequency", default="manual", choices=["manual", "hourly", "daily", "weekly"]
    )
    add.add_argument("--config", default="", help="per-source settings as JSON")
    add.add_argument("--dry-run", action="store_true", help="fetch and map, save nothing")
    add.add_argument("--limit", type=int, default=20, help="records shown by --dry-run")
    add.set_defaults(action=harvest_add)
    run = actions.add_parser("run", help="run a source now (here, or --queue for the worker)")
    run.add_argument("source")
    run.add_argument("--queue", action="store_true")
    run.set_defaults(action=harvest_run)
    status = actions.add_parser("status", help="a source's recent jobs and their errors")
    status.add_argument("source")
    status.add_argument("--jobs", type=int, default=3)
    status.add_argument("--errors", type=int, default=10)
    status.set_defaults(action=harvest_status)
    listing = actions.add_parser("list", help="every source and its last job")
    listing.set_defaults(action=harvest_list)
    cancel = actions.add_parser("cancel", help="cancel a queued or running job")
    cancel.add_argument("job")
    cancel.set_defaults(action=harvest_cancel)
    schedule = actions.add_parser(
        "schedule", help="fail stuck jobs and queue every source that is due (run from cron)"
    )
    schedule.set_defaults(action=harvest_schedule)
