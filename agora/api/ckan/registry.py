"""The CKAN actions Agora answers, listed explicitly (no function becomes an action by accident)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from agora.core.actor import Actor

from .params import Params


@dataclass(frozen=True)
class Call:
    """One action call: who, with what, in which language. Handlers get nothing else."""

    actor: Actor
    params: Params
    language: str = "en"
    uses_token: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Action:
    name: str
    function: Callable[[Call], Any]
    writes: bool = False

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()


def build_registry() -> dict[str, Action]:
    from .actions import datasets, datastore, harvest, organizations, resources, site

    actions: dict[str, Action] = {}
    for module in (site, datasets, resources, organizations, datastore, harvest):
        for action in module.ACTIONS:
            if action.name in actions:
                raise RuntimeError(f"Duplicate CKAN action {action.name}")
            actions[action.name] = action
    return actions
