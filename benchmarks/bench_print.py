"""What the trainer's kit costs: laying out print views in the browser, and the handout builder's
page at library sizes.

1. The embedded library, built once: each course's print view and the handout builder (every
   aspect, every case and 20 questions ticked) laid out into A4 sheets by paged.js in Debian's
   Chromium — sheets and layout milliseconds — and printed to PDF (milliseconds, pages).
2. Synthetic libraries of --cases N (benchmarks/synth.py): the pipeline's handouts, plan, render
   and documents stages, and the builder page (every aspect and case, every question): its
   Markdown size and its Markdown → HTML conversion with the site's extensions.

    python benchmarks/bench_print.py [--cases 250 1000] [--runs 3] [--skip-browser] [--views builder …]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import generate  # noqa: E402
from generator.core.settings import Settings  # noqa: E402
from generator.pipeline import run  # noqa: E402
from generator.site.builder import PAGE  # noqa: E402


def browser_figures(work: Path, runs: int, views: list[str]) -> list[tuple[str, int, float, float, int]]:
    """(page, sheets, layout ms, print ms, PDF pages) for each print view and the builder whose path
    contains one of ``views`` (all when empty)."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
    from tests.support.server import hongling_build

    site = hongling_build(ROOT / "mkdocs.yml", work / "site")
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "handouts").glob("*.html")
                   if not p.name.endswith("-answers.html") and p.name != "builder.html")
    rows = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in [p for p in [*pages, "handouts/builder.html"] if not views or any(v in p for v in views)]:
            layouts, prints, sheets, printed = [], [], 0, 0
            for _ in range(runs):
                page = chromium.new_page()
                page.goto((site / path).as_uri())
                if path.endswith("builder.html"):
                    page.evaluate("""() => {
                        document.querySelectorAll(".hl-builder input[name=aspect], .hl-builder input[name=case]")
                            .forEach(box => { box.checked = true; });
                        [...document.querySelectorAll(".hl-builder input[name=question]")].slice(0, 20)
                            .forEach(box => { box.checked = true; });
                        document.querySelector(".hl-builder-preview").click();
                    }""")
                page.wait_for_selector("html.hl-paged-done", state="attached")
                layouts.append(float(page.get_attribute(".hl-sheets", "data-layout-ms") or 0))
                sheets = page.locator(".hl-sheet").count()
                started = time.perf_counter()
                pdf = page.pdf(format="A4", prefer_css_page_size=True)
                prints.append((time.perf_counter() - started) * 1000)
                printed = len(PdfReader(io.BytesIO(pdf)).pages)
                page.close()
            rows.append((path, sheets, statistics.median(layouts), statistics.median(prints), printed))
        chromium.close()
    return rows


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions mkdocs.yml gives every page."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = (next(iter(entry.items())) if isinstance(entry, dict) else (entry, None))
        names.append(name)
        if settings:
            options[name] = settings
    return markdown.Markdown(extensions=names, extension_configs=options)


def library_figures(cases: int, runs: int, work: Path) -> dict[str, float]:
    data = work / f"lib-{cases}" / "data"
    generate(data, cases, cases * 2)
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        stages: dict[str, float] = {}
        built = run(Settings(data_dir=data), hook=stages.__setitem__)
        for name in ("handouts", "plan", "render", "documents"):
            samples.setdefault(f"{name} s", []).append(stages[name])
        text = built.pages[PAGE]
        started = time.perf_counter()
        html = site_markdown().convert(text)
        samples.setdefault("builder Markdown → HTML s", []).append(time.perf_counter() - started)
        samples.setdefault("builder Markdown KB", []).append(len(text.encode("utf-8")) / 1e3)
        samples.setdefault("builder HTML KB", []).append(len(html.encode("utf-8")) / 1e3)
        samples.setdefault("Word documents", []).append(len(built.documents))
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--views", nargs="*", default=[], help="only the print views whose path contains one of these")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.skip_browser:
            print("| print view | sheets | layout ms | print to PDF ms | PDF pages |")
            print("|---|---|---|---|---|")
            for path, sheets, layout, printing, pages in browser_figures(work, args.runs, args.views):
                print(f"| {path} | {sheets} | {layout:.0f} | {printing:.0f} | {pages} |")
            print()
        figures = {cases: library_figures(cases, args.runs, work) for cases in args.cases}
        print("| figure | " + " | ".join(f"{c} cases" for c in args.cases) + " |")
        print("|---|" + "---|" * len(args.cases))
        for name in next(iter(figures.values())):
            print(f"| {name} | " + " | ".join(f"{figures[c][name]:.2f}" for c in args.cases) + " |")
    print(f"\ncommand: python benchmarks/bench_print.py --cases {' '.join(map(str, args.cases))} --runs {args.runs}")


if __name__ == "__main__":
    main()
