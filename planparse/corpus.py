"""Corpus runs: many files, several processes, nothing lost, resumable.

Two entry points share one engine:

* :func:`parse_corpus` yields a :class:`ParseResult` or an :class:`ErrorRecord`
  for every input, each carrying its path (spaCy's ``as_tuples`` habit), so a
  caller can never lose a document silently.
* :func:`batch` (``planparse batch``) writes ``OUT/plans.jsonl`` (one record per
  plan) and ``OUT/errors.jsonl`` (one record per failed file), sorted by input
  path whatever the completion order, and checks ``parsed + errors == inputs``.

Why a hand-made pool and not ``concurrent.futures``: a file that kills its worker
(a segfault in a converter, an out-of-memory kill) or hangs must cost only that
file. ``ProcessPoolExecutor`` marks the whole pool broken on a worker death and
cannot stop one task; here each worker has its own pipe, the parent knows which
file each worker holds, kills a worker whose file passes the timeout, records
the error for that file and starts a fresh worker.

Resumability: every finished file leaves a *shard* under ``OUT/.planparse-batch``
named by a key of (absolute path, sha256 of the bytes, parser fingerprint),
written to a temporary name and renamed, so a kill leaves either a whole shard
or none. A rerun skips inputs whose shard exists (a changed file has a new hash,
hence a new key, and is parsed again) and the final files are rebuilt from the
shards in input order.

>>> from planparse.corpus import expand_inputs
>>> expand_inputs([])
[]
"""

from __future__ import annotations

import atexit
import collections
import dataclasses
import gc
import glob
import hashlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import __version__
from .config import ParseConfig
from .errors import ConfigError, PlanparseError

if TYPE_CHECKING:  # the models (pydantic) load where they are used: a batch's parent never needs them
    from .models import ErrorRecord, ParseResult

SUPPORTED_SUFFIXES = (".txt", ".text", ".htm", ".html", ".docx", ".doc", ".pdf")
"""What a directory argument contributes (a glob or a file named outright is taken whatever its suffix)."""

STATE_DIR = ".planparse-batch"
DEFAULT_TIMEOUT = 120.0
STOP_AFTER_ENV = "PLANPARSE_BATCH_KILL_AFTER"
"""Test hook: after this many files are recorded in a run, the batch process kills itself (SIGKILL)."""

PipelineFactory = Callable[[ParseConfig], Any]
"""Builds the object a worker parses with; it needs ``parse_file(path) -> ParseResult``."""


class ParseTimeoutError(PlanparseError):
    """A file took longer than the per-file timeout; its worker was stopped."""

    code = "PP902"
    exit_code = 5


class WorkerCrashError(PlanparseError):
    """The worker process died while parsing this file (crash, kill, out of memory)."""

    code = "PP903"
    exit_code = 5


# -- inputs -------------------------------------------------------------------------------------

def _has_magic(s: str) -> bool:
    return any(c in s for c in "*?[")


def expand_inputs(args: Iterable[str | os.PathLike[str]], *, exclude: str | os.PathLike[str] | None = None
                  ) -> list[str]:
    """Turn DIR, GLOB and FILE arguments into a sorted, de-duplicated list of paths.

    A directory gives its files with a supported suffix (recursively, hidden ones
    skipped); a glob gives every file it matches; any other argument is kept as is,
    even when missing, so that it is *accounted for* as an error record later.
    Files under ``exclude`` (the output directory) are left out.
    """
    out: dict[str, str] = {}
    skip = os.path.abspath(exclude) + os.sep if exclude else None

    def add(p: str) -> None:
        ap = os.path.abspath(p)
        if skip and ap.startswith(skip):
            return
        out.setdefault(ap, os.path.normpath(p))

    for raw in args:
        a = os.fspath(raw)
        if os.path.isdir(a):
            for root, dirs, files in os.walk(a):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if not f.startswith(".") and f.lower().endswith(SUPPORTED_SUFFIXES):
                        add(os.path.join(root, f))
        elif _has_magic(a) and not os.path.exists(a):
            for m in glob.glob(a, recursive=True):
                if os.path.isfile(m):
                    add(m)
        else:
            add(a)
    return sorted(out.values())


