"""A YAML document as a tree of positioned nodes, built from parser events.

PyYAML's constructors guess types, keep the last of duplicate keys, expand aliases and recurse
on nesting. Building the tree from the event stream ourselves lets us keep every scalar as text,
refuse what editors never need (anchors, aliases, tags, several documents) and bound the depth,
with a position on every node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Union

import yaml

try:  # libyaml's parser is several times faster; both give character-based positions.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - wheels ship libyaml
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]


class Node:
    """Position is 0-based line and column of the node's first character."""

    __slots__ = ("line", "column", "span")

    def __init__(self, line: int, column: int, span: int) -> None:
        self.line, self.column, self.span = line, column, span


class Scalar(Node):
    __slots__ = ("value", "plain")

    def __init__(self, value: str, plain: bool, line: int, column: int, span: int) -> None:
        super().__init__(line, column, span)
        self.value, self.plain = value, plain


class Mapping(Node):
    __slots__ = ("entries",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column, 1)
        self.entries: dict[str, tuple[Scalar, "AnyNode"]] = {}


class Sequence(Node):
    __slots__ = ("items",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column, 1)
        self.items: list[AnyNode] = []


AnyNode = Union[Scalar, Mapping, Sequence]


@dataclass
class TreeProblem:
    """A structural problem found while building the tree (position 0-based)."""

    code: str
    message: str
    hint: str
    line: int
    column: int
    span: int = 1
    field: str = ""
    also: tuple[tuple[int, int], ...] = ()


@dataclass
class Tree:
    root: AnyNode | None
    problems: list[TreeProblem] = field(default_factory=list)


class _Stop(Exception):
    """Raised to abandon a file whose structure cannot be trusted any further."""


def _span(event: Any) -> int:
    start, end = event.start_mark, event.end_mark
    if end.line == start.line:
        return max(1, end.column - start.column)
    return 1


def _path_text(stack: list[tuple[AnyNode, str | None]], key: str | None = None) -> str:
    parts: list[str] = []
    for node, pending in stack:
        if isinstance(node, Mapping) and pending is not None:
            parts.append(("." if parts else "") + pending)
        elif isinstance(node, Sequence):
            parts.append(f"[{len(node.items)}]")
    if key is not None:
        parts.append(("." if parts else "") + key)
    return "".join(parts)


def build_tree(text: str, max_depth: int) -> Tree:
    """Parse ``text`` into a node tree, collecting structural problems instead of raising."""
    tree = Tree(root=None)
    try:
        _build(yaml.parse(text, Loader=_EventLoader), tree, max_depth)
    except _Stop:
        tree.root = None
    except yaml.MarkedYAMLError as error:
        tree.root = None
        tree.problems.append(_syntax_problem(error, text))
    return tree


