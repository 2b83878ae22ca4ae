"""The signed-in user's API tokens: list, create (the secret is shown once), revoke."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agora.accounts import services
from agora.accounts.selectors import tokens_of
from agora.api.auth import request_actor
from agora.core.errors import ValidationFailed

from ..errors import add_service_errors
from ..forms import TokenForm
from .common import signed_in


@never_cache
@signed_in
def tokens(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = TokenForm()
    secret = None
    status = 200
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            days = form.cleaned_data["expires_in_days"]
            try:
                _token, secret = services.token_create(
                    actor=actor,
                    user=request.user,  # type: ignore[arg-type]
                    name=form.cleaned_data["name"],
                    expires_at=timezone.now() + timedelta(days=days) if days else None,
                )
            except ValidationFailed as error:
                add_service_errors(form, error, {"name": "name", "expires_at": "expires_in_days"})
            else:
                form = TokenForm()
        if secret is None:
            status = 422
    context = {
        "tokens": list(tokens_of(request.user)),  # type: ignore[arg-type]
        "form": form,
        "secret": secret,
        "now": timezone.now(),
    }
    return render(request, "web/workspace/tokens.html", context, status=status)


@require_POST
@signed_in
def token_revoke(request: HttpRequest, token_id: str) -> HttpResponse:
    actor = request_actor(request)
    token = tokens_of(request.user).filter(id=token_id).first()  # type: ignore[arg-type]
    if token is None:
        raise Http404("No such token")
    services.token_revoke(actor=actor, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return HttpResponseRedirect(reverse("web:workspace-tokens"))
