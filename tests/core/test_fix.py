"""``hongling check --fix``: each mechanical repair, what it leaves alone, how it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import Settings
from generator.core import fix
from tests.support import REPO
from tests.support.library import Library

CASE = "cases/demo-case.yml"
COUNTY = "regions/county.yml"
SITE = "sites/demo-site.yml"


def settings(library: Library) -> Settings:
    return Settings(data_dir=library.data, manual_categories=1, manual_aspects=1)


def fix_all(library: Library) -> list[fix.FileFix]:
    fixes = fix.plan(settings(library))
    for planned in fixes:
        if not planned.refused:
            fix.write(planned)
    return fixes


def hongling(library: Library, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--config", str(library.root / "mkdocs.yml"), "check", *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=REPO)


REPAIRS = [
    ("GBK file", lambda lib: lib.write(COUNTY, lib.read(COUNTY).encode("gbk"))),
    ("UTF-16 file", lambda lib: lib.write(COUNTY, lib.read(COUNTY).encode("utf-16"))),
    ("UTF-16 without BOM", lambda lib: lib.write(COUNTY, lib.read(COUNTY).encode("utf-16-be"))),
    ("tab indentation", lambda lib: lib.replace(SITE, "\n  - title", "\n\t- title")),
    ("full-width spaces indenting a list item", lambda lib: lib.replace(CASE, "  - 非公企业", "\u3000\u3000- 非公企业")),
    ("full-width spaces indenting a key", lambda lib: lib.replace(CASE, "    label:", "\u3000\u3000label:")),
    ("full-width space read as part of a key", lambda lib: lib.replace(COUNTY, "name:", "\u3000name:")),
    ("full-width colon", lambda lib: lib.replace(COUNTY, "name: 示例县", "name：示例县")),
    ("full-width colon in a list item", lambda lib: lib.replace(CASE, "  - id: certified", "  - id：certified")),
    ("full-width colon and space", lambda lib: lib.replace(COUNTY, "name: 示例县", "name： 示例县")),
    ("full-width space after the colon", lambda lib: lib.replace(COUNTY, "name: 示例县", "name:\u3000示例县")),
    ("zero-width space in an id", lambda lib: lib.replace(COUNTY, "id: county", "id: coun\u200bty")),
    ("BOM in mid-file", lambda lib: lib.replace(COUNTY, "level:", "\ufefflevel:")),
    ("several at once", lambda lib: lib.write(CASE, lib.read(CASE).replace("title: ", "title：").replace("  - 非公企业", "\t- 非公企业")
                                              .replace("kind: 党建品牌", "kind: 党建\u200b品牌"))),
]


def data_of(library: Library) -> dict[str, object]:
    """Every file's data as YAML reads it, all scalars as strings."""
    return {path.name: yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.BaseLoader)
            for path in library.data.rglob("*.yml")}


@pytest.mark.parametrize("name, damage", REPAIRS, ids=[r[0] for r in REPAIRS])
def test_repair_restores_a_clean_library(library: Library, name, damage):
    clean = data_of(library)
    damage(library)
    assert library.check().problems != []
    fixes = fix_all(library)
    assert [f.refused for f in fixes] == [""]
    assert library.check().problems == []
    assert data_of(library) == clean
    assert fix.plan(settings(library)) == []  # nothing left to do: a second run changes nothing


def test_repairs_keep_every_other_byte_and_the_line_endings(library: Library):
    clean = library.read(CASE)
    library.write(CASE, clean.replace("title: ", "title：").replace("kind: 党建品牌", "kind: 党建\u200b品牌")
                  .replace("\n", "\r\n").encode())
    fix_all(library)
    assert (library.data / CASE).read_bytes() == clean.replace("\n", "\r\n").encode()


def test_reencoded_file_is_named_and_a_line_shown_for_checking(library: Library):
    library.write(COUNTY, library.read(COUNTY).encode("gbk"))
    fixes = fix.plan(settings(library))
    summary = fix.format_fixes(fixes, dry_run=False)
    assert "data/regions/county.yml：已修复，从 GBK/GB18030 编码转成 UTF-8" in summary
    assert "请核对：第 2 行现在读作 “name: 示例县”" in summary


