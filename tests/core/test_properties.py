"""Property-based tests: valid records damaged the way editors damage them.

Hypothesis mutates one file of the clean minimal library — inserts and deletes characters (odd
spaces, invisible ones, colons, quotes, brackets), re-indents lines with Tabs and 全角空格,
injects markup and personal data, saves the file in another encoding — and asserts that
``hongling check`` never crashes, exits 0 or 1, and places every problem on a line of the file
and a column of that line; and that ``--fix`` never changes what a readable file says, apart
from the characters it repairs, and leaves nothing more to repair. The number of examples is
bounded (and derandomized) so that ``make test`` stays fast and repeatable.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import Settings, check
from generator.cli import main
from generator.core import fix
from generator.core.encoding import decode
from generator.core.problems import format_json, format_problem
from generator.core.yamlnodes import build_tree
from tests.support.library import MINIMAL

FILES = sorted(path.relative_to(MINIMAL / "data").as_posix() for path in (MINIMAL / "data").rglob("*.yml"))
TEXTS = {rel: (MINIMAL / "data" / rel).read_text(encoding="utf-8") for rel in FILES}

CHARACTERS = ["\t", "\u3000", "\u00a0", "\u200b", "\u2060", "\ufeff", "\u202e", "\x00", "\x1b", "\u2028", "\r",
              "：", ":", "-", " ", "  ", "\n", "'", '"', "{", "}", "[", "]", "&", "*", "!", "#", "|", ">", "%", "\\",
              "示", "é", "２"]
MARKUP = ["<script>alert(1)</script>", "&lt;script&gt;", "[x](jav&#x09;ascript:1)", "[x](javascript:alert(1))",
          "{: onclick=x }", "{{ site.name }}", "{% if x %}", "<img src=x onerror=y>", "&nbsp;", "<iframe>",
          "11010519491231002X", "13912345678"]
INDENTS = st.text(alphabet=" \t\u3000\u00a0", max_size=6)
ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le"]
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
ODD_SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u202f\u205f"

insertion = st.tuples(st.just("insert"), st.integers(min_value=0), st.sampled_from(CHARACTERS + MARKUP))
deletion = st.tuples(st.just("delete"), st.integers(min_value=0), st.integers(min_value=1, max_value=6))
reindent = st.tuples(st.just("indent"), st.integers(min_value=0), INDENTS)
mutation = st.one_of(insertion, insertion, deletion, reindent)


def mutate(text: str, steps: list[tuple[str, int, Any]]) -> str:
    for kind, where, what in steps:
        if kind == "insert":
            at = where % (len(text) + 1)
            text = text[:at] + what + text[at:]
        elif kind == "delete":
            at = where % (len(text) + 1)
            text = text[:at] + text[at + what:]
        else:
            lines = text.split("\n")
            number = where % len(lines)
            lines[number] = what + lines[number].lstrip(" ")
            text = "\n".join(lines)
    return text


def encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:  # a character GBK lacks: the editor's file stays UTF-8
        return text.encode("utf-8")


damaged_file = st.tuples(st.sampled_from(FILES), st.lists(mutation, min_size=1, max_size=3), st.sampled_from(ENCODINGS))
bounded = settings(max_examples=80, deadline=None, derandomize=True, database=None)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the minimal library for all examples: each damages one file and restores it
    (copying the library for every example took most of the time)."""
    root = tmp_path_factory.mktemp("properties") / "lib"
    shutil.copytree(MINIMAL, root)
    return root


@contextlib.contextmanager
def library_with(root: Path, rel: str, data: bytes):
    path = root / "data" / rel
    path.write_bytes(data)
    try:
        yield root
    finally:
        path.write_text(TEXTS[rel], encoding="utf-8")


def readable(data: bytes) -> Any:
    """What a file says when YAML can read it (decoded as ``--fix`` would), else ``None``."""
    decoded = decode(data, "x")
    text = decoded.text if decoded.text is not None else (decoded.shown if decoded.source_encoding else None)
    return None if text is None else build_tree(text, 24).plain


def without_repaired_characters(value: Any) -> Any:
    """What a file says once repaired, written independently of :mod:`fix`: zero-width characters
    and BOMs gone from every text, odd spaces gone from the start of keys."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch not in ZERO_WIDTH)
    if isinstance(value, list):
        return [without_repaired_characters(item) for item in value]
    if isinstance(value, dict):
        return {without_repaired_characters(key).lstrip(ODD_SPACES): without_repaired_characters(item)
                for key, item in value.items()}
    return value


@bounded
@given(damaged_file)
def test_check_places_every_problem_inside_the_file(scratch, damage):
    rel, steps, encoding = damage
    with library_with(scratch, rel, encode(mutate(TEXTS[rel], steps), encoding)) as root:
        _, report = check(Settings(data_dir=root / "data", manual_categories=1, manual_aspects=1))
        for problem in report.problems:
            assert problem.file.startswith("data/") and problem.code and problem.message
            text = report.texts.get(problem.file)
            if problem.line:
                assert text is not None, problem
                lines = text.split("\n")
                assert 1 <= problem.line <= len(lines), problem
                assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem
            else:
                assert problem.column == 0, problem
            assert format_problem(problem, text)
        assert format_json(report)
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["--config", str(root / "mkdocs.yml"), "check"]) in (0, 1)


@bounded
@given(damaged_file)
def test_fix_never_changes_what_a_readable_file_says(scratch, damage):
    rel, steps, encoding = damage
    data = encode(mutate(TEXTS[rel], steps), encoding)
    with library_with(scratch, rel, data) as root:
        options = Settings(data_dir=root / "data", manual_categories=1, manual_aspects=1)
        before = readable(data)
        for planned in fix.plan(options):
            if not planned.refused:
                fix.write(planned)
        after = (root / "data" / rel).read_bytes()
        if before is not None and after != data:
            assert readable(after) == without_repaired_characters(before)
        assert all(planned.refused for planned in fix.plan(options)), "a second --fix found more to repair"
        if after != data:  # once written, nothing that --fix could repair is reported any more
            _, report = check(options)
            assert not [p for p in report.problems if p.fixable], report.problems
