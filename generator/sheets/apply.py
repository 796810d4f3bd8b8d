"""Import a workbook: its rows become records in place of the library's files with the same ids,
the whole library so changed goes through every check ``hongling check`` runs, and only when
nothing is wrong is anything written — one file per record, in the library's layout, untouched
where the record did not change.

Each row is written as the YAML the import would write and read back by the core's own loader,
so the checks see exactly the files that would land on disk; the problems they report at a path
(``options[2].text``) are then shown at the cell that path came from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic_core import PydanticCustomError

from ..core.check import check_loaded, collector_paused
from ..core.kb import KnowledgeBase
from ..core.load import Loaded, LoadedFile, load_library
from ..core.problems import Problem, format_problem
from ..core.schema.fields import check_slug
from ..core.settings import Settings
from ..core.validate import validate_file
from ..core.yamlnodes import build_tree, iter_scalars
from .issues import Cell, Issue, format_issue
from .layout import KindLayout, tabular_kinds
from .read import Book, SheetRows, read_book
from .rows import RowRecord, read_records
from .yamlwrite import record_text

PATH_RE = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass
class Outcome:
    issues: list[Issue] = field(default_factory=list)
    """Problems in the workbook, at their cells."""
    problems: list[Problem] = field(default_factory=list)
    """Problems in files of the library that the workbook leaves as they are."""
    texts: dict[str, str] = field(default_factory=dict)
    records: int = 0
    created: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(i.is_error for i in self.issues) + sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.issues) + len(self.problems) - self.errors

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def text(self, book: str, root: Path, strict: bool = False) -> str:
        """What the import says: every problem at its cell (or file and line), then what it wrote
        (paths relative to ``root``)."""
        blocks = [format_issue(book, issue) for issue in sorted(self.issues, key=Issue.sort_key)]
        blocks += [format_problem(p, self.texts.get(p.file)) for p in sorted(self.problems, key=Problem.sort_key)]
        if self.failed(strict):
            blocks.append(f"共 {self.errors} 个错误，{self.warnings} 个警告。没有写入任何文件：改好后重新导入。")
            return "\n\n".join(blocks)
        if self.warnings:
            blocks.append(f"共 {self.warnings} 个警告。")
        lines = [f"已导入 {book}：{self.records} 条记录。"]
        for verb, paths in (("新建", self.created), ("修改", self.changed), ("删除", self.deleted)):
            if paths:
                lines.append(f"{verb} {len(paths)} 个文件：")
                lines += [f"  {_shown_path(path, root)}" for path in paths]
        lines.append(f"未改动 {len(self.unchanged)} 个文件。")
        blocks.append("\n".join(lines))
        return "\n\n".join(blocks)


def _shown_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Placed:
    """A record from the workbook, as the file it would be."""

    row: RowRecord
    file: LoadedFile
    before: LoadedFile | None
    """The library's file of the same record, which it replaces."""
    named: bool
    """Its file name is its id (or the existing file's); ``False`` while the id is unusable."""


def field_path(text: str) -> tuple[Any, ...]:
    """``options[2].text`` → ("options", 2, "text")."""
    return tuple(int(index) if index else name for name, index in PATH_RE.findall(text))


def _sheets(book: Book, issues: list[Issue]) -> list[KindLayout]:
    """The kinds the workbook holds; a kind's parts sheets travel with its own sheet."""
    present = {rows.layout.name for rows in book.sheets}
    kinds: list[KindLayout] = []
    for layout in tabular_kinds().values():
        names = [sheet.name for sheet in layout.sheets]
        if not present & set(names):
            continue
        if layout.main.name not in present:
            rows = next(r for r in book.sheets if r.layout.name in names)
            issues.append(Issue("E-SHEET", f"“{rows.layout.name}”工作表要和“{layout.main.name}”工作表一起导入。",
                                f"把“{layout.main.name}”工作表放回这个工作簿（从导出的工作簿复制）。",
                                Cell(rows.index, 1, 1, rows.layout.name)))
            continue
        for missing in (name for name in names if name not in present):
            issues.append(Issue("E-SHEET", f"缺少“{missing}”工作表。",
                                "从导出的工作簿或模板中把它复制回来；没有内容也要保留（只留两行列标题）。"))
        kinds.append(layout)
    return kinds


