"""In the browser: a data error saved under ``hongling serve`` shows the problems panel over the
page, with the problem's file, line and column; saving the fix brings the page back, updated,
without anyone reloading it (MkDocs' live reload does)."""

from __future__ import annotations

from tests.support.browser import Visit
from tests.support.preview import preview_server
from tests.support.sitebuild import site_config


def test_a_data_error_shows_over_the_page_and_the_fix_clears_it(browser, library, tmp_path):
    config = site_config(library.root)
    with preview_server(config, tmp_path / "serve.log") as server:
        visit = Visit(browser, server.root)
        page = visit.open("cases/demo-case.html")
        heading = page.locator("article h1")
        assert heading.inner_text().startswith("示例县“红色示范”工程")
        page.evaluate("window.notReloaded = true")

        library.replace("cases/demo-case.yml", "region: county", "region: countyy")
        panel = page.locator("#hl-preview-problems")
        panel.wait_for(state="visible", timeout=60_000)
        text = panel.inner_text()
        assert "数据有问题" in text
        assert "data/cases/demo-case.yml:5:9: 错误 E-REF 字段 region" in text
        assert "提示：" in text and "county" in text
        assert heading.inner_text().startswith("示例县“红色示范”工程"), "the last good page stays under it"
        assert page.evaluate("window.notReloaded") is None, "the page was reloaded by the server"

        page.evaluate("window.notReloaded = true")
        library.replace("cases/demo-case.yml", "region: countyy", "region: county")
        library.replace("cases/demo-case.yml", "title: 示例县“红色示范”工程", "title: 示例县“红色示范”工程（新版）")
        page.locator("article h1", has_text="（新版）").wait_for(timeout=60_000)
        assert panel.count() == 0
        assert page.evaluate("window.notReloaded") is None
        assert visit.external == [] and visit.errors == []
        visit.close()
