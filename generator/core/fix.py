"""``hongling check --fix``: the repairs that are mechanical and safe, done for the editor.

Only what a person would do without having to think is repaired: a file saved as GBK/GB18030 or
UTF-16 is re-encoded to UTF-8; zero-width characters and byte-order marks in mid-file are
removed; Tabs, 全角空格 and no-break spaces used as indentation become spaces; a full-width colon
(or a 全角空格 after the colon) between a key and its value becomes ": ". Each repair is one that
:mod:`load` reported with an edit attached (see :class:`~generator.core.yamlnodes.Edit`);
everything else is left to the editor. A file that YAML could read before is only written when
reading it again gives the same data apart from the repaired characters. Files are replaced
atomically and keep their line endings.

This module plans and writes; it prints nothing (the command line formats :class:`FileFix`).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import chars
from .encoding import decode
from .load import DATA_SUFFIXES, data_folder_files, read_tree
from .settings import Settings
from .textcheck import mask_personal_data
from .yamlnodes import Edit, build_tree

NEWLINE_RE = re.compile(r"(\r\n|\r|\n)")
CODEC_NAMES = {"gb18030": "GBK/GB18030", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
               "utf-32": "UTF-32"}
MAX_ROUNDS = 200
"""A syntax error hides the next one, so repairs go round by round; this bounds the rounds."""


@dataclass(frozen=True)
class LineChange:
    line: int
    """1-based."""
    before: str
    after: str


@dataclass
class FileFix:
    """What ``--fix`` does (or would do) to one file."""

    path: Path
    rel: str
    reencoded_from: str = ""
    """The encoding the file was in when it is re-encoded to UTF-8 (GBK/GB18030, UTF-16 …)."""
    changes: list[LineChange] = field(default_factory=list)
    data: bytes = b""
    """The new content."""
    refused: str = ""
    """Why the repairs were not written (they would have changed what the file says)."""

    @property
    def changed(self) -> bool:
        return bool(self.reencoded_from or self.changes)


def plan_file(path: Path, rel: str, max_depth: int) -> FileFix | None:
    """The repairs of one file, or ``None`` when it needs none (or none that are mechanical)."""
    raw = path.read_bytes()
    decoded = decode(raw, rel)
    if decoded.text is None and decoded.source_encoding is None:
        return None  # NUL bytes, broken UTF-8: the editor has to look
    codec = decoded.source_encoding or "utf-8-sig"
    bom = raw.startswith(b"\xef\xbb\xbf") and decoded.source_encoding is None
    parts = NEWLINE_RE.split(raw.decode(codec))
    lines, endings = parts[0::2], parts[1::2]
    original = list(lines)
    removable = [c for c in chars.invisible_chars("\n".join(lines)) if c.removable]
    _apply(lines, [Edit(c.line, c.column, c.char, "") for c in removable])
    for _ in range(MAX_ROUNDS):
        _, found = read_tree("\n".join(lines), max_depth)
        if not _apply(lines, [edit for problem in found for edit in problem.edits]):
            break
    fix = FileFix(path, rel, CODEC_NAMES.get(decoded.source_encoding or "", decoded.source_encoding or ""))
    fix.changes = [LineChange(number + 1, before, after)
                   for number, (before, after) in enumerate(zip(original, lines, strict=True)) if before != after]
    if not fix.changed:
        return None
    if not _same_meaning("\n".join(original), "\n".join(lines), max_depth):
        fix.refused = "修改后读出的数据与原来不同，没有写入；请手工修改。"
    text = "".join(line + ending for line, ending in zip(lines, [*endings, ""], strict=True))
    fix.data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    return fix


def _apply(lines: list[str], edits: list[Edit]) -> bool:
    """Apply ``edits`` (right to left within a line); ``False`` when none applied."""
    applied = False
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        line = lines[edit.line] if 0 <= edit.line < len(lines) else None
        if line is not None and line[edit.column:edit.column + len(edit.old)] == edit.old:
            lines[edit.line] = line[:edit.column] + edit.new + line[edit.column + len(edit.old):]
            applied = True
    return applied


def _same_meaning(before: str, after: str, max_depth: int) -> bool:
    """A file YAML could read must read the same once repaired, apart from the characters that
    were removed from keys and values; a file it could not read has no meaning to keep."""
    old = build_tree(before, max_depth)
    if old.plain is None:
        return True
    new = build_tree(after, max_depth)
    return new.plain is not None and repaired(old.plain) == new.plain


def repaired(value: Any) -> Any:
    """``value`` as the repairs leave it: zero-width characters and BOMs removed, and odd spaces
    that YAML had read as the start of a key (``　name``) gone."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch not in chars.REMOVABLE)
    if isinstance(value, list):
        return [repaired(item) for item in value]
    if isinstance(value, dict):
        return {repaired(key).lstrip(" " + "".join(chars.INDENT_CHARS)): repaired(item) for key, item in value.items()}
    return value


