"""The language switcher: a plain link per language that keeps the page being read."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
ONE_YEAR = 365 * 24 * 3600


def set_language(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """Remember the language in a cookie and go back to `next` (a path on this site).

    A GET link rather than Django's POST form: it works without JavaScript and without a
    CSRF token on every page, and choosing a display language is harmless if forged.
    """
    if code not in LANGUAGE_CODES:
        raise Http404("Unknown language")
    target = request.GET.get("next") or "/"
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=ONE_YEAR,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=False,
    )
    response["Cache-Control"] = "no-store"
    return response
