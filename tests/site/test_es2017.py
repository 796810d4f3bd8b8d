"""The site's own scripts and the search index parse as ES2017 (the floor: 360 极速模式 and the
Chromium-based browsers on 信创 machines), checked with acorn, a real JavaScript parser, run by
Debian's node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import REPO

NODE = shutil.which("node") or shutil.which("nodejs")
CHECKER = REPO / "tests" / "support" / "es2017.js"
SCRIPTS = REPO / "overrides" / "assets" / "javascripts"


def unparsable(files: list[Path]) -> dict[str, str]:
    assert NODE, "Debian's nodejs is missing: `make test` installs it"
    out = subprocess.run([NODE, str(CHECKER), *map(str, files)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_site_scripts_parse_as_es2017():
    files = sorted(SCRIPTS.glob("*.js"))
    assert {"hongling-search.js", "a11y.js", "tools-dues.js"} <= {f.name for f in files}
    assert unparsable(files) == {}


def test_the_search_index_scripts_parse_as_es2017(built_site: Path):
    files = sorted((built_site / "search").rglob("*.js"))
    assert len(files) > 3
    assert unparsable(files) == {}


@pytest.mark.parametrize("newer", ["var b = a?.b;", "var c = a ?? 1;", "class A { #x = 1; }",
                                   "var { ...rest } = o;", "try {} catch {}"])
def test_newer_syntax_is_refused(tmp_path: Path, newer: str):
    script = tmp_path / "newer.js"
    script.write_text(f"var a = {{}}, o = {{}};\n{newer}\n", encoding="utf-8")
    assert str(script) in unparsable([script])


def test_es2017_syntax_is_accepted(tmp_path: Path):
    script = tmp_path / "es2017.js"
    script.write_text("async function f(x) { const y = await x; return `${y}` + (2 ** 3); }\n", encoding="utf-8")
    assert unparsable([script]) == {}
