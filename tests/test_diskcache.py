"""The disk cache of compiled patterns: same patterns as compiling, robust to damage, races and read-only dirs."""

from __future__ import annotations

import marshal
import os
import pathlib
import pickle
import re
import subprocess
import sys
import time

import pytest
import regex

from planparse import diskcache
from planparse.diskcache import DiskCache
from planparse.resources import _parse_data, data_path, list_data_files

ROOT = pathlib.Path(__file__).resolve().parent.parent

# our own patterns: a named group, a look-behind, a Han class, a trie-like alternation, a reverse search
PATTERNS = [
    (r"(?P<y>(?:19|20)\d{2})年(?P<m>1[0-2]|0?[1-9])月", regex.MULTILINE),
    (r"(?<=[,。;])(?:组长|副组长|成员)[::]([^,。;\n]{1,20})", 0),
    (r"[\p{Han}]{2,6}(?:委员会|办公室|局)", 0),
    (r"(?r)[,。;:、()\s]", 0),
    (r"^第[一二三四五六七八九十]{1,3}[章节条]", regex.MULTILINE),
]
SAMPLE = "2024年3月起,组长:王小明,副组长:李华。区卫生健康局负责\n第二章 工作措施;成员:各街道办公室"


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache in a temporary directory for the test; the configured one afterwards."""
    monkeypatch.setenv("PLANPARSE_CACHE_DIR", str(tmp_path / "cache"))
    yield diskcache.reset()
    diskcache.reset()


def _same(a: regex.Pattern, b: regex.Pattern) -> None:
    assert pickle.dumps(a) == pickle.dumps(b)  # the C engine's codes, groups, flags, required string
    assert [m.span() for m in a.finditer(SAMPLE)] == [m.span() for m in b.finditer(SAMPLE)]
    assert [m.groups() for m in a.finditer(SAMPLE)] == [m.groups() for m in b.finditer(SAMPLE)]


def test_rebuilt_patterns_equal_compiled_ones(fresh):
    first = [diskcache.compiled(p, f | regex.V0) for p, f in PATTERNS]
    fresh.flush()
    assert os.path.isfile(fresh.path)
    again = diskcache.reset()  # a new process, as far as the cache knows
    rebuilt = [diskcache.compiled(p, f | regex.V0) for p, f in PATTERNS]
    assert again.get(("regex", PATTERNS[0][0], int(PATTERNS[0][1] | regex.V0))) is not None  # read from the file
    for a, b, (p, f) in zip(first, rebuilt, PATTERNS, strict=True):
        assert b is not a
        _same(b, regex.compile(p, f | regex.V0))


def test_compile_errors_pass_through(fresh):
    with pytest.raises(regex.error):
        diskcache.compiled("(unbalanced", regex.V0)


def test_memo_kept_across_processes(fresh):
    calls = []

    @diskcache.memo("test.length")
    def length(s: str) -> tuple[int, frozenset[str]]:
        calls.append(s)
        return len(s), frozenset(s)

    assert length("计划") == (2, frozenset("计划"))
    fresh.flush()
    diskcache.reset()
    assert length("计划") == (2, frozenset("计划"))
    assert calls == ["计划"]


def _written(tmp_path, fingerprint="f1") -> DiskCache:
    c = DiskCache(str(tmp_path / "c.bin"), fingerprint=lambda: fingerprint)
    c.put(("k", "一"), (1, "a"))
    c.flush()
    return c


def test_damaged_or_foreign_files_read_as_empty(tmp_path):
    c = _written(tmp_path)
    path = pathlib.Path(c.path)
    good = path.read_bytes()
    assert DiskCache(c.path, fingerprint=lambda: "f1").get(("k", "一")) == (1, "a")
    assert DiskCache(c.path, fingerprint=lambda: "f2").get(("k", "一")) is None  # package files changed
    for bad in (good[:-7], good[:20], b"", good[:-1] + bytes([good[-1] ^ 1]), b"x" * len(good)):
        path.write_bytes(bad)
        d = DiskCache(c.path, fingerprint=lambda: "f1")
        assert d.get(("k", "一")) is None
        d.put(("k", "二"), 2)
        d.flush()  # rewrites a good file
        assert DiskCache(c.path, fingerprint=lambda: "f1").get(("k", "二")) == 2


def test_writers_merge(tmp_path):
    a = DiskCache(str(tmp_path / "c.bin"), fingerprint=lambda: "f")
    b = DiskCache(str(tmp_path / "c.bin"), fingerprint=lambda: "f")
    a.get("x"), b.get("x")  # both loaded the (missing) file before either wrote
    a.put("a", 1)
    b.put("b", 2)
    a.flush()
    b.flush()
    c = DiskCache(str(tmp_path / "c.bin"), fingerprint=lambda: "f")
    assert (c.get("a"), c.get("b")) == (1, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["c.bin"]  # no temporary file left


def test_stale_cache_files_are_pruned_by_the_next_writer(tmp_path):
    """Files of old installs go after STALE_DAYS; the file in use, fresh ones and others stay."""
    old = time.time() - (diskcache.STALE_DAYS + 1) * 86400
    stale = [tmp_path / "patterns-0000000000000000.bin", tmp_path / ".patterns-abc.tmp"]
    fresh_one = tmp_path / "patterns-1111111111111111.bin"
    other = tmp_path / "notes.bin"
    for p in (*stale, fresh_one, other):
        p.write_bytes(b"x")
    for p in (*stale, other):
        os.utime(p, (old, old))
    c = DiskCache(str(tmp_path / "patterns-2222222222222222.bin"), fingerprint=lambda: "f")
    c.put("k", 1)
    c.flush()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "notes.bin", "patterns-1111111111111111.bin", "patterns-2222222222222222.bin"]


def test_a_file_in_use_is_kept_fresh(tmp_path):
    """A warm install never writes its file again: reading it keeps its time within a day."""
    c = _written(tmp_path)
    old = time.time() - (diskcache.STALE_DAYS + 1) * 86400
    os.utime(c.path, (old, old))
    assert DiskCache(c.path, fingerprint=lambda: "f1").get(("k", "一")) == (1, "a")
    assert time.time() - os.stat(c.path).st_mtime < 86400
    assert diskcache.prune_stale(str(tmp_path)) == 0


def test_unwritable_directory_is_silent(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    c = DiskCache(str(blocker / "sub" / "c.bin"), fingerprint=lambda: "f")
    c.put("a", 1)
    c.flush()  # cannot create the directory: no error, no more tries
    assert c.path is None and c.get("a") == 1
    c.put("b", 2)
    c.flush()


def test_non_plain_values_are_not_kept(tmp_path):
    c = DiskCache(str(tmp_path / "c.bin"), fingerprint=lambda: "f")
    c.put("a", object())
    c.put(("b", regex.MULTILINE), 1)  # an enum key: not plain data
    assert not c.dirty


def test_too_many_entries_keeps_those_used(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "MAX_ENTRIES", 3)
    old = DiskCache(str(tmp_path / "c.bin"), fingerprint=lambda: "f")
    for i in range(3):
        old.put(i, i)
    old.flush()
    c = DiskCache(str(tmp_path / "c.bin"), fingerprint=lambda: "f")
    c.get(0)
    c.put("new", 1)
    c.flush()
    d = DiskCache(str(tmp_path / "c.bin"), fingerprint=lambda: "f")
    assert [d.get(k) for k in (0, 1, 2, "new")] == [0, None, None, 1]


def test_cache_off(monkeypatch):
    monkeypatch.setenv("PLANPARSE_CACHE_DIR", "")
    try:
        c = diskcache.reset()
        assert c.path is None
        p = diskcache.compiled(PATTERNS[0][0], regex.V0)
        assert not c.dirty and p.search(SAMPLE)
    finally:
        monkeypatch.delenv("PLANPARSE_CACHE_DIR")
        diskcache.reset()


def test_fingerprint_follows_package_files(tmp_path):
    (tmp_path / "rules.yaml").write_text("a: 1\n")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.py").write_text("")
    first = diskcache._package_fingerprint(str(tmp_path))
    assert diskcache._package_fingerprint(str(tmp_path)) == first
    (tmp_path / "__pycache__" / "y.py").write_text("")  # not package code
    assert diskcache._package_fingerprint(str(tmp_path)) == first
    (tmp_path / "rules.yaml").write_text("a: 12\n")
    assert diskcache._package_fingerprint(str(tmp_path)) != first


def test_cold_warm_and_off_give_the_same_output(tmp_path):
    """A parse in a new process: with an empty cache dir, with the cache it wrote, with the cache off."""
    plan = ROOT / "planparse" / "corpora" / "jiedao_yanglao_fangan.txt"
    outs = []
    for cache_dir in (tmp_path / "c", tmp_path / "c", ""):
        env = {**os.environ, "PLANPARSE_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
        r = subprocess.run([sys.executable, "-m", "planparse", "parse", str(plan)], env=env,
                           capture_output=True, text=True, check=True)
        outs.append(r.stdout)
        if cache_dir:
            assert list((tmp_path / "c").glob("patterns-*.bin"))
    assert outs[0] == outs[1] == outs[2]


def test_data_files_are_kept_by_their_text(fresh):
    from planparse import resources

    first = resources.load.__wrapped__("units")  # as parsed by the YAML loader
    keys = [k for k in fresh._entries if k[:2] == ("data", "units.yaml")]
    assert len(keys) == 1 and len(keys[0][2]) == 40  # keyed by a digest of the file's text
    fresh.flush()
    diskcache.reset()
    again = resources.load.__wrapped__("units")  # read back from the file
    assert again == first and again is not first


def test_large_data_files_are_not_kept(fresh, monkeypatch):
    # every process reads the whole cache file at its start: a 5 MB table in it would cost each
    # later `planparse parse` more than the table's parse saves (the tagger maps those files)
    from planparse import resources

    assert max(len(data_path(f).read_text(encoding="utf-8")) for f in list_data_files()
               if not f.startswith("pos_")) <= resources.DISK_CACHE_MAX_CHARS  # the rule files are kept
    monkeypatch.setattr(resources, "DISK_CACHE_MAX_CHARS", 100)
    value = resources.load.__wrapped__("units")
    assert value and not [k for k in (fresh._entries or {}) if k[:2] == ("data", "units.yaml")]


@pytest.mark.parametrize("fname", list_data_files())
def test_every_data_file_is_plain_data(fname):
    """What every data file parses to goes into the cache (a YAML date, say, would not: quote it)."""
    name, ext = fname.rsplit(".", 1)
    value = _parse_data(name, "." + ext, data_path(fname).read_text(encoding="utf-8"))
    assert marshal.loads(marshal.dumps(value)) == value


def test_flush_soon_writes_at_most_once_per_interval(fresh, monkeypatch):
    monkeypatch.setattr(diskcache, "_last_flush", float("-inf"))
    monkeypatch.setattr(diskcache, "FLUSH_INTERVAL", 3600.0)
    fresh.put("a", 1)
    diskcache.flush_soon()  # the first write comes at once
    assert not fresh.dirty
    fresh.put("b", 2)
    diskcache.flush_soon()  # too soon: kept for later
    assert fresh.dirty
    diskcache.flush()  # at exit, or before a batch worker ends
    assert not fresh.dirty
    assert DiskCache(fresh.path).get("b") == 2


def test_first_flush_soon_writes_on_a_host_just_booted(tmp_path):
    """time.monotonic() counts from boot on Linux: a process's first flush_soon must write even then."""
    code = ("import time; time.monotonic = lambda: 1.0\n"
            "from planparse import diskcache\n"
            "c = diskcache.reset(); c.put('a', 1); diskcache.flush_soon(); print(c.dirty)")
    env = {**os.environ, "PLANPARSE_CACHE_DIR": str(tmp_path / "c")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_batch_workers_write_what_they_compiled(tmp_path):
    """A batch run in a new process leaves the patterns its workers compiled in the cache directory."""
    plans = ROOT / "planparse" / "corpora"
    env = {**os.environ, "PLANPARSE_CACHE_DIR": str(tmp_path / "c"), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "planparse", "batch", str(plans / "zhen_pufa_jihua.txt"),
                    str(plans / "jiedao_wangge_fangan.txt"), "-o", str(tmp_path / "out"), "--jobs", "1", "-q"],
                   env=env, capture_output=True, text=True, check=True)
    (path,) = (tmp_path / "c").glob("patterns-*.bin")
    # the file belongs to the package the batch ran (ROOT's, by PYTHONPATH), which need not be the
    # one this test imported (CI tests an installed copy): read it with that package's fingerprint
    written = DiskCache(str(path), fingerprint=lambda: diskcache._package_fingerprint(str(ROOT / "planparse")))
    assert written.get(("data", "units.yaml", _digest("units.yaml"))) is not None