def file_sha256(path: str) -> str | None:
    """sha256 of the file's bytes, or None when it cannot be read (the worker reports why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def config_fingerprint(config: ParseConfig, factory: PipelineFactory | None = None) -> str:
    """What, besides the bytes, decides a file's output: version, configuration and parser."""
    d = dataclasses.asdict(config)
    d["planparse_version"] = __version__
    d["factory"] = f"{factory.__module__}.{factory.__qualname__}" if factory else "default"
    return hashlib.sha256(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()[:16]


# -- one file ------------------------------------------------------------------------------------

def default_pipeline(config: ParseConfig):
    """The pipeline a worker builds once and reuses for every file it gets."""
    from .api import Pipeline

    return Pipeline(config)


def error_record(path: str, e: BaseException) -> ErrorRecord:
    """The error record of a file: a typed planparse error keeps its code; anything else is PP999."""
    from .models import ErrorRecord

    if isinstance(e, PlanparseError):
        return ErrorRecord(path=path, error_type=type(e).__name__, code=e.code,
                           message=" ".join(str(e.message).split()))
    return ErrorRecord(path=path, error_type=type(e).__name__, code="PP999",
                       message=" ".join(f"{type(e).__name__}: {e}".split())[:2000])


def plan_records(result: ParseResult, path: str) -> list[dict]:
    """The ``plans.jsonl`` records of one parsed file: one per plan, each with its source.

    The file's warnings ride on its first record, so ``ParseResult`` can be rebuilt
    exactly (see :func:`read_results`). A file with no plan still gives one record
    (``plan: null``) so that it is accounted for.
    """
    head = {"path": path, "schema_version": result.schema_version,
            "planparse_version": result.planparse_version,
            "source": result.source.model_dump(mode="json")}
    n = len(result.plans)
    warnings = [w.model_dump(mode="json") for w in result.warnings]
    if not n:
        return [{**head, "plan_index": 0, "plan_count": 0, "plan": None, "warnings": warnings}]
    return [{**head, "plan_index": i, "plan_count": n, "plan": p.model_dump(mode="json"),
             "warnings": warnings if i == 1 else []}
            for i, p in enumerate(result.plans, 1)]


def _parse_one(pipe, path: str) -> tuple[str, str]:
    """Parse one file; ``("ok", JSONL records)`` or ``("error", ErrorRecord JSON)``. Never raises."""
    try:
        result = pipe.parse_file(path)
        lines = [json.dumps(r, ensure_ascii=False) for r in plan_records(result, path)]
        return "ok", "\n".join(lines) + "\n"
    except Exception as e:
        return "error", error_record(path, e).model_dump_json() + "\n"


def _write_shard(shard_base: str, status: str, payload: str | bytes) -> None:
    """Write a file's records (text, or its UTF-8 bytes) atomically: a temporary name, then a rename."""
    final = f"{shard_base}.{'ok.jsonl' if status == 'ok' else 'error.json'}"
    tmp = f"{final}.tmp{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(payload if isinstance(payload, bytes) else payload.encode())
    os.replace(tmp, final)


# -- the local process pool -----------------------------------------------------------------------

class _Task:
    """One input for the workers: its index among the inputs, its path, and its shard's base name (or
    None: send the records back instead). A plain class: a dataclass compiles its generated methods
    from source text at import, on the way to the first worker's start."""

    __slots__ = ("index", "path", "shard")

    def __init__(self, index: int, path: str, shard: str | None) -> None:
        self.index, self.path, self.shard = index, path, shard

    def __repr__(self) -> str:
        return f"_Task({self.index!r}, {self.path!r}, {self.shard!r})"


def _quiet_libraries() -> None:
    """jieba (a custom pipeline's spaCy tokenizer may load it) announces its dictionary load on
    stderr in every worker, over the progress bar: hush it without importing it. A filter, not
    a level, because importing jieba sets its logger's level to DEBUG."""
    import logging

    logging.getLogger("jieba").addFilter(lambda record: record.levelno >= logging.WARNING)


WARM_UP_TEXT = "2024年社区工作计划\n一、工作目标\n绿化率达到40%。\n二、工作措施\n社区居委会负责组织实施,每季度检查一次。\n"


def warm_up(pipe) -> None:
    """Parse a tiny plan once, so lazy loads (rule tables, the tagger's tables, spaCy) happen before the first file's clock."""
    parse_text = getattr(pipe, "parse_text", None)
    if parse_text is not None:
        parse_text(WARM_UP_TEXT)


CHUNK_MAX = 32
"""Most files in one message to a worker. The parent wakes once per chunk, not once per file,
so its share of the CPU stays small next to the workers' (it competes with them for the cores)."""

_IDLE = -1.0


def _flush_disk_cache() -> None:
    """Write the patterns this worker compiled since its last write (``os._exit`` skips ``atexit``)."""
    module = sys.modules.get("planparse.diskcache")
    if module is not None:
        module.flush()


def _chunk_size(pending: int, workers: int) -> int:
    """Guided sizes: large while much is left, down to one file at the end, so workers finish together."""
    return max(1, min(CHUNK_MAX, -(-pending // (4 * workers))))


def _worker_main(conn, slot, config: ParseConfig, factory: PipelineFactory, inherited: Sequence = ()) -> None:
    """A worker process: build the pipeline once, then parse the chunks the parent sends until None or EOF.

    ``slot`` (shared memory: the index of the file being parsed, or -1, and when it started)
    tells the parent which file to blame on a crash or a timeout without a message per file.
    With shards the worker writes each file's shard and acknowledges a whole chunk in one
    message that carries the shards' bytes (the parent copies them into the output files without
    reading the shards back); without (``parse_corpus``) it sends each file's records as soon as
    they are ready.
    ``inherited``: the parent's ends of the workers' pipes, which a forked worker holds too and
    closes first (else a dead parent would leave the pipes open and the workers waiting).
    """
    import multiprocessing as mp

    for c in inherited:
        c.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # No cycle collection while the pipeline loads (imports make few cycles and many objects), then
    # what it loaded (modules, models' schemas, lexicons, compiled tables) is frozen: the collector
    # no longer walks it in each full collection while files are parsed. Callgrind of a worker of
    # ``batch --jobs 1`` on 40 files (start-up and parsing): ~39M fewer instructions of ~2000M.
    inherited_pipe = _INHERITED.get("pipe")
    if inherited_pipe is not None and _INHERITED.get("key") == (factory, config):
        pipe = inherited_pipe  # forked from a parent that built it (see _LocalPool): frozen there
    else:
        gc.disable()
        try:
            _quiet_libraries()
            pipe = factory(config)
            warm_up(pipe)
        except Exception as e:
            conn.send(("init-error", f"{type(e).__name__}: {e}"))
            return
        gc.freeze()
    gc.enable()
    parent = mp.parent_process()
    ppid = os.getppid()

    def orphaned() -> bool:  # POSIX: a dead parent's children get a new parent id (0.2 µs, not 14)
        return os.getppid() != ppid if os.name == "posix" else parent is not None and not parent.is_alive()

    try:
        conn.send(("ready", (time.monotonic(), time.process_time())))  # when, and the CPU its start-up took
        while True:
            try:
                chunk = conn.recv()
            except (EOFError, OSError):  # the parent is gone
                return
            if chunk is None:
                # everything is on disk or sent: skip the interpreter's teardown (0.1 s of freeing
                # objects, on the run's critical path since the parent merges after its workers end)
                for stream in (sys.stdout, sys.stderr):
                    if stream is not None:
                        stream.flush()
                _flush_disk_cache()
                os._exit(0)
            acks = []
            for index, path, shard in chunk:
                if orphaned():
                    return  # a killed parent: stop now, not at the end of the chunk
                slot[1] = time.monotonic()
                slot[0] = index
                status, payload = _parse_one(pipe, path)
                if shard is None:
                    conn.send(("done", [(index, status, payload)]))
                else:
                    data = payload.encode()
                    _write_shard(shard, status, data)
                    acks.append((index, status, data))  # the shard's bytes: the parent need not read it back
            slot[0] = _IDLE
            if acks:
                conn.send(("done", acks))
    except (BrokenPipeError, OSError):
        return


def _start_process(proc) -> None:
    """Start a spawned process even when ``__main__`` is no file (``python -``, some notebooks).

    spawn re-runs the parent's main script in the child; a ``__file__`` like ``<stdin>``
    would make every worker die at start, so it is hidden while the child starts.
    """
    main = sys.modules.get("__main__")
    fake = getattr(main, "__file__", None)
    if fake is None or os.path.exists(fake):
        proc.start()
        return
    del main.__file__
    try:
        proc.start()
    finally:
        main.__file__ = fake


def _shard_status(shard: str | None) -> str | None:
    """"ok" or "error" when the file's shard is on disk, else None."""
    if shard is None:
        return None
    if os.path.exists(shard + ".ok.jsonl"):
        return "ok"
    return "error" if os.path.exists(shard + ".error.json") else None


def _start_context():
    """How to start a worker: ``fork`` on Linux when this process runs a single thread, else ``spawn``.

    A forked worker starts from this process's memory: no second interpreter start-up and no
    second import of what is loaded already (planparse, multiprocessing, and the pipeline
    itself when the caller parsed before), which is on a batch's critical path (~0.1 s of the
    ~0.45 s before the first file). Not with threads (a lock held by another thread at the fork
    stays held in the child for ever: the progress bar's refresh thread, a caller's threads),
    and not on macOS (system libraries are not fork-safe) or Windows (no fork).
    """
    import multiprocessing as mp
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("spawn")


def _new_slot(ctx):
    """Two doubles shared with a worker: an anonymous shared mapping when it is forked (it inherits
    the mapping), else ``RawArray`` (which a spawned worker gets through pickling). The mapping costs
    nothing to make; the first ``RawArray`` imports ``ctypes`` and sets up a shared heap, ~18 ms of
    CPU on the way to the first worker's start."""
    if ctx.get_start_method() == "fork":
        import mmap

        return memoryview(mmap.mmap(-1, 16)).cast("d")
    return ctx.RawArray("d", 2)


class _Worker:
    """The parent's handle on one worker: its pipe, its process, its slot and the files it holds, in order."""

    def __init__(self, config: ParseConfig, factory: PipelineFactory, others: Sequence[_Worker] = ()) -> None:
        ctx = _start_context()
        self.slot = _new_slot(ctx)
        self.slot[0] = _IDLE
        self.conn, child = ctx.Pipe(duplex=True)
        inherited = [w.conn for w in others if not w.conn.closed] + [self.conn] \
            if ctx.get_start_method() == "fork" else []
        self.proc = ctx.Process(target=_worker_main, args=(child, self.slot, config, factory, inherited),
                                daemon=True)
        _start_process(self.proc)
        child.close()
        self.queue: collections.deque[_Task] = collections.deque()  # sent, not yet acknowledged
        self.chunks: collections.deque[int] = collections.deque()  # files left in each chunk sent
        self.ready = False  # the pipeline is built and warm: a file's clock may start

    def send(self, tasks: list[_Task]) -> None:
        self.queue.extend(tasks)
        self.chunks.append(len(tasks))
        try:
            self.conn.send([(t.index, t.path, t.shard) for t in tasks])
        except (BrokenPipeError, OSError):
            pass  # the worker is gone (a pipeline that could not start, a kill): the pool's loop finds out why

    def pop(self) -> _Task:
        """The oldest file sent: the one a result is for (a worker works through its files in order)."""
        self.chunks[0] -= 1
        if not self.chunks[0]:
            self.chunks.popleft()
        return self.queue.popleft()

    def current(self) -> tuple[int, float] | None:
        """(index, start time) of the file being parsed, or None between files."""
        for _ in range(3):  # the worker writes the start time, then the index: read until both agree
            index, since, again = self.slot[0], self.slot[1], self.slot[0]
            if index == again:
                return None if index == _IDLE else (int(index), since)
        return None

    def stop(self, *, kill: bool = False) -> None:
        self.ask_to_stop(kill=kill)
        self.wait_stopped()

    def ask_to_stop(self, *, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass

    def wait_stopped(self) -> None:
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


_INHERITED: dict[str, Any] = {}
"""The pipeline a pool of forked workers shares: ``{"key": (factory, config), "pipe": pipeline}``
while the pool runs, empty otherwise. A worker forked with it set starts with the pipeline built."""


def _shares_pipeline(jobs: int, factory: PipelineFactory) -> bool:
    """Whether a pool of ``jobs`` workers forks them from one pipeline built here (see :class:`_LocalPool`)."""
    return jobs > 1 and factory is default_pipeline and _start_context().get_start_method() == "fork"


class _LocalPool:
    """Worker processes, started as soon as the inputs are known, then fed chunks of files by :meth:`run`.

    One worker imports and warms up its pipeline itself while this process hashes the inputs.
    Several forked workers share one pipeline instead, built and warmed here before the first fork
    (:meth:`_build_shared`): N workers loading at once on the same cores cost N loads of CPU
    (~0.4 s each) and delay the first file; one load here costs one and a worker restarted after
    a crash starts at once. Not for a custom pipeline factory (it may start threads, which a fork
    would not copy) nor where workers are spawned.
    """

    def __init__(self, jobs: int, *, config: ParseConfig, factory: PipelineFactory) -> None:
        self.config = config
        self.factory = factory
        self.first_ready: float | None = None  # monotonic time the first worker could take a file
        self.unexplained = 0  # worker deaths in a row with no file to blame
        self.boot_cpu = 0.0  # CPU seconds the workers took to import planparse and warm up
        self.build_cpu = 0.0  # CPU seconds this process took to build and warm up a shared pipeline
        self.workers: list[_Worker] = []
        self.frozen = False  # this process's objects are frozen while the pool runs (a shared pipeline)
        if _shares_pipeline(jobs, factory):
            self._build_shared()
        try:
            for _ in range(max(1, jobs)):
                self.workers.append(self._new_worker())
        except BaseException:
            self.close()
            raise

    def _build_shared(self) -> None:
        """Build and warm the pipeline the forked workers share, then freeze every object this
        process holds, before the collector runs again: its first collection would walk all the
        build made (~40K objects, 15-35 ms with the workers waiting), and after the forks any
        collection here would copy the pages it walks. :meth:`close` unfreezes them, so that this
        process (a caller's, maybe) collects as before."""
        enabled = gc.isenabled()
        gc.disable()  # as in a worker: no cycle collection while it loads
        cpu0 = time.process_time()
        try:
            pipe = self.factory(self.config)
            warm_up(pipe)
        except Exception:
            if enabled:
                gc.enable()
            return  # each worker builds its own and reports why it cannot
        finally:
            self.build_cpu = time.process_time() - cpu0
        gc.freeze()
        self.frozen = True
        if enabled:
            gc.enable()
        _flush_disk_cache()  # written once here, not once more by every worker at its exit
        _INHERITED.update(key=(self.factory, self.config), pipe=pipe)

    def _new_worker(self) -> _Worker:
        """Start a worker; with a shared pipeline, what this process made since the last fork is
        frozen too (the children's collector never touches, so never copies, those pages)."""
        if self.frozen:
            gc.freeze()
        return _Worker(self.config, self.factory, self.workers)

    def close(self) -> None:
        for w in self.workers:  # all at once: they end in parallel
            w.ask_to_stop(kill=bool(w.queue) or not w.ready)
        for w in self.workers:
            w.wait_stopped()
        _INHERITED.clear()
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def run(self, tasks: Sequence[_Task], *, timeout: float | None) -> Iterator[tuple[int, str, str | bytes]]:
        """Yield ``(index, status, payload)`` for every task, in completion order.

        With shards the payload is the bytes the worker wrote to the file's shard, or empty when
        only the shard has them (a file finished by a worker that then died, or one whose error
        record this process wrote); without, the file's records as text.

        Each worker holds at most two chunks (the one it parses and the next), so it never waits
        for a round trip. On a crash or a timeout the file in the worker's slot gets the error
        record, the files before it in its chunk are done (their shards are on disk) and the
        files after it go back to the front of the queue, for the other workers and a fresh one.
        """
        from multiprocessing.connection import wait

        pending = collections.deque(tasks)
        workers = self.workers
        while pending or any(w.queue for w in workers):
            for w in workers:
                while pending and len(w.chunks) < 2:
                    k = _chunk_size(len(pending), len(workers))
                    w.send([pending.popleft() for _ in range(min(k, len(pending)))])
            busy = [w for w in workers if w.queue]
            wait_for = None
            if timeout is not None:
                now = time.monotonic()
                for w in busy:
                    cur = w.current() if w.ready else None
                    # between files a worker has no clock: look again soon, in case the next file hangs
                    left = max(0.0, cur[1] + timeout - now) if cur else min(timeout, 1.0)
                    wait_for = left if wait_for is None else min(wait_for, left)
            wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_for)
            for i, w in enumerate(workers):
                dead = False
                while w.queue:  # drain what this worker has sent
                    try:
                        if not w.conn.poll():
                            break
                        kind, body = w.conn.recv()
                    except (EOFError, OSError):
                        dead = True
                        break
                    if kind == "init-error":
                        raise ConfigError(f"a worker could not build its pipeline: {body}")
                    if kind == "ready":
                        w.ready = True  # the worker's clock: this process may have been busy hashing
                        when, boot_cpu = body
                        self.first_ready = when if self.first_ready is None else min(self.first_ready, when)
                        self.boot_cpu += boot_cpu
                        continue
                    self.unexplained = 0
                    for index, status, payload in body:
                        head = w.pop()
                        assert head.index == index, (head.index, index)
                        yield index, status, payload
                if not w.queue:
                    continue
                if dead or not w.proc.is_alive():
                    w.proc.join(timeout=1)
                    if not w.ready:  # not the file's fault: the worker never started
                        raise WorkerCrashError(f"a worker process died while starting (exit code "
                                               f"{w.proc.exitcode}); see its message above")
                    code = w.proc.exitcode
                    yield from self._fail(w, pending, lambda p, code=code: WorkerCrashError(
                        f"{p}: worker process died (exit code {code}) while parsing it"), timeout=None)
                elif w.ready and timeout is not None and (cur := w.current()) and \
                        time.monotonic() - cur[1] > timeout:
                    w.stop(kill=True)
                    yield from self._fail(w, pending, lambda p: ParseTimeoutError(
                        f"{p}: no result after {timeout:g} s"), timeout=timeout)
                else:
                    continue
                w.stop(kill=True)
                workers[i] = self._new_worker()

    def _fail(self, w: _Worker, pending: collections.deque[_Task], error: Callable[[str], PlanparseError], *,
              timeout: float | None) -> Iterator[tuple[int, str, str]]:
        """Settle the files of a dead (or just killed) worker: see :meth:`run`.

        The file in the worker's slot is blamed unless it is finished (its shard is on disk:
        the worker died between two files) or, after a timeout, no longer over the limit now
        that the worker is stopped (a near miss). A death with nobody to blame sends every
        unfinished file back; after three such deaths in a row the next file is blamed, so
        that a run whose workers keep dying still ends.
        """
        held = list(w.queue)
        w.queue.clear()
        w.chunks.clear()
        cur = w.current()
        pos = next((k for k, t in enumerate(held) if cur and t.index == cur[0]), None)
        if pos is not None and _shard_status(held[pos].shard) is not None:
            pos += 1  # finished: the worker died after it
            blamed = None
        elif pos is None:
            pos = 0
            blamed = None
        elif timeout is not None and time.monotonic() - cur[1] <= timeout:
            blamed = None
        else:
            blamed = held[pos]
        if blamed is None and pos < len(held):
            self.unexplained += 1
            if self.unexplained >= 3:
                blamed = held[pos]
        redo = []
        for t in held[:pos]:
            status = _shard_status(t.shard)
            if status is None:
                redo.append(t)  # no shard to show it finished: parse it again
            else:
                yield t.index, status, ""
        rest = held[pos:]
        if blamed is not None:
            self.unexplained = 0
            payload = error_record(blamed.path, error(blamed.path)).model_dump_json() + "\n"
            if blamed.shard is not None:  # the worker cannot write it: the parent does
                _write_shard(blamed.shard, "error", payload)
                payload = ""
            yield blamed.index, "error", payload
            rest = held[pos + 1:]
        pending.extendleft(reversed(redo + rest))


def _run_local(tasks: Sequence[_Task], *, jobs: int, timeout: float | None, config: ParseConfig,
               factory: PipelineFactory) -> Iterator[tuple[int, str, str]]:
    """A pool of ``min(jobs, tasks)`` workers for these tasks, stopped at the end."""
    pool = _LocalPool(min(jobs, len(tasks)), config=config, factory=factory)
    try:
        yield from pool.run(tasks, timeout=timeout)
    finally:
        pool.close()


def _run_inline(tasks: Sequence[_Task], *, config: ParseConfig, factory: PipelineFactory
                ) -> Iterator[tuple[int, str, str]]:
    """``jobs=0``: parse in this process (no timeout, no crash isolation; handy for debugging)."""
    pipe = factory(config)
    for t in tasks:
        status, payload = _parse_one(pipe, t.path)
        if t.shard is not None:
            _write_shard(t.shard, status, payload)
            payload = ""
        yield t.index, status, payload


# -- the dask backend ---------------------------------------------------------------------------

_DASK_PIPELINES: dict[str, Any] = {}


def _dask_parse(path: str, config: ParseConfig, factory: PipelineFactory, timeout: float | None
                ) -> tuple[str, str]:
    """Run on a Dask worker: the pipeline is built once per worker process and cached."""
    key = config_fingerprint(config, factory)
    pipe = _DASK_PIPELINES.get(key)
    if pipe is None:
        pipe = _DASK_PIPELINES[key] = factory(config)
        warm_up(pipe)
    if timeout is None:
        return _parse_one(pipe, path)
    import concurrent.futures as cf

    # A thread cannot be killed: a hung file keeps its thread busy, but the run goes on.
    ex = cf.ThreadPoolExecutor(max_workers=1)
    fut = ex.submit(_parse_one, pipe, path)
    try:
        return fut.result(timeout=timeout)
    except cf.TimeoutError:
        return "error", error_record(path, ParseTimeoutError(f"{path}: no result after {timeout:g} s")
                                     ).model_dump_json() + "\n"
    finally:
        ex.shutdown(wait=False)


def _run_dask(tasks: Sequence[_Task], *, jobs: int, timeout: float | None, config: ParseConfig,
              factory: PipelineFactory, scheduler: str | None,
              client=None) -> Iterator[tuple[int, str, str]]:
    """Same contract as :func:`_run_local`, on a Dask cluster (a LocalCluster when no address is given).

    The workers parse and send the records back; this process writes the shards, so the
    workers need to see the input paths (a shared filesystem) but not the output directory.
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ConfigError("--backend dask needs dask[distributed]: pip install 'planparse[dask]'") from e
    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    try:
        by_future = {}
        for t in tasks:
            fut = client.submit(_dask_parse, t.path, config, factory, timeout, pure=False,
                                key=f"planparse-{t.index}-{hashlib.sha1(t.path.encode()).hexdigest()[:12]}")
            by_future[fut] = t
        for fut in as_completed(list(by_future)):
            t = by_future.pop(fut)
            try:
                status, payload = fut.result()
            except Exception as e:  # KilledWorker and friends: the file killed its workers
                rec = error_record(t.path, WorkerCrashError(
                    f"{t.path}: dask task failed: {type(e).__name__}: {e}"))
                status, payload = "error", rec.model_dump_json() + "\n"
            if t.shard is not None:
                _write_shard(t.shard, status, payload)
                payload = ""
            yield t.index, status, payload
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()


def _run(tasks: Sequence[_Task], *, jobs: int, timeout: float | None, config: ParseConfig,
         factory: PipelineFactory, backend: str, scheduler: str | None, client=None
         ) -> Iterator[tuple[int, str, str]]:
    if not tasks:
        return iter(())
    if backend == "dask":
        return _run_dask(tasks, jobs=jobs, timeout=timeout, config=config, factory=factory,
                         scheduler=scheduler, client=client)
    if backend != "local":
        raise ConfigError(f"unknown backend {backend!r}; known: local, dask")
    if jobs <= 0:
        return _run_inline(tasks, config=config, factory=factory)
    return _run_local(tasks, jobs=jobs, timeout=timeout, config=config, factory=factory)


# -- the Python API ------------------------------------------------------------------------------

def parse_corpus(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT,
                 config: ParseConfig | None = None, ordered: bool = True, backend: str = "local",
                 scheduler: str | None = None, pipeline_factory: PipelineFactory | None = None,
                 ) -> Iterator[ParseResult | ErrorRecord]:
    """Parse many files in parallel; yield one :class:`ParseResult` or :class:`ErrorRecord` per file.

    Every input gives exactly one item, and each item carries its path
    (``result.source.path`` or ``error.path``). ``paths`` may hold files,
    directories and globs (see :func:`expand_inputs`). With ``ordered`` the items
    come in sorted path order; otherwise as they finish. ``jobs=0`` parses in this
    process (no timeout, no crash isolation).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("社区工作计划\\n一、工作目标\\n", encoding="utf-8")
    >>> _ = (d / "b.txt").write_bytes(b"")
    >>> [type(r).__name__ for r in parse_corpus([d], jobs=0)]
    ['ParseResult', 'ErrorRecord']
    """
    config = config or ParseConfig()
    factory = pipeline_factory or default_pipeline
    inputs = expand_inputs(paths)
    tasks = [_Task(i, p, None) for i, p in enumerate(inputs)]

    from .models import ErrorRecord

    def to_model(status: str, payload: str) -> ParseResult | ErrorRecord:
        if status == "error":
            return ErrorRecord.model_validate_json(payload)
        return results_from_lines(payload.splitlines())[0]

    stream = _run(tasks, jobs=jobs, timeout=timeout, config=config, factory=factory, backend=backend,
                  scheduler=scheduler)
    if not ordered:
        for _, status, payload in stream:
            yield to_model(status, payload)
        return
    waiting: dict[int, tuple[str, str]] = {}
    next_index = 0
    for index, status, payload in stream:
        waiting[index] = (status, payload)
        while next_index in waiting:
            yield to_model(*waiting.pop(next_index))
            next_index += 1


def results_from_lines(lines: Iterable[str | dict]) -> list[ParseResult]:
    """Rebuild :class:`ParseResult` objects from ``plans.jsonl`` records (consecutive per file)."""
    from .models import ParseResult

    out: list[ParseResult] = []
    current: dict | None = None
    key = None
    for line in lines:
        rec = json.loads(line) if isinstance(line, str) else line
        if not rec:
            continue
        k = (rec["path"], rec["source"]["sha256"])
        if k != key or rec.get("plan_index", 1) <= 1:
            if current is not None:
                out.append(ParseResult.model_validate(current))
            key = k
            current = {"schema_version": rec["schema_version"], "planparse_version": rec["planparse_version"],
                       "source": rec["source"], "plans": [], "warnings": list(rec.get("warnings") or [])}
        elif rec.get("warnings"):
            current["warnings"].extend(rec["warnings"])
        if rec.get("plan") is not None:
            current["plans"].append(rec["plan"])
    if current is not None:
        out.append(ParseResult.model_validate(current))
    return out


def iter_plan_records(out_dir: str | os.PathLike[str]) -> Iterator[dict]:
    """The records of ``OUT/plans.jsonl`` as dicts (a torn last line is skipped)."""
    path = os.path.join(os.fspath(out_dir), "plans.jsonl") if os.path.isdir(out_dir) else os.fspath(out_dir)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue


def read_results(out_dir: str | os.PathLike[str]) -> list[ParseResult]:
    """All parse results of a batch output directory, in input order."""
    return results_from_lines(iter_plan_records(out_dir))


def read_errors(out_dir: str | os.PathLike[str]) -> list[ErrorRecord]:
    """The error records of a batch output directory."""
    from .models import ErrorRecord

    path = os.path.join(os.fspath(out_dir), "errors.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        return [ErrorRecord.model_validate_json(ln) for ln in fh if ln.strip()]


# -- batch: files on disk ------------------------------------------------------------------------

@dataclasses.dataclass
class BatchReport:
    """What a batch run did; ``ok`` is the accounting check ``parsed + errors == inputs``.

    A dataclass (part of the API: ``dataclasses.asdict``/``replace`` work on it); its creation at
    import costs ~6.5M instructions once per process, which a hand-written class of 16 fields
    would save at the price of writing by hand what the decorator derives.
    """

    inputs: int = 0
    parsed: int = 0
    errors: int = 0
    plans: int = 0
    skipped: int = 0  # done by an earlier run, not redone
    processed: int = 0  # parsed or failed in this run
    missing: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0  # the whole run: hashing, worker start-up, parsing, merge
    startup_seconds: float = 0.0  # start of the run until the first worker is ready (local) or the first result
    parse_seconds: float = 0.0  # from there to the last result: the steady state
    steady_files: int = 0  # files finished in ``parse_seconds``
    merge_seconds: float = 0.0  # rebuilding plans.jsonl and errors.jsonl from the shards
    parent_cpu_seconds: float = 0.0  # CPU of this process in the run (hashing, dispatch, progress, merge)
    workers_cpu_seconds: float = 0.0  # CPU of the worker processes of the run (local backend; 0 elsewhere)
    workers_boot_cpu_seconds: float = 0.0  # the part of it spent importing planparse and warming up
    # the part of parent_cpu_seconds spent building and warming up the pipeline that forked workers
    # share (each worker's own build otherwise, in workers_boot_cpu_seconds): start-up, not dispatch
    shared_build_cpu_seconds: float = 0.0
    out_dir: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The fields, in order (a copy of ``missing``): what ``last_run.json`` holds."""
        return dataclasses.asdict(self)

    @property
    def steady_rate(self) -> float:
        """Files per second once a worker is ready to parse (start-up and merge excluded)."""
        return self.steady_files / self.parse_seconds if self.steady_files and self.parse_seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not self.missing and self.parsed + self.errors == self.inputs

    def summary(self) -> str:
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        check = "ok" if self.ok else f"MISMATCH ({len(self.missing)} missing)"
        return (f"{self.inputs} inputs = {self.parsed} parsed ({self.plans} plans) + {self.errors} errors: "
                f"{check}; {self.processed} processed in this run, {self.skipped} already done; "
                f"{self.seconds:.1f} s, {rate:.1f} files/s")


class _Progress:
    """A rich progress bar on stderr (count, rate, ETA); silent when off."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if not enabled or not total:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn("parsing"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=False)
        self.task = self.bar.add_task("parse", total=total, rate="")
        self.start = self.shown = time.monotonic()
        self.done = 0
        self.unshown = 0
        self.bar.start()

    def advance(self) -> None:
        """Count one file; the bar itself is updated at most ten times a second (the parent's CPU is the workers')."""
        if self.bar is None:
            return
        self.done += 1
        self.unshown += 1
        now = time.monotonic()
        if now - self.shown >= 0.1:
            self._show(now)

    def _show(self, now: float) -> None:
        dt = now - self.start
        self.bar.update(self.task, advance=self.unshown, rate=f"{self.done / dt:6.1f} files/s" if dt > 0 else "")
        self.unshown = 0
        self.shown = now

    def close(self) -> None:
        if self.bar is not None:
            self._show(time.monotonic())
            self.bar.stop()


def _children_cpu() -> float:
    """User + system CPU of this process's ended children (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _shard_base(state: str, key: str) -> str:
    return os.path.join(state, "shards", key[:2], key)


def batch(inputs: Iterable[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *, jobs: int = 1,
          timeout: float | None = DEFAULT_TIMEOUT, config: ParseConfig | None = None, backend: str = "local",
          scheduler: str | None = None, progress: bool | None = None, retry_errors: bool = False,
          pipeline_factory: PipelineFactory | None = None, client=None, log: Callable[[str], None] | None = None,
          ) -> BatchReport:
    """Parse every input into ``OUT/plans.jsonl`` and ``OUT/errors.jsonl``; resumable.

    Args:
        inputs: files, directories and globs (see :func:`expand_inputs`).
        out_dir: created if needed; holds the two JSONL files and the shard store.
        jobs: worker processes (``0``: in this process).
        timeout: seconds one file may take before its worker is stopped (None: no limit).
        backend: ``"local"`` (process pool) or ``"dask"`` (``scheduler`` address, or a LocalCluster).
        progress: show a progress bar on stderr; default: when stderr is a terminal.
        retry_errors: parse again the files an earlier run recorded as errors.

    Returns:
        A :class:`BatchReport`; ``report.ok`` says every input is in exactly one output file.
    """
    t0 = time.monotonic()
    cpu0 = time.process_time()
    children0 = _children_cpu()
    config = config or ParseConfig()
    factory = pipeline_factory or default_pipeline
    out = os.fspath(out_dir)
    state = os.path.join(out, STATE_DIR)
    shards = os.path.join(state, "shards")
    os.makedirs(shards, exist_ok=True)
    paths = expand_inputs(inputs, exclude=out)
    report = BatchReport(inputs=len(paths), out_dir=out)
    if backend not in ("local", "dask"):
        raise ConfigError(f"unknown backend {backend!r}; known: local, dask")
    fp = config_fingerprint(config, factory)
    local = backend == "local" and jobs > 0 and paths
    # The output files are opened before any worker starts: with forked workers sharing a pipeline,
    # whatever this process does between the forks and the first chunk keeps both workers waiting.
    merger = _Merger(paths, state, out, report)
    # While this process builds the pipeline its workers will share, a forked child hashes the inputs
    # on the other core (hashing first would keep both workers waiting for it once they are forked)
    # and lists the shards of earlier runs.
    hasher = None
    pool = None
    hasher_cpu = 0.0
    try:
        if local and _shares_pipeline(min(jobs, len(paths)), factory) and len(paths) > 1:
            hasher = _KeysInChild(paths, fp, shards)
        # start the workers first: one imports and warms up while this process hashes the inputs
        pool = _LocalPool(min(jobs, len(paths)), config=config, factory=factory) if local else None
    except BaseException:
        if hasher is not None:
            hasher.stop()
        merger.abandon()
        raise
    try:
        keys: list[str] | None = None
        done: set[str] | None = None
        if hasher is not None:
            keys, done, hasher_cpu = hasher.result()  # the child is reaped after the run, not waited for now
        if keys is None or len(keys) != len(paths):
            keys, done = input_keys(paths, fp, shards), None
        if done is None:
            done = _shards_on_disk(shards)
        merger.keys = keys
        tasks: list[_Task] = []
        earlier: list[int] = []
        for i, (p, key) in enumerate(zip(paths, keys, strict=True)):
            base = _shard_base(state, key)
            if retry_errors and key + ".error.json" in done:
                os.remove(base + ".error.json")
                done.discard(key + ".error.json")
            if key + ".ok.jsonl" in done or key + ".error.json" in done:
                report.skipped += 1
                earlier.append(i)
                continue
            tasks.append(_Task(i, p, base))

        kill_after = int(os.environ.get(STOP_AFTER_ENV, "0") or 0)
        t_first = time.monotonic()
        bar = _Progress(len(tasks), sys.stderr.isatty() if progress is None else progress)
        try:
            for i in earlier:  # done by an earlier run
                merger.finished[i] = 1
            merger.advance()
            if pool is not None:
                stream = pool.run(tasks, timeout=timeout) if tasks else iter(())
            else:
                stream = _run(tasks, jobs=jobs, timeout=timeout, config=config, factory=factory, backend=backend,
                              scheduler=scheduler, client=client)
            now = t_first
            for index, status, payload in stream:
                report.processed += 1
                now = time.monotonic()
                if report.processed == 1:
                    t_first = now
                bar.advance()
                if kill_after and report.processed >= kill_after:
                    os.kill(os.getpid(), signal.SIGKILL)  # the test of resumability: die without cleanup
                merger.done(index, status, payload)
        finally:
            bar.close()
        if pool is not None and pool.first_ready is not None:
            # the clock starts when a worker can take a file: every file finished counts
            t_first, report.steady_files = min(pool.first_ready, t_first), report.processed
        else:  # the first result starts the clock: it is not counted
            report.steady_files = max(0, report.processed - 1)
        report.startup_seconds = t_first - t0 if report.processed else 0.0
        report.parse_seconds = now - t_first if report.processed else 0.0
    except BaseException:
        merger.abandon()
        raise
    finally:
        if pool is not None:
            pool.close()
        if hasher is not None:
            hasher.stop()  # reaped before the children's CPU is read

    t_merge = time.monotonic()
    merger.finish()
    report.merge_seconds = time.monotonic() - t_merge
    report.seconds = time.monotonic() - t0
    report.parent_cpu_seconds = time.process_time() - cpu0 + hasher_cpu  # the hashing child's work is this process's
    if pool is not None:
        report.workers_cpu_seconds = _children_cpu() - children0 - hasher_cpu
        report.workers_boot_cpu_seconds = pool.boot_cpu
        report.shared_build_cpu_seconds = pool.build_cpu
    with open(os.path.join(state, "last_run.json"), "w", encoding="utf-8") as fh:
        json.dump({**report.as_dict(), "steady_rate": report.steady_rate}, fh, ensure_ascii=False,
                  indent=1)
    if log is not None:
        log(report.summary())
    return report


def input_keys(paths: Sequence[str], fingerprint: str, shards: str) -> list[str]:
    """The shard key of each input: a hash of its absolute path, the sha256 of its bytes and the
    parser's fingerprint; the directory of each key's shards (``shards/KEY[:2]``) is made."""
    keys: list[str] = []
    made: set[str] = set()
    for p in paths:
        sha = file_sha256(p) or "unreadable"
        key = hashlib.sha256(f"{os.path.abspath(p)}\0{sha}\0{fingerprint}".encode()).hexdigest()
        keys.append(key)
        if key[:2] not in made:
            os.makedirs(os.path.join(shards, key[:2]), exist_ok=True)
            made.add(key[:2])
    return keys


def _keys_main(conn, paths: Sequence[str], fingerprint: str, shards: str) -> None:
    """The hashing child: the keys, the shards on disk (of earlier runs) and the CPU seconds they took,
    sent back in one message."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    try:
        keys = input_keys(paths, fingerprint, shards)
        conn.send((keys, _shards_on_disk(shards), time.process_time()))
    except Exception:  # the parent computes them itself
        pass
    finally:
        conn.close()


class _KeysInChild:
    """:func:`input_keys` in a forked child, started before this process builds a shared pipeline.

    The build takes one core for a few tenths of a second while the other waits; hashing a
    thousand files (~50 ms of CPU, more with a cold disk) would then follow it, with the forked
    workers idle. Forked now, while this process is small, the child hashes on the idle core, and
    lists the shards already on disk (one listing per shard directory, ~1.5 ms for a thousand
    inputs, which the forked workers would otherwise wait for). If it fails in any way, :meth:`result`
    gives None and the caller hashes the inputs itself.
    """

    def __init__(self, paths: Sequence[str], fingerprint: str, shards: str) -> None:
        import multiprocessing as mp

        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_keys_main, args=(child, list(paths), fingerprint, shards), daemon=True)
        self.proc.start()
        child.close()

    def result(self) -> tuple[list[str] | None, set[str] | None, float]:
        """(keys, names of the shards on disk, CPU seconds of the child), or (None, None, 0.0) when it
        sent nothing. The child ends by itself once it has sent them: :meth:`stop` reaps it (waiting
        for its exit here would keep the forked workers waiting for their first files)."""
        try:
            keys, done, cpu = self.conn.recv()
        except Exception:  # EOF: it died; anything else: a message it could not have sent
            keys, done, cpu = None, None, 0.0
        self.conn.close()
        return keys, done, cpu

    def stop(self) -> None:
        self.conn.close()
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()


def _shards_on_disk(shards: str) -> set[str]:
    """Names of the finished shards (``KEY.ok.jsonl``, ``KEY.error.json``): one listing per
    prefix directory instead of two ``stat`` calls per input."""
    found: set[str] = set()
    try:
        subdirs = [e.path for e in os.scandir(shards) if e.is_dir()]
    except FileNotFoundError:
        return found
    for d in subdirs:
        found.update(n for n in os.listdir(d) if n.endswith((".ok.jsonl", ".error.json")))
    return found


def _plans_in(shard: bytes) -> int:
    """Plans in a file's ``plans.jsonl`` lines: one line each, but for the one line of a file with none
    (``"plan": null``, which JSON text cannot hold elsewhere: a quote inside a string is escaped)."""
    return shard.count(b"\n") - shard.count(b'"plan": null')


class _Merger:
    """Rebuilds the two output files from the shards, in input order, atomically (bytes, no decoding).

    It writes as the run goes: :meth:`advance` appends every input from the first one not yet
    written up to the first one not finished (the records a worker sent with its acknowledgement
    as they are, kept until their turn; any other file's read from its shard), so that at the end
    (:meth:`finish`) only the files finished last are left to copy. Done at the end, the whole merge (~45 ms of CPU and a thousand
    file opens per 1,000 inputs) came after the last result, every core but one idle; during the
    run it takes the parent's turns between results (with one worker the parent has a core of its
    own). The bytes are those of a merge at the end: the same shards in the same order.
    """

    def __init__(self, paths: Sequence[str], state: str, out: str, report: BatchReport) -> None:
        self.paths, self.state, self.report = paths, state, report
        self.keys: Sequence[str] = ()  # each input's shard key, set once the inputs are hashed
        self.plans_tmp = os.path.join(out, "plans.jsonl.tmp")
        self.errors_tmp = os.path.join(out, "errors.jsonl.tmp")
        self.plans_final = os.path.join(out, "plans.jsonl")
        self.errors_final = os.path.join(out, "errors.jsonl")
        self.finished = bytearray(len(paths))  # 1: the input's shard is on disk (done in this run or before)
        self.next = 0  # the first input not yet written
        self.held: dict[int, tuple[str, bytes]] = {}  # finished, not yet written: status and the shard's bytes
        self.pf = open(self.plans_tmp, "wb")  # closed by finish() or abandon()
        self.ef = open(self.errors_tmp, "wb")

    def done(self, index: int, status: str = "", data: str | bytes = b"") -> None:
        """Input ``index`` has its shard: write it and whatever follows it that is finished too.

        ``data``: the shard's bytes, when the worker sent them; else the shard is read."""
        self.finished[index] = 1
        if data and isinstance(data, bytes):
            self.held[index] = (status, data)
        self.advance()

    def advance(self) -> None:
        """Write the inputs from the first one not yet written up to the first one not finished."""
        n = len(self.paths)
        while self.next < n and self.finished[self.next]:
            self._write(self.next)
            self.next += 1

    def finish(self) -> None:
        """Write the rest (an input with no shard is *missing*), then rename both files into place."""
        for i in range(self.next, len(self.paths)):
            self._write(i)
        self.next = len(self.paths)
        self.pf.close()
        self.ef.close()
        os.replace(self.plans_tmp, self.plans_final)
        os.replace(self.errors_tmp, self.errors_final)

    def abandon(self) -> None:
        """The run failed: close and remove the temporary files (the shards stay for a rerun)."""
        for fh, name in ((self.pf, self.plans_tmp), (self.ef, self.errors_tmp)):
            fh.close()
            try:
                os.remove(name)
            except OSError:
                pass

    def _write(self, i: int) -> None:
        report = self.report
        held = self.held.pop(i, None)
        if held is not None:
            status, data = held
            if status == "ok":
                self.pf.write(data)
                report.parsed += 1
                report.plans += _plans_in(data)
            else:
                self.ef.write(data)
                report.errors += 1
            return
        base = _shard_base(self.state, self.keys[i])
        try:
            with open(base + ".ok.jsonl", "rb") as fh:
                data = fh.read()
            self.pf.write(data)
            report.parsed += 1
            report.plans += _plans_in(data)
            return
        except FileNotFoundError:
            pass
        try:
            with open(base + ".error.json", "rb") as fh:
                self.ef.write(fh.read())
            report.errors += 1
        except FileNotFoundError:
            report.missing.append(self.paths[i])


# -- command line (registered by planparse.cli) -----------------------------------------------------

def add_corpus_commands(sub) -> None:
    """Add ``batch``, ``export`` and ``compare`` to the ``planparse`` command's subparsers."""
    sp = sub.add_parser("batch", help="parse many files in parallel into OUT/plans.jsonl + OUT/errors.jsonl")
    sp.add_argument("inputs", nargs="+", help="files, directories or globs ('corpus/**/*.txt')")
    sp.add_argument("-o", "--output", required=True, help="output directory (created; reruns resume)")
    sp.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: CPU count; 0: in this process)")
    sp.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                    help=f"seconds per file before its worker is stopped (default {DEFAULT_TIMEOUT:g}; 0: none)")
    sp.add_argument("--backend", choices=["local", "dask"], default="local")
    sp.add_argument("--scheduler", help="dask scheduler address (tcp://host:8786); default: a LocalCluster")
    sp.add_argument("--retry-errors", action="store_true", help="parse again files an earlier run failed on")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    sp.add_argument("--include-text", action="store_true", help="put the decoded source text in source.text")
    sp.add_argument("--ref-year", type=int, default=None)
    sp.set_defaults(fn=_cmd_batch, exit_without_teardown=True)

    sp = sub.add_parser("export", help="batch output to tables: Parquet files and/or a DuckDB database")
    sp.add_argument("out", help="a batch output directory (or its plans.jsonl)")
    sp.add_argument("--parquet", metavar="DIR")
    sp.add_argument("--duckdb", metavar="FILE")
    sp.set_defaults(fn=_cmd_export)

    sp = sub.add_parser("compare", help="one metric across plans: one row per plan, units harmonized")
    sp.add_argument("out", help="a batch output directory (or its plans.jsonl)")
    sp.add_argument("--metric", required=True, help="e.g. 合格率 (synonyms: data/metric_synonyms.yaml)")
    sp.add_argument("--exact", action="store_true", help="the whole metric must match, not a part of it")
    sp.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sp.add_argument("-o", "--output")
    sp.add_argument("--chart", metavar="PNG", help="draw a bar chart (matplotlib)")
    sp.set_defaults(fn=_cmd_compare)


def _say(msg: str) -> None:
    sys.stderr.write(msg + "\n")


def _cmd_batch(a) -> int:
    # The process ends after this command: skip its collector's last pass at exit, which walks every
    # object it holds (with a shared pipeline ~40K, 70M instructions) to free what the OS frees anyway.
    atexit.register(gc.freeze)
    config = ParseConfig(include_text=a.include_text, ref_year=a.ref_year)
    report = batch(a.inputs, a.output, jobs=a.jobs, timeout=a.timeout or None, config=config, backend=a.backend,
                   scheduler=a.scheduler, progress=False if a.quiet else None, retry_errors=a.retry_errors)
    if not report.ok:
        _say(f"batch: {report.summary()}")
        for p in report.missing[:20]:
            _say(f"  missing: {p}")
        return 5
    if not a.quiet:
        _say(f"batch: {report.summary()}")
        _say(f"batch: wrote {os.path.join(a.output, 'plans.jsonl')} and {os.path.join(a.output, 'errors.jsonl')}")
    return 1 if report.errors else 0


def _cmd_export(a) -> int:
    from .export.corpus_tables import export

    counts = export(a.out, parquet_dir=a.parquet, duckdb_file=a.duckdb)
    _say("export: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


def _cmd_compare(a) -> int:
    from .compare import main_compare

    n = main_compare(a.out, a.metric, chart_path=a.chart, fmt=a.format, output=a.output, exact=a.exact, log=_say)
    _say(f"compare: {n} plan(s) state {a.metric}" + (f"; chart in {a.chart}" if a.chart else ""))
    return 0


__all__ = [
    "BatchReport",
    "ParseTimeoutError",
    "WorkerCrashError",
    "batch",
    "expand_inputs",
    "parse_corpus",
    "read_errors",
    "read_results",
    "results_from_lines",
]
