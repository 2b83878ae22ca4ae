from django.contrib import admin
from django.urls import include, path

from agora.api.native.api import api as native_api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", native_api.urls),
    path("", include("agora.api.ckan.urls")),
    path("", include("agora.web.urls")),
]
