"""Stage 2, validate: node trees → typed, frozen records, with every problem collected.

Pydantic collects all schema errors of a record in one pass; this module turns each into a
:class:`Problem` that points at the right node and explains the fix in Chinese. Checks that look
at every scalar whatever its field (personal data) also live here.
"""

from __future__ import annotations

import difflib
import functools
import typing
from dataclasses import dataclass, replace
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from . import textcheck
from .load import LoadedFile
from .memo import FileMemo
from .problems import Location, Problem
from .schema import CHINESE_KEYS
from .yamlnodes import ScalarNode, find, iter_scalars, keys_of, locate, position

FULL_WIDTH_SPACE = "\u3000"

NAME_SYNONYMS = {"title": "name", "name": "title", "rules": "basis"}
"""Record kinds call their heading either title or name; a Chinese 标题/名称 may mean either.
Likewise 依据 is an aspect's ``rules`` but a question's ``basis``."""

FIELD_LABELS: dict[str, str] = {}
for _word, _key in CHINESE_KEYS.items():
    FIELD_LABELS.setdefault(_key, _word)


@dataclass(frozen=True)
class ValidRecord:
    """A record that passed its schema, with the file it came from for positions."""

    record: Any
    """An instance of the kind's model (:attr:`LoadedFile.kind`)."""
    file: LoadedFile


def loc_text(loc: tuple[Any, ...]) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (("." if out else "") + str(step))
    return out


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return f"{name}（{label}）" if label else name


# --- walking the schema along an error location ---------------------------------------------


