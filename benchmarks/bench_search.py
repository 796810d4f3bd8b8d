"""Search in headless Chromium: quality on the embedded library, cost on a synthetic one.

Quality: every query of ``tests/search_queries.yml`` runs in the real built site, over http and
from ``file://``; a query is a hit at k when one of its expected pages is among the first k
distinct pages of the results. Prints hit@1 and hit@3, overall and per group, and the misses.

Scale: a synthetic library (``benchmarks/synth.py``) is built twice, with and without the search
index, and the site is opened in Chromium over http and from ``file://``. For each run it types a
first query into the search box of a freshly opened page and measures, in the page, the time
until results show; then the median of later queries, the longest main-thread task from the first
keystroke on (Chromium's long-task entries, over 50 ms; 0 when there was none), and the bytes of
index files fetched for the first query.

    python benchmarks/bench_search.py --quality
    python benchmarks/bench_search.py --cases 1000 --sites 10000 --runs 3
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_build import measured, repo_config, site_figures  # noqa: E402
from benchmarks.synth import generate  # noqa: E402

QUERIES = ROOT / "tests" / "search_queries.yml"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--allow-file-access-from-files", "--disable-background-networking"]
ASKED = ["党废怎么交", "入党要走哪些程序", "工资5000交多少党费", "公司只有两个党员能建支部吗", "党"]
"""Queries a new worker types, each first in a fresh page: a typing slip (which loads the pinyin
tables), a process question, an answer card, a long question of many words, one character."""
SCALE_QUERIES = ["党费返还", "红旗支部", "三会一课", "党建指导员", "长清", "结对共建", "产业链党委", "发展党员",
                 "新就业群体", "星级评定", "主题党日", "楼宇党建"]

RUN_QUERIES = """async (queries) => {
  const out = [];
  for (const q of queries) {
    const found = await hlSearch.rank(q);
    const rows = await hlSearch.details(found.meta, found.ranked.slice(0, 10).map(r => r.doc));
    const cards = hlSearchCards.matching(found, q).map(c => [c.card.aspect.url,
      [c.card.title, ...c.rows.map(r => r.join(" ")), ...c.card.sources.map(s => s.join(""))].join(" ")]);
    out.push({urls: rows.map(row => hlSearch.present(row, found).url), cards});
  }
  return out;
}"""

TYPE_AND_WAIT = """(query) => new Promise((resolve) => {
  const input = document.querySelector("[data-hl-search-query]");
  const list = document.querySelector("[data-hl-search-result] .md-search-result__list");
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (list.querySelector(".md-search-result__item") && input.value === query) {
      observer.disconnect();
      resolve(performance.now() - started);
    }
  });
  list.textContent = "";
  observer.observe(list, {childList: true});
  document.getElementById("__search").checked = true;
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
})"""

WATCH_LONG_TASKS = """() => {
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
  }).observe({type: "longtask"});
}"""


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def result_pages(urls: list[str]) -> list[str]:
    """Result URLs as distinct pages, in order (sections of one page count once)."""
    pages: list[str] = []
    for url in urls:
        page = url.split("#", 1)[0]
        if page not in pages:
            pages.append(page)
    return pages


class Result:
    """What the site showed for a query: its distinct result pages, and its answer cards as
    (aspect page, text)."""

    def __init__(self, shown: dict) -> None:
        self.pages = result_pages(shown["urls"])
        self.cards: list[tuple[str, str]] = [(url, text) for url, text in shown["cards"]]

    def card_hit(self, query: dict) -> bool:
        want = query.get("card")
        return bool(want) and any(url == f"handbook/{want['aspect']}.html" and str(want["shows"]) in text
                                  for url, text in self.cards)


def run_queries(page, queries: list[dict]) -> list[Result]:
    """What the site shows for every query, through its own ``hlSearch`` and ``hlSearchCards``."""
    return [Result(shown) for shown in page.evaluate(RUN_QUERIES, [q["q"] for q in queries])]


def hit_rates(queries: list[dict], results: list[Result]) -> dict[str, dict[str, float]]:
    """{group or "all": {"n", "hit@1", "hit@3", and for queries that expect an answer card, "card"}}
    in percent."""
    rates: dict[str, list[tuple[bool, bool]]] = {}
    cards: dict[str, list[bool]] = {}
    for query, result in zip(queries, results, strict=True):
        pages = result.pages
        hits = (pages[:1] != [] and pages[0] in query["expect"], any(p in query["expect"] for p in pages[:3]))
        for group in ("all", query["group"]):
            rates.setdefault(group, []).append(hits)
            if "card" in query:
                cards.setdefault(group, []).append(result.card_hit(query))
    out = {group: {"n": len(h), "hit@1": 100 * sum(a for a, _ in h) / len(h), "hit@3": 100 * sum(b for _, b in h) / len(h)}
           for group, h in rates.items()}
    for group, shown in cards.items():
        out[group]["card"] = 100 * sum(shown) / len(shown)
    return out


def misses(queries: list[dict], results: list[Result]) -> list[str]:
    out = [f"{q['q']}: 期望 {', '.join(q['expect'])}；得到 {', '.join(r.pages[:3]) or '（无结果）'}"
           for q, r in zip(queries, results, strict=True) if not r.pages or r.pages[0] not in q["expect"]]
    out += [f"{q['q']}: 没有显示 {q['card']['aspect']} 含“{q['card']['shows']}”的答案卡；显示 {r.cards or '（无）'}"
            for q, r in zip(queries, results, strict=True) if "card" in q and not r.card_hit(q)]
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def http_site(directory: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def chromium_version() -> str:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.split()[1]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


def build(library: Path, site: Path, search: bool) -> tuple[float, float]:
    """Build ``library`` with the repository's mkdocs.yml, with or without the search index."""
    config = repo_config(library, True, ROOT / "content", search=search)
    return measured("generator", ["--config", str(config), "build", "--out", str(site)], ROOT)


