from django.urls import path

from .views import action_view

urlpatterns = [
    path("api/3/action/<str:name>", action_view, name="ckan-action"),
    path("api/action/<str:name>", action_view, name="ckan-action-unversioned"),
]