def _build(events: Iterable[Any], tree: Tree, max_depth: int) -> None:
    stack: list[tuple[AnyNode, str | None]] = []  # (container, pending key for mappings)
    pending_key_nodes: list[Scalar | None] = []
    documents = 0

    def refuse_markers(event: Any) -> None:
        line, column = event.start_mark.line, event.start_mark.column
        if getattr(event, "anchor", None):
            tree.problems.append(TreeProblem(
                "E-ALIAS", f"不支持 YAML 锚点 &{event.anchor}。", "把要重复的内容直接写出来，不要用 & 和 *。",
                line, column, len(event.anchor) + 1, _path_text(stack)))
            raise _Stop
        tag = getattr(event, "tag", None)
        if tag and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            tree.problems.append(TreeProblem(
                "E-TAG", f"不允许使用 YAML 标签 {shown}。",
                "删除以 ! 开头的标签；数据文件只写文字、列表和键值对。", line, column, len(shown), _path_text(stack)))
            raise _Stop

    def attach(node: AnyNode, event: Any) -> None:
        if not stack:
            tree.root = node
            return
        parent, pending = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        assert isinstance(parent, Mapping)
        if pending is None:
            if not isinstance(node, Scalar):
                tree.problems.append(TreeProblem(
                    "E-SYNTAX", "键必须是一段文字，这里却是列表或映射。", "检查这一行前面是否多了“? ”、“[”或“{”。",
                    node.line, node.column, 1, _path_text(stack)))
                raise _Stop
            key = node.value
            if key in parent.entries:
                first = parent.entries[key][0]
                tree.problems.append(TreeProblem(
                    "E-DUPKEY", f"键 \"{key}\" 重复出现（第一次在第 {first.line + 1} 行）；YAML 会悄悄丢掉前一个值。",
                    "删除或合并其中一个；列表的各项应写在同一个键下面。",
                    node.line, node.column, node.span, _path_text(stack, key), ((first.line, first.column),)))
            stack[-1] = (parent, key)
            pending_key_nodes.append(node)
        else:
            key_node = pending_key_nodes.pop()
            assert key_node is not None
            parent.entries[pending] = (key_node, node)
            stack[-1] = (parent, None)

    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                tree.problems.append(TreeProblem(
                    "E-MULTIDOC", "一个文件里有多个 YAML 文档（多处 ---）。",
                    "一个文件只写一条记录：删除多余的 ---，把其他记录移到各自的文件中。",
                    event.start_mark.line, event.start_mark.column, 3))
                raise _Stop
        elif isinstance(event, yaml.AliasEvent):
            tree.problems.append(TreeProblem(
                "E-ALIAS", f"不支持 YAML 别名 *{event.anchor}。", "把要重复的内容直接写出来，不要用 & 和 *。",
                event.start_mark.line, event.start_mark.column, len(event.anchor) + 1, _path_text(stack)))
            raise _Stop
        elif isinstance(event, yaml.ScalarEvent):
            refuse_markers(event)
            plain = event.style is None or event.style == ""
            attach(Scalar(event.value, plain, event.start_mark.line, event.start_mark.column, _span(event)), event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            refuse_markers(event)
            if len(stack) >= max_depth:
                tree.problems.append(TreeProblem(
                    "E-DEPTH", f"嵌套超过 {max_depth} 层。", "数据不需要这么深的层级；检查缩进是否一层层多缩进了。",
                    event.start_mark.line, event.start_mark.column, 1, _path_text(stack)))
                raise _Stop
            container: AnyNode = (Mapping if isinstance(event, yaml.MappingStartEvent) else Sequence)(
                event.start_mark.line, event.start_mark.column)
            attach(container, event)
            stack.append((container, None))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()


# --- syntax errors in Chinese ----------------------------------------------------------------


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> TreeProblem:
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    problem = (error.problem or "").lower()
    context = (error.context or "").lower()
    lines = text.split("\n")
    source_line = lines[line] if line < len(lines) else ""
    message, hint = "YAML 语法错误。", "检查这一行及上一行的缩进、冒号和引号。"

    if "\t" in source_line[: column + 1] or ("cannot start any token" in problem and source_line[column:column + 1] == "\t"):
        message, hint = "这一行用了 Tab 缩进，YAML 只认空格。", "把行首的 Tab 全部换成空格（每层两个空格）。"
    elif "quoted scalar" in context or "end of stream" in problem and "quot" in context:
        if error.context_mark is not None:
            line, column = error.context_mark.line, error.context_mark.column
        message, hint = "引号没有闭合：从这里开始的引号一直没有结束。", "在这段文字末尾补上相同的引号（\" 或 '）。"
    elif "mapping values are not allowed" in problem:
        message = "这一行出现了多余的冒号，或者缩进比上一行深。"
        hint = ("如果冒号是文字的一部分（如 “案例: 某县”），把整个值用引号括起来，或改用中文冒号“：”；"
                "如果是缩进问题，让这一行与同级的键左对齐。")
    elif "could not find expected ':'" in problem or "expected ':'" in problem:
        message, hint = "这一行缺少键后面的冒号，或上一行的文字没有结束。", "写成“键: 值”（英文冒号加一个空格）。"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        message, hint = "缩进不一致：这一行与同级的其他行没有对齐。", "同一层的键必须左对齐；列表项的“- ”也要对齐。"
    elif "did not find expected '-'" in problem:
        message, hint = "列表的缩进不一致。", "列表各项的“- ”必须左对齐。"
    elif "cannot start any token" in problem:
        char = source_line[column:column + 1]
        message = f"字符 \"{char}\" 不能出现在这个位置。"
        hint = "以 @、`、%、*、&、! 等符号开头的文字需要用引号括起来。"
    elif "found undefined alias" in problem or "alias" in problem:
        message, hint = "不支持 YAML 别名（*）。", "把要重复的内容直接写出来。"
    elif "maximum" in problem and "nest" in problem:
        message, hint = "嵌套层级过深。", "检查缩进是否一层层多缩进了。"
    for number in (line, line - 1):
        candidate = lines[number] if 0 <= number < len(lines) else ""
        key_part = candidate.split("：", 1)[0]
        if "：" in candidate and ":" not in key_part and key_part.strip() and " " not in key_part.strip():
            return TreeProblem("E-SYNTAX", "键和值之间用了中文冒号“：”，YAML 只认英文冒号。",
                               f"把 “{key_part.strip()}：” 改成 “{key_part.strip()}: ”（英文冒号加一个空格）。",
                               number, candidate.index("："), 1)
    return TreeProblem("E-SYNTAX", message, hint, line, column, 1)


# --- plain data and positions ------------------------------------------------------------------


def to_plain(node: AnyNode | None) -> Any:
    """The node tree as dicts, lists and strings; an empty plain scalar becomes ``None``."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return None if node.plain and node.value == "" else node.value
    if isinstance(node, Mapping):
        return {key: to_plain(value) for key, (_, value) in node.entries.items()}
    return [to_plain(item) for item in node.items]


def find(root: AnyNode | None, loc: tuple[Any, ...], *, want_key: bool = False) -> AnyNode | None:
    """The node at ``loc`` (keys and list indexes), or the deepest existing ancestor."""
    node = root
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, Mapping) and isinstance(step, str) and step in node.entries:
            key_node, value = node.entries[step]
            node = key_node if (last and want_key) else value
        elif isinstance(node, Sequence) and isinstance(step, int) and 0 <= step < len(node.items):
            node = node.items[step]
        else:
            break
    return node


def iter_scalars(node: AnyNode | None, path: tuple[Any, ...] = ()) -> Iterable[tuple[tuple[Any, ...], Scalar]]:
    """Every scalar, keys included, with the path of the value it belongs to."""
    if node is None:
        return
    if isinstance(node, Scalar):
        yield path, node
    elif isinstance(node, Mapping):
        for key, (key_node, value) in node.entries.items():
            yield path + (key,), key_node
            yield from iter_scalars(value, path + (key,))
    else:
        for index, item in enumerate(node.items):
            yield from iter_scalars(item, path + (index,))