def first_and_later(browser, root: str, site: Path, first: str, later: list[str]) -> dict[str, float]:
    """Open a case page afresh, type ``first``, then each of ``later``; figures in ms and KB."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(root + "cases/index.html")
    page.wait_for_load_state("load")
    page.evaluate(WATCH_LONG_TASKS)
    before = len(fetched)
    first_ms = page.evaluate(TYPE_AND_WAIT, first)
    index_files = [u.split("/search/", 1)[1].split("?")[0] for u in fetched[before:] if "/search/" in u]
    first_kb = sum((site / "search" / rel).stat().st_size for rel in index_files) / 1024
    later_ms = [page.evaluate(TYPE_AND_WAIT, q) for q in later]
    longest = page.evaluate("window.__longest")
    context.close()
    return {"first ms": first_ms, "later ms": statistics.median(later_ms), "longest task ms": longest,
            "first query KB": first_kb, "first query files": len(index_files)}


def quality(site: Path, path: Path = QUERIES) -> int:
    queries = load_queries(path)
    site = site.resolve()
    with chromium() as browser, http_site(site) as http_root:
        for label, root in (("http", http_root), ("file://", site.as_uri() + "/")):
            page = browser.new_page()
            page.goto(root + "index.html")
            results = run_queries(page, queries)
            page.close()
            rates = hit_rates(queries, results)
            print(f"\n{label}: {len(queries)} 个查询")
            print("| 分组 | 查询数 | hit@1 % | hit@3 % | 答案卡 % |\n|---|---:|---:|---:|---:|")
            for group, rate in sorted(rates.items(), key=lambda item: item[0] != "all"):
                card = f"{rate['card']:.1f}" if "card" in rate else ""
                print(f"| {group} | {rate['n']} | {rate['hit@1']:.1f} | {rate['hit@3']:.1f} | {card} |")
            for line in misses(queries, results):
                print("  未中：" + line)
    return 0


def scale(cases: int, sites: int, runs: int, first: int) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        library = Path(tmp)
        counts = generate(library / "data", cases, sites)
        plain_s, with_s, figures = [], [], {"http": [], "file://": []}
        asked: dict[str, dict[str, dict[str, float]]] = {"http": {}, "file://": {}}
        for _ in range(runs):
            plain_s.append(build(library, library / "site-plain", search=False)[0])
            with_s.append(build(library, library / "site", search=True)[0])
        site = library / "site"
        sizes = site_figures(site)
        shards = len(list((site / "search" / "s").glob("*.js")))
        with chromium() as browser, http_site(site) as http_root:
            for label, root in (("http", http_root), ("file://", site.as_uri() + "/")):
                for i in range(first):
                    q = SCALE_QUERIES[i % len(SCALE_QUERIES)]
                    later = [x for x in SCALE_QUERIES if x != q][:8]
                    figures[label].append(first_and_later(browser, root, site, q, later))
                for q in ASKED:
                    asked[label][q] = first_and_later(browser, root, site, q, [x for x in ASKED if x != q])
        print(f"合成库：{counts['cases']} 个案例、{counts['sites']} 个阵地 → {sizes['pages']} 个页面；"
              f"索引 {sizes['search index MB']:.1f} MB，{shards} 个分片")
        print(f"构建：无搜索 {statistics.median(plain_s):.1f} s，有搜索 {statistics.median(with_s):.1f} s，"
              f"增加 {100 * (statistics.median(with_s) / statistics.median(plain_s) - 1):.1f} %（{runs} 次的中位数）")
        print("\n| 方式 | 首次查询 ms | 之后查询 ms（中位数） | 搜索期间最长主线程任务 ms | 首次查询下载 KB | 文件数 |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, rows in figures.items():
            m = {key: statistics.median(r[key] for r in rows) for key in rows[0]}
            worst = max(r["longest task ms"] for r in rows)
            print(f"| {label} | {m['first ms']:.0f} | {m['later ms']:.0f} | {worst:.0f} | {m['first query KB']:.0f} "
                  f"| {m['first query files']:.0f} |")
        print(f"\n（首次查询：{first} 次新打开页面的中位数；最长任务取所有次中的最大值）")
        print("\n新任党务工作者的问法（各自在新打开的页面上作为首次查询）：\n")
        print("| 查询 | 首次 ms（http / file://） | 之后 ms（中位数） | 最长任务 ms | 下载 KB | 文件数 |\n|---|---:|---:|---:|---:|---:|")
        for q in ASKED:
            h, f = asked["http"][q], asked["file://"][q]
            print(f"| {q} | {h['first ms']:.0f} / {f['first ms']:.0f} | {h['later ms']:.0f} / {f['later ms']:.0f} "
                  f"| {max(h['longest task ms'], f['longest task ms']):.0f} | {h['first query KB']:.0f} | {h['first query files']:.0f} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="搜索基准：查询集命中率，以及大规模合成库上的速度和下载量")
    parser.add_argument("--quality", action="store_true", help="只测嵌入数据上的查询集命中率")
    parser.add_argument("--site", type=Path, help="已生成的站点（--quality 时使用；默认现场生成）")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="查询集（--quality 时使用；默认 tests/search_queries.yml）")
    parser.add_argument("--cases", type=int, default=1000, help="合成库的案例数（默认 1000）")
    parser.add_argument("--sites", type=int, default=10000, help="合成库的阵地数（默认 10000）")
    parser.add_argument("--runs", type=int, default=1, help="构建重复次数，取中位数（默认 1）")
    parser.add_argument("--first", type=int, default=5, help="新打开页面后首次查询的次数（默认 5）")
    args = parser.parse_args()
    print("command: python benchmarks/bench_search.py " + " ".join(sys.argv[1:]))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"Chromium {chromium_version()}")
    if args.quality:
        if args.site:
            return quality(args.site, args.queries)
        with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            site = Path(tmp) / "site"
            measured("generator", ["build", "--out", str(site)], ROOT)
            return quality(site, args.queries)
    return scale(args.cases, args.sites, args.runs, args.first)


if __name__ == "__main__":
    sys.exit(main())