def _strip(annotation: Any) -> Any:
    """Remove Annotated, Optional and tuple/list wrappers down to the item type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        elif origin in (tuple, list):
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class owning the last key of ``loc``."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(step)
        if info is None:
            return None
        current = _strip(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def field_at(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[type[BaseModel] | None, str | None]:
    keys = [i for i, step in enumerate(loc) if isinstance(step, str)]
    if not keys:
        return None, None
    last = keys[-1]
    return model_at(model, loc[:last]), loc[last]


def choices_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    owner, name = field_at(model, loc)
    if owner is None or name is None:
        return []
    annotation = _strip(owner.model_fields[name].annotation)
    return list(typing.get_args(annotation)) if typing.get_origin(annotation) is Literal else []


# --- pydantic errors → problems ---------------------------------------------------------------


def suggest(word: str, candidates: list[str]) -> str | None:
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def _problem_for(error: ErrorDetails, file: LoadedFile) -> Problem:
    model = file.kind.model
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    rel = file.rel
    path = loc_text(loc)

    def at(node: Any, code: str, message: str, hint: str = "", field: str = path) -> Problem:
        line, column, span = position(node)
        return Problem(code, message, rel, line + 1, column + 1, field, hint, span)

    if kind == "missing":
        parent = find(file.root, loc[:-1])
        name = str(loc[-1])
        owner = model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        present = keys_of(parent)
        misspelt = [k for k in present if k not in allowed and suggest(k, [name]) == name]
        hint = f"添加一行 “{name}: …”。"
        if misspelt:
            hint = f"“{misspelt[0]}” 是否应写作 “{name}”？"
        return at(parent, "E-MISSING", f"缺少必填字段 {field_label(name)}。", hint)

    if kind == "extra_forbidden":
        key_node = find(file.root, loc, want_key=True)
        key = str(loc[-1])
        owner = model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        english = CHINESE_KEYS.get(key)
        bare = key.strip(FULL_WIDTH_SPACE + " ")
        if bare != key and bare in allowed:
            return at(key_node, "E-UNKNOWN-KEY", f"字段名 “{key}” 前后有全角空格。",
                      f"删除全角空格（　），只用半角空格缩进：写成 “{bare}”。")
        if english in NAME_SYNONYMS and english not in allowed:
            english = NAME_SYNONYMS[english]
        if english in allowed:
            hint = f"字段名要用英文：“{key}” 应写作 “{english}”。"
        elif (guess := suggest(key, allowed)) or (guess := suggest(key.lower().rstrip("s"), allowed)):
            hint = f"是否指 “{guess}”？"
        else:
            hint = "允许的字段：" + "、".join(allowed) + "。"
        return at(key_node, "E-UNKNOWN-KEY", f"未知字段 “{key}”。", hint)

    if kind.startswith(("E-", "W-")) and ctx.get("at"):
        loc = loc + tuple(ctx["at"])  # a check across fields names the value it is about
        path = loc_text(loc)  # (``at`` above keeps the record's path as its default field)
    node = find(file.root, loc)
    value = plain_at(file.plain, loc)
    if kind == "literal_error":
        choices = choices_at(model, loc)
        found = value
        shown = "、".join(choices)
        guess = suggest(str(found), choices) if found is not None else None
        if guess is None and found is not None:
            guess = next((c for c in choices if c in str(found) or str(found) in c), None)
        if isinstance(found, (list, dict)):
            return at(node, "E-TYPE", "这里应当是一个选项，实际写成了列表或映射。", f"从以下选项中选一个：{shown}。")
        hint = (f"是否指 “{guess}”？" if guess else "") + f"可选值：{shown}。"
        return at(node, "E-CHOICE", f"“{found}” 不是允许的选项。", hint)

    if kind.startswith(("E-", "W-")):
        problem = at(node, kind, str(ctx.get("message", error["msg"])), str(ctx.get("hint", "")), field=path)
        if ctx.get("fragment"):
            line, column, span = locate(node, file.text.split("\n"), str(ctx["fragment"]))
            problem = replace(problem, line=line + 1, column=column + 1, span=span)
        elif kind in TOKEN_CODES:
            problem = _folded(problem, node, loc)
        if ctx.get("also"):
            line, column, _ = position(find(file.root, tuple(error["loc"]) + tuple(ctx["also"])))
            problem = replace(problem, also=(Location(rel, line + 1, column + 1),))
        return problem

    if kind in ("too_short",):
        minimum = ctx.get("min_length", 1)
        code = "E-EMPTY" if ctx.get("actual_length", 0) == 0 else "E-TOO-FEW"
        return at(node, code, f"至少需要 {minimum} 项，实际 {ctx.get('actual_length', 0)} 项。",
                  "每一项另起一行，以“- ”开头。")
    if kind in ("string_type",):
        if value is None:
            return at(node, "E-EMPTY", "这里不能为空。", "填写内容，或者删除这一行（如果此字段可以省略）。")
        return at(node, "E-TYPE", "这里应当是一段文字。", "把内容写在冒号后面同一行，或用 | 开始多行文字。")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if value is None:
            return at(node, "E-EMPTY", "这里不能为空，应当是一组“键: 值”。", "在下一行缩进两格写出各个字段。")
        return at(node, "E-TYPE", "这里应当是一组“键: 值”（映射），实际是文字或列表。", "在下一行缩进两格写出各个字段。")
    if kind in ("tuple_type", "list_type"):
        return at(node, "E-TYPE", "这里应当是列表。", "每一项另起一行，以“- ”开头。")
    return at(node, "E-TYPE", f"值不符合要求（{error.get('msg', kind)}）。", "对照同类记录的写法修改。")


TOKEN_CODES = {"E-ID", "E-CHOICE", "E-NUMBER", "E-YEAR", "E-DATE", "E-BOOL", "E-OPTION-KEY", "E-ANSWER-KEY", "E-RANGE"}
"""Values that are one word or number: spread over two lines, they were joined by YAML."""


def _folded(problem: Problem, node: Any, loc: tuple[Any, ...]) -> Problem:
    """A plain value YAML joined from two lines (the second indented deeper, without "- "): the
    hint names the line that was joined instead of suggesting to join the words."""
    if node.__class__ is not ScalarNode or node.style or node.start_mark.line == node.end_mark.line:
        return problem
    first, joined = node.start_mark.line + 1, node.end_mark.line + 1
    if loc and isinstance(loc[-1], int):
        hint = (f"第 {first}—{joined} 行被 YAML 连成了一项 “{node.value}”：第 {joined} 行缩进比上一行深，又没有以“- ”开头。"
                f"如果是两项，在第 {joined} 行开头写“- ”并与上一项的“- ”对齐；如果是一项，把它写在同一行。")
    else:
        hint = (f"第 {first}—{joined} 行被 YAML 连成了一个值 “{node.value}”：第 {joined} 行缩进比上一行深。"
                f"如果第 {joined} 行是另一个字段，让它与上面的字段左对齐；如果是同一个值，把它写在同一行。")
    return replace(problem, hint=hint)


def plain_at(plain: Any, loc: tuple[Any, ...]) -> Any:
    """The plain value at ``loc``, or ``None`` where the path does not exist."""
    for step in loc:
        if isinstance(plain, dict) and isinstance(step, str):
            plain = plain.get(step)
        elif isinstance(plain, list) and isinstance(step, int) and 0 <= step < len(plain):
            plain = plain[step]
        else:
            return None
    return plain


def validate_file(file: LoadedFile, build_year: int) -> tuple[ValidRecord | None, list[Problem]]:
    """One file's record; ``build_year`` bounds the years it may give (next year at the latest)."""
    problems = personal_data(file) + literal_text(file)
    try:
        record = file.kind.model.model_validate(file.plain, context={"build_year": build_year})
    except ValidationError as error:
        problems.extend(_problem_for(e, file) for e in error.errors(include_url=False))
        return None, problems
    stem = file.path.stem
    record_id = getattr(record, "id", None)
    if record_id and record_id != stem:
        line, column, span = position(find(file.root, ("id",)))
        problems.append(Problem("W-ID-FILE", f"编号 “{record_id}” 与文件名 “{file.path.name}” 不一致。", file.rel,
                                line + 1, column + 1, "id", f"把文件改名为 {record_id}{file.path.suffix}，便于按编号找到文件。",
                                span))
    return ValidRecord(record, file), problems


