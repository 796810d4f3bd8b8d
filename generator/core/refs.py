"""Where the references are in a record: fields marked ``Ref(...)`` in the schema, found once per
model class and walked generically, so that adding a record kind needs no change in linking."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .schema import RefTo


@dataclass(frozen=True)
class FieldPlan:
    name: str
    ref_kinds: tuple[str, ...] | None
    nested: type[BaseModel] | None


def _find_ref(annotation: Any) -> tuple[str, ...] | None:
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, RefTo):
                return meta.kinds
    for arg in typing.get_args(annotation):
        found = _find_ref(arg)
        if found:
            return found
    return None


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found:
            return found
    return None


@functools.cache
def plan_of(model: type[BaseModel]) -> tuple[FieldPlan, ...]:
    plans = []
    for name, info in model.model_fields.items():
        kinds = next((m.kinds for m in info.metadata if isinstance(m, RefTo)), None) or _find_ref(info.annotation)
        nested = _find_model(info.annotation)
        if kinds or nested:
            plans.append(FieldPlan(name, kinds, nested))
    return tuple(plans)


def iter_refs(model: BaseModel, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str, tuple[str, ...]]]:
    """Every reference in ``model``: (path, target id, allowed kinds)."""
    for plan in plan_of(type(model)):
        value = getattr(model, plan.name)
        if value is None:
            continue
        items = list(enumerate(value)) if isinstance(value, tuple) else [(None, value)]
        for index, item in items:
            item_path = path + ((plan.name,) if index is None else (plan.name, index))
            if plan.ref_kinds and isinstance(item, str):
                yield item_path, item, plan.ref_kinds
            elif plan.nested and isinstance(item, BaseModel):
                yield from iter_refs(item, item_path)
