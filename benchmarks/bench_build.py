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

and, with ``--serve``, the preview (`hongling serve`, the real server over http) on the same
library: time to the first page, an edited case field until its page shows it (median and worst
of --edits edits, one second apart), a new case file until the cases index lists it, the same
file deleted until the index drops it, an edited page template (``case.md.j2``, restored after)
until a case page shows it, the filling-in of every page (until the search index is served) and
the server's peak memory; then, in this process, where an edit's time goes stage by stage. ``--mkdocs-serve`` measures `mkdocs serve` too, at N only: it rebuilds
everything on each edit (slow).

    python benchmarks/bench_build.py [--cases 250] [--sites-per-case 10] [--runs 1] [--serve] [--edits 5]
    python benchmarks/bench_build.py --serve-only --edits 7
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_check import raw_parse, timed  # noqa: E402
from benchmarks.synth import generate  # noqa: E402
from generator.core.settings import Settings  # noqa: E402
from generator.options import plugin_options, settings_from  # noqa: E402
from generator.pipeline import run  # noqa: E402
from generator.serve.preview import Preview  # noqa: E402

LOAD_BEFORE = ", ".join(f"{x:.2f}" for x in os.getloadavg())
"""The machine's load when the benchmark started: the machine is shared, say how busy it was."""

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


