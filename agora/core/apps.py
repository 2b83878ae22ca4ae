from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "agora.core"
    label = "core"
    verbose_name = "Agora core"
    default_auto_field = "django.db.models.BigAutoField"
