"""The shipped nginx configuration (deploy/nginx/hongling.conf) serving the built site: MIME types,
caching, gzip, security headers, the custom 404 page, and the site working in Chromium under its
Content-Security-Policy without a single violation or external request.

Needs Debian's nginx (``make test`` installs it); nginx runs in the foreground as a child of this
test with every path (pid, logs, temp files) under a temp folder, and is stopped at the end.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support import REPO
from tests.support.browser import Visit
from tests.support.server import stop

SHIPPED = REPO / "deploy" / "nginx" / "hongling.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_config(site: Path, port: int, tmp: Path) -> str:
    """nginx.conf for the test: the shipped file inside an http block, on 127.0.0.1:port, root = site."""
    server = SHIPPED.read_text(encoding="utf-8")
    server, listens = re.subn(r"(?m)^(\s*)listen\s+[^;]+;", rf"\1listen 127.0.0.1:{port};", server)
    server, roots = re.subn(r"(?m)^(\s*)root\s+[^;]+;", rf"\1root {site};", server)
    assert listens == 1 and roots == 1, "hongling.conf must have one listen and one root line"
    temps = "\n".join(f"    {kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # the site lives in a root-only temp folder
    return f"""{user}daemon off;
worker_processes 1;
pid {tmp / 'nginx.pid'};
error_log {tmp / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {tmp / 'access.log'};
{temps}
{server}
}}
"""


test_config.__test__ = False  # a helper, not a test


@pytest.fixture(scope="module")
def nginx_root(built_site: Path, tmp_path_factory: pytest.TempPathFactory):
    assert Path(NGINX).exists(), "Debian's nginx is missing: `make test` installs it"
    tmp = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(test_config(built_site, port, tmp), encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(conf)],
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([NGINX, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, f"nginx exited: {process.stderr.read().decode(errors='replace')}"
                assert time.monotonic() < deadline, "nginx did not start listening within 15 s"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process, timeout=10)


def fetch(url: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def fingerprinted(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return found[0].relative_to(site).as_posix()


def test_html_is_utf8_never_cached_and_carries_security_headers(nginx_root: str):
    status, headers, body = fetch(nginx_root + "index.html")
    assert status == 200 and "红领" in body.decode("utf-8")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-cache"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "SAMEORIGIN"
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert "http:" not in csp and "https:" not in csp and "*" not in csp
    assert "server" not in headers or "nginx/" not in headers["server"]  # no version leaked


def test_fingerprinted_assets_are_cached_for_a_year_others_revalidate(nginx_root: str, built_site: Path):
    bundle = fingerprinted(built_site, "assets/javascripts/bundle.*.min.js")
    status, headers, _ = fetch(nginx_root + bundle)
    assert status == 200 and headers["content-type"].split(";")[0] == "application/javascript"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    status, headers, _ = fetch(nginx_root + fingerprinted(built_site, "assets/stylesheets/main.*.min.css"))
    assert headers["content-type"].split(";")[0] == "text/css" and "immutable" in headers["cache-control"]
    status, headers, _ = fetch(nginx_root + "assets/stylesheets/hongling.css")  # no hash in the name
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert "content-security-policy" in headers


@pytest.mark.parametrize("path, mime", [
    ("search/meta.js", "application/javascript"),
    ("assets/images/favicon.png", "image/png"),
    ("sitemap.xml", "text/xml"),
])
def test_mime_types(nginx_root: str, path: str, mime: str):
    status, headers, _ = fetch(nginx_root + path)
    assert status == 200 and headers["content-type"].split(";")[0] == mime


def test_mime_types_for_svg_and_woff2_are_known():
    """The site ships neither today (icons are inline, fonts are local system fonts) — the types
    are there for when it does."""
    text = MIME_TYPES.read_text(encoding="utf-8")
    assert re.search(r"image/svg\+xml\s+svg", text) and re.search(r"font/woff2\s+woff2", text)


@pytest.mark.parametrize("path", ["index.html", "search/s/0.js", "assets/stylesheets/hongling.css"])
def test_text_is_gzipped_when_the_browser_asks(nginx_root: str, path: str, built_site: Path):
    status, headers, body = fetch(nginx_root + path, gzip_ok=True)
    assert status == 200 and headers.get("content-encoding") == "gzip", headers
    assert gzip.decompress(body) == (built_site / path).read_bytes()
    assert "accept-encoding" in headers.get("vary", "").lower()


def test_missing_page_gets_the_sites_404_page(nginx_root: str, built_site: Path):
    status, headers, body = fetch(nginx_root + "cases/no-such-case.html")
    assert status == 404
    assert body == (built_site / "404.html").read_bytes()
    assert "content-security-policy" in headers


CSP_PROBE = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI), true);
"""


