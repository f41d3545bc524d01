"""A batch killed halfway resumes: finished files are not parsed again, the rest are."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys

from corpus_samples import PLAN_A, PLAN_B, PLAN_C

from planparse.corpus import STATE_DIR, STOP_AFTER_ENV, batch


def _corpus(d, n=12):
    d.mkdir()
    texts = [PLAN_A, PLAN_B, PLAN_C]
    for i in range(n):
        # each file differs (its own number in the title), so each has its own content hash
        (d / f"f{i:02d}.txt").write_text(texts[i % 3].replace("工作", f"第{i}号工作", 1), encoding="utf-8")
    (d / "f99_empty.txt").write_bytes(b"")


def _shards(out):
    root = out / STATE_DIR / "shards"
    return {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file() and ".tmp" not in p.name}


def test_killed_run_resumes_without_redoing_finished_files(tmp_path):
    _corpus(tmp_path / "in")
    out = tmp_path / "out"
    env = {**os.environ, STOP_AFTER_ENV: "5"}
    cmd = [sys.executable, "-m", "planparse", "batch", str(tmp_path / "in"), "-o", str(out), "--jobs", "1", "-q"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert first.returncode == -signal.SIGKILL, first.stderr
    assert not (out / "plans.jsonl").exists(), "a killed run leaves no final files"
    done_before = _shards(out)
    assert 5 <= len(done_before) < 13

    report = batch([tmp_path / "in"], out, jobs=2, progress=False)
    assert report.ok and report.inputs == 13
    assert report.skipped == len(done_before)
    assert report.processed == 13 - len(done_before)
    assert (report.parsed, report.errors) == (12, 1)
    after = _shards(out)
    assert all(after[p] == t for p, t in done_before.items()), "a finished file was written again"
    lines = (out / "plans.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(ln)["path"] for ln in lines] == sorted(json.loads(ln)["path"] for ln in lines)


def test_a_half_written_shard_is_ignored_and_redone(tmp_path):
    _corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    batch([tmp_path / "in"], out, jobs=0, progress=False)
    shards = sorted(p for p in _shards(out) if p.name.endswith(".ok.jsonl"))
    victim = shards[0]
    # a kill during the write leaves only the temporary file
    victim.rename(victim.with_name(victim.name + ".tmp123"))
    victim.with_name(victim.name + ".tmp123").write_text('{"path": "trunc', encoding="utf-8")
    report = batch([tmp_path / "in"], out, jobs=0, progress=False)
    assert report.ok and report.processed == 1 and report.skipped == 3
    for ln in (out / "plans.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(ln)


def test_a_changed_file_is_parsed_again(tmp_path):
    _corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    batch([tmp_path / "in"], out, jobs=0, progress=False)
    (tmp_path / "in" / "f01.txt").write_text(PLAN_C, encoding="utf-8")
    report = batch([tmp_path / "in"], out, jobs=0, progress=False)
    assert report.processed == 1 and report.skipped == 3
    recs = [json.loads(ln) for ln in (out / "plans.jsonl").read_text(encoding="utf-8").splitlines()]
    f01 = [r for r in recs if r["path"].endswith("f01.txt")]
    new_sha = hashlib.sha256((tmp_path / "in" / "f01.txt").read_bytes()).hexdigest()
    assert [r["source"]["sha256"] for r in f01] == [new_sha]


def test_retry_errors_parses_failed_files_again(tmp_path):
    _corpus(tmp_path / "in", n=2)
    out = tmp_path / "out"
    batch([tmp_path / "in"], out, jobs=0, progress=False)
    (tmp_path / "in" / "f99_empty.txt").write_bytes(b"")  # same bytes: only --retry-errors redoes it
    assert batch([tmp_path / "in"], out, jobs=0, progress=False).processed == 0
    report = batch([tmp_path / "in"], out, jobs=0, progress=False, retry_errors=True)
    assert report.processed == 1 and report.errors == 1
