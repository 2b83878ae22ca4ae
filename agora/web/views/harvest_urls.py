"""URLs of the harvest pages (included by agora/web/urls.py)."""

from django.urls import path

from .harvest import harvest_cancel, harvest_job, harvest_run, harvest_source, harvest_sources

urlpatterns = [
    path("", harvest_sources, name="harvest-sources"),
    path("job/<str:job_id>", harvest_job, name="harvest-job"),
    path("job/<str:job_id>/cancel", harvest_cancel, name="harvest-cancel"),
    path("<str:name>", harvest_source, name="harvest-source"),
    path("<str:name>/run", harvest_run, name="harvest-run"),
]
