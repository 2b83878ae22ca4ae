"""What every page's layout needs: the site, the languages with links that keep the page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_bidi, get_language_info

from agora.api.auth import request_actor


def portal(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    languages = [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "site_title": settings.AGORA_SITE_TITLE,
        "ui_languages": languages,
        "ui_dir": "rtl" if get_language_bidi() else "ltr",
        "current_path": request.get_full_path(),
        "actor": request_actor(request),
    }
