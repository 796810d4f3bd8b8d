"""What `mkdocs serve` keeps between rebuilds: unchanged files are not read again, changed ones are."""

from __future__ import annotations

import os

from jinja2 import DictLoader, Environment

from generator import Settings, check
from generator.serve.bytecode import MemoryBytecodeCache
from generator.serve.filecache import FileCache


def settings_of(library) -> Settings:
    return Settings(data_dir=library.data, manual_categories=1, manual_aspects=1)


def test_a_rebuild_reads_only_the_edited_file_and_sees_the_edit(library):
    cache = FileCache()
    kb, report = check(settings_of(library), cache)
    assert not report.errors
    files = cache.misses
    assert files > 5 and cache.hits == 0

    case = library.data / "cases" / "demo-case.yml"
    library.replace("cases/demo-case.yml", "title:", "title: 改过的")
    os.utime(case, ns=(case.stat().st_atime_ns, case.stat().st_mtime_ns + 1_000_000))
    kb, report = check(settings_of(library), cache)
    assert not report.errors
    assert (cache.hits, cache.misses) == (files - 1, files + 1)
    assert kb.get("demo-case").record.title.startswith("改过的")


def test_a_rebuild_reports_a_new_error_and_forgets_deleted_files(library):
    cache = FileCache()
    check(settings_of(library), cache)
    library.write("cases/demo-case.yml", library.read("cases/demo-case.yml") + "colour: red\n")
    _, report = check(settings_of(library), cache)
    assert [p.code for p in report.errors] == ["E-UNKNOWN-KEY"]

    (library.data / "sites" / "demo-site.yml").unlink()
    check(settings_of(library), cache)
    assert not any(path.name == "demo-site.yml" for path in cache.loaded)
    assert not any(path.name == "demo-site.yml" for path in cache.validated)


def test_cached_templates_are_recompiled_when_their_source_changes():
    sources = {"page.j2": "第一版 {{ n }}"}
    cache = MemoryBytecodeCache()
    assert Environment(loader=DictLoader(sources), bytecode_cache=cache).get_template("page.j2").render(n=1) == "第一版 1"
    assert cache._store, "the compiled template was not kept"
    assert Environment(loader=DictLoader(sources), bytecode_cache=cache).get_template("page.j2").render(n=2) == "第一版 2"
    sources["page.j2"] = "第二版 {{ n }}"
    assert Environment(loader=DictLoader(sources), bytecode_cache=cache).get_template("page.j2").render(n=3) == "第二版 3"


def build_twice_as_serve_does(config_path, out, edit) -> object:
    """Two builds with one plugin instance kept between them, the way `mkdocs serve` runs them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_path), site_dir=str(out))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    edit()
    config = load_config(str(config_path), site_dir=str(out))
    build(config)
    return config.plugins["hongling"]


def test_a_serve_rebuild_after_an_edit_equals_a_full_build(library, tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from tests.support.sitebuild import site_config, tree_hashes

    config_path = site_config(library.root)
    plugin = build_twice_as_serve_does(
        config_path, tmp_path / "served",
        lambda: library.replace("cases/demo-case.yml", "title:", "title: 改过的"))
    assert plugin.state is not None and plugin.state.conversions.reused > 0
    assert plugin.state.conversions.converted > 0
    assert "改过的" in (tmp_path / "served" / "cases" / "demo-case.html").read_text(encoding="utf-8")

    fresh = load_config(str(config_path), site_dir=str(tmp_path / "fresh"))
    build(fresh)
    assert tree_hashes(tmp_path / "served") == tree_hashes(tmp_path / "fresh")


def test_kept_word_documents_are_reused_and_those_of_deleted_records_forgotten(library):
    from generator.pipeline import Reuse, run
    from generator.serve.documents import DocumentCache

    cache = DocumentCache()
    first = run(settings_of(library), reuse=Reuse(documents=cache))
    assert not first.report.errors
    handout = [path for path in cache.kept if "demo-handout" in path]
    assert handout and all(path in first.documents for path in handout)
    written = cache.written

    again = run(settings_of(library), reuse=Reuse(documents=cache))
    assert cache.written == written and {p: again.documents[p] for p in cache.kept} == {p: first.documents[p] for p in cache.kept}

    library.write("handouts/demo-handout.yml", None)
    after = run(settings_of(library), reuse=Reuse(documents=cache))
    assert not after.report.errors
    assert not any(path in cache.kept or path in after.documents for path in handout)
    assert set(cache.kept) <= set(after.documents) and cache.written == written
