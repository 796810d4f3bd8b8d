"""Characters an editor cannot see or tell apart: what each one is called and where it is.

Text pasted from Word, WPS and web pages, or typed with a Chinese input method, brings spaces
that are not spaces (全角空格 U+3000, the web's no-break space U+00A0), invisible characters
(zero-width spaces, byte-order marks in mid-file, bidirectional controls) and control bytes.
YAML reads most of them as ordinary text, so a parser reports them late and vaguely ("missing
colon", "indentation mismatch"); here each is found at its own line and character column and
named with its code point. :mod:`load` reports them, :mod:`fix` repairs the mechanical ones.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from .yamlnodes import Edit, MappingNode, ScalarNode, SequenceNode, Tree, TreeProblem, partial_tree

INDENT_CHARS: dict[str, str] = {
    "\t": "Tab",
    "\u3000": "全角空格",
    "\u00a0": "不换行空格 &nbsp;",
    "\u2002": "en 空格",
    "\u2003": "em 空格",
    "\u2009": "窄空格",
    "\u202f": "窄不换行空格",
    "\u205f": "数学空格",
}
"""Characters that look like spaces; YAML indents with the ASCII space only."""

ODD_SPACE = "\t\u3000\u00a0\u2000-\u200a\u202f\u205f"
ODD_SPACE_RE = re.compile(f"[{ODD_SPACE}]")
LEADING_RUN_RE = re.compile(f"^[ {ODD_SPACE}]*[{ODD_SPACE}][ {ODD_SPACE}]*", re.MULTILINE)
"""A line's leading blank run holding at least one character that is not an ASCII space."""
STRUCTURE_RE = re.compile(r"(?:-(?:[ \t\u3000]|$)|[^\s:#\-][^:#\n]*?:(?:[ \t\u3000]|$))")
"""What follows indentation when the line is structure, not prose: a list item or ``key:``."""

INDICATORS = set("'\"&*!|>%@`[]{}#?:,-")
"""Characters that mean something to YAML at the start of a value: once the odd spaces before
them are gone, the line would read differently, so such a line is left to the editor."""

INVISIBLE: dict[str, str] = {
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u2060": "零宽不换行符",
    "\ufeff": "字节顺序标记 BOM",
    "\u00ad": "软连字符",
    "\u200e": "从左到右标记 LRM",
    "\u200f": "从右到左标记 RLM",
    "\u061c": "阿拉伯字母标记 ALM",
    "\u202a": "从左到右嵌入 LRE",
    "\u202b": "从右到左嵌入 RLE",
    "\u202c": "方向格式结束 PDF",
    "\u202d": "从左到右覆盖 LRO",
    "\u202e": "从右到左覆盖 RLO",
    "\u2066": "从左到右隔离 LRI",
    "\u2067": "从右到左隔离 RLI",
    "\u2068": "方向隔离 FSI",
    "\u2069": "方向隔离结束 PDI",
    "\u2028": "行分隔符 LS",
    "\u2029": "段落分隔符 PS",
    "\u0085": "下一行符 NEL",
}
BIDI = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
REMOVABLE = set("\u200b\u200c\u200d\u2060\ufeff")
"""Zero-width characters and byte-order marks: removing them changes nothing a reader sees."""
BREAKING = set("\u2028\u2029\u0085")
"""Characters YAML counts as line breaks although editors do not: every later line number shifts."""

SUSPECT = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e"
           "\u2060\u2066-\u2069\ufeff\ufffe\uffff")
SUSPECT_RE = re.compile(f"[{SUSPECT}]")
ANY_ODD_RE = re.compile(f"[{SUSPECT}{ODD_SPACE}]")
"""Anything this module would look at: most files hold none, and one search tells."""

