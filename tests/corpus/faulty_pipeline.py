"""A pipeline factory for batch tests: misbehaves on purpose, by file name.

``crash*`` kills the worker process, ``hang*`` sleeps far past any timeout,
``slow*`` sleeps a little (to scramble completion order); every other file is
parsed by the real pipeline. Spawned workers import this module by name, so it
lives next to the tests (pytest puts this directory on sys.path).
"""

from __future__ import annotations

import os
import threading
import time

from planparse.api import Pipeline

# A hung file in a worker *thread* (Dask's LocalCluster(processes=False)) cannot be killed, and
# interpreter exit waits for it: tests that hang a thread in this process set RELEASE when done.
RELEASE = threading.Event()


class FaultyPipeline:
    def __init__(self, config) -> None:
        self.inner = Pipeline(config)

    def parse_text(self, text, **kw):
        # the batch warms a worker up with parse_text before any file's clock starts; without
        # it the first file pays jieba's load and a loaded machine passes a short timeout
        return self.inner.parse_text(text, **kw)

    def parse_file(self, path):
        name = os.path.basename(os.fspath(path))
        if name.startswith("crash"):
            os._exit(3)
        if name.startswith("hang"):
            RELEASE.wait(600)
        if name.startswith("slow"):
            time.sleep(0.4)
        return self.inner.parse_file(path)


def faulty_factory(config):
    return FaultyPipeline(config)


def broken_factory(config):
    raise RuntimeError("no lexicon")
