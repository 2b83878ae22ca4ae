from django.contrib import admin
from django.urls import include, path

# native api added below

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("agora.api.ckan.urls")),
    path("", include("agora.web.urls")),
]