@pytest.fixture
def nginx_visit(browser, nginx_root: str):
    session = Visit(browser, nginx_root)
    console: list[str] = []
    session.page.on("console", lambda message: console.append(message.text))
    session.context.add_init_script(CSP_PROBE)
    yield session
    violations = session.page.evaluate("window.__csp || []")
    policy_messages = [text for text in console if "Content Security Policy" in text or "Refused to" in text]
    assert violations == [] and policy_messages == [], (violations, policy_messages)
    assert session.external == [], f"requests left the machine: {session.external}"
    assert session.errors == [], f"script errors: {session.errors}"
    session.close()


def _violations(visit: Visit) -> list[str]:
    return visit.page.evaluate("window.__csp || []")


def test_site_works_in_chromium_under_the_csp(nginx_visit: Visit):
    page = nginx_visit.open("index.html")
    assert "红领" in page.title()
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    assert _violations(nginx_visit) == []

    page = nginx_visit.open("cases/changqing-hongse-ningjuli.html")
    assert "200余名" in page.inner_text("article")
    assert _violations(nginx_visit) == []

    page = nginx_visit.open("handbook/sanhui-yike.html")
    term = page.locator("article a.hl-term").first
    definition = term.get_attribute("title") or term.get_attribute("data-title") or ""
    term.hover()
    page.locator(".md-tooltip2, .md-tooltip").filter(has_text=definition[:6]).first.wait_for(state="visible", timeout=5000)
    assert _violations(nginx_visit) == []

    page = nginx_visit.open("statistics.html")
    assert page.locator("table.hl-bars svg rect").count() >= 10
    page = nginx_visit.open("practices/dangjian-zhidaoyuan.html")
    assert page.locator("table.hl-compare").count() == 1
    assert _violations(nginx_visit) == []

    page = nginx_visit.open("cases/no-such-case.html")  # nginx's error_page, at a depth
    assert "找不到这个页面" in page.inner_text("article")
    page.locator("article a", has_text="回到首页").click()
    page.wait_for_url("**/index.html")
    page = nginx_visit.open("practices/index.html")
    assert page.locator("article a").count() > 0
    assert _violations(nginx_visit) == []

    page = nginx_visit.open("index.html")
    page.click("input.md-search__input")  # the index arrives through <script> elements: script-src
    page.fill("input.md-search__input", "党费")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=45000)
    assert "党费" in page.inner_text(".md-search-result")


def test_print_views_the_question_bank_and_the_builder_work_under_the_csp(nginx_visit: Visit):
    page = nginx_visit.open("handouts/shuji-peixunban.html")
    page.wait_for_selector("html.hl-paged-done", state="attached")
    assert page.locator(".hl-sheet").count() > 40 and page.locator(".hl-toc-page").first.inner_text().isdigit()
    page = nginx_visit.open("questions.html")
    page.select_option(".hl-bank-category", "dangfei")
    assert 0 < int(page.locator(".hl-bank-count").get_attribute("data-shown") or 0) < page.locator(".hl-bank-item").count()
    page = nginx_visit.open("handouts/builder.html")
    page.check(".hl-builder input[value='sanhui-yike']")
    page.click(".hl-builder-preview")
    assert page.locator(".hl-sheet").count() >= 3


def test_the_handbook_tools_work_under_the_csp(nginx_visit: Visit):
    """The calculator, the planners and the .ics download (a Blob URL) run under the shipped CSP."""
    page = nginx_visit.open("handbook/dangfei-shoujiao.html")
    page.get_by_label("每月收入（元）").fill("10001")
    assert "每月交纳党费 200.02 元" in page.inner_text("#hl-dues-result")
    page = nginx_visit.open("handbook/fazhan-dangyuan.html")
    page.get_by_label("第1步 递交入党申请书 的日期").fill("2024-03-01")
    assert page.locator("#hl-plan-row-2 .hl-plan-latest").inner_text() == "2024年4月1日"
    page = nginx_visit.open("handbook/zuzhi-shenghuo.html")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载日历文件（.ics）").click()
    assert Path(info.value.path()).read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    page = nginx_visit.open("handbook/sanhui-yike.html")
    page.get_by_label("全年计划已制定并报备").check()
    assert _violations(nginx_visit) == []
