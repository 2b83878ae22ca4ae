from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "agora.web"
    label = "web"
    verbose_name = "Web portal"
