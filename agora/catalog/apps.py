from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CatalogConfig(AppConfig):
    name = "agora.catalog"
    label = "catalog"
    verbose_name = "Catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from agora.search import registry

        from .search import DatasetSearchAdapter
        from .vocabulary_sync import sync_vocabularies_after_migrate

        post_migrate.connect(sync_vocabularies_after_migrate, sender=self)
        registry.register(DatasetSearchAdapter())
