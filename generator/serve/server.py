"""The preview's web server: MkDocs' live-reload server, serving from :class:`Preview` instead of
a folder.

What it keeps of MkDocs (:class:`mkdocs.livereload.LiveReloadServer`): the threaded WSGI server,
the script each HTML page gets that reloads it when the site changes, and the watching of files.
What it changes: it hands the changed paths to :meth:`Preview.refresh`; it watches with the
operating system's notifications rather than by polling the 10,000 files of a large library
every half second (``poll=True`` brings polling back, e.g. for network drives); it lays the
problems panel over pages while the data has errors; and, while the editor is idle, it fills in
the pages nobody has asked for yet (the search index needs them all).
"""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.livereload import LiveReloadServer, _timestamp
from watchdog.observers.api import BaseObserver

from . import overlay
from .preview import Preview, Refreshed, Trouble

log = logging.getLogger("mkdocs.hongling.serve")

IDLE_SECONDS = 1.5
"""How long after an edit or a request the filler waits before filling in pages."""
FILL_SLICE = 0.05
"""Seconds of filling between two looks at whether someone is waiting."""
COLLECT_EVERY = 10
"""Slices of filling between two collections."""


class _Changes(watchdog.events.FileSystemEventHandler):
    """Hands the paths of changed files to the server; ``only``: just this file (a watched file
    is followed through its folder, whose other files are none of the preview's business)."""

    def __init__(self, server: PreviewServer, only: Path | None = None) -> None:
        self.server = server
        self.only = only

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        paths = [Path(os.fsdecode(event.src_path))]
        if getattr(event, "dest_path", ""):
            paths.append(Path(os.fsdecode(event.dest_path)))
        if self.only is not None:
            paths = [path for path in paths if path == self.only]
        if paths:
            self.server.changed(paths)


