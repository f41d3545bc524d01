#!/usr/bin/env python3
"""CPU time and cycle-collector work of planparse on one file, without wall-clock noise.

    python benchmarks/growth_gc.py FILE [--gc on|off|freeze-warm|freeze-plan] [--repeats N] [--no-graph]

bench.py's planparse protocol in one process (warm-up on the small plan and the seed, planparse's
memo caches emptied before each repeat, ``parse_file`` then ``build_graph``), timed with
``time.process_time()``, with the time and count of each generation's collections (``gc.callbacks``),
the objects the collector tracks after the run (result kept) and the peak RSS. ``--gc``: the
collector on (default), off, frozen after the warm-up, or frozen after each plan (a diagnosis, not a
recommendation). Run it on bench.py's synthetic 1 MB and 10 MB files (``make_synthetic``, in the
bench work directory) from the tree root with PYTHONPATH set; docs/benchmarks.md, "Growth: what
grows with the heap", shows what it found. One JSON line per run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--gc", choices=["on", "off", "freeze-warm", "freeze-plan"], default="on")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--no-graph", action="store_true")
    a = ap.parse_args()

    import planparse
    from planparse import api

    seconds = {0: 0.0, 1: 0.0, 2: 0.0}
    count = {0: 0, 1: 0, 2: 0}
    started = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            seconds[info["generation"]] += time.process_time() - started[0]
            count[info["generation"]] += 1

    gc.callbacks.append(on_gc)
    if a.gc == "freeze-plan":
        parse_plan = api.Pipeline._parse_plan

        def frozen_after(self, *args):
            plan = parse_plan(self, *args)
            gc.freeze()
            return plan

        api.Pipeline._parse_plan = frozen_after

    pipe = planparse.Pipeline()
    for t in bench._warmup_texts():
        pipe.parse_text(t)
    build_graph = None if a.no_graph else bench._find_build_graph()
    if build_graph is not None:
        build_graph([pipe.parse_text(bench.SMALL_PLAN)])
    if a.gc == "off":
        gc.disable()
    elif a.gc == "freeze-warm":
        gc.collect()
        gc.freeze()
    for _ in range(a.repeats):
        bench._clear_text_caches()
        for g in seconds:
            seconds[g], count[g] = 0.0, 0
        c0 = time.process_time()
        r = pipe.parse_file(a.file)
        c1 = time.process_time()
        if build_graph is not None:
            build_graph([r])
        c2 = time.process_time()
        print(json.dumps({
            "file": os.path.basename(a.file), "gc": a.gc, "chars": r.source.chars, "plans": len(r.plans),
            "cpu": round(c2 - c0, 3), "parse_cpu": round(c1 - c0, 3), "graph_cpu": round(c2 - c1, 3),
            "gc_seconds": {g: round(v, 3) for g, v in seconds.items()}, "gc_collections": dict(count),
            "tracked_objects": len(gc.get_objects()) + gc.get_freeze_count(),
            "peak_rss_mb": bench._peak_rss_kb() // 1024}), flush=True)
        del r
        if a.gc == "freeze-plan":
            gc.unfreeze()


if __name__ == "__main__":
    main()
