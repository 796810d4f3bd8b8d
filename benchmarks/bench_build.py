"""Benchmark every stage of a site build at sizes N, 2N and 4N, against MkDocs' own floor.

For each size it prints (medians of --runs runs):

- raw YAML parse of the data files (libyaml CSafeLoader, data kept);
- our stages (timed through the pipeline's stage hook): load, validate, link, handouts + plan +
  render (Jinja → Markdown), Word documents;
- the full `hongling build` (check + MkDocs + Material + our search index + atomic swap) and its
  peak memory;
- the floor: a plain MkDocs + Material build of the very same Markdown pages with our plugins off
  (no search index either);
- output size, search index size and HTML bytes per page;

and how long `mkdocs serve` takes to show an edit of one case file of the embedded library
(median of --edits successive edits under one server).

    python benchmarks/bench_build.py [--cases 250] [--sites-per-case 10] [--runs 1] [--serve] [--edits 5]
    python benchmarks/bench_build.py --serve-only --edits 9
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_check import raw_parse, timed  # noqa: E402
from benchmarks.synth import generate  # noqa: E402
from generator.core.settings import Settings  # noqa: E402
from generator.pipeline import run  # noqa: E402

MEASURED_RUN = """
import resource, runpy, sys, time
started = time.perf_counter()
sys.argv = {argv!r}
try:
    runpy.run_module({module!r}, run_name="__main__")
except SystemExit as stop:
    if stop.code not in (0, None):
        raise
