"""planparse.batch / parse_corpus: accounting, order, isolation of crashing and hanging files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from corpus_samples import PLAN_A, PLAN_B, write_small_corpus
from faulty_pipeline import broken_factory, faulty_factory

import planparse
from planparse.api import Pipeline
from planparse.config import ParseConfig
from planparse.corpus import (
    STATE_DIR,
    batch,
    expand_inputs,
    parse_corpus,
    read_errors,
    read_results,
    results_from_lines,
)
from planparse.errors import ConfigError, PlanparseError
from planparse.models import ErrorRecord, ParseResult


def _error_shards(out):
    return list((out / STATE_DIR / "shards").rglob("*.error.json"))


def _lines(p):
    return [json.loads(ln) for ln in p.read_text(encoding="utf-8").splitlines()]


# -- inputs ------------------------------------------------------------------------------------

def test_expand_directory_recurses_and_keeps_plan_suffixes(tmp_path):
    write_small_corpus(tmp_path / "in")
    got = [os.path.relpath(p, tmp_path / "in") for p in expand_inputs([tmp_path / "in"])]
    assert got == ["a.txt", "b.txt", "binary.txt", "empty.txt", os.path.join("sub", "c.txt")]


def test_expand_glob_dedupes_and_keeps_missing_files(tmp_path):
    write_small_corpus(tmp_path / "in")
    got = expand_inputs([str(tmp_path / "in" / "*.txt"), str(tmp_path / "in" / "a.txt"),
                         str(tmp_path / "missing.txt")])
    names = [os.path.relpath(p, tmp_path) for p in got]
    assert names == [os.path.join("in", n) for n in ("a.txt", "b.txt", "binary.txt", "empty.txt")] + ["missing.txt"]


def test_expand_excludes_the_output_directory(tmp_path):
    write_small_corpus(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.txt").write_text("社区计划", encoding="utf-8")
    got = expand_inputs([tmp_path], exclude=tmp_path / "out")
    assert not any("out" in os.path.relpath(p, tmp_path).split(os.sep) for p in got)


# -- batch -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    good, bad = write_small_corpus(root / "in")
    report = batch([root / "in", root / "missing.txt"], root / "out", jobs=2, progress=False)
    return root, good, bad, report


def test_batch_accounts_for_every_input(small_run):
    root, _, _, report = small_run
    assert report.ok
    assert (report.inputs, report.parsed, report.errors) == (6, 3, 3)
    recs = _lines(root / "out" / "plans.jsonl")
    errs = _lines(root / "out" / "errors.jsonl")
    assert len({r["path"] for r in recs}) + len(errs) == report.inputs


def test_batch_error_records_name_the_failure(small_run):
    root, _, _, _ = small_run
    errs = {os.path.basename(e.path): e for e in read_errors(root / "out")}
    assert set(errs) == {"binary.txt", "empty.txt", "missing.txt"}
    assert errs["empty.txt"].error_type == "EmptyInputError"
    assert errs["missing.txt"].error_type == "FileNotFoundPlanError"
    assert errs["binary.txt"].error_type in {"EncodingError", "UnsupportedFormatError"}
    assert all(e.code.startswith("PP1") for e in errs.values())


def test_batch_records_are_sorted_by_input_path(small_run):
    root, _, _, _ = small_run
    paths = [r["path"] for r in _lines(root / "out" / "plans.jsonl")]
    assert paths == sorted(paths)
    err_paths = [e["path"] for e in _lines(root / "out" / "errors.jsonl")]
    assert err_paths == sorted(err_paths)


def test_batch_records_rebuild_the_parse_results(small_run):
    root, good, _, _ = small_run
    rebuilt = {os.path.basename(r.source.path): r for r in read_results(root / "out")}
    pipe = Pipeline()
    for name in good:
        path = os.path.normpath(str(root / "in" / name))
        direct = pipe.parse_file(path)
        assert rebuilt[os.path.basename(name)].model_dump() == direct.model_dump()


def test_plan_record_has_source_plan_and_warnings(small_run):
    root, _, _, _ = small_run
    rec = _lines(root / "out" / "plans.jsonl")[0]
    assert {"path", "source", "plan", "warnings", "plan_index", "plan_count", "schema_version"} <= set(rec)
    assert rec["source"]["path"] == rec["path"] and rec["plan"]["id"] == "p1"


def test_order_does_not_depend_on_completion_order(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    # the first files are slow, so they finish last with two workers
    for name, text in [("slow1.txt", PLAN_A), ("slow2.txt", PLAN_B), ("x1.txt", PLAN_B), ("x2.txt", PLAN_A)]:
        (d / name).write_text(text, encoding="utf-8")
    r2 = batch([d], tmp_path / "o2", jobs=2, progress=False, pipeline_factory=faulty_factory)
    r1 = batch([d], tmp_path / "o1", jobs=1, progress=False, pipeline_factory=faulty_factory)
    assert r1.ok and r2.ok
    assert (tmp_path / "o2" / "plans.jsonl").read_bytes() == (tmp_path / "o1" / "plans.jsonl").read_bytes()


def test_a_crashing_file_costs_only_itself(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "crash.txt", "d.txt", "e.txt"):
        (d / name).write_text(PLAN_A, encoding="utf-8")
    report = batch([d], tmp_path / "out", jobs=2, progress=False, pipeline_factory=faulty_factory)
    assert report.ok and (report.parsed, report.errors) == (3, 1)
    (err,) = read_errors(tmp_path / "out")
    assert os.path.basename(err.path) == "crash.txt" and err.error_type == "WorkerCrashError"


def test_a_hanging_file_times_out_and_the_rest_finish(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "hang.txt", "z.txt"):
        (d / name).write_text(PLAN_B, encoding="utf-8")
    # generous timeout: a normal file must not hit it even on a loaded machine
    report = batch([d], tmp_path / "out", jobs=1, timeout=4, progress=False, pipeline_factory=faulty_factory)
    errors = [(e.path, e.error_type, e.message) for e in read_errors(tmp_path / "out")]
    assert report.ok and (report.parsed, report.errors) == (2, 1), errors
    (err,) = read_errors(tmp_path / "out")
    assert os.path.basename(err.path) == "hang.txt" and err.error_type == "ParseTimeoutError"


def test_a_crash_inside_a_chunk_costs_only_that_file(tmp_path):
    # eighteen files, one worker: the crash is the third file of the worker's second message
    d = tmp_path / "in"
    d.mkdir()
    names = [f"a{i:02d}.txt" for i in range(7)] + ["crash.txt"] + [f"d{i:02d}.txt" for i in range(10)]
    for n in names:
        (d / n).write_text(PLAN_A, encoding="utf-8")
    report = batch([d], tmp_path / "out", jobs=1, progress=False, pipeline_factory=faulty_factory)
    assert report.ok and (report.parsed, report.errors) == (17, 1)
    (err,) = read_errors(tmp_path / "out")
    assert os.path.basename(err.path) == "crash.txt" and err.error_type == "WorkerCrashError"
    parsed = {os.path.basename(r["path"]) for r in _lines(tmp_path / "out" / "plans.jsonl")}
    assert parsed == set(names) - {"crash.txt"}
    assert len(_error_shards(tmp_path / "out")) == 1, "a file finished before the crash was blamed too"


def test_a_hang_inside_a_chunk_times_out_alone(tmp_path):
    # ten files, one worker: the hang is the second file of the worker's second message
    d = tmp_path / "in"
    d.mkdir()
    names = [f"a{i:02d}.txt" for i in range(4)] + ["hang.txt"] + [f"z{i:02d}.txt" for i in range(5)]
    for n in names:
        (d / n).write_text(PLAN_B, encoding="utf-8")
    report = batch([d], tmp_path / "out", jobs=1, timeout=4, progress=False, pipeline_factory=faulty_factory)
    errors = [(e.path, e.error_type, e.message) for e in read_errors(tmp_path / "out")]
    assert report.ok and (report.parsed, report.errors) == (9, 1), errors
    assert os.path.basename(errors[0][0]) == "hang.txt" and errors[0][1] == "ParseTimeoutError"
    assert len(_error_shards(tmp_path / "out")) == 1, "a file finished before the hang was blamed too"


def test_chunks_shrink_towards_the_end():
    from planparse.corpus import CHUNK_MAX, _chunk_size

    assert _chunk_size(10_000, 2) == CHUNK_MAX
    assert [_chunk_size(n, 2) for n in (40, 9, 8, 1)] == [5, 2, 1, 1]


def test_report_splits_start_up_steady_state_and_merge(tmp_path):
    write_small_corpus(tmp_path / "in")
    report = batch([tmp_path / "in"], tmp_path / "out", jobs=1, progress=False)
    # the steady-state clock starts when the worker is ready, so every file of the run counts
    assert report.steady_files == report.processed == 5
    assert report.startup_seconds > 0 and report.parse_seconds > 0 and report.merge_seconds > 0
    assert report.startup_seconds + report.parse_seconds + report.merge_seconds <= report.seconds
    assert report.workers_cpu_seconds > report.parent_cpu_seconds > 0
    assert 0 < report.workers_boot_cpu_seconds < report.workers_cpu_seconds
    assert report.shared_build_cpu_seconds == 0  # one worker builds its own pipeline
    last = json.loads((tmp_path / "out" / ".planparse-batch" / "last_run.json").read_text(encoding="utf-8"))
    assert last["steady_rate"] == report.steady_rate > 0
    if sys.platform.startswith("linux"):  # several forked workers share a pipeline this process builds
        report = batch([tmp_path / "in"], tmp_path / "out2", jobs=2, progress=False)
        assert 0 < report.shared_build_cpu_seconds < report.parent_cpu_seconds


KILLED_PARENT = """
import os, signal, sys, time
from planparse.config import ParseConfig
from planparse.corpus import _LocalPool, default_pipeline
pool = _LocalPool(2, config=ParseConfig(), factory=default_pipeline)
deadline = time.monotonic() + 60
for w in pool.workers:  # wait until both are ready and idle in recv(), then die without cleanup
    while not w.conn.poll(0.1) and time.monotonic() < deadline:
        pass