def test_summary_shows_each_changed_line_before_and_after(library: Library):
    library.replace(CASE, "  - 非公企业", "\u3000\u3000- 非公企业")
    library.replace(CASE, "kind: 党建品牌", "kind: 党建\u200b品牌")
    summary = fix.format_fixes(fix.plan(settings(library)), dry_run=True)
    assert summary.splitlines()[:5] == [
        "data/cases/demo-case.yml：将修复",
        "  - 4 | kind: 党建⟨零宽空格⟩品牌",
        "  + 4 | kind: 党建品牌",
        "  - 8 | ⟨全角空格⟩⟨全角空格⟩- 非公企业",
        "  + 8 |     - 非公企业",
    ]


def test_what_needs_an_editor_is_left_alone(library: Library):
    """Wrong values, unknown keys, NUL bytes, broken UTF-8, bidi controls and a paragraph that
    opens with 全角空格 outside its block are reported, never guessed at."""
    library.replace(CASE, "region: county", "region: countyy")
    library.replace(CASE, "title:", "titel:")
    library.write(COUNTY, "id: county\nname: 示例县\x00\n".encode())
    library.write("regions/city.yml", library.read("regions/city.yml").encode()[:-3] + b"\xe5\x8e\n")
    library.replace("regions/province.yml", "name: ", "name: \u202e")
    library.replace(SITE, "host: 示例企业", "host: |\n  第一段。\n\u3000\u3000第二段。")
    before = {path: path.read_bytes() for path in library.data.rglob("*.yml")}
    assert fix.plan(settings(library)) == []
    assert {path: path.read_bytes() for path in library.data.rglob("*.yml")} == before


def test_a_repair_that_would_change_the_data_is_not_written(library: Library, monkeypatch):
    """The safety net: were an edit to change what a readable file says, nothing is written."""
    from generator.core import yamlnodes

    library.replace(COUNTY, "id: county", "id: coun\u200bty")
    real = fix.read_tree

    def wrong_edit(text, max_depth):
        tree, found = real(text, max_depth)
        if "区县" in text:
            found = [*found, yamlnodes.TreeProblem("E-TEST", "", "", 2, 0, edits=(yamlnodes.Edit(2, 0, "level: 区县", "level: 省"),))]
        return tree, found

    monkeypatch.setattr(fix, "read_tree", wrong_edit)
    before = library.read(COUNTY)
    fixes = fix_all(library)
    assert [f.refused for f in fixes] == ["修改后读出的数据与原来不同，没有写入；请手工修改。"]
    assert library.read(COUNTY) == before
    assert "未修复" in fix.format_fixes(fixes, dry_run=False)


def test_write_is_atomic_and_keeps_the_file_mode(library: Library):
    library.replace(COUNTY, "name: ", "name：")
    path = library.data / COUNTY
    os.chmod(path, 0o640)
    fix_all(library)
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["city.yml", "county.yml", "province.yml"]  # no temp file left
    assert library.check().problems == []


def test_cli_dry_run_writes_nothing_and_fix_writes(library: Library):
    library.replace(COUNTY, "name: 示例县", "name：示例县")
    before = library.read(COUNTY)
    dry = hongling(library, "--fix", "--dry-run")
    assert dry.returncode == 1
    assert "将修复" in dry.stdout and "  + 2 | name: 示例县" in dry.stdout and "去掉 --dry-run" in dry.stdout
    assert library.read(COUNTY) == before
    done = hongling(library, "--fix")
    assert done.returncode == 0, done.stdout
    assert "已修复" in done.stdout and "数据检查通过" in done.stdout
    assert library.read(COUNTY) == before.replace("name：示例县", "name: 示例县")


def test_cli_fix_as_json(library: Library):
    import json

    library.replace(COUNTY, "id: county", "id: coun\u200bty")
    result = json.loads(hongling(library, "--fix", "--format", "json").stdout)
    assert result["errors"] == 0
    assert result["fixes"] == [{"file": "data/regions/county.yml", "written": True, "refused": "", "reencoded_from": "",
                                "changes": [{"line": 1, "before": "id: coun⟨零宽空格⟩ty", "after": "id: county"}]}]


def test_dry_run_needs_fix(library: Library):
    assert hongling(library, "--dry-run").returncode == 2


def test_fix_on_an_empty_or_missing_folder(tmp_path: Path):
    assert fix.plan(Settings(data_dir=tmp_path / "missing")) == []
    assert fix.format_fixes([], dry_run=False) == "没有可以自动修复的问题。"
