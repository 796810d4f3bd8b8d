"""Debian's Chromium for the browser tests, and a page visit that records every request and
aborts any that would leave the machine."""

from __future__ import annotations

import shutil
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page, Route

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--allow-file-access-from-files"]


class Visit:
    """A page whose every request is recorded; requests to anything but the site are aborted."""

    def __init__(self, browser: Browser, root: str, **options: Any) -> None:
        """``options`` go to the browser context (``viewport``, ``has_touch``, ``is_mobile`` …)."""
        self.root = root
        self.context = browser.new_context(locale="zh-CN", **options)
        self.external: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._guard)
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _guard(self, route: Route) -> None:
        url = route.request.url
        if self.is_local(url):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def is_local(self, url: str) -> bool:
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            return True
        if parsed.scheme == "file":
            return self.root.startswith("file:")
        return url.startswith(self.root)

    def open(self, path: str) -> Page:
        self.page.goto(self.root + path)
        self.page.wait_for_load_state("load")
        return self.page

    def close(self) -> None:
        self.context.close()


DESKTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
SIZES = {"desktop": DESKTOP, "phone": PHONE}
"""The two screens every reading test runs on: an office PC and a phone."""
