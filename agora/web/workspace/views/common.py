"""What every workspace view shares: who is signed in, and the dataset being worked on."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from agora.api.auth import request_actor
from agora.catalog import permissions
from agora.catalog.models import Dataset
from agora.catalog.selectors import dataset_get, dataset_records
from agora.core.actor import Actor
from agora.core.errors import Forbidden
from agora.interop.records import DatasetRecord

View = Callable[..., HttpResponse]


def signed_in(view: View) -> View:
    """Send visitors who are not signed in to the sign-in page, coming back here after."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request_actor(request).user_id is None:
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('web:login')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper


def editable_dataset(actor: Actor, name: str) -> tuple[Dataset, DatasetRecord]:
    """The dataset if the actor may edit it: 404 when they may not see it, 403 when only see."""
    dataset = dataset_get(actor, name)
    if not permissions.can_update_dataset(actor, dataset):
        raise Forbidden("You may not edit this dataset.", code="catalog.dataset_update_denied")
    return dataset, dataset_records([dataset.id])[0]