print(" ".join(str(w.proc.pid) for w in pool.workers), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_idle_workers_of_a_killed_parent_exit(tmp_path):
    # a forked worker holds copies of the parent's pipe ends; unless it closes them, a dead
    # parent's pipes never reach EOF and its idle workers wait for ever
    with open(tmp_path / "out", "w") as out, open(tmp_path / "err", "w") as err:  # files: the workers may hold them
        subprocess.run([sys.executable, "-c", KILLED_PARENT], stdout=out, stderr=err, timeout=120)
    stdout, stderr = (tmp_path / "out").read_text(), (tmp_path / "err").read_text()
    pids = [int(x) for x in stdout.split()]
    assert len(pids) == 2, stdout + stderr
    deadline = time.monotonic() + 20
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in pids if _alive(pid)]
    for pid in alive:  # do not leave them behind when the test fails
        os.kill(pid, 9)
    assert not alive
    assert "Traceback" not in stderr


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_workers_are_spawned_when_threads_run(monkeypatch):
    import threading

    from planparse.corpus import _start_context

    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert _start_context().get_start_method() == ("fork" if sys.platform.startswith("linux") else "spawn")
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert _start_context().get_start_method() == "spawn"


def test_a_pipeline_that_cannot_start_stops_the_run(tmp_path):
    write_small_corpus(tmp_path / "in")
    with pytest.raises(ConfigError, match="no lexicon"):
        batch([tmp_path / "in"], tmp_path / "out", jobs=1, progress=False, pipeline_factory=broken_factory)


