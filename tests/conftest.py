"""Shared fixtures: a clean minimal library with one record of every kind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import Settings, check
from generator.problems import Problem, Report

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"


class Library:
    """A copy of the minimal library in a temp dir that a test may damage file by file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"

    def write(self, rel: str, content: str | bytes | None) -> Path:
        path = self.data / rel
        if content is None:
            path.unlink()
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.data / rel).read_text(encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def check(self) -> Report:
        _, report = check(Settings(data_dir=self.data, manual_categories=1, manual_aspects=1))
        return report


@pytest.fixture
def library(tmp_path: Path) -> Library:
    shutil.copytree(MINIMAL, tmp_path / "lib")
    return Library(tmp_path / "lib")


def only(report: Report, code: str) -> Problem:
    """The single problem with ``code``; fails listing everything found otherwise."""
    found = [p for p in report.problems if p.code == code]
    assert len(found) == 1, f"expected one {code}, got: {[(p.code, p.file, p.line, p.column, p.message) for p in report.problems]}"
    return found[0]


# --- built sites and a loopback web server, shared by the browser and link-checker tests ------

import functools  # noqa: E402
import http.server  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from typing import Iterator  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site; the LinkChecker header lets LinkChecker skip its politeness delay."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) and yield its root URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def hongling_build(config: Path, out: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "generator", "--config", str(config), "build", "--strict",
                             "--out", str(out)], cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded library, built exactly as `make site` builds it."""
    return hongling_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("built") / "site")


# --- one Chromium for every browser test (Playwright allows one sync session per process) -----

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--allow-file-access-from-files"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven through Playwright's ``executable_path`` (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
