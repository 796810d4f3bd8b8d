"""Stage 1, load: read every data file as UTF-8 and parse it into a positioned node tree.

Nothing here knows the schema beyond which folder holds which kind. Every file is opened in
binary and decoded explicitly, because editors' Windows machines default to GBK.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import chars
from .encoding import decode
from .memo import FileMemo
from .problems import Location, Problem
from .schema import BY_FOLDER, KindSpec
from .settings import Settings
from .yamlnodes import Mapping, Sequence, Tree, TreeProblem, build_tree, position

DATA_SUFFIXES = (".yml", ".yaml")
IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini", "README.md"}


@dataclass(frozen=True)
class LoadedFile:
    """One data file that parsed into a mapping: the raw material of one record."""

    path: Path
    rel: str
    kind: KindSpec
    root: Mapping
    """libyaml's node tree: positions for every diagnostic."""
    plain: dict
    """The same data as dicts, lists and strings, which the schema types."""
    text: str


@dataclass
class Loaded:
    files: list[LoadedFile]
    problems: list[Problem]
    texts: dict[str, str]
    unusable: list[Path] = field(default_factory=list)
    """Files that could not be read or parsed; references to their ids are not reported again."""


def kind_of(rel_parts: tuple[str, ...]) -> KindSpec | None:
    return BY_FOLDER.get(rel_parts[0]) if len(rel_parts) > 1 else None


def read_tree(text: str, max_depth: int) -> tuple[Tree | None, list[TreeProblem]]:
    """Parse ``text``; a file holding characters an editor cannot see or tell apart (invisible
    ones, odd spaces as indentation) is reported character by character and not used, and a
    syntax error they caused is not reported again in YAML's vaguer words."""
    if not chars.ANY_ODD_RE.search(text):  # nearly every file: one pass, nothing to name
        tree = build_tree(text, max_depth)
        return tree, tree.problems
    invisible = chars.invisible_chars(text)
    if any(char.breaks_positions for char in invisible):  # YAML's positions would be wrong
        return None, chars.invisible_problems(invisible)
    tree = build_tree(text, max_depth)
    found = chars.invisible_problems(invisible) + chars.indentation_problems(text, tree, max_depth)
    if not found:
        return tree, tree.problems
    named = {p.line for p in found} | {p.line + 1 for p in found}
    return None, found + [p for p in tree.problems if not (p.code == "E-SYNTAX" and p.line in named)]


def load_file(path: Path, rel: str, kind: KindSpec, settings: Settings) -> tuple[LoadedFile | None, str, list[Problem]]:
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        return None, "", [Problem("E-SIZE", f"文件有 {size // 1024} KB，超过上限 {settings.max_file_bytes // 1024} KB。",
                                  rel, hint="一个文件只写一条记录；过大的文件通常是误粘贴了大段内容。")]
    decoded = decode(path.read_bytes(), rel)
    text = decoded.text
    if text is None:
        return None, decoded.shown, decoded.problems
    tree, found = read_tree(text, settings.max_depth)
    lines = text.split("\n") if found else []
    problems = []
    for p in found:
        line = min(p.line, len(lines) - 1)  # the parser's end of stream may lie past the last line
        column = min(p.column, len(lines[line])) if line == p.line else len(lines[line])
        problems.append(Problem(p.code, p.message, rel, line + 1, column + 1, p.field, p.hint, p.span,
                                tuple(Location(rel, line + 1, column + 1) for line, column in p.also), bool(p.edits)))
    if tree is None:
        return None, text, problems
    root = tree.root
    if root is None or tree.plain is None:
        if not problems:
            problems.append(Problem("E-EMPTY-FILE", "文件里没有内容（或只有注释、---）。", rel,
                                    hint=f"按照其他 {kind.label} 文件的格式填写一条记录，或删除这个文件。"))
        return None, text, problems
    line, column, span = position(root)
    if isinstance(root, Sequence):
        problems.append(Problem("E-ROOT", "文件顶层是列表（以“- ”开头），但一个文件应当是一条记录。", rel,
                                line + 1, column + 1, span=1,
                                hint="去掉第一项前的“- ”并把各行向左移两格；多条记录请分别存成多个文件。"))
        return None, text, problems
    if not isinstance(root, Mapping):
        problems.append(Problem("E-ROOT", "文件顶层不是键值对，而是一段文字。", rel, line + 1, column + 1,
                                span=span, hint="每行写成“键: 值”（英文冒号加空格），例如 id: changqing。"))
        return None, text, problems
    return LoadedFile(path, rel, kind, root, tree.plain, text), text, problems


