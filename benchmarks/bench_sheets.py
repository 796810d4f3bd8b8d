"""Benchmark: the Excel round trip on the synthetic library.

Exports sites, their honours, terms, regions and sources to one workbook, imports it unchanged
(every record checked, no file written), deletes every site file and imports again (all
re-created), and times how long a sheet of 50,000 rows takes to be refused. Prints one table
row per figure, wall-clock and CPU seconds (the CPU figure holds on a busy machine); the peak
resident memory of the process comes last.

    python benchmarks/bench_sheets.py [--cases 1000] [--sites 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth import generate
from generator.core.check import check
from generator.core.schema import BY_NAME
from generator.core.settings import Settings
from generator.sheets.apply import import_book
from generator.sheets.export import build, workbook_bytes
from generator.sheets.layout import kind_layout
from generator.sheets.read import MAX_ROWS

KINDS = ("site", "term", "region", "source")


def timed(action):
    """Wall-clock seconds (and the result); CPU seconds are kept in CPU for a shared machine."""
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - started, result


CPU: list[float] = []


def export(settings: Settings, out: Path) -> int:
    kb, report = check(settings)
    assert not report.errors
    out.write_bytes(workbook_bytes(build([kind_layout(BY_NAME[k]) for k in KINDS], kb)))
    return sum(len(kb.of_kind(k)) for k in KINDS)


def too_many_rows(out: Path, rows: int) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(BY_NAME["term"].label)
    sheet.append(["编号\nid", "术语\nterm", "定义\ndefinition"])
    for number in range(rows):
        sheet.append([f"term-x{number}", f"术语{number}", "一句释义。"])
    book.save(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--sites", type=int, default=MAX_ROWS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root / "data", cases=args.cases, sites=args.sites)
        settings = Settings(data_dir=root / "data")
        book = root / "library.xlsx"
        samples: dict[str, list[float]] = {"export s": [], "import unchanged s": [], "import re-creating sites s": []}
        cpu: dict[str, list[float]] = {name: [] for name in samples}
        records = 0
        for _ in range(args.runs):
            seconds, records = timed(lambda: export(settings, book))
            samples["export s"].append(seconds)
            cpu["export s"].append(CPU[-1])
            seconds, outcome = timed(lambda: import_book(book, settings))
            assert not outcome.failed() and not outcome.changed and not outcome.created, outcome.text(book.name, root)
            samples["import unchanged s"].append(seconds)
            cpu["import unchanged s"].append(CPU[-1])
            sites = sorted((root / "data" / "sites").glob("*.yml"))
            for path in sites:
                path.unlink()
            seconds, outcome = timed(lambda: import_book(book, settings))
            assert len(outcome.created) == len(sites), outcome.text(book.name, root)
            samples["import re-creating sites s"].append(seconds)
            cpu["import re-creating sites s"].append(CPU[-1])
        big = too_many_rows(root / "big.xlsx", 50_000)
        refusal, outcome = timed(lambda: import_book(big, settings))
        assert [i.code for i in outcome.issues] == ["E-ROWS"]
        print(f"synthetic library: {args.cases} cases, {args.sites} sites; workbook of {records} records "
              f"({book.stat().st_size // 1024} KB), median of {args.runs} runs\n")
        print("| figure | wall | CPU |\n|---|---|---|")
        print(f"| records in the workbook | {records} | |")
        for name, values in samples.items():
            print(f"| {name} | {statistics.median(values):.2f} | {statistics.median(cpu[name]):.2f} |")
        print(f"| refuse a 50,000-row sheet s | {refusal:.2f} | {CPU[-1]:.2f} |")
        print(f"| peak resident memory MB | {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} | |")


if __name__ == "__main__":
    main()
