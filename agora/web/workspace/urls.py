"""URLs of the publisher workspace (included in agora/web/urls.py, namespace "web")."""

from __future__ import annotations

from django.urls import path

from .views import auth, datasets, files, members, tokens

urlpatterns = [
    *auth.urlpatterns,
    path("workspace", datasets.workspace_home, name="workspace"),
    path("workspace/dataset/new", datasets.dataset_new, name="workspace-dataset-new"),
    path("workspace/dataset/<str:name>", files.dataset_workspace, name="workspace-dataset"),
    path("workspace/dataset/<str:name>/edit", datasets.dataset_edit, name="workspace-dataset-edit"),
    path("workspace/dataset/<str:name>/state", datasets.dataset_state, name="workspace-state"),
    path("workspace/dataset/<str:name>/delete", datasets.dataset_delete, name="workspace-delete"),
    path("workspace/dataset/<str:name>/files", files.file_add, name="workspace-file-add"),
    path(
        "workspace/dataset/<str:name>/files/<uuid:distribution_id>/move",
        files.file_move,
        name="workspace-file-move",
    ),
    path(
        "workspace/dataset/<str:name>/files/<uuid:distribution_id>/delete",
        files.file_delete,
        name="workspace-file-delete",
    ),
    path("workspace/organization/<str:name>/members", members.members, name="workspace-members"),
    path(
        "workspace/organization/<str:name>/members/<str:username>",
        members.member_change,
        name="workspace-member",
    ),
    path("workspace/tokens", tokens.tokens, name="workspace-tokens"),
    path(
        "workspace/tokens/<uuid:token_id>/revoke",
        tokens.token_revoke,
        name="workspace-token-revoke",
    ),
]
