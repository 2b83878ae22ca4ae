from django.contrib import admin
from django.urls import include, path

from agora.api.native.api import api as native_api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", native_api.urls),
    path("", include("agora.api.ckan.urls")),
    # DCAT-AP, data.json, datapackage.json, feeds, sitemap: before the web app (see urls.py).
    path("", include("agora.api.exports.urls")),
    path("", include("agora.web.urls")),
]

# Pages of the portal render 404.html and 403.html (agora/web/templates) through Django's own
# handlers; the 500 page needs a handler that renders without the request's context.
handler500 = "agora.web.views.errors.server_error"
