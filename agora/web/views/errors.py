"""Error pages (400, 403, 404, 500) in the reader's language, with the site's layout.

Django's own handlers render 404.html and 403.html with the request; the 500 handler renders
without it, so `server_error` (config/urls.py handler500) renders a self-contained page that
needs no database, no context processor and no request-bound data, in the active language.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language, get_language_bidi

from agora.core.errors import AgoraError, AuthenticationFailed, Forbidden, NotFound


def error_page_for(request: HttpRequest, error: AgoraError) -> HttpResponse:
    if isinstance(error, NotFound):
        return render(request, "404.html", status=404)
    if isinstance(error, Forbidden | AuthenticationFailed):
        return render(request, "403.html", status=403)
    return render(request, "400.html", {"message": error.message}, status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    body = loader.get_template("500.html").render(
        {"LANGUAGE_CODE": language, "ui_dir": "rtl" if get_language_bidi() else "ltr"}
    )
    return HttpResponse(body, status=500)
