"""Development and `make run`: the embedded default (SQLite, local files, one worker)."""

from .base import *  # noqa: F403
from .environment import env_bool

DEBUG = env_bool("AGORA_DEBUG", True)
