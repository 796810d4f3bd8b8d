"""The registry of record kinds: which folder of ``data/`` holds which kind, and its model."""

from __future__ import annotations

from dataclasses import dataclass

from .case import Case
from .curriculum import Curriculum
from .fields import Record, RefTo
from .handout import CustomHandout
from .manual import Aspect, Category
from .practice import Practice
from .question import Question
from .region import Region
from .site import Site
from .source import Source
from .term import Term


@dataclass(frozen=True)
class KindSpec:
    """One record kind: its name in references, its folder, its model and its Chinese label."""

    name: str
    folder: str
    model: type[Record]
    label: str
    title_field: str


KINDS: tuple[KindSpec, ...] = (
    KindSpec("source", "sources", Source, "来源", "title"),
    KindSpec("region", "regions", Region, "地区", "name"),
    KindSpec("case", "cases", Case, "案例", "title"),
    KindSpec("site", "sites", Site, "阵地", "name"),
    KindSpec("practice", "practices", Practice, "做法", "name"),
    KindSpec("category", "manual", Category, "手册大项", "title"),
    KindSpec("curriculum", "curricula", Curriculum, "课程", "title"),
    KindSpec("term", "glossary", Term, "术语", "term"),
    KindSpec("question", "questions", Question, "题目", "stem"),
    KindSpec("handout", "handouts", CustomHandout, "讲义", "title"),
)

BY_FOLDER = {spec.folder: spec for spec in KINDS}
BY_NAME = {spec.name: spec for spec in KINDS}

NESTED_KIND_LABELS = {"aspect": "手册方面"}
"""Addressable parts nested in records (aspects live inside categories)."""


def kind_label(kind: str) -> str:
    spec = BY_NAME.get(kind)
    return spec.label if spec else NESTED_KIND_LABELS.get(kind, kind)


__all__ = ["KINDS", "BY_FOLDER", "BY_NAME", "KindSpec", "Record", "RefTo", "Aspect", "kind_label"]
