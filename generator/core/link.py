"""Stage 3, link: ids, references, local references, cycles, backlinks and related cases.

Every check here runs over indexes built once (ids, features), never over all pairs of records,
so that linking stays linear in the size of the library.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from decimal import Decimal
from typing import Any, Iterator

from .kb import Backlink, Entry, KnowledgeBase
from .numerals import number_forms
from .problems import Location, Problem
from .refs import iter_refs
from .related import related_cases
from .schema import BY_NAME, kind_label
from .settings import Settings
from .validate import ValidRecord, loc_text
from .yamlnodes import find, position

CYCLE_FIELDS = {("region", "parent"), ("curriculum", "prerequisites")}
"""Hierarchies that must not loop: a region cannot contain itself, a course cannot require itself."""


# --- the linker -------------------------------------------------------------------------------


def identity(value: str) -> str:
    """Two ids that a file system or a reader would confuse compare equal."""
    return unicodedata.normalize("NFKC", value).casefold()


class Linker:
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

    def problem(self, owner: ValidRecord, path: tuple[Any, ...], code: str, message: str, hint: str = "",
                also: tuple[Location, ...] = (), want_key: bool = False) -> None:
        line, column, span = position(find(owner.file.root, path, want_key=want_key))
        self.problems.append(Problem(code, message, owner.file.rel, line + 1, column + 1, loc_text(path), hint, span, also))

    def location(self, owner: ValidRecord, path: tuple[Any, ...]) -> Location:
        line, column, _ = position(find(owner.file.root, path))
        return Location(owner.file.rel, line + 1, column + 1)

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
            record = owner.record
            kind = owner.file.kind.name
            self.register(owner, Entry(record.id, kind, record, owner.file.rel, ("id",)), ("id",))
            if kind == "category":
                for index, aspect in enumerate(record.aspects):
                    path = ("aspects", index, "id")
                    self.register(owner, Entry(aspect.id, "aspect", aspect, owner.file.rel, path, record.id), path)

    def lookup(self, target: str) -> Entry | None:
        return self.entries.get(identity(target))

    # references

    def resolve_all(self) -> None:
        ids_by_kind: dict[str, list[str]] = defaultdict(list)
        for entry in self.entries.values():
            ids_by_kind[entry.kind].append(entry.id)
        for owner in self.records:
            self_ids = {owner.record.id}
            if owner.file.kind.name == "category":
                self_ids |= {a.id for a in owner.record.aspects}
            for path, target, kinds in iter_refs(owner.record):
                self.resolve(owner, path, target, kinds, ids_by_kind)

    def resolve(self, owner: ValidRecord, path: tuple[Any, ...], target: str, kinds: tuple[str, ...],
                ids_by_kind: dict[str, list[str]]) -> None:
        holder = self.holder_id(owner, path)
        entry = self.by_id.get(target)
        if entry is not None and entry.kind in kinds and entry.id != holder:
            self.backlinks[target].append(Backlink(holder, self.kind_of_holder(owner, path), loc_text(path)))
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
        self.backlinks[entry.id].append(Backlink(holder, self.kind_of_holder(owner, path), loc_text(path)))

    def named(self, name: str, kinds: tuple[str, ...]) -> Entry | None:
        """The record of ``kinds`` whose title, name, term or alias is ``name`` (only on errors)."""
        for entry in self.by_id.values():
            if entry.kind in kinds and (entry.title == name or name in getattr(entry.record, "aliases", ())):
                return entry
        return None

    def holder_id(self, owner: ValidRecord, path: tuple[Any, ...]) -> str:
        """The id of the record or nested aspect that holds ``path``."""
        if owner.file.kind.name == "category" and len(path) > 1 and path[0] == "aspects":
            return owner.record.aspects[path[1]].id
        return owner.record.id

    def kind_of_holder(self, owner: ValidRecord, path: tuple[Any, ...]) -> str:
        if owner.file.kind.name == "category" and len(path) > 1 and path[0] == "aspects":
            return "aspect"
        return owner.file.kind.name

    # hierarchies

    def check_cycles(self) -> None:
        for kind, field in sorted(CYCLE_FIELDS):
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

    # local references and numbering

    def check_local(self) -> None:
        case_metrics: dict[str, set[str]] = {}
        for owner in self.records:
            record, kind = owner.record, owner.file.kind.name
            if kind == "case":
                case_metrics[record.id] = self.unique(owner, "metrics", "id", record.metrics, "指标编号")
            elif kind == "category":
                self.unique(owner, "aspects", "number", record.aspects, "方面序号")
            elif kind == "curriculum":
                modules = self.unique(owner, "modules", "id", record.modules, "模块编号")
                lessons: set[str] = set()
                for m_index, module in enumerate(record.modules):
                    for l_index, lesson in enumerate(module.lessons):
                        if lesson.id in lessons or lesson.id in modules:
                            self.problem(owner, ("modules", m_index, "lessons", l_index, "id"), "E-DUP-LOCAL",
                                         f"课时编号 “{lesson.id}” 在本课程中重复。", "同一课程内的课时编号必须唯一。")
                        lessons.add(lesson.id)
                self.unique(owner, "levels", "id", record.levels, "等级编号")
                self.unique(owner, "levels", "order", record.levels, "等级顺序")
                for v_index, level in enumerate(record.levels):
                    for i, lesson_id in enumerate(level.lessons):
                        if lesson_id not in lessons:
                            self.local_missing(owner, ("levels", v_index, "lessons", i), lesson_id, lessons, "课时")
        categories = [o for o in self.records if o.file.kind.name == "category"]
        seen_numbers: dict[int, ValidRecord] = {}
        for owner in categories:
            number = owner.record.number
            if number in seen_numbers:
                self.problem(owner, ("number",), "E-DUP-LOCAL", f"大项序号 {number} 重复。",
                             "九个大项的序号应为 1—9，各不相同。", (self.location(seen_numbers[number], ("number",)),))
            seen_numbers.setdefault(number, owner)
        for owner in self.records:
            if owner.file.kind.name == "practice":
                self.check_practice(owner, case_metrics)
        self.check_manual_shape(categories)

    def unique(self, owner: ValidRecord, field: str, attr: str, items: tuple[Any, ...], label: str) -> set[Any]:
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

    def local_missing(self, owner: ValidRecord, path: tuple[Any, ...], value: str, known: set[str], what: str) -> None:
        guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        hint = f"是否指 “{guess[0]}”？" if guess else (f"现有{what}：" + "、".join(sorted(known)) if known else f"先定义{what}。")
        self.problem(owner, path, "E-LOCAL-REF", f"找不到{what} “{value}”。", hint)

    def check_practice(self, owner: ValidRecord, case_metrics: dict[str, set[str]]) -> None:
        record = owner.record
        keys = self.unique(owner, "dimensions", "key", record.dimensions, "比较维度")
        for v_index, variant in enumerate(record.variants):
            for d_index, value in enumerate(variant.values):
                if value.key not in keys:
                    self.local_missing(owner, ("variants", v_index, "values", d_index, "key"), value.key, keys, "比较维度")
            if variant.metrics and variant.case is None:
                self.problem(owner, ("variants", v_index, "metrics"), "E-LOCAL-REF",
                             "列出了指标编号，但没有写 case（指标属于哪个案例）。", "补上 case 字段。")
                continue
            known = case_metrics.get(variant.case or "", set())
            for m_index, metric_id in enumerate(variant.metrics):
                if variant.case in case_metrics and metric_id not in known:
                    self.local_missing(owner, ("variants", v_index, "metrics", m_index), metric_id, known, "指标")

    def check_manual_shape(self, categories: list[ValidRecord]) -> None:
        if not categories:
            return
        aspects = sum(len(o.record.aspects) for o in categories)
        want_c, want_a = self.settings.manual_categories, self.settings.manual_aspects
        if len(categories) != want_c or aspects != want_a:
            folder = BY_NAME["category"].folder
            self.problems.append(Problem(
                "E-MANUAL-SHAPE", f"手册应有 {want_c} 个大项、{want_a} 个方面，现有 {len(categories)} 个大项、{aspects} 个方面。",
                f"{self.settings.data_dir.name}/{folder}",
                hint="补齐或合并大项与方面；如果本地手册结构不同，在 mkdocs.yml 的 hongling 插件设置里修改 "
                     "manual_categories / manual_aspects。"))

    # metrics

    def check_quotes(self) -> None:
        for owner in self.records:
            if owner.file.kind.name != "case":
                continue
            for index, metric in enumerate(owner.record.metrics):
                forms = number_forms(metric.value)
                if not any(form in metric.quote for form in forms):
                    self.problem(owner, ("metrics", index, "quote"), "W-QUOTE",
                                 f"引文中找不到数字 {metric.value}。", "引文应是原文中包含这个数字的那一句，便于核对。")

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

    # related cases

    def run(self) -> KnowledgeBase:
        self.register_all()
        self.resolve_all()
        self.check_cycles()
        self.check_local()
        self.check_quotes()
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
    colour = {node: white for node in graph}
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
         broken: set[str] = frozenset()) -> tuple[KnowledgeBase, list[Problem]]:
    """Resolve references; ids in ``broken`` belong to files that already failed to load or validate."""
    linker = Linker(records, settings, set(broken))
    kb = linker.run()
    return kb, linker.problems