class PreviewServer(LiveReloadServer):
    def __init__(self, preview: Preview, host: str, port: int, poll: bool = False,
                 on_refresh: Callable[[Refreshed, list[Path]], None] | None = None) -> None:
        super().__init__(builder=lambda: None, host=host, port=port, root=str(preview.site_dir))
        self.preview = preview
        self.on_refresh = on_refresh
        observer: BaseObserver = (watchdog.observers.polling.PollingObserver(timeout=0.5) if poll
                                  else watchdog.observers.Observer())
        self.observer = observer  # type: ignore[assignment]  # MkDocs declares the polling one
        self._pending: set[Path] = set()
        self._waiting = 0
        """Refreshes and requests waiting for the preview's lock: the filler gives way to them."""
        self._counter = threading.Lock()
        self._untidy = True
        """Something ran since the last collection."""
        self._slices = 0
        self._last_activity = time.monotonic()
        self._filler = threading.Thread(target=self._fill_loop, daemon=True)
        self._wake = threading.Event()
        self.error_handler = self._error_page

    # --- watching ----------------------------------------------------------------------------

    def watch_paths(self, paths: Iterable[Path]) -> None:
        for path in paths:
            path = Path(path).resolve()
            if str(path) in self._watched_paths:
                continue
            self._watched_paths[str(path)] = 1
            folder = path.is_dir()
            handler = _Changes(self, None if folder else path)
            self._watch_refs[str(path)] = self.observer.schedule(handler, str(path if folder else path.parent),
                                                                 recursive=folder)

    def changed(self, paths: list[Path]) -> None:
        with self._rebuild_cond:
            self._pending.update(paths)
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def serve(self, *, open_in_browser: bool = False) -> None:
        self._collect()
        self._filler.start()
        super().serve(open_in_browser=open_in_browser)

    def _collect(self) -> None:
        """Collect the reference cycles made since the last time, then freeze what is alive, so
        that Python's collections (automatic, paused during a refresh) look only at what is newer
        and stay short: a full collection of a large library's heap takes a second or more. The
        whole heap is looked at again only after the preview was opened again."""
        if self.preview.reopened:
            gc.unfreeze()
            self.preview.reopened = False
        gc.collect()
        gc.freeze()
        self._untidy = False

    def _build_loop(self) -> None:
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown,
                                                      timeout=self.shutdown_delay):
                    pass
                if self._shutdown:
                    break
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass  # until the editor stops writing
                self._wanted_epoch = _timestamp()
                self._want_rebuild = False
                paths, self._pending = sorted(self._pending), set()
            quiet = False
            try:
                with self._turn():
                    refreshed = self.preview.refresh(paths)
                quiet = refreshed.quiet
                self.watch_paths(self.preview.watched())  # mkdocs.yml may name other folders now
                if self.on_refresh is not None and not quiet:
                    self.on_refresh(refreshed, paths)
            except Exception:
                log.exception("预览更新失败")
            with self._epoch_cond:
                if quiet:  # browsers need not reload
                    self._wanted_epoch = self._visible_epoch
                else:
                    self._visible_epoch = self._wanted_epoch
                self._epoch_cond.notify_all()
            self._last_activity = time.monotonic()
            self._wake.set()

    # --- the lock, shared fairly -------------------------------------------------------------

    @contextmanager
    def _turn(self) -> Iterator[None]:
        """The preview's lock for a refresh or a request; the filler steps aside meanwhile."""
        with self._counter:
            self._waiting += 1
        try:
            with self.preview.lock:
                yield
        finally:
            with self._counter:
                self._waiting -= 1
            self._last_activity = time.monotonic()
            self._untidy = True

    def _give_way(self, until: float) -> Callable[[], bool]:
        """When the filler should stop: someone waits for the lock, or its slice of time is up."""
        return lambda: self._waiting > 0 or time.monotonic() > until

    def _fill_loop(self) -> None:
        """While the editor is idle: fill in pages, a slice at a time, and collect garbage."""
        while not self._shutdown:
            idle = time.monotonic() - self._last_activity
            if self._waiting or idle < IDLE_SECONDS:
                self._wake.wait(timeout=max(0.05, IDLE_SECONDS - idle))
                self._wake.clear()
                continue
            with self.preview.lock:
                more = self.preview.fill(self._give_way(time.monotonic() + FILL_SLICE))
                self._slices = self._slices + 1 if more else 0
                if self._slices >= COLLECT_EVERY or (not more and self._untidy):
                    self._collect()
                    self._slices = 0
            if not more:
                self._wake.wait(timeout=IDLE_SECONDS)
                self._wake.clear()

    # --- serving -----------------------------------------------------------------------------

    def _serve_request(self, environ: dict, start_response: Callable) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        if not (path + "/").startswith(self.mount_path):
            if path == "/":
                start_response("302 Found", [("Location", urllib.parse.quote(self.mount_path))])
                return []
            return None
        url = path[len(self.mount_path):]
        if url == "" or url.endswith("/"):
            url += "index.html"
        url = re.sub(r"/+", "/", os.path.normpath("/" + url).replace("\\", "/")).lstrip("/")
        with self._epoch_cond:
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
        html = url.endswith(".html")
        if url.startswith("search/"):  # the index numbers every page: fill them all in first, giving way between pages
            while True:
                with self._turn():
                    if not self.preview.fill(lambda: self._waiting > 1):
                        break
        with self._turn():
            trouble = self.preview.trouble()
            try:
                data = self.preview.get(url)
            except Exception:
                log.exception(f"生成 {url} 时出错")
                if not html:
                    raise
                data, trouble = None, Trouble("生成这个页面时出错", "程序出错了（多半是刚改过的页面模板有误），详情如下。",
                                              [traceback.format_exc()])
        if html and trouble is not None:
            data = (overlay.over(data, trouble.heading, trouble.summary, trouble.texts) if data is not None
                    else overlay.alone(trouble.heading, trouble.summary, trouble.texts))
        if data is None:
            return None
        if html:
            data = self._inject_js_into_html(data, epoch)
        start_response("200 OK", [("Content-Type", self._guess_type(url)), ("Content-Length", str(len(data)))])
        return [data]

    def _error_page(self, code: int) -> bytes | None:
        if code != 404:
            return None
        with self._turn():
            return self.preview.get("404.html")


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def _refreshed(done: Refreshed, paths: list[Path]) -> None:
    names = "、".join(path.name for path in paths[:3]) + (f" 等 {len(paths)} 个文件" if len(paths) > 3 else "")
    if done.failed:
        _say(f"{names} 已修改：数据有问题，浏览器中列出了问题；预览保持上一次正确的版本（用时 {done.seconds:.2f} 秒）")
    else:
        _say(f"{names} 已修改：已更新（用时 {done.seconds:.2f} 秒，重新规划 {done.planned} 个、"
             f"稍后规划 {done.pending} 个页面）")


def serve(config_file: Path, settings: Callable[[], Any], strict: bool, host: str, port: int,
          poll: bool = False, open_in_browser: bool = False) -> int:
    """Run the preview until Ctrl-C."""
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)  # its messages are in English; ours follow
    started = time.perf_counter()
    preview = Preview(config_file, settings, strict)
    with preview.lock:
        preview.refresh()
    server = PreviewServer(preview, host, port, poll, on_refresh=_refreshed)
    server.watch_paths(preview.watched())
    trouble = preview.trouble()
    if trouble is not None:
        _say(f"{trouble.heading}：浏览器中列出了问题，改正后自动生成。")
        for text in trouble.texts:
            print(text + "\n", flush=True)
    _say(f"预览已启动（用时 {time.perf_counter() - started:.1f} 秒）：{server.url}")
    _say("修改 data/、页面模板或手写页面并保存后，浏览器中的页面自动刷新。按 Ctrl+C 停止。")
    try:
        server.serve(open_in_browser=open_in_browser)
    except KeyboardInterrupt:
        _say("预览已停止。")
    finally:
        server.shutdown()
        shutil.rmtree(preview.site_dir, ignore_errors=True)
    return 0
