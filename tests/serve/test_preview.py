"""``hongling serve``, the real server: after a sequence of edits it serves exactly what a fresh
full build of the edited library writes, every page, the search index and the Word documents;
a data error is laid over the last good pages, with its position, and fixing it clears it."""

from __future__ import annotations

from pathlib import Path

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
