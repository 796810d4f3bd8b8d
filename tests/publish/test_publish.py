"""Publishing loses nothing: a failed build leaves the published site byte-for-byte unchanged."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

from generator.cli import main
from generator.publish.build import swap_into_place
from tests.support import REPO
from tests.support.library import MINIMAL
from tests.support.sitebuild import copy_library, site_config, tree_hashes

CASE = "data/cases/demo-case.yml"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    lib = copy_library(MINIMAL, tmp_path / "lib")
    site_config(lib)
    return lib


def build(library: Path, *extra: str) -> int:
    return main(["--config", str(library / "mkdocs.yml"), "build", *extra])


def leftovers(library: Path) -> list[str]:
    return sorted(p.name for p in library.iterdir() if p.name.startswith(("site.tmp-", "site.old-")))


def break_case(library: Path) -> None:
    path = library / CASE
    path.write_text(path.read_text(encoding="utf-8").replace("region: county", "region: nowhere"), encoding="utf-8")


def test_failed_build_leaves_the_published_site_byte_for_byte_unchanged(library, capsys):
    assert build(library, "--strict") == 0
    before = tree_hashes(library / "site")
    assert "cases/demo-case.html" in before

    break_case(library)
    assert build(library, "--strict") == 1
    err = capsys.readouterr().err
    assert f"{CASE}:5:9" in err and "E-REF" in err and "原有的站点保持不变" in err
    assert tree_hashes(library / "site") == before
    assert leftovers(library) == []


def test_site_survives_a_failure_inside_mkdocs(library, tmp_path):
    """The data is clean but MkDocs refuses the build (--strict, a broken link in a hand-written page)."""
    assert build(library, "--strict") == 0
    before = tree_hashes(library / "site")
    docs = tmp_path / "content"
    shutil.copytree(REPO / "content", docs)
    (docs / "about.md").write_text("# 关于\n\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    site_config(library, docs_dir=docs)

    assert build(library, "--strict") == 1
    assert tree_hashes(library / "site") == before
    assert leftovers(library) == []


def test_successful_build_replaces_the_site_and_cleans_up(library):
    assert build(library) == 0
    (library / "site" / "stale.html").write_text("old", encoding="utf-8")
    path = library / "data/sites/demo-site.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("示例企业党群服务站", "示例企业党群服务中心"), encoding="utf-8")

    assert build(library) == 0
    assert not (library / "site" / "stale.html").exists()
    assert "示例企业党群服务中心" in (library / "site/sites/demo-site.html").read_text(encoding="utf-8")
    assert leftovers(library) == []


def test_out_option_builds_elsewhere(library, tmp_path):
    assert build(library, "--out", str(tmp_path / "published")) == 0
    assert (tmp_path / "published" / "index.html").is_file()
    assert not (library / "site").exists()


def test_swap_restores_the_old_site_when_the_second_rename_fails(tmp_path, monkeypatch):
    old, new = tmp_path / "site", tmp_path / "site.tmp-1"
    old.mkdir(), new.mkdir()
    (old / "index.html").write_text("old", encoding="utf-8")
    (new / "index.html").write_text("new", encoding="utf-8")
    real_rename = os.rename

    def rename(src, dst):
        if Path(src) == new:
            raise OSError("disk full")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError):
        swap_into_place(new, old)
    assert (old / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.tmp-1"]


# --- the plugin's handling of problems and files ----------------------------------------------


def plugin_of(library: Path):
    config = load_config(str(library / "mkdocs.yml"))
    return config, config.plugins["hongling"]


def test_plugin_lists_every_problem_in_one_error(library):
    break_case(library)
    county = library / "data/regions/county.yml"
    county.write_text(county.read_text(encoding="utf-8").replace("level: 区县", "level: 县"), encoding="utf-8")
    config, plugin = plugin_of(library)
    with pytest.raises(PluginError) as caught:
        plugin.on_config(config)
    message = str(caught.value)
    assert f"{CASE}:5:9" in message and "data/regions/county.yml:3:8" in message
    assert "共 2 个错误" in message


def test_warnings_are_logged_and_fatal_only_under_strict(library, caplog):
    (library / "data/cases/notes.txt").write_text("草稿", encoding="utf-8")
    config, plugin = plugin_of(library)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.hongling"):
        plugin.on_config(config)
    assert any("W-STRAY-FILE" in r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.hongling")

    site_config(library, strict=True)
    config, plugin = plugin_of(library)
    with pytest.raises(PluginError, match="W-STRAY-FILE"):
        plugin.on_config(config)


def test_generated_pages_edit_their_yaml_file(library):
    config, _ = plugin_of(library)
    config = config.plugins.on_config(config)  # through MkDocs' event runner, as a build does
    files = config.plugins.on_files(get_files(config), config=config)
    edit = {f.src_uri: f.edit_uri for f in files}
    assert edit["cases/demo-case.md"] == CASE
    assert edit["handbook/demo-aspect.md"] == "data/manual/demo-category.yml"
    assert edit["glossary.md"] is None  # gathers many files: no single file to edit
    assert edit["about.md"].endswith("content/about.md")


def test_a_hand_written_page_may_not_shadow_a_generated_one(library, tmp_path):
    docs = tmp_path / "content"
    shutil.copytree(REPO / "content", docs)
    (docs / "glossary.md").write_text("# 术语\n", encoding="utf-8")
    site_config(library, docs_dir=docs)
    config, _ = plugin_of(library)
    config = config.plugins.on_config(config)
    with pytest.raises(PluginError, match="glossary.md"):
        config.plugins.on_files(get_files(config), config=config)


def test_serve_watches_the_data_and_the_templates(library):
    config, _ = plugin_of(library)
    config = config.plugins.on_config(config)
    watched = []

    class Server:
        def watch(self, path, *args, **kwargs):
            watched.append(Path(path))

    config.plugins["hongling"].on_serve(Server(), config, builder=None)
    assert (library / "data").resolve() in watched
    assert REPO / "generator" / "site" / "templates" in watched