def test_inline_and_pool_runs_write_the_same_files(tmp_path):
    write_small_corpus(tmp_path / "in")
    batch([tmp_path / "in"], tmp_path / "o0", jobs=0, progress=False)
    batch([tmp_path / "in"], tmp_path / "o2", jobs=2, progress=False)
    for f in ("plans.jsonl", "errors.jsonl"):
        assert (tmp_path / "o0" / f).read_bytes() == (tmp_path / "o2" / f).read_bytes()


# -- parse_corpus ------------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", [0, 2])
def test_parse_corpus_yields_one_item_per_input_in_order(tmp_path, jobs):
    good, bad = write_small_corpus(tmp_path)
    items = list(parse_corpus([tmp_path], jobs=jobs))
    paths = [it.source.path if isinstance(it, ParseResult) else it.path for it in items]
    assert paths == sorted(os.path.normpath(str(tmp_path / n)) for n in good + bad)
    kinds = {os.path.basename(p): type(it) for p, it in zip(paths, items, strict=True)}
    assert kinds == {"a.txt": ParseResult, "b.txt": ParseResult, "c.txt": ParseResult,
                     "binary.txt": ErrorRecord, "empty.txt": ErrorRecord}


def test_parse_corpus_is_exported_from_the_package():
    assert planparse.parse_corpus is parse_corpus and planparse.batch is batch


