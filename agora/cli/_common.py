"""What every subcommand module shares: starting Django and calling management commands."""

from __future__ import annotations

import os


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)
