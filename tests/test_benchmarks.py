"""The synthetic library and the benchmark scripts run in CI at a small size, so they cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.synth import generate
from generator import Settings, check
from tests.support import REPO


def test_synthetic_library_is_valid_and_deterministic(tmp_path: Path):
    counts = generate(tmp_path / "a", cases=20, sites=100, seed=7)
    generate(tmp_path / "b", cases=20, sites=100, seed=7)
    assert counts["cases"] == 20 and counts["sites"] == 100 and counts["manual"] == 9
    kb, report = check(Settings(data_dir=tmp_path / "a"))
    assert report.problems == []
    assert kb.counts()["aspect"] == 26
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yml")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yml")}
    assert first == second


def test_check_benchmark_prints_its_ratio():
    result = subprocess.run([sys.executable, "benchmarks/bench_check.py", "--cases", "10", "--sites", "30", "--runs", "1"],
                            cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "ratio check / raw parse:" in result.stdout


def test_build_benchmark_runs_at_a_tiny_size():
    result = subprocess.run([sys.executable, "benchmarks/bench_build.py", "--cases", "2", "--sites-per-case", "2"],
                            cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("| ")}
    assert {"full build s", "MkDocs floor s", "our share of full build %", "HTML KB/page"} <= set(rows)


def test_serve_benchmark_measures_the_preview_through_the_real_server():
    result = subprocess.run([sys.executable, "benchmarks/bench_build.py", "--serve-only", "--edits", "2", "--cases", "2",
                             "--sites-per-case", "2"],
                            cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("| ")}
    assert {"serve: start s (to the first case page)", "serve: edited case field s (median)",
            "serve: new case file s (listed in the cases index)", "serve: deleted case file s (gone from the cases index)",
            "serve: edited page template s (case.md.j2)", "serve: peak memory MB"} <= set(rows)


def test_search_benchmark_measures_a_tiny_library_in_chromium():
    result = subprocess.run([sys.executable, "benchmarks/bench_search.py", "--cases", "3", "--sites", "6", "--first", "1"],
                            cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith(("| http", "| file://"))]
    assert len(rows) == 2, result.stdout
    for row in rows:
        first_ms, later_ms, longest_ms, kb, files = (float(x) for x in row.strip("|").split("|")[1:])
        assert first_ms > 0 and later_ms >= 0 and kb > 0 and files >= 2
    assert "增加" in result.stdout and "command: python benchmarks/bench_search.py" in result.stdout


def test_sheets_benchmark_runs_at_a_tiny_size():
    result = subprocess.run([sys.executable, "benchmarks/bench_sheets.py", "--cases", "5", "--sites", "20", "--runs", "1"],
                            cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {line.split("|")[1].strip() for line in result.stdout.splitlines() if line.startswith("| ")}
    assert {"export s", "import unchanged s", "import re-creating sites s", "refuse a 50,000-row sheet s"} <= rows


def test_print_benchmark_lays_out_a_handout_and_the_builder_and_measures_a_tiny_library():
    result = subprocess.run([sys.executable, "benchmarks/bench_print.py", "--cases", "4", "--runs", "1",
                             "--views", "dangfei-yu-zuzhi-shenghuo", "builder"],
                            cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    views = [line.strip("|").split("|") for line in result.stdout.splitlines() if line.startswith("| handouts/")]
    assert [v[0].strip() for v in views] == ["handouts/dangfei-yu-zuzhi-shenghuo.html", "handouts/builder.html"]
    for _, sheets, layout_ms, print_ms, pages in views:
        assert int(sheets) == int(pages) > 1 and float(layout_ms) > 0 and float(print_ms) > 0
    assert "| builder Markdown KB |" in result.stdout