def _digest(fname: str) -> str:
    import hashlib

    return hashlib.blake2b(data_path(fname).read_bytes(), digest_size=20).hexdigest()


def test_parse_tree_facts_are_kept_not_reparsed(fresh, monkeypatch):
    # what the gates read from a rule's parse tree is on disk, so a new process (a batch worker, a
    # cold `planparse parse`) never parses the pattern again; the tree itself is not plain data
    from planparse import resources

    pattern = r"(?<=[,。])(?:组长|副组长)[::](?P<who>\p{Han}{2,4})"
    clauses, reach = resources.required_clauses(pattern), resources.lookbehind_reach(pattern)
    assert clauses and reach == 1
    assert fresh.get(("required_clauses", pattern)) == clauses
    assert fresh.get(("lookbehind_reach", pattern)) == reach
    fresh.flush()
    diskcache.reset()
    resources.required_clauses.cache_clear()
    resources.lookbehind_reach.cache_clear()

    def no_parse(p):
        raise AssertionError(f"parsed again: {p}")

    monkeypatch.setattr(resources, "_parse_tree", no_parse)
    assert resources.required_clauses(pattern) == clauses
    assert resources.lookbehind_reach(pattern) == reach


STD_PATTERNS = [  # our own: a named group, a look-behind, a class, a literal alternation, inline flags
    (r"(?P<y>(?:19|20)\d{2})年(?P<m>1[0-2]|0?[1-9])月", 0),
    (r"(?<=[,。;])(?:组长|副组长|成员)[::]([^,。;\n]{1,20})", 0),
    ("[" + "".join(sorted(",。;:、")) + "]", 0),
    ("|".join(["工作计划", "实施方案", "工作要点", "工作安排"]), 0),
    (r"^第[一二三四五六七八九十]{1,3}[章节条]", re.MULTILINE),
    (r"(?i)plan\s*\d+", 0),
]


