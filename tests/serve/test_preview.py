"""``hongling serve``, the real server: after a sequence of edits (a title, a new case, a deleted
site, a handbook category's title in the navigation, a glossary definition marked on pages, a
broken reference and its fix) it serves exactly what a fresh full build of the edited library
writes: every page, the search index, the sitemap and the Word documents. A data error is laid
over the last good pages, with its position, and fixing it clears it."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import Settings
from tests.support import REPO
from tests.support.preview import assert_same_site, preview_server
from tests.support.server import hongling_build
from tests.support.sitebuild import copy_library, site_config

CASE = "cases/gaoxin-sanzhuan.yml"
SITE = "sites/gaoxin-caishichang-lianmeng.yml"
SITE_HOLDER = "cases/gaoxin-qiangji-guben.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def embedded_copy(tmp_path: Path) -> tuple[Path, Path]:
    library = copy_library(REPO, tmp_path / "lib")
    return library / "data", site_config(library, manual_categories=9, manual_aspects=26)


def test_after_a_sequence_of_edits_every_file_equals_a_fresh_full_build(tmp_path):
    data, config = embedded_copy(tmp_path)
    with preview_server(config, tmp_path / "serve.log") as server:
        # pages read before the edits, so that anything kept too long would show
        for url in ("cases/gaoxin-sanzhuan.html", "cases/index.html", "browse/region.html", "regions/jinan.html",
                    "sites/gaoxin-caishichang-lianmeng.html", "search/meta.js", "sitemap.xml"):
            assert server.get(url), url

        edit(data / CASE, "title: 济南高新区党建“三专”服务体系", "title: 济南高新区党建“三专”服务体系（改）")
        server.wait_for(lambda: "服务体系（改）" in server.text("cases/gaoxin-sanzhuan.html"), "the new title")

        new_case = (data / "cases/wenshang-hongse-yinqing.yml").read_text(encoding="utf-8")
        new_case = (new_case.replace("id: wenshang-hongse-yinqing", "id: wenshang-xin-anli")
                    .replace("title: 汶上县“红色引擎”工程", "title: 汶上县新增案例")
                    .replace("brand: “红色引擎”工程", "brand: “新增”品牌"))
        (data / "cases/wenshang-xin-anli.yml").write_text(new_case, encoding="utf-8")
        server.wait_for(lambda: server.get("cases/wenshang-xin-anli.html") is not None, "the new case's page")

        (data / SITE).unlink()
        edit(data / SITE_HOLDER, "  - gaoxin-caishichang-lianmeng\n", "")
        server.wait_for(lambda: server.get("sites/gaoxin-caishichang-lianmeng.html") is None, "the site's page gone")

        edit(data / "manual/dangfei.yml", "title: 党费\n", "title: 党费收缴与使用\n")  # in the navigation
        server.wait_for(lambda: "党费收缴与使用" in server.text("sites/gaoxin-dangjian-xueyuan.html"), "the new nav")

        edit(data / "glossary/badayuan.yml", "definition: 汶上县", "definition: 山东省汶上县")  # marked on pages
        server.wait_for(lambda: "山东省汶上县对驻企干部" in server.text("cases/wenshang-hongse-yinqing.html"),
                        "the new definition")

        edit(data / CASE, "region: jinan-gaoxin", "region: jinan-gaoxinqu")
        server.wait_for(lambda: "hl-preview-problems" in server.text("cases/gaoxin-sanzhuan.html"), "the problems")
        page = server.text("cases/gaoxin-sanzhuan.html")
        assert "data/cases/gaoxin-sanzhuan.yml:6:9: 错误 E-REF 字段 region" in page
        assert "服务体系（改）" in page, "the last good page stays under the problems"

        edit(data / CASE, "region: jinan-gaoxinqu", "region: jinan-gaoxin")
        server.wait_for(lambda: "hl-preview-problems" not in server.text("cases/gaoxin-sanzhuan.html"), "the fix")

        fresh = hongling_build(config, tmp_path / "fresh")
        assert_same_site(fresh, server)
        assert server.get("sites/gaoxin-caishichang-lianmeng.html") is None


def test_a_library_broken_at_the_start_shows_its_problems_until_it_is_fixed(library, tmp_path):
    library.replace("cases/demo-case.yml", "region: county", "region: countyy")
    config = site_config(library.root)
    with preview_server(config, tmp_path / "serve.log") as server:
        page = server.text("index.html")
        assert "hl-preview-problems" in page and "data/cases/demo-case.yml:5:9: 错误 E-REF 字段 region" in page
        assert server.get("cases/demo-case.html") is not None, "any page shows the problems"

        library.replace("cases/demo-case.yml", "region: countyy", "region: county")
        server.wait_for(lambda: "hl-preview-problems" not in server.text("index.html"), "the fix")
        assert_same_site(hongling_build(config, tmp_path / "fresh"), server)


def test_edits_of_hand_written_pages_and_of_mkdocs_yml_show_too(library, tmp_path):
    docs = tmp_path / "content"
    shutil.copytree(REPO / "content", docs)
    config = site_config(library.root, docs_dir=docs)
    with preview_server(config, tmp_path / "serve.log") as server:
        assert server.get("about.html") and server.get("cases/demo-case.html")

        edit(docs / "about.md", "# 关于本站 {#about}\n", "# 关于本站 {#about}\n\n预览测试新增的一段。\n")
        server.wait_for(lambda: "预览测试新增的一段" in server.text("about.html"), "the edited page")

        (docs / "guide" / "new-page.md").write_text("# 新的手写页面\n\n见[关于](../about.md)。\n", encoding="utf-8")
        server.wait_for(lambda: server.get("guide/new-page.html") is not None, "the new page")

        edit(config, "site_name: 红领", "site_name: 预览测试·红领")
        server.wait_for(lambda: "预览测试·红领" in server.text("cases/demo-case.html"), "the new site name")

        assert_same_site(hongling_build(config, tmp_path / "fresh"), server)


def test_should_the_generator_fail_its_error_shows_and_the_next_refresh_starts_afresh(library, monkeypatch):
    from generator.serve import incremental
    from generator.serve.preview import Preview

    config = site_config(library.root)
    settings = Settings(data_dir=library.data, manual_categories=1, manual_aspects=1)
    preview = Preview(config, lambda: settings)
    assert not preview.refresh().failed
    assert b"<h1" in (preview.get("cases/demo-case.html") or b"")

    def broken(*args: object) -> str:
        raise RuntimeError("模板坏了")

    monkeypatch.setattr(incremental, "render", broken)
    library.replace("cases/demo-case.yml", "title: 示例县", "title: 新示例县")
    assert preview.refresh([library.data / "cases" / "demo-case.yml"]).failed
    trouble = preview.trouble()
    assert trouble is not None and trouble.heading.startswith("生成页面时出错") and "模板坏了" in trouble.texts[0]

    monkeypatch.undo()
    assert not preview.refresh([library.data / "cases" / "demo-case.yml"]).failed
    assert preview.trouble() is None
    assert "新示例县" in (preview.get("cases/demo-case.html") or b"").decode("utf-8")
