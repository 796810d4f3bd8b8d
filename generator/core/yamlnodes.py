"""A YAML document as libyaml's positioned node tree plus the plain data it holds.

PyYAML's constructors guess types, keep the last of duplicate keys, expand aliases and recurse
on nesting. Here libyaml only composes nodes (with an implicit-tag resolver that guesses
nothing), and one walk over them checks what editors never need (tags, duplicate keys, deep
nesting) while producing the plain data: dicts, lists and strings. Files containing anchor or
alias tokens, or that could nest deeper than is safe for libyaml's recursive composer, are read
from the event stream instead, which refuses them at the first offending event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml is several times faster; both give character-based positions.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - wheels ship libyaml
    from yaml import SafeLoader as _Loader

Mapping = MappingNode
Sequence = SequenceNode
AnyNode: TypeAlias = "ScalarNode | MappingNode | SequenceNode"

IMPLICIT = "?"
"""The tag every node gets unless the text gives one explicitly (which is refused)."""

ANCHOR_OR_ALIAS_RE = re.compile(r"(?:^|[\s\[{,])[&*][^\s*,\]}]")
INDENT_RE = re.compile(r"^ *", re.MULTILINE)
COMPACT_SEQUENCES_RE = re.compile(r"(?:- +)+")
SAFE_C_DEPTH = 200
"""libyaml's composer recurses in C; texts that could nest deeper take the event path instead."""


@dataclass(frozen=True)
class Edit:
    """A mechanical repair: replace ``old`` at a 0-based line and character column by ``new``."""

    line: int
    column: int
    old: str
    new: str


@dataclass
class TreeProblem:
    """A structural problem found while reading a file (position 0-based)."""

    code: str
    message: str
    hint: str
    line: int
    column: int
    span: int = 1
    field: str = ""
    also: tuple[tuple[int, int], ...] = ()
    edits: tuple[Edit, ...] = ()
    """How ``hongling check --fix`` repairs it, when that is mechanical and safe."""


@dataclass
class Tree:
    root: AnyNode | None
    plain: Any = None
    problems: list[TreeProblem] = field(default_factory=list)
    partial: AnyNode | None = None
    """What the event path had built when a syntax error stopped it (for naming what caused it)."""


class _Stop(Exception):
    """Raised to abandon a file whose structure cannot be trusted any further."""


