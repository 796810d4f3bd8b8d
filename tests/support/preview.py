"""Running the real ``hongling serve`` on a library and reading what it serves."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import REPO
from .server import stop

LIVERELOAD = re.compile(rb"<script>\nvar livereload = function.*?</script>", re.S)
"""The script the server adds to every HTML page (MkDocs' live reload)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Preview:
    root: str
    process: subprocess.Popen
    log: Path

    def get(self, url: str) -> bytes | None:
        """The file at ``url`` (relative to the site root) without the live-reload script, or
        ``None`` when the server has no such file."""
        try:
            with urllib.request.urlopen(self.root + urllib.request.quote(url), timeout=120) as response:
                return LIVERELOAD.sub(b"", response.read())
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    def text(self, url: str) -> str:
        return (self.get(url) or b"").decode("utf-8")

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 60) -> float:
        """Seconds until ``condition()`` holds; fails after ``timeout``."""
        started = time.monotonic()
        while not condition():
            if time.monotonic() - started > timeout:
                raise AssertionError(f"{what}: not within {timeout} s\n{self.log.read_text(encoding='utf-8')[-3000:]}")
            time.sleep(0.1)
        return time.monotonic() - started


@contextmanager
def preview_server(config: Path, log: Path, *options: str) -> Iterator[Preview]:
    """``hongling serve`` on ``config`` (a free port), once it answers."""
    port = free_port()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "generator", "--config", str(config), "serve",
                                    "-a", f"127.0.0.1:{port}", *options],
                                   cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    server = Preview(f"http://127.0.0.1:{port}/", process, log)
    try:
        def answers() -> bool:
            assert process.poll() is None, log.read_text(encoding="utf-8")
            try:
                server.get("index.html")
                return True
            except OSError:
                return False
        server.wait_for(answers, "the preview server to answer", timeout=180)
        yield server
    finally:
        stop(process, timeout=20)


def site_files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def differences(site: Path, server: Preview) -> list[str]:
    """Files of a built ``site`` that the server serves differently (or not at all)."""
    return [rel for rel in site_files(site) if server.get(rel) != (site / rel).read_bytes()]


def assert_same_site(site: Path, server: Preview) -> None:
    different = differences(site, server)
    assert different == [], f"{len(different)} of {len(site_files(site))} files differ from a full build: {different[:10]}"
