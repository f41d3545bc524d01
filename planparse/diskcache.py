"""A disk cache for what planparse derives from a rule pattern's text alone (speed only).

Compiling the rule patterns is most of a cold start: the ``regex`` module parses and
optimises each pattern in Python, then hands a list of codes to its C engine (the ~200
patterns a corpus meets cost ~0.4 s of CPU in every new process: each batch worker, each
``planparse parse``). That list is the module's own pickled form of a compiled pattern; kept
here between processes, a later process rebuilds the pattern in C without parsing it. The
facts read from a pattern's parse tree (:func:`planparse.resources.required_clauses`, the
characters a time rule needs) are kept the same way, by :func:`memo`.

Why a stale answer cannot happen:

* an entry's key is the whole pattern text (and flags): an edited rule is a new key;
* the file is named for the installed package's directory, the Python version, the ``regex``
  version and this module's format, which decide what a compiled pattern is;
* values are plain data (marshal: str, int, bytes, tuples, lists, dicts, frozensets), never
  code, and a checksum covers them: a torn or damaged file is read as empty.

Housekeeping: the file also records the sizes and modification times of the package's code
and data files; when they change (a rule edited, a new version installed) the file's entries
are dropped rather than kept forever. Writes go to a temporary file in the same directory,
then ``os.replace``: a reader sees the old file or the new one, never half of one. Processes
that write at once (batch workers) each merge the file's current entries with their own, so
the last writer keeps both. Nothing here ever raises: an unreadable file means computing, an
unwritable directory (read-only home, full disk) means not writing, silently.

``PLANPARSE_CACHE_DIR=/some/dir`` chooses the directory (default: ``$XDG_CACHE_HOME/planparse``
or ``~/.cache/planparse``); ``PLANPARSE_CACHE_DIR=`` (empty) turns the disk cache off.
"""

from __future__ import annotations

import _sre
import array
import atexit
import copyreg
import functools
import hashlib
import marshal
import os
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

import regex

FORMAT = 1
_MAGIC = b"planparse-cache\x01"
_DIGEST = 32  # bytes of blake2b over the body
MAX_ENTRIES = 5000
"""Past this many entries a write keeps only what this process used (patterns built from
other inputs, such as a custom lexicon, cannot pile up without end)."""

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def cache_dir() -> str | None:
    """The directory of the cache file, or None when the disk cache is off."""
    env = os.environ.get("PLANPARSE_CACHE_DIR")
    if env is not None:
        return env or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "planparse")


