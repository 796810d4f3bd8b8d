"""The site's page plans and their Markdown, kept between edits by the preview server and brought
up to date by re-running only the planner calls whose inputs changed.

Every planner call (:class:`generator.site.plans.Unit`: one record's page, one handout's print
views, one page that gathers records) runs with a tracking resolver and context
(:mod:`generator.site.tracking`) that note every key it reads — a record, who refers to a record,
the records of a kind, a field of the planning context. On an edit, each key noted so far is
looked up in the new library and compared with its value when it was read; a unit is planned
again only when one of its keys changed, and a page's Markdown is rendered again only when its
plan differs (or a template it uses changed). Nothing here lists page kinds: a planner added
later is tracked the same way.

Pure: no I/O but the templates, no MkDocs.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

from jinja2 import BaseLoader, Environment, meta

from ..core.kb import KnowledgeBase
from ..handouts.blocks import Handout
from ..handouts.outline import all_handouts
from ..handouts.pieces import builder_pieces
from ..site.plan import units
from ..site.plans import Context, PagePlan, Unit
from ..site.render import TEMPLATES, render
from ..site.resolver import Link, Resolver
from ..site.tracking import (
    ALL,
    Key,
    Recorder,
    Snapshot,
    TrackedContext,
    TrackedMapping,
    TrackingResolver,
    differs,
    is_query,
)


@dataclasses.dataclass(frozen=True)
class PlannedUnit:
    unit: Unit
    plans: tuple[PagePlan, ...]
    reads: frozenset[Key]


@dataclasses.dataclass(frozen=True)
class PlanUpdate:
    """What one update changed."""

    order: tuple[str, ...]
    """Every page, by ``src_uri``, in site order."""
    stale: frozenset[str]
    """Pages that are new or whose plan may differ: their units were planned again, or will be
    when first asked for (:meth:`IncrementalPlan.page`)."""
    removed: frozenset[str]
    planned: int
    """Planner calls run now (all of them on the first update)."""
    pending: int
    """Planner calls left for later."""
    handouts: tuple[Handout, ...]


class IncrementalPlan:
    """Page plans of the current library, and what each planner call read to make them.

    A unit's keys are plain (a record, who refers to one, a context field …) or queries to the
    resolver; a query's answer is kept with the plain keys it read. An update compares every plain
    key, then asks again only the queries that read a changed one. A unit whose keys changed is
    planned again right away only when its pages are wanted at once (``eager``); otherwise it is
    *pending* until one of its pages is asked for (:meth:`page`). A unit knows its pages before
    it runs (:attr:`Unit.pages`), so the site's pages are always known.
    """

    def __init__(self) -> None:
        self.recorder = Recorder()
        self.units: dict[str, PlannedUnit] = {}
        self.pending: dict[str, Unit] = {}
        """Units whose keys changed, not yet planned again, in site order."""
        self.unit_of: dict[str, str] = {}
        """The unit that makes each page."""
        self.readers: dict[Key, set[str]] = defaultdict(set)
        """Which units read each key."""
        self.plain: dict[str, dict[Any, Any]] = defaultdict(dict)
        """The value of each plain key ``(name, item)`` read by a unit or a query, in the library
        last planned, by name and item."""
        self.answers: dict[Key, Any] = {}
        """The answer to each query a unit asked."""
        self.inputs: dict[Key, frozenset[Key]] = {}
        """The plain keys each answer read."""
        self.askers: dict[Key, set[Key]] = defaultdict(set)
        """Which queries read each plain key."""
        self.plans: dict[str, PagePlan] = {}
        """The plan of every page: current, or as last made while its unit is pending."""
        self.order: tuple[str, ...] = ()
        self.ctx: Context | None = None
        self.snapshot: Snapshot | None = None

    def update(self, kb: KnowledgeBase, eager: Callable[[str], bool] = lambda src_uri: True) -> PlanUpdate:
        """Bring the plans up to ``kb``: every unit whose keys changed since the last call is
        planned again now if ``eager`` wants one of its pages, or left pending."""
        site = TrackingResolver(kb, self.recorder)
        handouts = all_handouts(site)
        ctx = Context.of(site, handouts, builder_pieces(site))
        snapshot = Snapshot.of(site, ctx)
        dirty = self._changed_readers(snapshot)
        self.ctx, self.snapshot = cast(Context, TrackedContext(ctx, self.recorder)), snapshot
        listed = units(ctx)
        for gone in set(self.units) - {unit.key for unit in listed}:
            self._forget(gone)
        stale: set[str] = set()
        order: list[str] = []
        planned = 0
        was_pending, self.pending, self.unit_of = self.pending, {}, {}
        for unit in listed:
            known = self.units.get(unit.key)
            if not unit.pages:  # nothing to plan (a case's handout has Word documents but no print view)
                if known is not None:
                    self._forget(unit.key)
                self.units[unit.key] = PlannedUnit(unit, (), frozenset())
                continue
            if known is None or unit.key in dirty or unit.key in was_pending or known.unit.pages != unit.pages:
                stale.update(unit.pages)
                if known is None or any(eager(page) for page in unit.pages):
                    planned += 1
                    self._run(unit)
                else:
                    self.pending[unit.key] = unit
            order.extend(unit.pages)
            self.unit_of.update((page, unit.key) for page in unit.pages)
        removed = set(self.plans) - set(order)
        for src_uri in removed:
            del self.plans[src_uri]
        self.order = tuple(order)
        return PlanUpdate(self.order, frozenset(stale), frozenset(removed), planned, len(self.pending),
                          tuple(handouts))

    def page(self, src_uri: str) -> PagePlan:
        """The plan of a page, planning its unit first if it is pending."""
        pending = self.pending.pop(self.unit_of[src_uri], None)
        if pending is not None:
            self._run(pending)
        return self.plans[src_uri]

    def _changed_readers(self, snapshot: Snapshot) -> set[str]:
        changed: set[Key] = set()
        for name, values in self.plain.items():
            value_of = snapshot.values(name)
            for item, old in values.items():
                new = value_of(item)
                if new is not old and old != new:
                    changed.add((name, item))
                values[item] = new  # keep the newest, so that older libraries can be freed
        asked = {query for key in changed for query in self.askers.get(key, ())}
        for query in asked:
            new = snapshot.value(query)
            self._learn_inputs(query, snapshot)
            if differs(self.answers[query], new):
                changed.add(query)
            self.answers[query] = new
        for query, answer in self.answers.items():  # still right: planners need not work them out again
            snapshot.resolver.know(query[1:], answer, self.inputs[query])
        return {unit for key in changed for unit in self.readers.get(key, ())}

    def _run(self, unit: Unit) -> None:
        ctx, snapshot = self.ctx, self.snapshot
        assert ctx is not None and snapshot is not None
        with self.recorder.unit() as reads:
            plans = tuple(unit.plan(ctx))
        made = tuple(page.src_uri for page in plans)
        assert made == unit.pages, f"{unit.key} made {made}, not the pages it declared {unit.pages}"
        for page in plans:  # an unchanged plan stays the same object: its Markdown is still good
            old_plan = self.plans.get(page.src_uri)
            self.plans[page.src_uri] = old_plan if old_plan is not None and not differs(old_plan, page) else page
        old = self.units.get(unit.key)
        before = old.reads if old is not None else frozenset()
        for key in before - reads:
            self._unread(key, unit.key)
        for key in reads - before:
            self.readers[key].add(unit.key)
            if is_query(key):
                if key not in self.answers:
                    self.answers[key] = snapshot.value(key)
                    self._learn_inputs(key, snapshot)
            else:
                self._learn(key, snapshot)
        self.units[unit.key] = PlannedUnit(unit, plans, frozenset(reads))

    def _learn_inputs(self, query: Key, snapshot: Snapshot) -> None:
        """Record what ``query`` read when ``snapshot`` answered it."""
        inputs = snapshot.inputs(query)
        for key in self.inputs.get(query, frozenset()) - inputs:
            self._unask(key, query)
        for key in inputs:
            self.askers[key].add(query)
            self._learn(key, snapshot)
        self.inputs[query] = inputs

    def _learn(self, key: Key, snapshot: Snapshot) -> None:
        """Note a plain key's value, unless it is known already."""
        values = self.plain[key[0]]
        if key[1] not in values:
            values[key[1]] = snapshot.value(key)

    def _unread(self, key: Key, unit_key: str) -> None:
        readers = self.readers[key]
        readers.discard(unit_key)
        if readers:
            return
        del self.readers[key]
        if is_query(key):
            del self.answers[key]
            for plain in self.inputs.pop(key):
                self._unask(plain, key)
        elif key not in self.askers:
            del self.plain[key[0]][key[1]]

    def _unask(self, key: Key, query: Key) -> None:
        askers = self.askers[key]
        askers.discard(query)
        if not askers:
            del self.askers[key]
            if key not in self.readers:
                del self.plain[key[0]][key[1]]

    def _forget(self, unit_key: str) -> None:
        for key in self.units.pop(unit_key).reads:
            self._unread(key, unit_key)


