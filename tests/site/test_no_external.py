"""Zero external requests, proven statically: every HTML, CSS and JS file of the built embedded
library is scanned for references that would make a browser contact another host.

The browser tests intercept requests on the pages they open; this covers every page and asset,
including code paths a browser test does not reach. Allowed: plain navigation links
(``<a href="https://…">``, which a reader must click), XML namespace names (``xmlns``), and a
short reviewed list of URLs inside Material's bundle whose code path is switched off on this site
— each with a check that it stays switched off.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

URL = re.compile(r"""(?:https?:|wss?:|ftp:)?//[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}[^\s"'`)<>]*""")
EXTERNAL = re.compile(r"^\s*(?:(?:https?|wss?|ftp):)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]*)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'");\s]+)""", re.I)
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/1999/xhtml"}
RESOURCE_ATTRS = {"src", "href", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href",
                  "manifest", "codebase", "cite", "longdesc", "ping", "imagesrcset"}

# URLs inside Material's JavaScript that the site never requests, and why (checked below).
REVIEWED_JS = {
    "https://unpkg.com/resize-observer-polyfill": "only if window.ResizeObserver is missing; "
                                                  "extra.polyfills loads resize-observer-fallback.js first",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only on pages with Mermaid diagrams; there are none",
    "https://api.github.com/repos/${e}/${t}": "repository facts, only when repo_url points at GitHub; it is unset",
    "https://api.github.com/users/${e}": "repository facts, only when repo_url points at GitHub; it is unset",
    "https://bit.ly/2s3ChXG": "text of a console warning in the search worker, never requested",
}


def strip_js_comments(js: str) -> str:
    js = re.sub(r"/\*.*?\*/", "", js, flags=re.S)
    js = re.sub(r"(?m)^\s*//.*$", "", js)
    return re.sub(r"(?m)(?<=[;{}),\s])\s//\s.*$", "", js)


def js_urls(js: str) -> list[str]:
    """Absolute or protocol-relative URLs in JavaScript code (comments removed)."""
    code = strip_js_comments(js)
    found = []
    for match in URL.finditer(code):
        url = match.group()
        if url.startswith("//") and code[match.start() - 1: match.start()] not in "\"'`(":
            continue  # `a//b` division or a trailing comment, not a string
        found.append(url)
    return found


def css_refs(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    refs = [m.group(1) for m in CSS_URL.finditer(css)] + [m.group(1) for m in CSS_IMPORT.finditer(css)]
    return [ref for ref in refs if EXTERNAL.match(ref)]


class Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.in_script = self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name == "xmlns" or name.startswith("xmlns:"):
                if value not in NAMESPACES:
                    self.bad.append(f"<{tag} {name}={value!r}>")
            elif name == "style":
                self.bad += [f"<{tag} style> {ref}" for ref in css_refs(value)]
            elif name in RESOURCE_ATTRS and any(EXTERNAL.match(part) for part in value.split(",")):
                if tag == "a" and name == "href":
                    self.links.append(value)  # navigation the reader chooses, not a request
                else:
                    self.bad.append(f"<{tag} {name}={value!r}>")
            elif name.startswith("on") and URL.search(value):
                self.bad.append(f"<{tag} {name}={value!r}>")
        self.in_script, self.in_style = tag == "script", tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts.append(data)
        elif self.in_style:
            self.bad += [f"<style> {ref}" for ref in css_refs(data)]


def files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes)


def test_html_pages_reference_nothing_outside_the_site(built_site: Path):
    pages = files(built_site, ".html")
    assert len(pages) > 100
    bad = []
    for page in pages:
        scanner = Scanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(built_site).as_posix()
        bad += [f"{rel}: {item}" for item in scanner.bad]
        for script in scanner.scripts:
            bad += [f"{rel}: <script> {url}" for url in js_urls(script)]
    assert bad == [], "external references in pages:\n" + "\n".join(bad[:50])


def test_stylesheets_import_nothing_from_outside(built_site: Path):
    sheets = files(built_site, ".css")
    assert sheets
    bad = [f"{p.relative_to(built_site).as_posix()}: {ref}" for p in sheets for ref in css_refs(p.read_text(encoding="utf-8"))]
    assert bad == [], "external references in stylesheets:\n" + "\n".join(bad)


def test_scripts_request_nothing_from_outside(built_site: Path):
    scripts = files(built_site, ".js")
    assert len(scripts) > 5
    bad, reviewed = [], set()
    for script in scripts:
        for url in js_urls(script.read_text(encoding="utf-8")):
            if url in REVIEWED_JS:
                reviewed.add(url)
            else:
                bad.append(f"{script.relative_to(built_site).as_posix()}: {url}")
    assert bad == [], "external URLs in scripts (review them, then list them in REVIEWED_JS):\n" + "\n".join(bad)


def test_reviewed_script_urls_stay_switched_off(built_site: Path):
    pages = {p: p.read_text(encoding="utf-8") for p in files(built_site, ".html")}
    for path, text in pages.items():
        assert 'class="mermaid"' not in text, f"{path}: a Mermaid diagram would load mermaid from unpkg.com"
        assert "md-source" not in text, f"{path}: repo_url makes Material ask api.github.com"
        fallback = text.find("resize-observer-fallback.js")
        assert 0 <= fallback < text.find("assets/javascripts/bundle."), f"{path}: ResizeObserver fallback must load first"
    fallback_js = (built_site / "assets" / "javascripts" / "resize-observer-fallback.js").read_text(encoding="utf-8")
    assert "ResizeObserver" in fallback_js


@pytest.mark.parametrize("snippet, caught", [
    ('<script src="https://cdn.example.com/x.js"></script>', True),
    ('<link rel="stylesheet" href="//fonts.googleapis.com/css">', True),
    ('<img src="http://example.com/a.png">', True),
    ('<div style="background:url(https://example.com/a.png)"></div>', True),
    ("<style>@import 'https://fonts.googleapis.com/css';</style>", True),
    ('<script>fetch("https://example.com/api")</script>', True),
    ('<a href="https://www.gov.cn/">gov</a>', False),
    ('<svg xmlns="http://www.w3.org/2000/svg"></svg>', False),
    ('<img src="assets/images/a.png"><script>var a=1//2\n</script>', False),
])
def test_the_scanner_itself(snippet: str, caught: bool):
    scanner = Scanner()
    scanner.feed(snippet)
    found = scanner.bad + [url for script in scanner.scripts for url in js_urls(script)]
    assert bool(found) is caught, found