def _package_fingerprint(root: str = _PACKAGE_DIR) -> str:
    """Names, sizes and modification times of the package's code and data files (~0.5 ms)."""
    h = hashlib.sha256()

    def walk(d: str) -> None:
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            return
        for e in entries:
            try:
                if e.is_dir(follow_symlinks=False):
                    if e.name not in ("__pycache__", "corpora"):
                        walk(e.path)
                elif e.name.endswith((".py", ".yaml", ".tsv", ".json")):
                    st = e.stat()
                    h.update(f"{os.path.relpath(e.path, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
            except OSError:
                continue

    walk(root)
    return h.hexdigest()[:32]


def _file_name() -> str:
    what = f"{_PACKAGE_DIR}|{sys.implementation.cache_tag}|{sys.version}|regex {regex.__version__}|{FORMAT}"
    return f"patterns-{hashlib.sha256(what.encode()).hexdigest()[:16]}.bin"


STALE_DAYS = 30
"""A cache file nobody read or wrote for this many days is removed by the next process that
writes one beside it: each package directory, Python version and ``regex`` version gets its own
file (a few hundred kB), and old installs and virtual environments would otherwise leave theirs
behind for ever."""


def _mark_in_use(path: str) -> None:
    """Touch a file read by this process when its time is more than a day old (one ``utime`` a day
    at most), so that a warm install, which never writes again, is not taken for a stale one."""
    try:
        if time.time() - os.stat(path).st_mtime > 86400:
            os.utime(path)
    except OSError:
        pass


def prune_stale(directory: str, *, keep: str | None = None, days: float = STALE_DAYS) -> int:
    """Remove ``patterns-*.bin`` files (and leftover temporary files) in ``directory`` untouched for
    ``days``; return how many went. Errors are ignored: another process may remove them first."""
    limit = time.time() - days * 86400
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for e in entries:
        name = e.name
        if not (name.startswith(("patterns-", ".patterns-")) and name.endswith((".bin", ".tmp"))):
            continue
        if keep is not None and os.path.abspath(e.path) == os.path.abspath(keep):
            continue
        try:
            if e.stat().st_mtime < limit:
                os.unlink(e.path)
                removed += 1
        except OSError:
            continue
    return removed


class DiskCache:
    """Plain-data values by key, read from one file on first use and written back by :meth:`flush`."""

    def __init__(self, path: str | None, fingerprint: Callable[[], str] = _package_fingerprint) -> None:
        self.path = path  # None: kept in memory only
        self._fingerprint_fn = fingerprint
        self._fingerprint: str | None = None
        self._entries: dict | None = None  # loaded on first get
        self._used: set = set()  # keys this process read or added
        self._dirty = False
        self._lock = threading.Lock()

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = self._fingerprint_fn()
        return self._fingerprint

    def get(self, key: Any) -> Any:
        entries = self._entries
        if entries is None:
            entries = self._load()
        value = entries.get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        if self.path is None or value is None:
            return
        try:
            marshal.dumps((key, value))  # plain data only (raises otherwise)
        except ValueError:
            return
        entries = self._entries if self._entries is not None else self._load()
        entries[key] = value
        self._used.add(key)
        self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _load(self) -> dict:
        with self._lock:
            if self._entries is None:
                self._entries = self._read() if self.path is not None else {}
            return self._entries

    def _read(self) -> dict:
        """The file's entries; {} when it is missing, damaged, or written for other package files."""
        try:
            with open(self.path, "rb") as fh:  # type: ignore[arg-type]
                raw = fh.read()
            head = len(_MAGIC) + _DIGEST
            if raw[:len(_MAGIC)] != _MAGIC or len(raw) < head:
                return {}
            body = raw[head:]
            if hashlib.blake2b(body, digest_size=_DIGEST).digest() != raw[len(_MAGIC):head]:
                return {}
            fingerprint, entries = marshal.loads(body)
            if fingerprint != self.fingerprint or not isinstance(entries, dict):
                return {}
            _mark_in_use(self.path)  # type: ignore[arg-type]
            return entries
        except (OSError, ValueError, EOFError, TypeError):
            return {}

    def flush(self) -> None:
        """Write the entries this process added (merged with the file's current ones), if any."""
        if not self._dirty or self.path is None:
            return
        with self._lock:
            if not self._dirty:
                return
            self._dirty = False
            entries = self._entries or {}
            tmp = None
            try:
                merged = {**self._read(), **entries}
                if len(merged) > MAX_ENTRIES:
                    merged = {k: v for k, v in entries.items() if k in self._used}
                body = marshal.dumps((self.fingerprint, merged))
                data = _MAGIC + hashlib.blake2b(body, digest_size=_DIGEST).digest() + body
                d = os.path.dirname(self.path)
                os.makedirs(d, exist_ok=True)
                import tempfile  # only a process that writes needs it

                fd, tmp = tempfile.mkstemp(prefix=".patterns-", suffix=".tmp", dir=d)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, self.path)
                tmp = None
                prune_stale(d, keep=self.path)
            except (OSError, ValueError):
                self.path = None  # unwritable: stop trying in this process
            finally:
                if tmp is not None:
                    try:
                        os.unlink(tmp)
                    except OSError:
                        pass


_CACHE: DiskCache | None = None
_CACHE_LOCK = threading.Lock()


def cache() -> DiskCache:
    """The process's cache (its file chosen by :func:`cache_dir` when first asked for)."""
    global _CACHE
    if _CACHE is None:
        with _CACHE_LOCK:
            if _CACHE is None:
                d = cache_dir()
                _CACHE = DiskCache(os.path.join(d, _file_name()) if d else None)
                atexit.register(flush)
    return _CACHE


def reset(path: str | None = None, fingerprint: Callable[[], str] | None = None) -> DiskCache:
    """Start over with a cache at ``path`` (tests), or as configured when ``path`` is None."""
    global _CACHE
    with _CACHE_LOCK:
        if path is None:
            d = cache_dir()
            path = os.path.join(d, _file_name()) if d else None
        _CACHE = DiskCache(path, fingerprint or _package_fingerprint)
        return _CACHE


def flush() -> None:
    """Write new entries, if any (cheap when there are none)."""
    c = _CACHE
    if c is not None and c.dirty:
        c.flush()


FLUSH_INTERVAL = 2.0
"""Seconds between two writes by :func:`flush_soon`: a first batch run meets new patterns file
after file, and each write rewrites the whole file (a few milliseconds)."""

_last_flush = float("-inf")  # never: time.monotonic() may start near 0 (seconds since boot)


def flush_soon() -> None:
    """:func:`flush`, unless this process wrote less than ``FLUSH_INTERVAL`` seconds ago (what is
    left is written at exit, by the next call, or by a batch worker before it ends)."""
    global _last_flush
    c = _CACHE
    if c is not None and c.dirty:
        now = time.monotonic()
        if now - _last_flush >= FLUSH_INTERVAL:
            _last_flush = now
            c.flush()


