"""Batch throughput: ``planparse batch`` with --jobs 1 and --jobs 2 on the mixed 1,000-file corpus.

Each run starts from an empty output directory (no resume), as a separate
``python -m planparse batch`` process, and is timed from outside (wall clock,
interpreter start, worker start-up and final merge included): the *end to end*
figure. The *steady state* figure (from ``last_run.json``) is the rate from the
moment the first worker is ready to parse until the last result: it leaves out the
fixed start-up (interpreter, imports, each worker's warm-up) and the merge.

Both settings run the same command on the same files and write the same bytes; one
untimed run of each comes first (page cache, ``.pyc`` files), then the timed runs
alternate, so drift in machine load hits both alike. The runs are made without
``PYTHONDONTWRITEBYTECODE`` (this machine's environment sets it), so that the untimed run does
write planparse's ``.pyc`` files, as an installed package has them: else every run compiles
planparse's modules from source in the process that builds the pipeline (2026-12-04, a worker's
start-up alone, ``benchmarks/startup.py``: 0.26-0.27 s of CPU against 0.17-0.19 s), a fixed cost in
both settings that an editable checkout pays and an installed package does not. The script prints, per setting,
the wall times, the start-up, the steady rate, and the CPU seconds of the parent
process (the one that hashes, dispatches, collects and merges; it competes with the
workers for the cores) apart from the workers' CPU. It also checks the accounting:
every input in plans.jsonl or errors.jsonl, and the corrupt files of the corpus's
MANIFEST.tsv exactly in errors.jsonl. Last, it measures the machine's own limit without
planparse: the CPU that jieba.lcut needs for the same work when two processes run at once
instead of one (``--no-reference`` skips it).

Usage::

    python benchmarks/make_corpus.py --out /tmp/corpus1000 --n 1000
    python benchmarks/bench_batch.py --corpus /tmp/corpus1000 --repeat 3
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
# planparse's .pyc files are written by the untimed run (see the docstring)
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# `python -m planparse` would put the working directory first on sys.path: run from the checkout, the
# runs would import its pure-Python sources instead of the installed (compiled) build (Python >= 3.11)
CHILD_ENV["PYTHONSAFEPATH"] = "1"
GOAL = 1.7
NA = float("nan")  # a figure an older planparse does not report (the script also times older trees)


def run_once(corpus: pathlib.Path, jobs: int, out: pathlib.Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "planparse", "batch", str(corpus), "-o", str(out), "--jobs", str(jobs),
                        "-q"], capture_output=True, text=True, env=CHILD_ENV)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    # the batch process and its workers (reaped by it, so counted in its children)
    tree_cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    if p.returncode not in (0, 1):
        raise SystemExit(f"batch failed (exit {p.returncode}): {p.stderr[-2000:]}")
    last = json.loads((out / ".planparse-batch" / "last_run.json").read_text(encoding="utf-8"))
    keep = ("inputs", "parsed", "errors", "plans", "missing", "steady_rate", "startup_seconds", "parse_seconds",
            "merge_seconds", "parent_cpu_seconds", "workers_cpu_seconds", "workers_boot_cpu_seconds",
            "shared_build_cpu_seconds")
    r = {"jobs": jobs, "wall": wall, "tree_cpu": tree_cpu, **{k: last.get(k, NA) for k in keep}}
    # the whole parent process: interpreter start, imports, hashing, dispatch, merge
    r["parent_process_cpu"] = NA if r["workers_cpu_seconds"] is NA else tree_cpu - r["workers_cpu_seconds"]
    # the parent's CPU in the run besides building the pipeline that forked workers share (start-up,
    # which one worker does itself): hashing, dispatch, collecting, writing, merge
    r["parent_dispatch_cpu"] = NA if r["shared_build_cpu_seconds"] is NA else \
        r["parent_cpu_seconds"] - r["shared_build_cpu_seconds"]
    # the workers' CPU per file once started: if it grows with --jobs, the cores slow each other down
    # (shared caches, a busy host), a limit on the steady-state speedup that no scheduling removes
    r["parse_cpu_ms_per_file"] = NA if r["workers_boot_cpu_seconds"] is NA else \
        1000 * (r["workers_cpu_seconds"] - r["workers_boot_cpu_seconds"]) / max(1, r["inputs"])
    return r


# The machine's own limit, measured without planparse: jieba.lcut (pure Python, dictionary-heavy, so
# it leans on the caches and memory as a parser does) run by one process alone, then by two processes
# at once; each reports the CPU seconds of the same work. If two at once need more CPU each, the cores
# slow each other down (shared caches, memory bandwidth, a busy host) and no scheduler can give
# --jobs 2 its full 2x.
REFERENCE_CHILD = r"""
import pathlib, sys, time
import jieba
jieba.setLogLevel(60)
jieba.initialize()
texts = [pathlib.Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]]
for t in texts[:5]:
    jieba.lcut(t)
