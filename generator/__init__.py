"""Hongling: a static knowledge-site generator for party building in 两新 organisations.

The core (:mod:`generator.core`) runs load → validate → link (:func:`check`); the wings read the
resulting :class:`KnowledgeBase`: :mod:`generator.site` plans and renders the pages,
:mod:`generator.search` indexes them, :mod:`generator.handouts` lays out print views and Word
documents, :mod:`generator.publish` builds, packs and verifies, :mod:`generator.serve` keeps what
``mkdocs serve`` reuses between rebuilds. :mod:`generator.pipeline` states the whole order once.
The doors are the MkDocs plugin (:mod:`generator.plugin`) and the command line
(:mod:`generator.cli`). ``publish`` and ``HonglingPlugin`` import MkDocs, so they are loaded only
when asked for: ``hongling check`` runs without it.
"""

from typing import Any

from .core.check import check
from .core.kb import KnowledgeBase
from .core.problems import Problem, Report
from .core.settings import Settings

__all__ = ["check", "HonglingPlugin", "KnowledgeBase", "Problem", "Report", "Settings"]


def __getattr__(name: str) -> Any:
    if name == "HonglingPlugin":
        from .plugin import HonglingPlugin
        return HonglingPlugin
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
