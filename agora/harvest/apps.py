from django.apps import AppConfig


class HarvestConfig(AppConfig):
    name = "agora.harvest"
    label = "harvest"
    verbose_name = "Harvesting"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import backends
        from .backends.ckan import CkanBackend
        from .backends.datajson import DataJsonBackend
        from .backends.dcat import DcatBackend

        for backend in (CkanBackend, DcatBackend, DataJsonBackend):
            backends.register(backend)
