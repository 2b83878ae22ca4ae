from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BenchmarksConfig(AppConfig):
    name = "agora.benchmarks"
    label = "benchmarks"
    verbose_name = "Benchmarks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import importers, linkcheck
        from .sync import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
        importers.register(importers.UnExportImporter())
        importers.register(importers.RawIndicatorImporter())
        linkcheck.register(linkcheck.UploadedFilesChecker())
        linkcheck.register(linkcheck.HttpLinkChecker())
