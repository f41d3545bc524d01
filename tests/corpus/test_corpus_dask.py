"""The dask backend: same outputs and the same accounting as the local pool, on a small LocalCluster."""

from __future__ import annotations

import pytest
from corpus_samples import write_small_corpus

from planparse.corpus import batch, read_errors

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://",
                                  dashboard_address=None) as c:
        yield c


def test_dask_backend_matches_local_pool(tmp_path, cluster):
    write_small_corpus(tmp_path / "in")
    local = batch([tmp_path / "in"], tmp_path / "local", jobs=1, progress=False)
    remote = batch([tmp_path / "in"], tmp_path / "dask", backend="dask", scheduler=cluster.scheduler_address,
                   progress=False)
    assert remote.ok and (remote.parsed, remote.errors) == (local.parsed, local.errors) == (3, 2)
    for f in ("plans.jsonl", "errors.jsonl"):
        assert (tmp_path / "dask" / f).read_bytes() == (tmp_path / "local" / f).read_bytes()


def test_dask_backend_resumes(tmp_path, cluster):
    write_small_corpus(tmp_path / "in")
    batch([tmp_path / "in"], tmp_path / "out", backend="dask", scheduler=cluster.scheduler_address, progress=False)
    again = batch([tmp_path / "in"], tmp_path / "out", backend="dask", scheduler=cluster.scheduler_address,
                  progress=False)
    assert again.ok and again.processed == 0 and again.skipped == 5


def test_dask_backend_times_out_a_hanging_file(tmp_path, cluster):
    from faulty_pipeline import RELEASE, faulty_factory

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("社区工作计划\n一、工作目标\n", encoding="utf-8")
    (d / "hang.txt").write_text("社区工作计划\n", encoding="utf-8")
    RELEASE.clear()
    try:
        report = batch([d], tmp_path / "out", backend="dask", scheduler=cluster.scheduler_address, timeout=1.0,
                       progress=False, pipeline_factory=faulty_factory)
    finally:
        RELEASE.set()  # the cluster's worker thread sleeps in this process: let pytest exit
    assert report.ok and (report.parsed, report.errors) == (1, 1)
    assert read_errors(tmp_path / "out")[0].error_type == "ParseTimeoutError"


def test_parse_corpus_on_dask_matches_inline(tmp_path, cluster):
    from planparse.corpus import parse_corpus

    write_small_corpus(tmp_path / "in")
    inline = [it.model_dump() for it in parse_corpus([tmp_path / "in"], jobs=0)]
    remote = [it.model_dump() for it in parse_corpus([tmp_path / "in"], backend="dask",
                                                      scheduler=cluster.scheduler_address)]
    assert remote == inline and len(remote) == 5