@pytest.mark.parametrize(("pattern", "flags"), STD_PATTERNS)
def test_std_re_patterns_rebuilt_equal_compiled_ones(fresh, pattern, flags):
    first = diskcache.compiled_std(pattern, flags)
    assert first == re.compile(pattern, flags)
    assert fresh.get(("re", pattern, flags)) is not None  # kept
    fresh.flush()
    again = diskcache.reset()
    rebuilt = diskcache.compiled_std(pattern, flags)
    assert again.get(("re", pattern, flags)) is not None  # read from the file
    ref = re.compile(pattern, flags)
    assert rebuilt is not ref and rebuilt == ref  # same flags, text and engine codes
    assert (rebuilt.groups, rebuilt.groupindex) == (ref.groups, ref.groupindex)
    text = SAMPLE + " Plan 12 工作要点"
    assert [(m.span(), m.groups()) for m in rebuilt.finditer(text)] == \
        [(m.span(), m.groups()) for m in ref.finditer(text)]


def test_std_re_errors_damage_and_locale(fresh):
    with pytest.raises(re.error):
        diskcache.compiled_std("(unbalanced")
    assert diskcache.compiled_std(rb"\w+", 0) == re.compile(rb"\w+")  # bytes: compiled, not kept
    diskcache.compiled_std(rb"\w+", re.LOCALE)
    assert not [k for k in fresh._entries if k[0] == "re"]
    fresh.put(("re", "[ab]", 0), (re.UNICODE, b"\xff" * 8, 0, {}, (None,)))  # codes the engine refuses
    assert diskcache.compiled_std("[ab]") == re.compile("[ab]")
