"""benchmarks/bench.py's growth curve compares like with like: the same statistic at every size."""

from __future__ import annotations

import argparse
import importlib.util

from conftest import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench_for_tests", ROOT / "benchmarks" / "bench.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _point(wall: list[float], cpu: list[float]) -> dict:
    return {"seconds": min(wall), "cpu_seconds": cpu[wall.index(min(wall))], "all_seconds": wall,
            "all_cpu_seconds": cpu, "chars": 1000, "plans": 2, "in_plans": 1000, "peak_rss_mb": 50.0,
            "rss_base_kb": 40_000}


def test_growth_ratio_is_best_over_best_and_median_over_median():
    bench = _bench()
    G = {1: _point([1.0, 1.6, 1.3], [0.9, 1.0, 1.1]), 10: _point([12.0, 11.0, 15.0], [9.5, 9.0, 9.2])}
    r = bench.growth_ratios(G)
    assert r["best"] == 11.0  # 11.0 ÷ 1.0, not the one 10 MB run ÷ the 1 MB best
    assert r["median"] == 12.0 / 1.3
    assert r["cpu_best"] == 9.0 / 0.9


def test_growth_only_report_renders_without_corpora_or_cold_start():
    bench = _bench()
    G = {1: _point([1.0, 1.2, 1.1], [1.0, 1.0, 1.0]), 10: _point([13.0, 12.5, 12.8], [10.0, 10.0, 10.0])}
    R = {"corpora": {}, "command": "python benchmarks/bench.py --growth-only", "seconds": 1.0, "growth": G,
         "growth_repeats": 3, "machine": {"load_at_start": (0.0, 0.0, 0.0), "load_at_end": (0.0, 0.0, 0.0)}}
    md = bench.render(R, argparse.Namespace(with_100mb=False, no_peers=True))
    assert "3 repeats at every size" in md
    assert "| 10 MB time ≤ 12x the 1 MB time (best of 3 ÷ best of 3) | 12.5x" in md
    assert "| NO |" in md and "Cold start" not in md and "Throughput" not in md
