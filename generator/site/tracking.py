"""What a planner read: the knowledge base, the resolver and the planning context, seen through
containers that note every key looked up, so that the preview server can tell which pages an
edit touches (:mod:`generator.serve.incremental`).

A *key* names one thing a planner can read, and :meth:`Snapshot.value` gives its value in a
given library:

- ``(field, id)``: one item of a :class:`KnowledgeBase` mapping (``entries``, ``by_kind``,
  ``backlinks``, ``related``, and any mapping added to it later) — a record with its content, the
  records of a kind, who refers to a record, its related cases;
- ``(field, ALL)``: the whole mapping, when a planner iterates over it;
- ``("resolver", query, arguments, options)``: the answer to one of the resolver's queries —
  where a record's page is and its title, the records of a kind in order, who refers to a record,
  its backlinks — so that a page that only links to a record does not change when the record's
  content does;
- ``("hidden", id)``: whether the resolver hides a record (an unpublished case);
- ``("ctx", name)``: a field of the planning :class:`Context` (labels, the manual's order, the
  regions' children …), compared whole;
- ``("handouts", origin)``: one handout laid out for the site.

Two libraries give a page the same plan when every key it read has equal values in both: the
planners are pure, and everything they read passes through these containers. Only reads made
while a unit is being planned are noted (:meth:`Recorder.unit`); building the context reads
everything and is compared field by field instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Set
from contextlib import contextmanager
from typing import Any

from ..core.kb import KnowledgeBase
from .plans import Context
from .resolver import QUERIES, Question, Resolver


class _All:
    """The key of a whole container (no record id looks like it)."""

    def __repr__(self) -> str:
        return "ALL"


ALL = _All()
MISSING = object()
"""The value of a key that is not in its mapping."""

Key = tuple[Any, ...]


class Recorder:
    """Collects the keys read while one unit is planned."""

    def __init__(self) -> None:
        self._reads: set[Key] | None = None

    def note(self, key: Key) -> None:
        reads = self._reads
        if reads is not None:
            reads.add(key)

    def note_all(self, keys: frozenset[Key]) -> None:
        reads = self._reads
        if reads is not None:
            reads |= keys

    @contextmanager
    def unit(self) -> Iterator[set[Key]]:
        """Record the reads of the code run inside the ``with`` block."""
        outer, self._reads = self._reads, set()
        try:
            yield self._reads
        finally:
            self._reads = outer


class _Tracked:
    """A read-only view of ``data`` that notes ``(name, item)`` for every membership test and
    ``(name, ALL)`` when it is iterated or measured."""

    __slots__ = ("data", "name", "_note")

    def __init__(self, data: Any, name: str, recorder: Recorder) -> None:
        self.data = data
        self.name = name
        self._note = recorder.note

    def __contains__(self, item: object) -> bool:
        self._note((self.name, item))
        return item in self.data

    def __iter__(self) -> Iterator[Any]:
        self._note((self.name, ALL))
        return iter(self.data)

    def __len__(self) -> int:
        self._note((self.name, ALL))
        return len(self.data)


class TrackedMapping(_Tracked, Mapping[Any, Any]):
    """A read-only mapping that notes ``(name, key)`` for every key looked up, ``(name, ALL)``
    when it is iterated or measured."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        self._note((self.name, key))
        return self.data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self._note((self.name, key))
        return self.data.get(key, default)


class TrackedSet(_Tracked, Set[str]):
    """A read-only set that notes ``(name, item)`` for every membership test."""

    __slots__ = ()


def tracked_kb(kb: KnowledgeBase, recorder: Recorder) -> KnowledgeBase:
    """The same knowledge base, every mapping of it tracked; its methods read through them."""
    parts = {}
    for part in dataclasses.fields(kb):
        value = getattr(kb, part.name)
        assert isinstance(value, Mapping), f"KnowledgeBase.{part.name} is not a mapping: planners' reads of it would go unseen"
        parts[part.name] = TrackedMapping(value, part.name, recorder)
    return KnowledgeBase(**parts)  # type: ignore[arg-type]


RESOLVER_STATE = {"kb", "hidden", "answers"}
"""What a :class:`Resolver` keeps; tracking covers each."""


