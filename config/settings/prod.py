"""Production: every secret and host comes from the environment; nothing is generated."""

import os

from .base import *  # noqa: F403
from .environment import env_bool

DEBUG = False
if not os.environ.get("AGORA_SECRET_KEY"):
    raise RuntimeError("AGORA_SECRET_KEY must be set in production")
SESSION_COOKIE_SECURE = env_bool("AGORA_HTTPS", True)
CSRF_COOKIE_SECURE = env_bool("AGORA_HTTPS", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