# --------------------------------------------------------------------------- compiled patterns
@functools.cache
def _pickling() -> tuple[Callable, Callable] | None:
    """The ``regex`` module's own pickling of a compiled pattern (registered with ``copyreg``):
    (reduce, rebuild), or None when the module registers none."""
    reduce = copyreg.dispatch_table.get(regex.Pattern)
    if reduce is None:
        return None
    try:
        rebuild, _ = reduce(regex.compile(""))
    except Exception:
        return None
    return reduce, rebuild


def compiled(pattern: str, flags: int) -> regex.Pattern:
    """``regex.compile(pattern, flags)``, rebuilt from the disk cache when it holds the pattern.

    The value kept is what pickling the compiled pattern gives (the arguments of the ``regex``
    module's C constructor), so the pattern rebuilt is the pattern pickle would give back.
    Locale-dependent patterns are never kept. ``regex.error`` propagates as from ``regex.compile``.
    """
    pickling = _pickling()
    if pickling is None:
        return regex.compile(pattern, flags)
    reduce, rebuild = pickling
    c = cache()
    key = ("regex", pattern, int(flags))
    args = c.get(key)
    if type(args) is tuple and args and args[0] == pattern:
        try:
            rebuilt = rebuild(*args)
            if isinstance(rebuilt, regex.Pattern):
                return rebuilt
        except Exception:  # a value from another regex build: compile instead
            pass
    p = regex.compile(pattern, flags)
    if not p.flags & regex.LOCALE:
        how, args = reduce(p)
        if how is rebuild and type(args) is tuple:
            c.put(key, args)
    return p


# --------------------------------------------------------------------------- the standard re module
_STD_FLAGS_NEVER_KEPT = re.DEBUG | re.LOCALE  # DEBUG prints while compiling; LOCALE depends on the locale


def _std_args(pattern: str, flags: int) -> tuple | None:
    """What ``re.compile(pattern, flags)`` hands to the ``re`` module's C constructor
    (``_sre.compile``): the same steps as ``re._compiler.compile``, or None where this Python's
    ``re`` has no such internals (then nothing is kept)."""
    try:
        from re import _compiler, _parser
    except ImportError:  # pragma: no cover - Python 3.10
        return None
    try:
        with warnings.catch_warnings():  # re.compile itself has already warned, if it does
            warnings.simplefilter("ignore")
            tree = _parser.parse(pattern, flags)
            code = _compiler._code(tree, flags)
        state = tree.state
        groupindex = dict(state.groupdict)
        indexgroup = [None] * state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        return (flags | state.flags, array.array("I", code).tobytes(), state.groups - 1, groupindex,
                tuple(indexgroup))
    except Exception:
        return None


def _std_rebuild(pattern: str, args: tuple) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = args
    # the C constructor checks the codes (it raises on codes it could not run)
    return _sre.compile(pattern, flags, array.array("I", code).tolist(), groups, groupindex, indexgroup)


def compiled_std(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` of the standard ``re`` module, rebuilt from the disk cache
    when it holds the pattern.

    Some searches use ``re`` rather than ``regex`` (an alternation of literals, a character class:
    ``re`` answers them faster), and ``re`` parses and optimises a pattern in Python as ``regex``
    does (a long alternation: milliseconds), in every process. The value kept is what ``re``'s own
    compiler passes to its C constructor (flags, the engine's codes, groups and their names), and
    it is kept only when the pattern rebuilt from it equals (``==``: same flags, codes and text)
    the one ``re.compile`` gives in this process, so a rebuilt pattern is that pattern. Errors
    (``re.error``) propagate as from ``re.compile``.
    """
    flags = int(flags)
    if type(pattern) is not str or flags & _STD_FLAGS_NEVER_KEPT:
        return re.compile(pattern, flags)
    c = cache()
    key = ("re", pattern, flags)
    args = c.get(key)
    if type(args) is tuple and len(args) == 5:
        try:
            return _std_rebuild(pattern, args)
        except Exception:  # a damaged or foreign value: compile instead
            pass
    p = re.compile(pattern, flags)
    args = _std_args(pattern, flags)
    if args is not None:
        try:
            same = _std_rebuild(pattern, args) == p
        except Exception:
            same = False
        if same:
            c.put(key, args)
    return p


def memo(kind: str) -> Callable[[Callable[[str], Any]], Callable[[str], Any]]:
    """Keep a pure function of a pattern string on disk (its value must be plain data: marshal)."""

    def wrap(fn: Callable[[str], Any]) -> Callable[[str], Any]:
        @functools.wraps(fn)
        def cached(pattern: str) -> Any:
            c = cache()
            key = (kind, pattern)
            value = c.get(key)
            if value is None:
                value = fn(pattern)
                c.put(key, value)
            return value

        cached.uncached = fn  # type: ignore[attr-defined]
        return cached

    return wrap
