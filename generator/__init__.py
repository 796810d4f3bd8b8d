"""Hongling: a static knowledge-site generator for party building in 两新 organisations.

The core pipeline is load → validate → link (:func:`check`); rendering and the MkDocs plugin
read the resulting :class:`KnowledgeBase`. ``publish`` and ``HonglingPlugin`` import MkDocs,
so they are loaded only when asked for: ``hongling check`` runs without it.
"""

from typing import Any

from .kb import KnowledgeBase
from .pipeline import check
from .problems import Problem, Report
from .settings import Settings

__all__ = ["check", "publish", "HonglingPlugin", "KnowledgeBase", "Problem", "Report", "Settings"]


def __getattr__(name: str) -> Any:
    if name == "publish":
        from .publish import publish
        return publish
    if name == "HonglingPlugin":
        from .plugin import HonglingPlugin
        return HonglingPlugin
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