SHOWN_AS_REPLACEMENT = str.maketrans(
    {chr(c): "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF] if chr(c) not in "\t\n"}
    | dict.fromkeys(INVISIBLE, "\ufffd") | {"\t": " "})
"""For quoting a line to a terminal: invisible characters become � (a right-to-left override would
otherwise reorder the displayed line) and a Tab one space, so that carets stay under the column."""


@dataclass(frozen=True)
class OddChar:
    """One character found in the text (0-based line and character column)."""

    line: int
    column: int
    char: str

    @property
    def removable(self) -> bool:
        return self.char in REMOVABLE

    @property
    def breaks_positions(self) -> bool:
        """Control characters stop the YAML reader; line separators shift its line numbers."""
        return self.char in BREAKING or is_control(self.char)


def is_control(char: str) -> bool:
    return (unicodedata.category(char) == "Cc" and char not in "\t\n") or char in "\ufffe\uffff"


def _joins_emoji(text: str, index: int) -> bool:
    """A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of the picture."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return any(ch and (unicodedata.category(ch) == "So" or ch == "\ufe0f") for ch in (before, after))


def invisible_chars(text: str) -> list[OddChar]:
    """Invisible and control characters, in order; a byte-order mark opening the file is allowed."""
    found: list[OddChar] = []
    if not SUSPECT_RE.search(text):
        return found
    line_starts = _line_starts(text)
    for match in SUSPECT_RE.finditer(text):
        index = match.start()
        char = match.group()
        if (char == "\ufeff" and index == 0) or (char == "\u200d" and _joins_emoji(text, index)):
            continue
        line = _line_of(line_starts, index)
        found.append(OddChar(line, index - line_starts[line], char))
    return found


def odd_indentation(text: str) -> list[tuple[int, int, str]]:
    """Lines whose leading blank run holds something other than ASCII spaces: (line, end of the
    run, the run). Whether that run is indentation or text (a Chinese paragraph in a block scalar
    may open with 　　) is decided against the parsed tree by :func:`indentation_problems`."""
    if not ODD_SPACE_RE.search(text):
        return []
    line_starts = _line_starts(text)
    return [(_line_of(line_starts, m.start()), m.end() - m.start(), m.group()) for m in LEADING_RUN_RE.finditer(text)
            if m.group()]


def looks_structural(rest: str) -> bool:
    """The text after a blank run starts a list item or a ``key:``."""
    return bool(STRUCTURE_RE.match(rest))


def first_odd(run: str) -> tuple[int, str]:
    """Column and character of the first non-ASCII-space character in a blank run."""
    for column, char in enumerate(run):
        if char != " ":
            return column, char
    return 0, " "  # pragma: no cover - a run always holds one


def describe(char: str) -> str:
    """``全角空格（U+3000）``: Chinese name and code point."""
    name = INDENT_CHARS.get(char) or INVISIBLE.get(char) or "控制字符"
    return f"{name}（U+{ord(char):04X}）"


def indent_width(char: str) -> int:
    """Spaces that replace one indentation character: what the editor saw on screen."""
    return 2 if char in "\t\u3000\u2003" else 1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    at = find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


def _line_of(starts: list[int], index: int) -> int:
    return bisect_right(starts, index) - 1


# --- problems: what load reports and fix repairs ------------------------------------------------


def invisible_problems(found: list[OddChar], limit: int = 20) -> list[TreeProblem]:
    """One problem per invisible character (the first ``limit`` of them), named with its code point."""
    problems = []
    for char in found[:limit]:
        if char.char in BIDI:
            hint = "删除它：它会改变文字的显示顺序，让看到的内容与实际内容不一致（VS Code 中会高亮显示）。"
        elif char.char in BREAKING:
            hint = "删除它并在需要的地方正常换行：YAML 把它当作换行，其后的行号都会错位。"
        elif char.removable:
            hint = "删除它（通常来自网页或 Word 的复制粘贴）；hongling check --fix 可以自动删除。"
        else:
            hint = "删除这个看不见的字符（VS Code 中会显示为带底色的方框）。"
        where = "文件中间" if char.char == "\ufeff" else ""
        more = f"（本文件共 {len(found)} 处，只列出前 {limit} 处）" if len(found) > limit and char is found[0] else ""
        problems.append(TreeProblem(
            "E-INVISIBLE", f"{where or '这里'}有一个看不见的字符：{describe(char.char)}{more}。", hint, char.line, char.column,
            edits=(Edit(char.line, char.column, char.char, ""),) if char.removable else ()))
    return problems


def _scalars(node: Any, out: list[tuple[Any, bool]], is_key: bool = False) -> None:
    cls = node.__class__
    if cls is ScalarNode:
        out.append((node, is_key))
    elif cls is MappingNode:
        for key, value in node.value:
            _scalars(key, out, True)
            if value.__class__ in (ScalarNode, MappingNode, SequenceNode):
                _scalars(value, out)
    elif cls is SequenceNode:
        for item in node.value:
            _scalars(item, out)


def indentation_problems(text: str, tree: Tree, max_depth: int) -> list[TreeProblem]:
    """Lines indented with Tabs, 全角空格 or no-break spaces, where the run is indentation and not
    the opening of a text (a Chinese paragraph in a ``|`` block may well start with 　　)."""
    candidates = odd_indentation(text)
    if not candidates:
        return []
    root = tree.root if tree.root is not None else partial_tree(text, max_depth)
    scalars: list[tuple[Any, bool]] = []
    if root is not None:
        _scalars(root, scalars)
    parsed = tree.root is not None
    error_line = tree.problems[0].line if (not parsed and tree.problems) else -2
    lines = text.split("\n")
    problems = []
    for line, length, run in candidates:
        rest = lines[line][length:]
        structural = looks_structural(rest)
        starts_here = next((is_key for node, is_key in scalars
                            if node.start_mark.line == line and node.start_mark.column < length), None)
        inside = next((node for node, _ in scalars if node.start_mark.line < line and (
            node.end_mark.line > line or (node.end_mark.line == line and node.end_mark.column > length))), None)
        if inside is not None:  # a line of a longer text: only a list item or key swallowed by it counts
            if not inside.style and structural:
                problems.append(_indentation_problem(line, run, "swallowed"))
        elif line in (error_line - 1, error_line):  # what made YAML stop
            problems.append(_indentation_problem(line, run, "indent" if (structural or starts_here) else "text"))
        elif starts_here is not None and (starts_here or structural):  # read as part of a key
            problems.append(_indentation_problem(line, run, "read" if rest[:1] not in INDICATORS else "text"))
    return problems


def _indentation_problem(line: int, run: str, how: str) -> TreeProblem:
    """``how``: "read" (YAML took the odd spaces as the start of a key: removing them keeps what
    it read), "indent" (they made YAML stop: spaces of the same width are what the editor saw),
    "swallowed" (a list item or key became part of the text above) or "text" (unclear)."""
    column, _ = first_odd(run)
    names = "、".join(dict.fromkeys(describe(ch) for ch in run if ch != " "))
    edits: tuple[Edit, ...] = ()
    if how == "read":
        message = f"这一行开头有{names}，YAML 不把它当作缩进，而把它读成了字段名的一部分。"
        hint = "删除它，只用半角空格缩进；hongling check --fix 可以自动删除（层级保持 YAML 现在读到的样子）。"
        edits = (Edit(line, 0, run, run[:column]),)
    elif how == "indent":
        spaces = sum(indent_width(ch) if ch != " " else 1 for ch in run)
        message = f"这一行用{names}缩进，YAML 只认半角空格。"
        hint = (f"把行首的{names}换成半角空格（每层两个）；hongling check --fix 会把它换成 {spaces} 个半角空格，"
                "请再核对层级。")
        edits = (Edit(line, 0, run, " " * spaces),)
    elif how == "swallowed":
        message = f"这一行用{names}缩进，YAML 没有把它读成新的一项，而是接到了上一行的文字后面。"
        hint = "把行首的这些字符换成半角空格，与同级的“- ”或字段左对齐。"
    else:
        message = f"这一行开头是{names}，YAML 不把它当作缩进。"
        hint = ("如果这是上面 | 或 > 多行文字中的一段，在行首再加上与上一行相同的半角空格（全角空格可以保留）；"
                "如果是字段或列表项，把它换成半角空格。")
    return TreeProblem("E-INDENT", message, hint, line, column, 1, edits=edits)
