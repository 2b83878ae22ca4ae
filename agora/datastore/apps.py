from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DatastoreConfig(AppConfig):
    name = "agora.datastore"
    label = "datastore"
    verbose_name = "Tabular data"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from agora.catalog.signals import datasets_changed

        from . import backends, receivers
        from .backends.duckdb import DuckDBBackend

        backends.register(DuckDBBackend)
        from .tasks import ensure_sweep_scheduled

        datasets_changed.connect(receivers.datasets_changed_receiver, dispatch_uid="datastore")
        post_migrate.connect(ensure_sweep_scheduled, sender=self, dispatch_uid="datastore-sweep")
