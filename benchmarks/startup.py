"""A batch worker's start-up alone, as ``planparse.corpus._worker_main`` does it: import, build the
pipeline and warm it up with the cycle collector off, then ``os._exit`` (no teardown). Prints the
CPU seconds it took on stderr. Measure it by instruction counts (wall clock on a shared machine is
noise), with the disk cache warm (run it once first) and ``.pyc`` files written::

    env -u PYTHONDONTWRITEBYTECODE python benchmarks/startup.py
    env -u PYTHONDONTWRITEBYTECODE valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \\
        python benchmarks/startup.py

``PYTHONPATH`` chooses the tree measured (run from outside ``/work/main``, see the README).
"""

import gc
import os
import sys
import time

c0 = time.process_time()
gc.disable()
from planparse import corpus  # noqa: E402
from planparse.config import ParseConfig  # noqa: E402

pipe = corpus.default_pipeline(ParseConfig())
corpus.warm_up(pipe)
corpus._flush_disk_cache()
print(f"start-up CPU {time.process_time() - c0:.3f} s (after the interpreter's own start)", file=sys.stderr)
sys.stderr.flush()
os._exit(0)
