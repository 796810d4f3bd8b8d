"""The hongling command: exit codes, output formats, schemas, and Chinese under LC_ALL=C."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from generator.core.schema import BY_FOLDER, KINDS
from tests.support import REPO
from tests.support.library import MINIMAL, Library

ROOT = REPO


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=environment, cwd=cwd)


def config_of(library: Library) -> str:
    return str(library.root / "mkdocs.yml")


def test_clean_library_exits_0():
    result = run("--config", str(MINIMAL / "mkdocs.yml"), "check")
    assert result.returncode == 0, result.stdout
    assert "数据检查通过" in result.stdout


def test_data_error_exits_1_with_position_quote_caret_and_hint(library: Library):
    library.replace("cases/demo-case.yml", "region: county", "region: countyy")
    result = run("--config", config_of(library), "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if "E-REF" in line)
    assert lines[head] == "data/cases/demo-case.yml:5:9: 错误 E-REF 字段 region：找不到地区 “countyy”。"
    assert lines[head + 1] == "  5 | region: countyy"
    assert lines[head + 2] == "    |         ^^^^^^^"
    assert lines[head + 3] == "  提示：是否指 “county”（示例县）？"


def test_caret_is_aligned_under_chinese_text(library: Library):
    library.replace("regions/county.yml", "name: 示例县", "name: 示例县 13912345678")
    lines = run("--config", config_of(library), "check").stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if "E-PERSONAL" in line)
    source, caret = lines[head + 1], lines[head + 2]
    assert source == "  2 | name: 示例县 139****5678"  # masked in the quoted line too, same width
    assert caret == "    | " + " " * (6 + 6 + 1) + "^" * 11


def test_warnings_fail_only_under_strict(library: Library):
    library.replace("cases/demo-case.yml", "quote: 累计认证党务干部200余名", "quote: 累计认证党务干部若干名")
    assert run("--config", config_of(library), "check").returncode == 0
    assert run("--config", config_of(library), "check", "--strict").returncode == 1


def test_json_format_for_tools(library: Library):
    library.replace("cases/demo-case.yml", "year: 2023\norg", "year: 3023\norg")
    result = run("--config", config_of(library), "check", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    problem = report["problems"][0]
    assert (problem["code"], problem["file"], problem["line"], problem["column"], problem["field"]) == \
        ("E-YEAR", "data/cases/demo-case.yml", 6, 7, "year")
    assert problem["level"] == "error" and "2023" in problem["hint"]


def test_usage_error_exits_2_in_chinese():
    result = run("chek")
    assert result.returncode == 2
    assert "用法错误" in result.stderr


def test_messages_print_under_c_locale(library: Library):
    library.replace("cases/demo-case.yml", "region: county", "region: countyy")
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0"}
    result = subprocess.run([sys.executable, "-m", "generator", "--config", config_of(library), "check"],
                            capture_output=True, env={**os.environ, **env}, cwd=ROOT)
    assert result.returncode == 1
    assert "找不到地区".encode() in result.stdout


def test_committed_json_schemas_are_current(tmp_path: Path):
    assert run("schema", "--out", str(tmp_path)).returncode == 0
    for generated in sorted(tmp_path.glob("*.schema.json")):
        committed = ROOT / "jsonschema" / generated.name
        assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), \
            f"{committed.name} is stale: run `hongling schema`"
    assert {p.name for p in tmp_path.glob("*.schema.json")} == {f"{spec.name}.schema.json" for spec in KINDS}


def test_every_data_file_names_its_schema():
    for path in sorted((ROOT / "data").rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = BY_FOLDER[path.parent.name].name
        assert first == f"# yaml-language-server: $schema=../../jsonschema/{kind}.schema.json", path


def test_codes_are_listed():
    result = run("codes")
    assert result.returncode == 0
    assert "E-REF" in result.stdout and "W-QUOTE" in result.stdout
