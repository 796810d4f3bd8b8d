"""Fixtures shared by every test folder: the minimal library to damage, the embedded library built
once per session, one Chromium, and visits over http and from ``file://``. Helpers live in
:mod:`tests.support`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import REPO
from tests.support.library import MINIMAL, Library
from tests.support.server import hongling_build, serve


@pytest.fixture
def library(tmp_path: Path) -> Library:
    shutil.copytree(MINIMAL, tmp_path / "lib")
    return Library(tmp_path / "lib")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded library, built exactly as `make site` builds it."""
    return hongling_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("built") / "site")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven through Playwright's ``executable_path`` (never a downloaded browser);
    Playwright allows one sync session per process, so every browser test shares it."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def http_root(built_site: Path) -> Iterator[str]:
    with serve(built_site) as root:
        yield root


@pytest.fixture(params=["http", "file"])
def root(request: pytest.FixtureRequest, http_root: str, built_site: Path) -> str:
    """The built site's root, once over http and once from disk."""
    return http_root if request.param == "http" else built_site.as_uri() + "/"


@pytest.fixture
def visit(browser, root: str):
    """A page visit that fails the test if a request left the machine or a script failed."""
    from tests.support.browser import Visit

    session = Visit(browser, root)
    yield session
    assert session.external == [], f"requests left the machine: {session.external}"
    assert session.errors == [], f"script errors: {session.errors}"
    session.close()