def data_files(data_dir: Path) -> list[tuple[str, ...]]:
    """Every file below ``data_dir`` as its path parts below it, in the order of
    ``sorted(data_dir.rglob("*"))`` (which it replaces: ten times faster on 10,000 files, and the
    preview reads the folder on every save). Like ``rglob``, it does not enter linked folders."""
    found: list[tuple[str, ...]] = []

    def visit(folder: str, parts: tuple[str, ...]) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, (*parts, entry.name))
                elif entry.is_file():
                    found.append((*parts, entry.name))

    visit(str(data_dir), ())
    found.sort(key=lambda parts: tuple(map(os.path.normcase, parts)))  # how paths compare
    return found


def data_folder_files(data_dir: Path) -> Iterator[tuple[Path, tuple[str, ...], str]]:
    """Every file below ``data_dir`` that is not hidden or ignored, in a stable order, with its
    parts below ``data_dir`` and the name problems give it (``data/cases/x.yml``)."""
    for rel_parts in data_files(data_dir):
        if rel_parts[-1] in IGNORED_NAMES or any(part.startswith(".") for part in rel_parts):
            continue
        yield data_dir.joinpath(*rel_parts), rel_parts, "/".join((data_dir.name, *rel_parts))


def load_library(settings: Settings, cache: FileMemo | None = None) -> Loaded:
    """Read every data file below ``settings.data_dir``, in a stable order; with a ``cache``,
    files unchanged since the previous call are not read again."""
    data_dir = settings.data_dir
    loaded = Loaded(files=[], problems=[], texts={})
    if not data_dir.is_dir():
        loaded.problems.append(Problem("E-FOLDER", f"找不到数据文件夹 {data_dir}。", str(data_dir),
                                       hint="在项目根目录运行，或用 --data 指定数据文件夹。"))
        return loaded
    for path, rel_parts, rel in data_folder_files(data_dir):
        if path.suffix.lower() not in DATA_SUFFIXES:
            loaded.problems.append(Problem("W-STRAY-FILE", f"数据文件夹里有非 YAML 文件 {path.name}，已忽略。", rel,
                                           hint="数据文件的扩展名应为 .yml；其他文件请移出 data/。"))
            continue
        kind = kind_of(rel_parts)
        if kind is None:
            folders = "、".join(f"{f}/" for f in BY_FOLDER)
            loaded.problems.append(Problem("E-FOLDER", "文件不在任何记录类型的文件夹里，无法判断它是哪类记录。", rel,
                                           hint=f"把它移到以下文件夹之一：{folders}"))
            continue
        if cache is None:
            record, text, problems = load_file(path, rel, kind, settings)
        else:
            stat = path.stat()
            stamp = (stat.st_size, stat.st_mtime_ns, rel, settings.max_file_bytes, settings.max_depth)
            record, text, problems = cache.load(path, stamp, functools.partial(load_file, path, rel, kind, settings))
        loaded.texts[rel] = text
        loaded.problems.extend(problems)
        if record is not None:
            loaded.files.append(record)
        else:
            loaded.unusable.append(path)
    if cache is not None:
        cache.forget_missing({f.path for f in loaded.files} | set(loaded.unusable))
    return loaded
