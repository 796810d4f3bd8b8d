"""Stage 3, link: ids, references, cycles, each kind's own checks, backlinks and related cases.

Every check here runs over indexes built once (ids, features), never over all pairs of records,
so that linking stays linear in the size of the library.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from .kb import Backlink, Entry, KnowledgeBase
from .problems import Location, Problem
from .refs import iter_refs
from .related import related_cases
from .schema import KINDS, kind_label
from .schema.kind import Held
from .settings import Settings
from .validate import ValidRecord, loc_text
from .yamlnodes import find, position


def identity(value: str) -> str:
    """Two ids that a file system or a reader would confuse compare equal."""
    return unicodedata.normalize("NFKC", value).casefold()


class Linker:
    """Resolves every reference and runs the checks that need the whole library. It is the
    :class:`~generator.core.schema.kind.LinkScope` that each kind's own checks work in."""

    def __init__(self, records: list[ValidRecord], settings: Settings, broken: set[str]) -> None:
        self.records = records
        self.broken = broken
        self.settings = settings
        self.problems: list[Problem] = []
        self.entries: dict[str, Entry] = {}
        """Keyed by :func:`identity`, so that ids a file system would confuse collide."""
        self.by_id: dict[str, Entry] = {}
        self.sources: dict[str, ValidRecord] = {}
        self.backlinks: dict[str, list[Backlink]] = defaultdict(list)

    # positions

    def problem(self, owner: Held, path: tuple[Any, ...], code: str, message: str, hint: str = "",
                also: tuple[Location, ...] = ()) -> None:
        line, column, span = position(find(owner.file.root, path))
        self.problems.append(Problem(code, message, owner.file.rel, line + 1, column + 1, loc_text(path), hint, span, also))

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def location(self, owner: Held, path: tuple[Any, ...]) -> Location:
        line, column, _ = position(find(owner.file.root, path))
        return Location(owner.file.rel, line + 1, column + 1)

    def record(self, record_id: str | None) -> Any | None:
        entry = self.by_id.get(record_id) if record_id else None
        return entry.record if entry is not None else None

    def of_kind(self, kind: str) -> list[Any]:
        return [owner.record for owner in self.records if owner.file.kind.name == kind]

    # ids

    def register(self, owner: ValidRecord, entry: Entry, path: tuple[Any, ...]) -> None:
        key = identity(entry.id)
        seen = self.entries.get(key)
        if seen is not None:
            first = self.sources[key]
            where = self.location(first, seen.path)
            same = "相同" if seen.id == entry.id else f"与 “{seen.id}” 实际相同（不区分大小写和全角半角）"
            self.problem(owner, path, "E-DUP-ID",
                         f"编号 “{entry.id}” {same}，已被{kind_label(seen.kind)}使用（{where.file}:{where.line}）。",
                         "每条记录的编号必须唯一：改用另一个编号，或删除重复的文件。", (where,))
            return
        self.entries[key] = entry
        self.by_id[entry.id] = entry
        self.sources[key] = owner

    def register_all(self) -> None:
        for owner in self.records:
            record, spec = owner.record, owner.file.kind
            self.register(owner, Entry(record.id, spec.name, record, owner.file.rel, ("id",)), ("id",))
            for nested in spec.nested:
                for index, part in enumerate(getattr(record, nested.field)):
                    path = (nested.field, index, "id")
                    self.register(owner, Entry(part.id, nested.name, part, owner.file.rel, path, record.id), path)

    def lookup(self, target: str) -> Entry | None:
        return self.entries.get(identity(target))

    # references

    def resolve_all(self) -> None:
        ids_by_kind: dict[str, list[str]] = defaultdict(list)
        for entry in self.entries.values():
            ids_by_kind[entry.kind].append(entry.id)
        for owner in self.records:
            for path, target, kinds in iter_refs(owner.record):
                self.resolve(owner, path, target, kinds, ids_by_kind)

    def resolve(self, owner: ValidRecord, path: tuple[Any, ...], target: str, kinds: tuple[str, ...],
                ids_by_kind: dict[str, list[str]]) -> None:
        holder, holder_kind = self.holder(owner, path)
        entry = self.by_id.get(target)
        if entry is not None and entry.kind in kinds and entry.id != holder:
            self.backlinks[target].append(Backlink(holder, holder_kind, loc_text(path)))
            return
        wanted = "或".join(kind_label(k) for k in kinds)
        entry = self.lookup(target)
        if entry is None and target in self.broken:
            return  # the file defining it failed earlier and is reported there
        if entry is None and not target.isascii():
            named = self.named(target, kinds)
            hint = (f"写编号 “{named.id}”，不要写名称。" if named else
                    f"这里要写{wanted}的编号（小写拼音、数字和连字符），不是中文名称。")
            self.problem(owner, path, "E-REF", f"“{target}” 是名称，不是编号。", hint)
            return
        if entry is None:
            candidates = [i for k in kinds for i in ids_by_kind.get(k, [])]
            guess = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
            if guess:
                title = self.entries[identity(guess[0])].title
                hint = f"是否指 “{guess[0]}”（{title}）？"
            else:
                hint = "检查拼写；编号只用小写拼音、数字和连字符，与被引用记录的 id 完全一致。"
            self.problem(owner, path, "E-REF", f"找不到{wanted} “{target}”。", hint)
            return
        if entry.kind not in kinds:
            self.problem(owner, path, "E-REF-KIND",
                         f"“{target}” 是{kind_label(entry.kind)}（{entry.title}），这里需要{wanted}。",
                         f"换成一个{wanted}的编号。")
            return
        if entry.id == holder:
            self.problem(owner, path, "E-SELF-REF", f"记录引用了它自己（“{target}”）。", "删除这一项，或换成另一条记录。")
            return
        if entry.id != target:
            self.problem(owner, path, "E-REF", f"编号应写作 “{entry.id}”，这里写成了 “{target}”。",
                         f"改为 “{entry.id}”。")
            return
        self.backlinks[entry.id].append(Backlink(holder, holder_kind, loc_text(path)))

    def named(self, name: str, kinds: tuple[str, ...]) -> Entry | None:
        """The record of ``kinds`` whose title, name, term or alias is ``name`` (only on errors)."""
        for entry in self.by_id.values():
            if entry.kind in kinds and (entry.title == name or name in getattr(entry.record, "aliases", ())):
                return entry
        return None

    def holder(self, owner: ValidRecord, path: tuple[Any, ...]) -> tuple[str, str]:
        """(id, kind) of the record, or of the nested part (an aspect), that holds ``path``."""
        if len(path) > 1:
            for nested in owner.file.kind.nested:
                if path[0] == nested.field:
                    return getattr(owner.record, nested.field)[path[1]].id, nested.name
        return owner.record.id, owner.file.kind.name

    # hierarchies

    def check_cycles(self) -> None:
        for spec in sorted(KINDS, key=lambda s: s.name):
            for field in sorted(spec.acyclic):
                self.check_cycle(spec.name, field)

    def check_cycle(self, kind: str, field: str) -> None:
        graph: dict[str, list[str]] = {}
        owners: dict[str, ValidRecord] = {}
        for owner in self.records:
            if owner.file.kind.name != kind:
                continue
            value = getattr(owner.record, field)
            targets = list(value) if isinstance(value, tuple) else ([value] if value else [])
            graph[owner.record.id] = [t for t in targets if t in graph or self.lookup(t)]
            owners[owner.record.id] = owner
        for cycle in find_cycles(graph):
            start = owners[cycle[0]]
            loop = " → ".join(cycle + [cycle[0]])
            targets = getattr(start.record, field)
            index = list(targets).index(cycle[1 % len(cycle)]) if isinstance(targets, tuple) else None
            path = (field,) if index is None else (field, index)
            also = tuple(self.location(owners[c], (field,)) for c in cycle[1:])
            self.problem(start, path, "E-CYCLE", f"{kind_label(kind)}之间循环引用：{loop}。",
                         "删除其中一个引用，让层级关系有头有尾。", also)

    # helpers for the kinds' own checks

    def unique(self, owner: Held, field: str, attr: str, items: Sequence[Any], label: str) -> set[Any]:
        """The values of ``attr`` over ``items``; a repeated one is reported where it repeats."""
        seen: dict[Any, int] = {}
        for index, item in enumerate(items):
            value = getattr(item, attr)
            if value is None:
                continue
            if value in seen:
                self.problem(owner, (field, index, attr), "E-DUP-LOCAL", f"{label} “{value}” 在本记录中重复。",
                             "同一记录内不能重复。", (self.location(owner, (field, seen[value], attr)),))
            else:
                seen[value] = index
        return set(seen)

    def local_missing(self, owner: Held, path: tuple[Any, ...], value: str, known: set[str], what: str) -> None:
        guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        hint = f"是否指 “{guess[0]}”？" if guess else (f"现有{what}：" + "、".join(sorted(known)) if known else f"先定义{what}。")
        self.problem(owner, path, "E-LOCAL-REF", f"找不到{what} “{value}”。", hint)

    def check_kinds(self) -> None:
        by_kind: dict[str, list[ValidRecord]] = defaultdict(list)
        for owner in self.records:
            by_kind[owner.file.kind.name].append(owner)
        for spec in KINDS:
            for kind_check in spec.checks:
                kind_check(self, by_kind.get(spec.name, []))

    def check_titles(self) -> None:
        seen: dict[tuple[str, str], ValidRecord] = {}
        for owner in self.records:
            kind = owner.file.kind
            title = getattr(owner.record, kind.title_field)
            key = (kind.name, title)
            if key in seen:
                self.problem(owner, (kind.title_field,), "W-DUP-TITLE",
                             f"与 {seen[key].file.rel} 的标题相同：“{title}”。", "读者无法区分两条记录，给标题加上地区或年份。",
                             (self.location(seen[key], (kind.title_field,)),))
            else:
                seen[key] = owner

    def run(self) -> KnowledgeBase:
        self.register_all()
        self.resolve_all()
        self.check_cycles()
        self.check_kinds()
        self.check_titles()
        by_kind: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries.values():
            by_kind[entry.kind].append(entry)
        return KnowledgeBase(
            entries={e.id: e for e in self.entries.values()},
            by_kind={k: tuple(sorted(v, key=lambda e: e.id)) for k, v in by_kind.items()},
            backlinks={k: tuple(v) for k, v in self.backlinks.items()},
            related=related_cases(self.records, self.settings),
        )


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each elementary cycle reachable by walking the graph once (iterative, colour-marking DFS)."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    cycles: list[list[str]] = []
    for start in sorted(graph):
        if colour[start] != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        trail = [start]
        colour[start] = grey
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = black
                stack.pop()
                trail.pop()
            elif colour.get(child, black) == grey:
                cycles.append(trail[trail.index(child):])
            elif colour.get(child, black) == white:
                colour[child] = grey
                trail.append(child)
                stack.append((child, iter(graph.get(child, []))))
    return cycles


def link(records: list[ValidRecord], settings: Settings,
         broken: Collection[str] = frozenset()) -> tuple[KnowledgeBase, list[Problem]]:
    """Resolve references; ids in ``broken`` belong to files that already failed to load or validate."""
    linker = Linker(records, settings, set(broken))
    kb = linker.run()
    return kb, linker.problems
