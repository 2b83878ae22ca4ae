from django.urls import include, path

from .views.countries import country_detail, country_list
from .views.datasets import dataset_detail, dataset_history, distribution_preview
from .views.downloads import distribution_download, distribution_version_download
from .views.home import home
from .views.language import set_language
from .views.organizations import organization_detail, organization_list
from .views.search import search_page
from .views.themes import theme_detail, theme_list
from .workspace.urls import urlpatterns as workspace_urlpatterns

app_name = "web"

urlpatterns = [
    path("", home, name="home"),
    path("search", search_page, name="search"),
    path("dataset/<str:name>", dataset_detail, name="dataset"),
    path("dataset/<str:name>/history", dataset_history, name="dataset-history"),
    path(
        "dataset/<str:name>/resource/<uuid:distribution_id>/preview",
        distribution_preview,
        name="distribution-preview",
    ),
    path(
        "dataset/<str:dataset_id>/resource/<str:distribution_id>/download/<path:filename>",
        distribution_download,
        name="distribution-download",
    ),
    path(
        "dataset/<str:dataset_id>/resource/<str:distribution_id>/versions/<int:number>",
        distribution_version_download,
        name="distribution-version",
    ),
    path(
        "dataset/<str:dataset_id>/resource/<str:distribution_id>/versions/<int:number>"
        "/download/<path:filename>",
        distribution_version_download,
        name="distribution-version-download",
    ),
    path("organization", organization_list, name="organizations"),
    path("organization/<str:name>", organization_detail, name="organization"),
    path("country", country_list, name="countries"),
    path("country/<str:code>", country_detail, name="country"),
    path("theme", theme_list, name="themes"),
    path("theme/<str:code>", theme_detail, name="theme"),
    path("language/<str:code>", set_language, name="set-language"),
    path("benchmarks/", include("agora.web.benchmarks.urls")),
    path("harvest/", include("agora.web.views.harvest_urls")),
    # The publisher workspace: sign in, datasets and files, members, API tokens.
    *workspace_urlpatterns,
]