print("BENCH", time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def measured(module: str, argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``python -m module argv`` in a fresh process."""
    code = MEASURED_RUN.format(argv=[module, *argv], module=module)
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True)
    line = next((x for x in result.stderr.splitlines() if x.startswith("BENCH ")), None)
    assert line, result.stdout[-2000:] + result.stderr[-4000:]
    _, seconds, rss_kb = line.split()
    return float(seconds), int(rss_kb) / 1024


def repo_config(library: Path, plugin: bool, docs_dir: Path, search: bool = True) -> Path:
    """The repository's mkdocs.yml pointed at ``library``; without our plugins for the floor build,
    or with the search index switched off (``search=False``) to measure what it adds."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    config["docs_dir"] = str(docs_dir)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["validation"] = {"nav": {"omitted_files": "ignore"}}
    plugins = []
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "hongling" in entry:
            if plugin:
                plugins.append({"hongling": {**entry["hongling"], "data_dir": str(library / "data")}})
        elif entry == "hongling-search":
            if plugin:
                plugins.append(entry if search else {entry: {"enabled": False}})
        else:
            plugins.append(entry)
    config["plugins"] = plugins
    path = library / ("mkdocs-plain.yml" if not plugin else "mkdocs.yml" if search else "mkdocs-nosearch.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def site_figures(site: Path) -> dict[str, float]:
    pages = list(site.rglob("*.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = sum(p.stat().st_size for p in (site / "search").rglob("*.js"))
    return {"pages": len(pages), "site MB": total / 1e6,
            "search index MB": index / 1e6,
            "HTML KB/page": sum(p.stat().st_size for p in pages) / max(len(pages), 1) / 1e3}


def one_size(cases: int, sites: int, runs: int, work: Path) -> dict[str, float]:
    library = work / f"lib-{cases}"
    data = library / "data"
    generate(data, cases, sites)
    files = sorted(data.rglob("*.yml"))
    settings = Settings(data_dir=data)
    docs = library / "docs"
    shutil.copytree(ROOT / "content", docs)
    samples: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    for _ in range(runs):
        add("raw YAML parse s", timed(lambda: raw_parse(files))[0])
        stages: dict[str, float] = {}
        built = run(settings, hook=stages.__setitem__)
        for name in ("load", "validate", "link", "documents"):
            add(f"{name} s", stages[name])
        add("plan+render s", stages["handouts"] + stages["plan"] + stages["render"])
        add("our stages s", sum(stages.values()))
        for src_uri, text in built.pages.items():
            target = docs / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        site = library / "site"
        seconds, rss = measured("generator", ["--config", str(repo_config(library, True, ROOT / "content")), "build",
                                              "--out", str(site)], ROOT)
        add("full build s", seconds)
        add("full build peak MB", rss)
        floor_site = library / "site-plain"
        seconds, rss = measured("mkdocs", ["build", "-q", "-f", str(repo_config(library, False, docs)),
                                           "-d", str(floor_site)], ROOT)
        add("MkDocs floor s", seconds)
        add("MkDocs floor peak MB", rss)
        shutil.rmtree(floor_site)
    figures = {name: statistics.median(values) for name, values in samples.items()}
    figures.update(site_figures(site))
    figures["our share of full build %"] = 100 * figures["our stages s"] / figures["full build s"]
    figures["check / raw parse"] = (figures["load s"] + figures["validate s"] + figures["link s"]) / figures["raw YAML parse s"]
    shutil.rmtree(library)
    return figures


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_latencies(work: Path, edits: int) -> list[float]:
    """Seconds from saving an edited case file to `mkdocs serve` serving the changed page, for
    ``edits`` successive edits of the embedded library under one running server."""
    library = work / "serve"
    shutil.copytree(ROOT / "data", library / "data")
    config = repo_config(library, True, ROOT / "content")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
                               ], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/cases/changqing-hongse-ningjuli.html"
    case = library / "data" / "cases" / "changqing-hongse-ningjuli.yml"
    original = case.read_text(encoding="utf-8")

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    latencies = []
    try:
        deadline = time.time() + 120
        while not page() and time.time() < deadline:
            time.sleep(0.2)
        for edit in range(edits):
            marker = f"基准测试修改标记{edit}号"
            case.write_text(original.replace("summary: >-\n  ", f"summary: >-\n  {marker}", 1), encoding="utf-8")
            started = time.perf_counter()
            while marker not in page():
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the edit did not show within 60 s")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - started)
            time.sleep(1)
        return latencies
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description="基准测试：各阶段耗时、内存、输出大小随规模的变化")
    parser.add_argument("--cases", type=int, default=250, help="N 的案例数（默认 250；另测 2N、4N）")
    parser.add_argument("--sites-per-case", type=int, default=10, help="每个案例的阵地数（默认 10）")
    parser.add_argument("--runs", type=int, default=1, help="每个规模重复次数，取中位数（默认 1）")
    parser.add_argument("--serve", action="store_true", help="同时测量 mkdocs serve 显示修改的时间")
    parser.add_argument("--serve-only", action="store_true", help="只测量 mkdocs serve 显示修改的时间")
    parser.add_argument("--edits", type=int, default=5, help="mkdocs serve 下连续修改的次数，取中位数（默认 5）")
    parser.add_argument("--json", type=Path, help="把结果另存为 JSON")
    args = parser.parse_args()
    sizes = [] if args.serve_only else [args.cases, 2 * args.cases, 4 * args.cases]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for cases in sizes:
            results[cases] = one_size(cases, cases * args.sites_per_case, args.runs, Path(tmp))
            print(f"done {cases} cases", file=sys.stderr)
        latencies = serve_latencies(Path(tmp), args.edits) if args.serve or args.serve_only else []
    print("command: python benchmarks/bench_build.py " + " ".join(sys.argv[1:]))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if latencies:
        print(f"mkdocs serve: an edited case shows after {statistics.median(latencies):.2f} s, median of "
              f"{len(latencies)} edits of the embedded library ({', '.join(f'{t:.2f}' for t in latencies)})")
    if not sizes:
        return
    names = list(results[sizes[0]])
    print("| figure | " + " | ".join(f"{c} cases / {c * args.sites_per_case} sites" for c in sizes) + " | 4N / N |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for name in names:
        values = [results[c][name] for c in sizes]
        ratio = f"{values[-1] / values[0]:.2f}" if values[0] else "—"
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in values) + f" | {ratio} |")
    if args.json:
        args.json.write_text(json.dumps({"sizes": results, "serve_seconds": latencies}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