def _usable_id(record_id: str | None) -> str | None:
    try:
        return check_slug(record_id) if record_id else None
    except PydanticCustomError:
        return None


def _place(rows: list[RowRecord], loaded: Loaded, settings: Settings, issues: list[Issue]) -> list[Placed]:
    """Each record as a file: the library's file of the same id and kind, or a new ``<id>.yml``
    (which may replace a file of that name that does not load)."""
    on_disk = {(f.kind.name, f.plain.get("id")): f for f in loaded.files}
    by_path = {f.path: f for f in loaded.files}
    placed: list[Placed] = []
    used: set[Path] = set()
    for row in rows:
        spec = row.kind
        folder = settings.data_dir / spec.folder
        before = on_disk.get((spec.name, row.id))
        record_id = _usable_id(row.id)
        path, named = folder / f"{row.home.sheet}第{row.home.row}行.yml", False
        if before is not None and before.path not in used:
            path, named = before.path, True
        elif record_id is not None and folder / f"{record_id}.yml" not in used:
            holder = by_path.get(folder / f"{record_id}.yml")
            if holder is None:
                path, named = folder / f"{record_id}.yml", True
            elif before is None:
                issues.append(Issue("E-DUP-ID", f"文件 {holder.rel} 已经存在，存的却是编号 “{holder.plain.get('id')}” 的记录。",
                                    "先把那个文件改名为它自己的编号，再导入。", row.home, "id"))
        used.add(path)
        text = record_text(row.plain, spec)
        tree = build_tree(text, settings.max_depth)
        rel = (Path(settings.data_dir.name) / spec.folder / path.name).as_posix()
        assert tree.root is not None and not tree.problems, f"the writer wrote YAML its loader refuses: {text}"
        placed.append(Placed(row, LoadedFile(path, rel, spec, tree.root, tree.plain, text), before, named))
    return placed


def _overlay(loaded: Loaded, placed: list[Placed], deleted: list[Path]) -> Loaded:
    """The library with the workbook's records in place of their files (in the files' order, so
    that a new record, not the one it collides with, is reported as the duplicate), without
    ``deleted``."""
    instead = {p.file.path: p.file for p in placed}
    rels = {p.file.rel for p in placed}
    kept = [instead.pop(f.path, f) for f in loaded.files if f.path not in deleted]
    problems = [p for p in loaded.problems if p.file not in rels]
    texts = dict(loaded.texts) | {p.file.rel: p.file.text for p in placed}
    unusable = [u for u in loaded.unusable if u not in instead and u not in deleted]
    return Loaded(kept + list(instead.values()), problems, texts, unusable)


class CellMap:
    """Where the checker's problems in the workbook's records are in the workbook."""

    def __init__(self, book: str, placed: list[Placed]) -> None:
        self.book = book
        self.by_rel = {p.file.rel: p for p in placed}
        self._lines: dict[str, dict[int, tuple[Any, ...]]] = {}

    def cell(self, rel: str, line: int) -> Cell | None:
        """The cell of what is on ``line`` of a record's YAML."""
        placed = self.by_rel.get(rel)
        if placed is None:
            return None
        if rel not in self._lines:
            lines: dict[int, tuple[Any, ...]] = {}
            for path, node in iter_scalars(placed.file.root):
                lines.setdefault(node.start_mark.line + 1, path)
            self._lines[rel] = lines
        return placed.row.cell_at(self._lines[rel].get(line, ()))

    def place(self, problem: Problem, shown: dict[Cell, str]) -> Issue | Problem | None:
        placed = self.by_rel.get(problem.file)
        if placed is None:
            return problem
        if problem.code == "W-ID-FILE" and not placed.named:
            return None  # the import names the file after the id; this one has no usable id yet
        cell = placed.row.cell_at(field_path(problem.field))
        message, also = problem.message, []
        for other in problem.also:
            where = self.cell(other.file, other.line)
            if where is not None:
                message = message.replace(f"{other.file}:{other.line}", f"{self.book} {where}")
                also.append(str(where))
            else:
                also.append(f"{other.file}:{other.line}:{other.column}")
        return Issue(problem.code, message, problem.hint, cell, problem.field, shown.get(cell), tuple(also))


