"""The YAML writer: what it writes loads back to the same data (and the same record) through the
library's own loader, and it writes the library's style — the embedded files in that style come
out byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.core.load import LoadedFile
from generator.core.schema import BY_FOLDER, BY_NAME
from generator.core.validate import validate_file
from generator.core.yamlnodes import build_tree
from generator.sheets.yamlwrite import canonical, record_text
from tests.support import REPO

FILES = sorted((REPO / "data").glob("*/*.yml"))
OWN_STYLE = re.compile(r"^\s*(?:- )?[\w-]*:? ?[>']|^'|^$|: '", re.MULTILINE)
"""Folded blocks, single quotes and blank lines: styles of hand-written files the writer does not use."""


def load(text: str) -> dict:
    tree = build_tree(text, 24)
    assert not tree.problems, tree.problems
    return tree.plain


def record(path: Path, text: str):
    tree = build_tree(text, 24)
    spec = BY_FOLDER[path.parent.name]
    valid, problems = validate_file(LoadedFile(path, path.name, spec, tree.root, tree.plain, text), 2030)
    assert valid is not None, problems
    return valid.record


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_data_file_round_trips(path: Path):
    spec = BY_FOLDER[path.parent.name]
    original = path.read_text(encoding="utf-8")
    plain = load(original)
    written = record_text(plain, spec)
    assert load(written) == canonical(plain, spec.model)
    assert canonical(canonical(plain, spec.model), spec.model) == canonical(plain, spec.model)
    assert record(path, written).model_dump() == record(path, original).model_dump()
    if not OWN_STYLE.search(original.split("\n", 1)[1].rstrip("\n")):
        assert written == original


def test_most_embedded_files_are_in_the_writer_s_own_style():
    own = [p for p in FILES if not OWN_STYLE.search(p.read_text(encoding="utf-8").split("\n", 1)[1].rstrip("\n"))]
    assert len(own) > len(FILES) * 0.6, "the style check would then prove little"
    assert all(p.parent.name != "questions" or p in own for p in FILES), "every question file is in it"


TRICKY = ["2510", "010", "true", "null", "~", "yes", "1e3", "0x1F", "2023-10-07", "a: b", "a #b", "#开头", "- 列表",
          "%", "@x", "`代码`", "'单引号'", '"双引号"', "“中文引号”", "[方括号]", "{花括号}", "*星号", "&锚", "!标签",
          "全角　空格", "行尾空格 ", " 行首空格", "第一行\n第二行", "第一行\n\n空一行", "缩进\n  第二行", "尾行换行\n",
          "制表\t符", "反斜杠\\n", "多行\n行尾空格  \n下一行", "…", "😀", "缩进\n\t制表符开头", "10:30", "...",
          "---", "控制\x07字符", "C1\x85换行", "段落\u2028分隔", "\ufeff开头", "末尾两个换行\n\n", "\n开头换行",
          "a:b", "中文：冒号", "key: value\nsecond: line", ""]


@pytest.mark.parametrize("text", TRICKY)
def test_any_text_comes_back_as_it_was(text: str):
    spec = BY_NAME["term"]
    plain = {"id": "t", "term": text, "aliases": [text, "别称"], "definition": text}
    written = record_text(plain, spec)
    back = load(written)
    expected = text + "\n" if "\n" in text and not text.endswith("\n") else text
    assert back["definition"] == expected and back["aliases"] == [expected, "别称"]
    assert back["term"] == expected


def test_numbers_stay_bare_where_the_field_is_a_number_and_are_quoted_where_it_is_text():
    site = record_text({"id": "s", "name": "2023", "honours": [{"title": "示范点", "year": "2023"}]}, BY_NAME["site"])
    assert 'name: "2023"\n' in site and "    year: 2023\n" in site
    source = record_text({"id": "s", "title": "true", "date": "2008"}, BY_NAME["source"])
    assert 'title: "true"\n' in source and "date: 2008\n" in source


def test_keys_follow_the_model_and_unknown_keys_come_last():
    text = record_text({"stem": "题干", "zzz": "x", "id": "q", "kind": "判断"}, BY_NAME["question"])
    assert text.split("\n")[1:5] == ["id: q", "kind: 判断", "stem: 题干", "zzz: x"]
