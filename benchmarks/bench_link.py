"""The link stage alone at N and 4N cases (10 sites per case), median of --runs, and their ratio.

    python benchmarks/bench_link.py [--cases 250] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import generate  # noqa: E402
from generator.core.check import collector_paused  # noqa: E402
from generator.core.link import link  # noqa: E402
from generator.core.load import load_library  # noqa: E402
from generator.core.settings import Settings  # noqa: E402
from generator.core.validate import validate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="关联阶段（link）在 N 和 4N 规模下的耗时及其比值")
    parser.add_argument("--cases", type=int, default=250, help="N 的案例数（默认 250，每个案例 10 个阵地）")
    parser.add_argument("--runs", type=int, default=7, help="重复次数，取中位数（默认 7）")
    args = parser.parse_args()
    medians = {}
    with tempfile.TemporaryDirectory(prefix="bench-link-") as tmp:
        for cases in (args.cases, 4 * args.cases):
            data = Path(tmp) / f"lib-{cases}"
            generate(data, cases, 10 * cases)
            settings = Settings(data_dir=data)
            with collector_paused():
                records, _ = validate(load_library(settings).files, settings.build_year)
                times = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    link(records, settings)
                    times.append(time.perf_counter() - started)
            medians[cases] = statistics.median(times)
            print(f"link, {cases} cases: {medians[cases] * 1000:.0f} ms (median of {args.runs})")
    print(f"ratio 4N / N: {medians[4 * args.cases] / medians[args.cases]:.2f}")


if __name__ == "__main__":
    main()