c0 = time.process_time()
for _ in range(int(sys.argv[1])):
    for t in texts:
        jieba.lcut(t)
print(time.process_time() - c0)
"""


def reference_cpu_growth(texts: list[pathlib.Path], rounds: int = 2, reps: int = 3) -> dict:
    """CPU seconds of the same jieba work run alone and run two at once; growth = pair / alone (medians)."""
    cmd = [sys.executable, "-c", REFERENCE_CHILD, str(reps), *map(str, texts)]
    alone, pair = [], []
    for _ in range(rounds):
        alone.append(float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout))
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(2)]
        pair += [float(p.communicate()[0]) for p in procs]
    return {"alone": alone, "pair": pair, "growth": statistics.median(pair) / statistics.median(alone)}


def reference_texts() -> list[pathlib.Path]:
    """The shared corpora's UTF-8 texts (the 1,000-file corpus's sources), or none without ../shared."""
    shared = pathlib.Path(os.environ.get("PLANPARSE_SHARED", HERE.parent.parent / "shared"))
    return sorted((shared / "corpora").rglob("*.txt"))


def check_manifest(corpus: pathlib.Path, out: pathlib.Path) -> str:
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.exists():
        return "no MANIFEST.tsv: corrupt-file check skipped"
    rows = [ln.split("\t") for ln in manifest.read_text(encoding="utf-8").splitlines()[1:] if ln]
    corrupt = {r[0] for r in rows if r[1] != "good"}
    failed = {pathlib.Path(json.loads(ln)["path"]).name
              for ln in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines() if ln}
    parsed = {pathlib.Path(json.loads(ln)["path"]).name
              for ln in (out / "plans.jsonl").read_text(encoding="utf-8").splitlines() if ln}
    ok = failed == corrupt and parsed == {r[0] for r in rows} - corrupt
    return (f"corrupt files exactly in errors.jsonl: {'yes' if ok else 'NO'} "
            f"({len(corrupt)} corrupt, {len(failed)} errors, {len(parsed)} parsed of {len(rows)})")


def same_outputs(a: pathlib.Path, b: pathlib.Path) -> bool:
    return all((a / f).read_bytes() == (b / f).read_bytes() for f in ("plans.jsonl", "errors.jsonl"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=pathlib.Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs of each setting first (default 1)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", type=pathlib.Path, help="also write every run's figures here")
    ap.add_argument("--no-reference", action="store_true",
                    help="skip the machine's own limit (jieba.lcut alone vs two processes at once)")
    a = ap.parse_args(argv)
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench_batch_"))
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    for _ in range(a.warmup):
        for j in a.jobs:
            run_once(a.corpus, j, work / f"out{j}")
    load0 = os.getloadavg()
    results: dict[int, list[dict]] = {j: [] for j in a.jobs}
    for _ in range(a.repeat):
        for j in a.jobs:  # interleaved, so drift in machine load hits both settings alike
            results[j].append(run_once(a.corpus, j, work / f"out{j}"))
    ref_files = [] if a.no_reference else reference_texts()
    reference = reference_cpu_growth(ref_files) if ref_files else None
    load1 = os.getloadavg()
    print(f"{started}; {os.cpu_count()} CPUs, {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.system()}; load average (1 min) {load0[0]:.2f} before the timed runs, {load1[0]:.2f} after; "
          f"{a.warmup} untimed + {a.repeat} timed runs of each setting, interleaved"
          + ("; PYTHONDONTWRITEBYTECODE left out of the runs' environment" if "PYTHONDONTWRITEBYTECODE" in os.environ
             else ""))
    base = a.jobs[0]
    for j in a.jobs:
        rs = results[j]
        n = rs[-1]["inputs"]
        walls = [r["wall"] for r in rs]
        per_k = 1000 / n if n else 0.0
        med = statistics.median
        print(f"--jobs {j}: wall best {min(walls):.2f} s, median {med(walls):.2f} s "
              f"({', '.join(f'{w:.2f}' for w in walls)}); {n / min(walls):.1f} files/s end to end; "
              f"start-up to the first ready worker {med(r['startup_seconds'] for r in rs):.2f} s (median), "
              f"merge {med(r['merge_seconds'] for r in rs):.2f} s; "
              f"steady state best {max(r['steady_rate'] for r in rs):.1f} files/s "
              f"(median {med(r['steady_rate'] for r in rs):.1f})")
        print(f"    CPU per 1000 files (median): parent process {med(r['parent_process_cpu'] for r in rs) * per_k:.2f} s "
              f"(of which in the run, after imports: {med(r['parent_cpu_seconds'] for r in rs) * per_k:.3f} s; "
              f"of that, building the pipeline the workers share "
              f"{med(r['shared_build_cpu_seconds'] for r in rs) * per_k:.3f} s, the rest (hashing, dispatch, "
              f"collecting, writing, merge) {med(r['parent_dispatch_cpu'] for r in rs) * per_k:.3f} s), "
              f"workers {med(r['workers_cpu_seconds'] for r in rs) * per_k:.2f} s, of which start-up "
              f"{med(r['workers_boot_cpu_seconds'] for r in rs) * per_k:.2f} s; workers' CPU per file while "
              f"parsing {med(r['parse_cpu_ms_per_file'] for r in rs):.2f} ms; "
              f"{n} inputs = {rs[-1]['parsed']} parsed ({rs[-1]['plans']} plans) + {rs[-1]['errors']} errors, "
              f"missing {len(rs[-1]['missing'])}")
    for j in a.jobs[1:]:
        b, r = results[base], results[j]
        e2e_best = min(x["wall"] for x in b) / min(x["wall"] for x in r)
        e2e_pairs = statistics.median(x["wall"] / y["wall"] for x, y in zip(b, r, strict=True))
        st_best = max(x["steady_rate"] for x in r) / max(x["steady_rate"] for x in b)
        st_pairs = statistics.median(y["steady_rate"] / x["steady_rate"] for x, y in zip(b, r, strict=True))
        cpu_growth = statistics.median(x["parse_cpu_ms_per_file"] for x in r) / \
            statistics.median(x["parse_cpu_ms_per_file"] for x in b)
        print(f"--jobs {j} vs --jobs {base}: workers' CPU per file while parsing x{cpu_growth:.2f} (medians), so "
              f"the median steady-state speedup can reach about {j / cpu_growth:.2f}x at most on this machine now")
        print(f"--jobs {j} vs --jobs {base}: end to end {e2e_best:.2f}x (best vs best; median of the interleaved "
              f"pairs {e2e_pairs:.2f}x), steady state {st_best:.2f}x (best vs best; median of pairs "
              f"{st_pairs:.2f}x); goal >= {GOAL}x: end to end {'met' if e2e_best >= GOAL else 'MISSED'}, "
              f"steady state {'met' if st_best >= GOAL else 'MISSED'}")
    if reference:
        g = reference["growth"]
        print(f"the machine without planparse: jieba.lcut's CPU for the same work two processes at once vs alone "
              f"x{g:.2f} (medians; alone {', '.join(f'{x:.2f}' for x in reference['alone'])} s, two at once "
              f"{', '.join(f'{x:.2f}' for x in reference['pair'])} s): two independent processes get about "
              f"{2 / g:.2f}x the throughput of one here now")
    print(f"same plans.jsonl and errors.jsonl bytes for every setting: "
          f"{'yes' if all(same_outputs(work / f'out{base}', work / f'out{j}') for j in a.jobs) else 'NO'}")
    print(check_manifest(a.corpus, work / f"out{a.jobs[-1]}"))
    if a.json:
        a.json.write_text(json.dumps({"started": started, "load_before": load0, "load_after": load1,
                                      "runs": results, "reference": reference}, indent=1), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
