"""A form sent without a valid CSRF token (a stale page, an expired session, a forged request):
the portal's own 403 page in the reader's language, saying what to do, instead of Django's
English technical page. Installed by CSRF_FAILURE_VIEW."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = _(
        "This form has expired or did not come from this site, so nothing was changed. "
        "Go back, reload the page and send the form again."
    )
    return render(request, "web/workspace/csrf_failure.html", {"message": message}, status=403)
