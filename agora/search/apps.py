from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "agora.search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .backends.base import register
        from .backends.postgres.backend import PostgresBackend
        from .backends.tantivy.backend import TantivyBackend

        register(TantivyBackend)
        register(PostgresBackend)