def personal_data(file: LoadedFile) -> list[Problem]:
    """Resident ID numbers and mobile numbers anywhere in the file, masked in the message."""
    problems: list[Problem] = []
    if not textcheck.find_personal_data(file.text):
        return problems
    lines = file.text.split("\n")
    for path, scalar in iter_scalars(file.root):
        if not any(ch.isdigit() for ch in scalar.value):
            continue
        for found in textcheck.find_personal_data(scalar.value):
            fragment = scalar.value[found.offset: found.offset + found.length]
            line, column, span = locate(scalar, lines, fragment)
            problems.append(Problem(
                "E-PERSONAL", f"发现{found.kind} {found.masked}，个人信息不能出现在公开页面上。", file.rel,
                line + 1, column + 1, loc_text(path),
                "删除该号码；需要联系方式时写单位办公电话或“详询所在街道党（工）委”。", span))
    return problems


def literal_text(file: LoadedFile) -> list[Problem]:
    """Template syntax pasted from web templates: the site shows it as written (a warning)."""
    problems: list[Problem] = []
    if "{{" not in file.text and "{%" not in file.text and "{#" not in file.text:
        return problems
    lines = file.text.split("\n")
    for path, scalar in iter_scalars(file.root):
        for _, fragment in textcheck.find_template_syntax(scalar.value):
            line, column, span = locate(scalar, lines, fragment)
            problems.append(Problem(
                "W-LITERAL", f"文字里有模板语法 “{fragment[:40]}”，网站不会执行它，会原样显示这些字符。", file.rel,
                line + 1, column + 1, loc_text(path),
                "如果它是从网页模板或别的系统里复制来的，删除它；如果确实要显示这些字符，可以保留（--strict 时仍算警告）。",
                span))
    return problems


def validate(files: list[LoadedFile], build_year: int,
             cache: FileMemo | None = None) -> tuple[list[ValidRecord], list[Problem]]:
    records: list[ValidRecord] = []
    problems: list[Problem] = []
    for file in files:
        if cache is None:
            record, found = validate_file(file, build_year)
        else:
            record, found = cache.validate(file, functools.partial(validate_file, file, build_year))
        problems.extend(found)
        if record is not None:
            records.append(record)
    return records, problems


__all__ = ["ValidRecord", "validate", "loc_text", "suggest", "Location"]
