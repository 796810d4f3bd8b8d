"""Hongling: a static knowledge-site generator for party building in 两新 organisations.

The core pipeline is load → validate → link (:func:`check`); rendering and the MkDocs plugin
read the resulting :class:`KnowledgeBase`.
"""

from .kb import KnowledgeBase
from .pipeline import check
from .problems import Problem, Report
from .settings import Settings

__all__ = ["check", "KnowledgeBase", "Problem", "Report", "Settings"]
