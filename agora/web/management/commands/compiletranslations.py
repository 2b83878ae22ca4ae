"""`agora manage compiletranslations`: .po -> .mo with babel (see agora/web/translations.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from agora.web.translations import agora_locale_dirs, compile_all


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po) into .mo files without GNU gettext."

    def handle(self, *args: Any, **options: Any) -> None:
        for mo in compile_all(agora_locale_dirs()):
            self.stdout.write(f"wrote {mo}")