def plan(settings: Settings) -> list[FileFix]:
    """The repairs of every data file, in the order ``check`` reports them."""
    fixes = []
    for path, _, rel in data_folder_files(settings.data_dir) if settings.data_dir.is_dir() else ():
        if path.suffix.lower() in DATA_SUFFIXES and path.stat().st_size <= settings.max_file_bytes:
            fix = plan_file(path, rel, settings.max_depth)
            if fix is not None:
                fixes.append(fix)
    return fixes


def write(fix: FileFix) -> None:
    """Replace the file atomically: a crash leaves the old file or the new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=fix.path.parent, prefix=f".{fix.path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(fix.data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, fix.path.stat().st_mode & 0o7777)
        os.replace(temporary, fix.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- the summary the editor reads ---------------------------------------------------------------


def visible(line: str) -> str:
    """A line with the characters a repair touches written out: ⟨全角空格⟩, ⟨Tab⟩, ⟨零宽空格⟩."""
    out = []
    for char in line:
        name = chars.INDENT_CHARS.get(char) or chars.INVISIBLE.get(char)
        out.append(f"⟨{name.split('，')[0].split(' &')[0]}⟩" if name else char)
    return mask_personal_data("".join(out))


def format_fixes(fixes: list[FileFix], dry_run: bool) -> str:
    """A diff-style summary: each changed line before (-) and after (+)."""
    if not fixes:
        return "没有可以自动修复的问题。"
    blocks = []
    done = "将修复" if dry_run else "已修复"
    for fix in fixes:
        head = f"{fix.rel}：{'未修复' if fix.refused else done}"
        if fix.reencoded_from:
            head += f"，从 {fix.reencoded_from} 编码转成 UTF-8"
        out = [head + (f"（{fix.refused}）" if fix.refused else "")]
        if fix.reencoded_from:
            sample = next(((n, line) for n, line in enumerate(fix.data.decode("utf-8-sig").split("\n"), 1)
                           if any(ord(ch) > 0x7F for ch in line)), None)
            if sample:
                out.append(f"  请核对：第 {sample[0]} 行现在读作 “{visible(sample[1].rstrip())[:60]}”。")
        width = len(str(max((c.line for c in fix.changes), default=1)))
        for change in fix.changes:
            out.append(f"  - {change.line:>{width}} | {visible(change.before)}")
            out.append(f"  + {change.line:>{width}} | {visible(change.after)}")
        blocks.append("\n".join(out))
    written = [f for f in fixes if not f.refused]
    lines = sum(len(f.changes) for f in written)
    tail = (f"{'将修改' if dry_run else '共修改'} {len(written)} 个文件（{lines} 行）。"
            + ("去掉 --dry-run 即可写入。" if dry_run else "其余问题（如果有）需要手工修改，见下方检查结果。"))
    return "\n\n".join([*blocks, tail])


def fix_rows(fixes: list[FileFix], dry_run: bool) -> list[dict[str, Any]]:
    """The same summary for ``--format json``."""
    return [{"file": fix.rel, "written": not (dry_run or fix.refused), "refused": fix.refused,
             "reencoded_from": fix.reencoded_from,
             "changes": [{"line": c.line, "before": visible(c.before), "after": visible(c.after)} for c in fix.changes]}
            for fix in fixes]