def test_results_from_lines_splits_files_and_keeps_warnings():
    pipe = Pipeline(ParseConfig())
    from planparse.corpus import plan_records
    from planparse.models import ParseWarning

    r1 = pipe.parse_text(PLAN_A, path="x/a.txt")
    r1.warnings.append(ParseWarning(code="PP301", message="test warning"))
    r2 = pipe.parse_text(PLAN_B, path="x/b.txt")
    lines = [json.dumps(rec, ensure_ascii=False) for r in (r1, r2) for rec in plan_records(r, r.source.path)]
    back = results_from_lines(lines)
    assert [b.model_dump() for b in back] == [r1.model_dump(), r2.model_dump()]


# -- command line ------------------------------------------------------------------------------

def test_cli_batch_exit_code_and_summary(tmp_path):
    write_small_corpus(tmp_path / "in")
    p = subprocess.run([sys.executable, "-m", "planparse", "batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                        "--jobs", "2"], capture_output=True, text=True)
    assert p.returncode == 1, p.stderr  # some inputs failed
    assert "5 inputs = 3 parsed" in p.stderr and "+ 2 errors: ok" in p.stderr
    assert "Traceback" not in p.stderr


def _parent_modules(tmp_path, jobs):
    """Run ``planparse batch --jobs N`` in a fresh process; the heavy modules its parent imported."""
    code = ("import sys; from planparse.cli import main; "
            "main(['batch', sys.argv[1], '-o', sys.argv[2], '-q', '--jobs', sys.argv[3]]); "
            "print(sorted(m for m in ('pydantic', 'planparse.api', 'planparse.models') if m in sys.modules))")
    out = tmp_path / f"out{jobs}"
    p = subprocess.run([sys.executable, "-c", code, str(tmp_path / "in"), str(out), str(jobs)],
                       capture_output=True, text=True)
    assert (out / "plans.jsonl").exists(), p.stderr
    return p.stdout.strip(), (out / "plans.jsonl").read_bytes()


def test_one_worker_builds_its_own_pipeline_and_several_forked_ones_share_the_parents(tmp_path):
    # one worker: the parent starts it before anything heavy is imported and never needs the
    # models (it hashes the inputs meanwhile); several forked workers: the parent builds the
    # pipeline once and they inherit it; the same bytes either way
    write_small_corpus(tmp_path / "in")
    light, one = _parent_modules(tmp_path, 1)
    assert light == "[]"
    heavy, two = _parent_modules(tmp_path, 2)
    if sys.platform.startswith("linux"):
        assert heavy == "['planparse.api', 'planparse.models', 'pydantic']"
    assert one == two


def test_a_shared_pipeline_leaves_the_callers_collector_as_it_was(tmp_path):
    import gc

    from planparse.corpus import _INHERITED

    write_small_corpus(tmp_path / "in")
    before = gc.get_freeze_count()
    report = batch([tmp_path / "in"], tmp_path / "out", jobs=2, progress=False)
    assert report.ok
    assert gc.get_freeze_count() == before and gc.isenabled()
    assert not _INHERITED  # the pipeline is let go with the pool
    if sys.platform.startswith("linux"):  # forked workers: frozen while they run, so no collection here walks it
        frozen = [gc.get_freeze_count() for _ in parse_corpus([tmp_path / "in"], jobs=2)]
        assert min(frozen) > before and gc.get_freeze_count() == before and gc.isenabled()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_inputs_are_hashed_by_a_child_while_a_shared_pipeline_builds(tmp_path, monkeypatch):
    # with several forked workers a child hashes the inputs while the parent builds the pipeline:
    # the same keys as hashing them here; a child that dies leaves the parent to hash them itself
    from planparse import corpus

    write_small_corpus(tmp_path / "in")
    paths = expand_inputs([tmp_path / "in"])
    fp = corpus.config_fingerprint(ParseConfig())
    keys = corpus.input_keys(paths, fp, str(tmp_path / "s1"))
    child = corpus._KeysInChild(paths, fp, str(tmp_path / "s2"))
    got, done, cpu = child.result()
    child.stop()
    assert got == keys and cpu > 0 and done == set()
    assert sorted(os.listdir(tmp_path / "s2")) == sorted({k[:2] for k in keys})  # the shards' directories
    batch([tmp_path / "in"], tmp_path / "o0", jobs=0, progress=False)
    # with the shards of a run on disk, the child lists them as the parent would
    s0 = str(tmp_path / "o0" / corpus.STATE_DIR / "shards")
    child = corpus._KeysInChild(paths, fp, s0)
    got, done, _ = child.result()
    child.stop()
    assert got == keys and done == corpus._shards_on_disk(s0) and len(done) == len(paths)
    monkeypatch.setattr(corpus, "_keys_main", lambda conn, *args: os._exit(3))
    child = corpus._KeysInChild(paths, fp, str(tmp_path / "s3"))
    assert child.result() == (None, None, 0.0)
    child.stop()
    report = batch([tmp_path / "in"], tmp_path / "o2", jobs=2, progress=False)
    assert report.ok and report.parsed == 3
    for f in ("plans.jsonl", "errors.jsonl"):
        assert (tmp_path / "o0" / f).read_bytes() == (tmp_path / "o2" / f).read_bytes()


def test_outputs_are_written_as_the_run_goes(tmp_path, monkeypatch):
    # each finished file is copied into the outputs as soon as every file before it is finished,
    # not all after the last result: in path order here, nothing is left for the end; a run that
    # fails leaves no temporary output behind
    from planparse import corpus

    write_small_corpus(tmp_path / "in")
    left = []
    finish = corpus._Merger.finish
    monkeypatch.setattr(corpus._Merger, "finish", lambda self: (left.append(len(self.paths) - self.next),
                                                                finish(self))[1])
    report = batch([tmp_path / "in", tmp_path / "missing.txt"], tmp_path / "o0", jobs=0, progress=False)
    assert left == [0] and report.ok and (report.parsed, report.errors) == (3, 3)
    batch([tmp_path / "in"], tmp_path / "o1", jobs=1, progress=False)
    rerun = batch([tmp_path / "in"], tmp_path / "o1", jobs=1, progress=False)  # every file done before
    assert rerun.skipped == 5 and left[-1] == 0
    assert (tmp_path / "o1" / "plans.jsonl").read_bytes() == (tmp_path / "o0" / "plans.jsonl").read_bytes()
    with pytest.raises(ConfigError):
        batch([tmp_path / "in"], tmp_path / "o2", jobs=1, progress=False, pipeline_factory=broken_factory)
    assert not list((tmp_path / "o2").glob("*.jsonl*"))


def test_workers_send_their_records_with_the_acknowledgement(tmp_path, monkeypatch):
    # a worker's acknowledgement carries the bytes of the shards it wrote: the calling process copies
    # them into the outputs without reading the shards back; a rerun reads the shards of the files
    # done before; the bytes and the counts are the same either way
    from planparse import corpus

    write_small_corpus(tmp_path / "in")
    sent = []
    write = corpus._Merger._write
    monkeypatch.setattr(corpus._Merger, "_write", lambda self, i: (sent.append(i in self.held), write(self, i))[1])
    first = batch([tmp_path / "in"], tmp_path / "o1", jobs=1, progress=False)
    assert first.ok and first.processed == 5 and sent == [True] * 5
    (tmp_path / "o1" / "plans.jsonl").rename(tmp_path / "plans1.jsonl")
    (tmp_path / "o1" / "errors.jsonl").rename(tmp_path / "errors1.jsonl")
    sent.clear()
    again = batch([tmp_path / "in"], tmp_path / "o1", jobs=1, progress=False)
    assert again.skipped == 5 and sent == [False] * 5
    assert (again.parsed, again.errors, again.plans) == (first.parsed, first.errors, first.plans)
    assert (tmp_path / "o1" / "plans.jsonl").read_bytes() == (tmp_path / "plans1.jsonl").read_bytes()
    assert (tmp_path / "o1" / "errors.jsonl").read_bytes() == (tmp_path / "errors1.jsonl").read_bytes()


def test_batch_report_fields(tmp_path):
    # its fields in their order (as last_run.json has them), equality field by field, a repr that
    # names them, a fresh missing list per report
    from planparse.corpus import BatchReport

    r = BatchReport(inputs=2, parsed=1, missing=["b.txt"])
    d = r.as_dict()
    assert list(d)[:7] == ["inputs", "parsed", "errors", "plans", "skipped", "processed", "missing"]
    assert list(d)[-1] == "out_dir" and len(d) == 17 and d["missing"] == ["b.txt"] and d["missing"] is not r.missing
    assert r == BatchReport(inputs=2, parsed=1, missing=["b.txt"]) and r != BatchReport(inputs=2, parsed=1)
    assert not r.ok and "missing=['b.txt']" in repr(r) and BatchReport().missing is not BatchReport().missing
    write_small_corpus(tmp_path / "in")
    report = batch([tmp_path / "in"], tmp_path / "out", jobs=0, progress=False)
    last = json.loads((tmp_path / "out" / STATE_DIR / "last_run.json").read_text(encoding="utf-8"))
    assert list(last) == [*report.as_dict(), "steady_rate"] and last["parsed"] == report.parsed == 3


def test_plans_in_counts_plan_lines():
    from planparse.corpus import _plans_in

    no_plan = b'{"path": "a.txt", "plan": null, "warnings": []}\n'
    two = b'{"path": "b.txt", "plan": {"title": "\\"plan\\": null"}}\n{"path": "b.txt", "plan": {}}\n'
    assert (_plans_in(no_plan), _plans_in(two), _plans_in(no_plan + two)) == (0, 2, 2)


def test_cli_batch_rejects_unknown_backend(tmp_path):
    from planparse.cli import main

    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "o"), "--backend", "spark"]) == 2


def test_unknown_backend_in_api(tmp_path):
    write_small_corpus(tmp_path / "in")
    with pytest.raises(PlanparseError):
        batch([tmp_path / "in"], tmp_path / "out", backend="spark", progress=False)