def _shown(book: Book) -> dict[Cell, str]:
    return {rows.cell(number, key): str(value) for rows in book.sheets for number, values in rows.rows
            for key, (value, _) in values.items()}


def _write(path: Path, text: str) -> None:
    """Write through a temporary file beside ``path``, so that a file is either old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.hongling-import")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temporary, path)


def _unchanged(placed: Placed, record: Any, build_year: int) -> bool:
    """Whether the library's file already holds this record: the data compared, not the bytes."""
    if placed.before is None:
        return False
    valid, _ = validate_file(placed.before, build_year)
    return valid is not None and valid.record.model_dump() == record.model_dump()


def _checked(path: Path, settings: Settings, delete_missing: bool) -> tuple[Outcome, KnowledgeBase | None, list[Placed]]:
    """Read the workbook, put its records in place and check the whole library: every problem,
    at its cell or file; the knowledge base and the placed records when it got that far."""
    book = read_book(path)
    outcome = Outcome(issues=list(book.issues))
    kinds = _sheets(book, outcome.issues)
    if outcome.issues:
        return outcome, None, []
    sheets: dict[str, SheetRows] = {rows.layout.name: rows for rows in book.sheets}
    rows = [row for layout in kinds for row in read_records(layout, sheets, outcome.issues)]
    outcome.records = len(rows)
    loaded = load_library(settings)
    placed = _place(rows, loaded, settings, outcome.issues)
    if delete_missing:
        listed = {(row.kind.name, row.id) for row in rows}
        names = {layout.kind.name for layout in kinds}
        outcome.deleted = [f.path for f in loaded.files
                           if f.kind.name in names and (f.kind.name, f.plain.get("id")) not in listed]
    kb, report = check_loaded(_overlay(loaded, placed, outcome.deleted), settings)
    cells = CellMap(path.name, placed)
    shown = _shown(book)
    refused = {issue.cell for issue in outcome.issues if issue.cell is not None}
    seen: set[tuple[Any, ...]] = set()
    for problem in report.problems:
        found = cells.place(problem, shown)
        if isinstance(found, Issue):
            key = (found.code, found.cell, found.message)
            if found.cell not in refused and key not in seen:
                seen.add(key)
                outcome.issues.append(found)
        elif found is not None:
            outcome.problems.append(found)
    outcome.texts = report.texts
    return outcome, kb, placed


def import_book(path: Path, settings: Settings, *, delete_missing: bool = False, strict: bool = False) -> Outcome:
    """Check the workbook at ``path`` against the whole library and, when nothing is wrong (with
    ``strict``, not even a warning), write its records; with ``delete_missing``, delete the
    records of its kinds that it no longer lists."""
    with collector_paused():  # as in the core's check: many small objects that all stay alive
        outcome, kb, placed = _checked(path, settings, delete_missing)
    if kb is None or outcome.failed(strict):
        outcome.deleted = []
        return outcome
    for item in placed:
        entry = kb.get(item.row.id or "")
        assert entry is not None, "a record without errors is in the knowledge base"
        if _unchanged(item, entry.record, settings.build_year):
            outcome.unchanged.append(item.file.path)
            continue
        existed = item.file.path.exists()
        _write(item.file.path, item.file.text)
        (outcome.changed if existed else outcome.created).append(item.file.path)
    for gone in outcome.deleted:
        gone.unlink()
    return outcome