class AnsweringResolver(Resolver):
    """Answers the queries asked through a :class:`TrackingResolver`, reading the tracked knowledge
    base and hidden set, and keeps beside each answer the plain keys it read (``inputs``): the
    answer cannot change while they keep their values. A query that asks another one reads what
    that one read."""

    def __init__(self, kb: KnowledgeBase, recorder: Recorder) -> None:
        super().__init__(tracked_kb(kb, recorder))
        assert set(vars(self)) == RESOLVER_STATE, "the Resolver keeps state that tracking does not see"
        self.plain_hidden = self.hidden
        self.hidden = TrackedSet(self.hidden, "hidden", recorder)
        self.plain_kb = kb
        self.recorder = recorder
        self.inputs: dict[Question, frozenset[Key]] = {}

    def know(self, question: Question, answer: Any, inputs: frozenset[Key]) -> None:
        """Take an answer worked out in an earlier library whose inputs have not changed since."""
        self.answers[question] = answer
        self.inputs[question] = inputs


def _answered_query(name: str) -> Callable[..., Any]:
    compute = getattr(Resolver, name).__wrapped__

    def ask(self: AnsweringResolver, *args: Any, **options: Any) -> Any:
        question = (name, args, tuple(sorted(options.items())) if options else ())
        answer = self.answers.get(question, MISSING)
        if answer is not MISSING:
            inputs = self.inputs[question]
        else:
            with self.recorder.unit() as reads:
                answer = compute(self, *args, **options)
            inputs = self.inputs[question] = frozenset(reads)
            self.answers[question] = answer
        self.recorder.note_all(inputs)
        return list(answer) if isinstance(answer, list) else answer
    ask.__name__ = name
    return ask


class TrackingResolver(Resolver):
    """A :class:`Resolver` for planners: each query (:data:`~generator.site.resolver.QUERIES`)
    notes ``("resolver", name, arguments, options)`` and is answered by an
    :class:`AnsweringResolver`, so that a page that only links to a record depends on the record's
    title and place, not on its content. Its other methods read the tracked knowledge base."""

    def __init__(self, kb: KnowledgeBase, recorder: Recorder) -> None:
        self.plain = AnsweringResolver(kb, Recorder())
        super().__init__(tracked_kb(kb, recorder))
        self.hidden = TrackedSet(self.hidden, "hidden", recorder)
        self._note = recorder.note


def _tracked_query(name: str) -> Callable[..., Any]:
    def ask(self: TrackingResolver, *args: Any, **options: Any) -> Any:
        self._note(("resolver", name, args, tuple(sorted(options.items())) if options else ()))
        return getattr(self.plain, name)(*args, **options)
    ask.__name__ = name
    return ask


for _name in QUERIES:
    setattr(AnsweringResolver, _name, _answered_query(_name))
    setattr(TrackingResolver, _name, _tracked_query(_name))


class TrackedContext:
    """A :class:`Context` whose fields note ``("ctx", name)`` when read; ``site`` is the tracking
    resolver and ``handouts`` a tracked mapping, read key by key."""

    def __init__(self, ctx: Context, recorder: Recorder) -> None:
        self._ctx = ctx
        self._note = recorder.note
        self.site = ctx.site
        self.handouts = TrackedMapping(ctx.handouts, "handouts", recorder)

    def __getattr__(self, name: str) -> Any:
        self._note(("ctx", name))
        return getattr(self._ctx, name)


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """One library as planning sees it, for looking up the value of any key."""

    resolver: AnsweringResolver
    ctx: Context

    @classmethod
    def of(cls, site: TrackingResolver, ctx: Context) -> Snapshot:
        return cls(site.plain, ctx)

    def value(self, key: Key) -> Any:
        """The key's value in this library; for a query, ask :meth:`inputs` next for what it read."""
        if is_query(key):
            _, name, args, options = key
            return getattr(self.resolver, name)(*args, **dict(options))
        return self.values(key[0])(key[1])

    def values(self, name: str) -> Callable[[Any], Any]:
        """The value of the plain key ``(name, item)``, as a function of ``item``."""
        if name == "ctx":
            return lambda item: getattr(self.ctx, item)
        if name == "hidden":
            hidden = self.resolver.plain_hidden
            return lambda item: frozenset(hidden) if item is ALL else item in hidden
        source: Mapping[Any, Any] = self.ctx.handouts if name == "handouts" else getattr(self.resolver.plain_kb, name)
        return lambda item: source if item is ALL else source.get(item, MISSING)

    def inputs(self, key: Key) -> frozenset[Key]:
        """The plain keys a query read when :meth:`value` answered it."""
        return self.resolver.inputs[key[1:]]


def is_query(key: Key) -> bool:
    return key[0] == "resolver"


def differs(old: Any, new: Any) -> bool:
    return old is not new and bool(old != new)