def build_figures(library: Path, runs: int) -> dict[str, float]:
    """Our stages, the full build and the MkDocs floor on ``library`` (medians of ``runs``)."""
    data = library / "data"
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
    shutil.rmtree(library / "docs")
    return figures


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """A preview server (``hongling serve`` or ``mkdocs serve``) on a library, read over http."""

    def __init__(self, command: list[str], library: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = (library / "serve.log").open("w", encoding="utf-8")
        self.started = time.perf_counter()
        self.process = subprocess.Popen([*command, "-a", f"127.0.0.1:{self.port}"], cwd=ROOT,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def page(self, url: str, timeout: float = 600) -> str | None:
        try:
            with urllib.request.urlopen(self.base + url, timeout=timeout) as response:
                return response.read().decode("utf-8")
        except OSError:
            return None

    def until(self, condition: Callable[[], bool], what: str, limit: float = 120) -> float:
        """Seconds until ``condition()`` holds (checked every 50 ms)."""
        started = time.perf_counter()
        while not condition():
            if time.perf_counter() - started > limit:
                self.log.flush()
                tail = Path(self.log.name).read_text(encoding="utf-8")[-3000:]
                raise RuntimeError(f"{what}: not within {limit} s; the server said:\n{tail}")
            assert self.process.poll() is None, f"the server stopped (see {self.log.name})"
            time.sleep(0.05)
        return time.perf_counter() - started

    def peak_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def field_edits(server: Served, case: Path, edits: int) -> list[float]:
    """Seconds from saving an edited summary of ``case`` to the server returning its changed page."""
    original = case.read_text(encoding="utf-8")
    url = f"cases/{case.stem}.html"
    seconds = []
    for edit in range(edits):
        marker = f"基准测试修改标记{edit}号"
        case.write_text(re.sub(r"(summary: [|>]-?\n  )", rf"\g<1>{marker}", original, count=1), encoding="utf-8")
        seconds.append(server.until(lambda marker=marker: marker in (server.page(url) or ""), "an edited field"))
        time.sleep(1)
    case.write_text(original, encoding="utf-8")
    return seconds


def serve_figures(library: Path, edits: int) -> dict[str, float]:
    """``hongling serve`` on ``library``: start, an edited field, a new and a deleted case file,
    an edited page template, filling in every page, peak memory."""
    config = repo_config(library, True, ROOT / "content")
    server = Served([sys.executable, "-m", "generator", "--config", str(config), "serve"], library)
    cases = sorted((library / "data" / "cases").glob("*.yml"))
    case = cases[len(cases) // 2]
    figures: dict[str, float] = {}
    try:
        figures["serve: start s (to the first case page)"] = server.until(
            lambda: server.page(f"cases/{case.stem}.html", 5) is not None, "the first page", 900)
        latencies = field_edits(server, case, edits)
        figures["serve: edited case field s (median)"] = statistics.median(latencies)
        figures["serve: edited case field s (worst)"] = max(latencies)

        new = case.with_name("bench-new-case.yml")
        title = "基准测试新增案例"
        text = case.read_text(encoding="utf-8").replace(f"id: {case.stem}", "id: bench-new-case")
        new.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")
        figures["serve: new case file s (listed in the cases index)"] = server.until(
            lambda: title in (server.page("cases/index.html") or ""), "a new case file")
        time.sleep(1)
        new.unlink()
        figures["serve: deleted case file s (gone from the cases index)"] = server.until(
            lambda: title not in (server.page("cases/index.html") or title), "a deleted case file")
        time.sleep(1)

        template = ROOT / "generator" / "site" / "templates" / "case.md.j2"
        original = template.read_text(encoding="utf-8")
        try:
            template.write_text(original.replace("{% block body %}\n", "{% block body %}\n模板修改标记\n\n", 1),
                                encoding="utf-8")
            figures["serve: edited page template s (case.md.j2)"] = server.until(
                lambda: "模板修改标记" in (server.page(f"cases/{case.stem}.html") or ""), "an edited template")
        finally:
            template.write_text(original, encoding="utf-8")
        server.until(lambda: "模板修改标记" not in (server.page(f"cases/{case.stem}.html") or "模板修改标记"),
                     "the template restored")
        filled = time.perf_counter()
        assert server.page("search/meta.js", 3600), "no search index"
        figures["serve: every page filled in s (search index served)"] = time.perf_counter() - filled
        figures["serve: peak memory MB"] = server.peak_mb()
    finally:
        server.stop()
    return figures


def serve_steps(library: Path, edits: int) -> dict[str, float]:
    """Where the time of an edited case field goes, stage by stage, inside the preview (run in
    this process, no server): medians of ``edits`` refreshes, then the edited page served."""
    config = repo_config(library, True, ROOT / "content")
    settings = settings_from(plugin_options(config), config.parent, None)
    steps: dict[str, list[float]] = {}
    preview = Preview(config, lambda: settings, hook=lambda name, seconds: steps.setdefault(name, []).append(seconds))
    preview.refresh()
    gc.collect()
    gc.freeze()  # as the server does once it has started
    steps.clear()
    case = sorted((library / "data" / "cases").glob("*.yml"))[1]
    original = case.read_text(encoding="utf-8")
    try:
        for edit in range(edits):
            case.write_text(re.sub(r"(summary: [|>]-?\n  )", rf"\g<1>步骤{edit}", original, count=1), encoding="utf-8")
            started = time.perf_counter()
            preview.refresh([case])
            refreshed = time.perf_counter()
            assert f"步骤{edit}" in (preview.get(f"cases/{case.stem}.html") or b"").decode("utf-8")
            steps.setdefault("page", []).append(time.perf_counter() - refreshed)
            steps.setdefault("whole", []).append(time.perf_counter() - started)
    finally:
        case.write_text(original, encoding="utf-8")
        shutil.rmtree(preview.site_dir, ignore_errors=True)
    names = ["load", "validate", "link", "templates", "plan", "documents", "mkdocs", "page", "whole"]
    return {f"serve step: {name} s": statistics.median(steps[name]) for name in names}


def mkdocs_serve_latencies(library: Path, edits: int) -> tuple[float, list[float]]:
    """``mkdocs serve`` (every edit rebuilds the whole site) on ``library``: start, edited field."""
    config = repo_config(library, True, ROOT / "content")
    server = Served([sys.executable, "-m", "mkdocs", "serve", "-f", str(config)], library)
    case = sorted((library / "data" / "cases").glob("*.yml"))[0]
    try:
        start = server.until(lambda: server.page(f"cases/{case.stem}.html", 5) is not None, "the first page", 1800)
        return start, field_edits(server, case, edits)
    finally:
        server.stop()


def one_size(cases: int, sites: int, args: argparse.Namespace, work: Path, first: bool) -> dict[str, float]:
    library = work / f"lib-{cases}"
    generate(library / "data", cases, sites)
    figures: dict[str, float] = {}
    if not args.serve_only:
        figures.update(build_figures(library, args.runs))
    if args.serve or args.serve_only:
        figures.update(serve_figures(library, args.edits))
        figures.update(serve_steps(library, args.edits))
    if args.mkdocs_serve and first:  # for comparison, at N only: each edit rebuilds everything
        start, latencies = mkdocs_serve_latencies(library, args.edits)
        figures["mkdocs serve: start s"] = start
        figures["mkdocs serve: edited case field s (median)"] = statistics.median(latencies)
    shutil.rmtree(library)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="基准测试：各阶段耗时、内存、输出大小和预览速度随规模的变化")
    parser.add_argument("--cases", type=int, default=250, help="N 的案例数（默认 250；另测 2N、4N）")
    parser.add_argument("--sites-per-case", type=int, default=10, help="每个案例的阵地数（默认 10）")
    parser.add_argument("--runs", type=int, default=1, help="每个规模重复次数，取中位数（默认 1）")
    parser.add_argument("--serve", action="store_true", help="同时测量 hongling serve：启动、修改字段、新增和删除文件、修改模板")
    parser.add_argument("--serve-only", action="store_true", help="只测量 hongling serve")
    parser.add_argument("--mkdocs-serve", action="store_true", help="同时在 N 测量 mkdocs serve（每次修改都重建整个站点，很慢）")
    parser.add_argument("--edits", type=int, default=5, help="预览时连续修改字段的次数，取中位数（默认 5）")
    parser.add_argument("--json", type=Path, help="把结果另存为 JSON")
    args = parser.parse_args()
    sizes = [args.cases, 2 * args.cases, 4 * args.cases]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for cases in sizes:
            results[cases] = one_size(cases, cases * args.sites_per_case, args, Path(tmp), cases == sizes[0])
            print(f"done {cases} cases", file=sys.stderr)
    print("command: python benchmarks/bench_build.py " + " ".join(sys.argv[1:]))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average before the run {LOAD_BEFORE}")
    names = list(results[sizes[0]])
    print("| figure | " + " | ".join(f"{c} cases / {c * args.sites_per_case} sites" for c in sizes) + " | 4N / N |")
    print("|---|" + "---|" * (len(sizes) + 1))
    for name in names:
        values = [results[c].get(name) for c in sizes]
        ratio = f"{values[-1] / values[0]:.2f}" if values[0] and values[-1] is not None else "—"
        print(f"| {name} | " + " | ".join("—" if v is None else f"{v:.2f}" for v in values) + f" | {ratio} |")
    if args.json:
        args.json.write_text(json.dumps({"sizes": results}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