class CurrentPlans:
    """The plans of every page as the MkDocs plugin reads them (its ``plans``): looking a page up
    (its section and breadcrumb, while it is laid out) plans its unit first if it is pending.

    :meth:`values` gives the plans as last made, in site order, planning a pending unit only for a
    page it has not made yet: previous and next (:func:`generator.site.nav.neighbours`) read of
    them only a page's path, kind and whether the nav lists it, which a unit's pages keep until
    the unit is listed anew."""

    def __init__(self, plan: IncrementalPlan) -> None:
        self.plan = plan

    def get(self, src_uri: str) -> PagePlan | None:
        return self.plan.page(src_uri) if src_uri in self.plan.unit_of else None

    def values(self) -> list[PagePlan]:
        plans = self.plan.plans
        return [plans[src_uri] if src_uri in plans else self.plan.page(src_uri) for src_uri in self.plan.order]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SeenSources(BaseLoader):
    """The templates' loader, noting the digest of every source it hands out; a template counts
    as up to date until :meth:`MarkdownPages.templates_changed` says otherwise, so that a page
    rendered between an edit of a template and the refresh that follows cannot hide the edit."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader
        self.seen: dict[str, str] = {}

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool]]:
        source, filename, _ = self.loader.get_source(environment, template)
        self.seen[template] = _digest(source)
        return source, filename, lambda: True

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


class MarkdownPages:
    """The Markdown of every planned page, rendered when first asked for and kept until its plan,
    one of its templates, or a record its text cites by id changes."""

    def __init__(self, plan: IncrementalPlan, env: Environment, folder: Path = TEMPLATES) -> None:
        assert env.loader is not None
        self.plan = plan
        self.env = env
        self.folder = folder
        """Where the templates ``env`` reads are."""
        self.sources = env.loader = SeenSources(env.loader)
        self.kept: dict[str, tuple[PagePlan, str]] = {}
        self.recorder = Recorder()
        self.citable: Mapping[str, Link] = {}
        self.citing: dict[str, set[str]] = defaultdict(set)
        """The pages whose text looked up each id among the citable records (found or not)."""
        env.globals["citable"] = TrackedMapping(self.citable, "citable", self.recorder)

    def update(self, kb: KnowledgeBase, eager: Callable[[str], bool] = lambda src_uri: True) -> PlanUpdate:
        """Bring the plans up to ``kb`` (:meth:`IncrementalPlan.update`) and the Markdown with them:
        its ``stale`` pages include those whose text cites a record that changed."""
        update = self.plan.update(kb, eager)
        self.forget(update.removed)
        cited = self.cite(Resolver(kb).citable())
        return dataclasses.replace(update, stale=update.stale | cited) if cited else update

    def get(self, src_uri: str) -> str:
        """The page's Markdown, rendered again when its plan changed."""
        plan = self.plan.page(src_uri)
        kept = self.kept.get(src_uri)
        if kept is not None and kept[0] is plan:
            return kept[1]
        with self.recorder.unit() as reads:
            text = render(plan, self.env)
        for _, record_id in reads:  # the lookups, and ALL from ``citable or {}``: lookups alone decide the text
            if record_id is not ALL:
                self.citing[record_id].add(src_uri)
        self.kept[src_uri] = (plan, text)
        return text

    def cite(self, citable: Mapping[str, Link]) -> set[str]:
        """Take the records that running text may cite by id (the render stage's ``citable``);
        the pages that looked up an id whose record came, went or changed its title or place are
        forgotten and returned."""
        old, self.citable = self.citable, citable
        self.env.globals["citable"] = TrackedMapping(citable, "citable", self.recorder)
        changed = {record_id for record_id in old.keys() | citable.keys() if old.get(record_id) != citable.get(record_id)}
        stale = {src_uri for record_id in changed for src_uri in self.citing.pop(record_id, ())
                 if src_uri in self.plan.unit_of}
        self.forget(stale)
        return stale

    def forget(self, src_uris: set[str] | frozenset[str]) -> None:
        for src_uri in src_uris:
            self.kept.pop(src_uri, None)

    def templates_changed(self) -> set[str]:
        """Pages whose template, or a template it extends, imports or includes, changed on disk
        since it was read; their Markdown is forgotten and the templates read again."""
        changed = set()
        for name, digest in list(self.sources.seen.items()):
            path = self.folder / name
            if not path.is_file() or _digest(path.read_text(encoding="utf-8")) != digest:
                changed.add(name)
                del self.sources.seen[name]
        if not changed:
            return set()
        if self.env.cache is not None:
            self.env.cache.clear()
        users: dict[str, set[str]] = defaultdict(set)
        for name in self.env.list_templates():
            source = self.sources.loader.get_source(self.env, name)[0]
            for used in meta.find_referenced_templates(self.env.parse(source)):
                if used:
                    users[used].add(name)
        affected, stack = set(changed), list(changed)
        while stack:
            for user in users.get(stack.pop(), ()):
                if user not in affected:
                    affected.add(user)
                    stack.append(user)
        stale = {src_uri for src_uri, page in self.plan.plans.items() if page.template in affected}
        self.forget(stale)
        return stale
