from django.urls import path

from .views.downloads import distribution_download
from .views.home import home

app_name = "web"

urlpatterns = [
    path("", home, name="home"),
    path(
        "dataset/<str:dataset_id>/resource/<str:distribution_id>/download/<path:filename>",
        distribution_download,
        name="distribution-download",
    ),
]