class _Composer(_Loader):
    """Composes nodes without guessing types: every implicit tag resolves to one sentinel."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return IMPLICIT


def position(node: Node | None) -> tuple[int, int, int]:
    """0-based line and column of a node, and how many characters to underline."""
    if node is None:
        return -1, -1, 1
    start, end = node.start_mark, node.end_mark
    span = end.column - start.column if (node.__class__ is ScalarNode and end.line == start.line
                                          and end.column > start.column) else 1
    return start.line, start.column, span


def locate(node: Node | None, lines: list[str], fragment: str) -> tuple[int, int, int]:
    """0-based line, character column and span of ``fragment`` as written inside ``node``'s source
    (a block scalar's payload line, a character inside a quoted or flow scalar), or the node's own
    position when the fragment is not written there verbatim (escapes, folded line breaks)."""
    line, column, span = position(node)
    if node is None or not fragment.strip():
        return line, column, span
    end = node.end_mark
    probes = [fragment.strip().split("\n", 1)[0]]
    words = probes[0].split()
    if words and words[0] != probes[0] and len(words[0]) >= 3:
        probes.append(words[0])
    for probe in probes:
        for number in range(line, min(end.line, len(lines) - 1) + 1):
            source = lines[number]
            found = source.find(probe, column if number == line else 0, end.column if number == end.line else len(source))
            if found >= 0:
                return number, found, len(probe)
    return line, column, span


def nesting_bound(text: str) -> int:
    """An upper bound of the nesting depth, computed without parsing: every level needs more
    indentation, another "- " on the same line, or a flow bracket."""
    indent = max(map(len, INDENT_RE.findall(text)), default=0)
    dashes = max(map(len, COMPACT_SEQUENCES_RE.findall(text)), default=0)
    return indent + dashes + text.count("[") + text.count("{") + 2


def build_tree(text: str, max_depth: int, *, events: bool = False) -> Tree:
    """Parse ``text``; collect structural problems instead of raising. ``events`` forces the
    event path (tests compare both paths)."""
    if not events and not ANCHOR_OR_ALIAS_RE.search(text) and nesting_bound(text) <= SAFE_C_DEPTH:
        tree = _compose(text)
    else:
        tree = _from_events(text, max_depth)
        if tree.problems and tree.problems[0].code == LIBYAML_DEPTH:
            # libyaml refuses more than 1,000 levels before handing out the first event; the pure
            # Python parser streams them, so the file is refused at ``max_depth`` as E-DEPTH.
            tree = _from_events(text, max_depth, yaml.SafeLoader)
    if tree.root is not None and not tree.problems:
        try:
            tree.plain = _walk(tree.root, tree, 0, max_depth, "")
        except _Stop:
            tree.root = tree.plain = None
    elif tree.problems:
        tree.root = None
    return tree


def _several_documents(mark: Any) -> TreeProblem:
    return TreeProblem("E-MULTIDOC", "一个文件里有多个 YAML 文档（多处 ---）。",
                       "一个文件只写一条记录：删除多余的 ---，把其他记录移到各自的文件中。", mark.line, mark.column, 3)


LIBYAML_DEPTH = "libyaml-depth"
"""Placeholder code of libyaml's own nesting limit, replaced by E-DEPTH from the Python parser."""


def _too_deep(mark: Any, max_depth: int, path: str) -> TreeProblem:
    return TreeProblem("E-DEPTH", f"嵌套超过 {max_depth} 层。", "数据不需要这么深的层级；检查缩进是否一层层多缩进了。",
                       mark.line, mark.column, 1, path)


def _compose(text: str) -> Tree:
    tree = Tree(root=None)
    loader = _Composer(text)
    try:
        tree.root = loader.get_single_node()
    except yaml.composer.ComposerError as error:
        if "single document" in f"{error.problem} {error.context}":
            tree.problems.append(_several_documents(error.problem_mark))
        else:
            tree.problems.append(_syntax_problem(error, text))
    except yaml.MarkedYAMLError as error:
        tree.problems.append(_syntax_problem(error, text))
    except yaml.YAMLError as error:  # the reader's "control characters are not allowed"
        tree.problems.append(_reader_problem(error, text))
    finally:
        loader.dispose()
    return tree


def _walk(node: Any, tree: Tree, depth: int, max_depth: int, path: str) -> Any:
    """Check one node and return its plain value; an empty plain scalar becomes ``None``."""
    cls = node.__class__
    if node.tag != IMPLICIT:
        line, column, _ = position(node)
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        tree.problems.append(TreeProblem(
            "E-TAG", f"不允许使用 YAML 标签 {shown}。", "删除以 ! 开头的标签；数据文件只写文字、列表和键值对。",
            line, column, len(shown), path))
        raise _Stop
    if cls is ScalarNode:
        value = node.value
        return None if (not value and not node.style) else value
    if depth >= max_depth:
        tree.problems.append(_too_deep(node.start_mark, max_depth, path))
        raise _Stop
    depth += 1
    if cls is SequenceNode:
        return [_walk(item, tree, depth, max_depth, f"{path}[{index}]") for index, item in enumerate(node.value)]
    plain: dict[str, Any] = {}
    first_keys: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode or key_node.tag != IMPLICIT:
            line, column, _ = position(key_node)
            tree.problems.append(TreeProblem(
                "E-SYNTAX", "键必须是一段文字，这里却是列表、映射或带标签的值。", "检查这一行前面是否多了“? ”、“[”、“{”或“!”。",
                line, column, 1, path))
            raise _Stop
        key = key_node.value
        child = f"{path}.{key}" if path else key
        if key in plain:
            line, column, span = position(key_node)
            first = first_keys[key].start_mark
            tree.problems.append(TreeProblem(
                "E-DUPKEY", f"键 \"{key}\" 重复出现（第一次在第 {first.line + 1} 行）；YAML 会悄悄丢掉前一个值。",
                "删除或合并其中一个；列表的各项应写在同一个键下面。", line, column, span, child,
                ((first.line, first.column),)))
        else:
            first_keys[key] = key_node
        plain[key] = _walk(value_node, tree, depth, max_depth, child)
    return plain


# --- the event path: for texts with anchor/alias tokens or suspicious nesting ----------------


def _from_events(text: str, max_depth: int, loader: Any = _Loader) -> Tree:
    """Build the same node tree from parser events, refusing anchors, aliases, several documents
    and excessive depth at the first offending event, before anything is expanded or recursed.
    After a syntax error, :attr:`Tree.partial` keeps what was built before it."""
    tree = Tree(root=None)
    stack: list[Any] = []
    documents = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            kind = event.__class__
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    tree.problems.append(_several_documents(event.start_mark))
                    raise _Stop
                continue
            if kind is yaml.AliasEvent or getattr(event, "anchor", None):
                marker = ("*" if kind is yaml.AliasEvent else "&") + event.anchor
                tree.problems.append(TreeProblem(
                    "E-ALIAS", f"不支持 YAML {'别名' if marker[0] == '*' else '锚点'} {marker}。",
                    "把要重复的内容直接写出来，不要用 & 和 *。",
                    event.start_mark.line, event.start_mark.column, len(marker)))
                raise _Stop
            if kind is yaml.ScalarEvent:
                tag = event.tag if (event.tag and not event.implicit[0]) else IMPLICIT
                node: Any = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            elif kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                if len(stack) >= max_depth:
                    tree.problems.append(_too_deep(event.start_mark, max_depth, ""))
                    raise _Stop
                node_class = MappingNode if kind is yaml.MappingStartEvent else SequenceNode
                node = node_class(event.tag or IMPLICIT, [], event.start_mark, event.end_mark)
            elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                finished = stack.pop()
                finished.end_mark = event.end_mark
                continue
            else:
                continue
            _attach(stack, node, tree)
            if kind is not yaml.ScalarEvent:
                stack.append(node)
    except _Stop:
        tree.root = None
    except yaml.MarkedYAMLError as error:
        tree.partial, tree.root = tree.root, None
        tree.problems.append(_syntax_problem(error, text))
    except yaml.YAMLError as error:
        tree.partial, tree.root = tree.root, None
        tree.problems.append(_reader_problem(error, text))
    return tree


def partial_tree(text: str, max_depth: int) -> AnyNode | None:
    """The nodes read before a syntax error stopped the parser."""
    return _from_events(text, max_depth).partial


_PENDING_KEY = object()


def _attach(stack: list[Any], node: Any, tree: Tree) -> None:
    if not stack:
        tree.root = node
        return
    parent = stack[-1]
    if parent.__class__ is SequenceNode:
        parent.value.append(node)
    elif parent.value and parent.value[-1][1] is _PENDING_KEY:
        parent.value[-1] = (parent.value[-1][0], node)
    else:
        parent.value.append((node, _PENDING_KEY))


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
        return TreeProblem(LIBYAML_DEPTH, "嵌套层级过深。", "检查缩进是否一层层多缩进了。", line, column)
    # "could not find expected ':'" is raised on the line after the one that lacks it
    for number in (line - 1, line) if "expected ':'" in problem else (line, line - 1):
        candidate = lines[number] if 0 <= number < len(lines) else ""
        key_part = candidate.split("：", 1)[0]
        key = ITEM_DASHES_RE.sub("", key_part).strip()  # "  - id：x" is the key id of a list item
        if "：" in candidate and ":" not in key_part and key and " " not in key:
            at = len(key_part)
            after = candidate[at + 1:at + 2]
            return TreeProblem("E-SYNTAX", "键和值之间用了中文冒号“：”，YAML 只认英文冒号。",
                               f"把 “{key}：” 改成 “{key}: ”（英文冒号加一个空格）；hongling check --fix 可以自动修改。",
                               number, at, 1, edits=(Edit(number, at, "：", ":" if after in ("", " ") else ": "),))
        spaced = ODD_SPACE_AFTER_KEY_RE.match(candidate)
        if spaced:
            key, odd = spaced.group(2), spaced.group(3)
            at = spaced.end(2) + 1
            name = "全角空格（U+3000）" if odd == "\u3000" else f"不换行空格（U+{ord(odd):04X}）"
            return TreeProblem("E-SYNTAX", f"键 “{key}” 的冒号后面是{name}，YAML 只认半角空格，于是没有把它读成“键: 值”。",
                               f"把冒号后的{name}换成一个半角空格；hongling check --fix 可以自动修改。",
                               number, at, 1, edits=(Edit(number, at, odd, " "),))
    return TreeProblem("E-SYNTAX", message, hint, line, column, 1)


ITEM_DASHES_RE = re.compile(r"^\s*(?:-\s+)*")
ODD_SPACE_AFTER_KEY_RE = re.compile("^( *(?:- +)?)([^\\s:#\"'\\-][^:\"'#]*?):([\u3000\u00a0\u202f\u2002\u2003])")


def _reader_problem(error: yaml.YAMLError, text: str) -> TreeProblem:
    """libyaml's reader refuses control characters before parsing (it reports a character offset)."""
    position = int(getattr(error, "position", 0) or 0)
    line = text.count("\n", 0, position)
    column = position - (text.rfind("\n", 0, position) + 1)
    char = text[position:position + 1]
    shown = f"U+{ord(char):04X}" if char else "字符"
    return TreeProblem("E-INVISIBLE", f"这里有一个控制字符 {shown}，YAML 文件里不能有它。",
                       "删除这个看不见的字符（VS Code 中会显示为带底色的方框）。", line, column)


# --- plain data and positions ------------------------------------------------------------------


def find(root: AnyNode | None, loc: tuple[Any, ...], *, want_key: bool = False) -> AnyNode | None:
    """The node at ``loc`` (keys and list indexes), or the deepest existing ancestor.

    As in the plain data, the last of duplicate keys wins.
    """
    node: Any = root
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if node.__class__ is MappingNode and isinstance(step, str):
            match = next(((k, v) for k, v in reversed(node.value) if k.value == step), None)
            if match is None:
                break
            node = match[0] if (last and want_key) else match[1]
        elif node.__class__ is SequenceNode and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            break
    return node


def keys_of(node: AnyNode | None) -> list[str]:
    return [k.value for k, _ in node.value] if node is not None and node.__class__ is MappingNode else []


def iter_scalars(node: AnyNode | None, path: tuple[Any, ...] = ()) -> Iterable[tuple[tuple[Any, ...], ScalarNode]]:
    """Every scalar, keys included, with the path of the value it belongs to."""
    if node is None:
        return
    if node.__class__ is ScalarNode:
        yield path, node
    elif node.__class__ is MappingNode:
        for key_node, value in node.value:
            yield path + (key_node.value,), key_node
            yield from iter_scalars(value, path + (key_node.value,))
    else:
        for index, item in enumerate(node.value):
            yield from iter_scalars(item, path + (index,))
