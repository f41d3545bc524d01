"""One loader for every rule table, lexicon and unit list under ``planparse/data``.

Rules are data: each stage asks :func:`load` for its file by name and gets a
validated, cached object. Regexes are compiled here, with the ``regex``
module, so one place enforces the linear-time policy (no nested unbounded
quantifiers: see :func:`check_pattern`).

>>> isinstance(load("section_labels"), dict)
True
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from importlib import resources as _ir
from typing import Any

import regex

from . import diskcache
from .errors import RuleDataError

DATA_PACKAGE = "planparse.data"

# A group holding an unbounded quantifier that is itself repeated: (a+)+, (a*)*, (?:x+y)+ ...
_NESTED_QUANT = diskcache.compiled(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*]", regex.V0)


def data_path(name: str):
    """The Traversable of a file in ``planparse/data``."""
    return _ir.files(DATA_PACKAGE).joinpath(name)


def list_data_files() -> list[str]:
    """Names of all data files shipped with the package."""
    return sorted(p.name for p in _ir.files(DATA_PACKAGE).iterdir() if p.name.endswith((".yaml", ".tsv")))


class Tables:
    """Base of a record of lookup tables that a stage builds once per process (a lexicon: rules,
    words and patterns read from ``planparse/data``): keyword fields, all required, read-only.

    A frozen dataclass with many fields costs much at each import: its ``__init__``, ``__eq__``,
    ``__hash__``, ``__repr__`` and ``__setattr__`` are generated as source text and compiled, one
    ``exec`` each (the five lexicons of 16 to 86 fields: ~100M instructions, ~9% of a batch
    worker's start-up). These records need none of that: one instance per process, compared by
    identity, never hashed by value. A subclass declares its fields as annotations, a default as
    the annotation's value (no ``ClassVar``); the constructor takes them by keyword and checks
    that it gets every field without a default and no other name.
    """

    __slots__ = ()
    _fields: frozenset[str] | None = frozenset()  # None: not known (a mypyc-compiled subclass)
    _defaults: dict[str, Any] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        import inspect  # imported already wherever a subclass is defined (pydantic needs it)

        super().__init_subclass__(**kwargs)
        names = inspect.get_annotations(cls)  # the class's own
        if not names:
            # a subclass compiled by mypyc (the optional build) keeps no annotations: its constructor
            # then takes the keywords it is given (the pure-Python build, which the tests run, checks
            # them; tests/test_compiled.py holds the compiled output to the pure one); replace and
            # repr read mypyc's list of the class's attributes (its instances have no __dict__)
            cls._fields = None
            cls._defaults = {}
            return
        cls._fields = frozenset(names)
        cls._defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}

    def __init__(self, **values: Any) -> None:
        fields = self._fields
        if fields is not None and values.keys() != fields:
            missing = sorted(fields - values.keys() - self._defaults.keys())
            unexpected = sorted(values.keys() - fields)
            if missing or unexpected:
                raise TypeError(f"{type(self).__name__}(): missing fields {missing}, unexpected {unexpected}")
            values = {**self._defaults, **values}
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _names(self) -> Iterable[str]:
        if self._fields is not None:
            return self._fields
        attrs = [a for a in getattr(type(self), "__mypyc_attrs__", ()) if not a.startswith("__")]
        return attrs or list(vars(self))

    def replace(self, **changes: Any):
        """A copy with some fields changed (as ``dataclasses.replace``)."""
        return type(self)(**{**{f: getattr(self, f) for f in self._names()}, **changes})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: cannot assign to {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: cannot delete {name!r}")

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {', '.join(sorted(self._names()))}>"


DISK_CACHE_MAX_CHARS = 200_000
"""Data files longer than this are parsed in each process that loads them, not kept on disk."""


@functools.cache
def load(name: str) -> Any:
    """Load ``data/NAME.yaml`` (or ``NAME.tsv``) once per process.

    YAML files give their parsed object; TSV files give a list of rows (lists of str),
    ``#`` lines and blank lines skipped. What a file parses to is kept in the disk cache
    under a digest of its text (:mod:`planparse.diskcache`): a later process reads it without
    importing or running the YAML parser; an edited file is a new key. Not a large file (the
    tagger's tables, which the tagger maps rather than loads): every process reads the whole
    cache file at its start, so one such entry would cost each later start far more than it saves.
    """
    for ext in (".yaml", ".tsv"):
        p = data_path(name + ext)
        if p.is_file():
            raw = p.read_text(encoding="utf-8")
            if len(raw) > DISK_CACHE_MAX_CHARS:
                return _parse_data(name, ext, raw)
            key = ("data", name + ext, hashlib.blake2b(raw.encode("utf-8"), digest_size=20).hexdigest())
            cache = diskcache.cache()
            value = cache.get(key)
            if value is None:
                value = _parse_data(name, ext, raw)
                cache.put(key, value)
            return value
    raise RuleDataError(f"no data file named {name!r} under planparse/data")


def _parse_data(name: str, ext: str, raw: str) -> Any:
    try:
        if ext == ".yaml":
            import yaml

            # libyaml's C loader when present: the pure-Python one costs ~1 s of cold start
            return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        rows = csv.reader((ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")),
                          delimiter="\t")
        return [r for r in rows]
    except Exception as e:  # malformed data is a packaging bug: say which file
        raise RuleDataError(f"data/{name}{ext}: {e}") from e


def check_pattern(pattern: str, *, where: str = "") -> None:
    """Refuse a pattern with a nested unbounded quantifier, the shape of catastrophic backtracking."""
    if _has_nested_quantifier(pattern):
        raise RuleDataError(f"{where}: nested unbounded quantifier in pattern {pattern!r}")


@diskcache.memo("nested_quantifier")
def _has_nested_quantifier(pattern: str) -> bool:
    """The search behind :func:`check_pattern`, kept on disk: it costs more than rebuilding the
    compiled pattern (its time grows with the square of a group's length, and the rule patterns
    hold long alternations: ~0.1 s for the patterns a small plan meets)."""
    return _NESTED_QUANT.search(pattern) is not None


@functools.cache
def compile_pattern(pattern: str, flags: int = 0, *, where: str = "") -> regex.Pattern:
    """Compile a rule pattern with the ``regex`` module after the linear-time check.

    A pattern compiled by an earlier process is rebuilt from the disk cache (:mod:`planparse.diskcache`).
    """
    check_pattern(pattern, where=where)
    try:
        return diskcache.compiled(pattern, flags | regex.V0)
    except regex.error as e:
        raise RuleDataError(f"{where}: bad pattern {pattern!r}: {e}") from e


def compile_std(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile`` (the standard module: literal alternations, character classes), rebuilt from
    the disk cache by a later process (:func:`planparse.diskcache.compiled_std`).

    >>> compile_std("[,;]").pattern
    '[,;]'
    """
    return diskcache.compiled_std(pattern, flags)


_STD_FLAGS_KEPT = regex.MULTILINE | regex.DOTALL  # the same values and meaning in re
_STD_FLAGS = regex.V0 | regex.UNICODE | _STD_FLAGS_KEPT  # compile_pattern's patterns carry V0 and UNICODE
# one escape: a property (\p{Han}), a code point (\x41, \u4e00, \U0002a700), or a backslash and one character
_STD_ESCAPE = re.compile(r"\\(?:[pP]\{[^{}\\]*\}|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_STD_GROUP = re.compile(r"\(\?(?::|=|!|<=|<!|P<[A-Za-z_][A-Za-z0-9_]*>|P=[A-Za-z_][A-Za-z0-9_]*\))")
_STD_REPEAT = re.compile(r"\{(?:\d+(?:,\d*)?|,\d+)\}")


@functools.cache
def std_twin(pattern: regex.Pattern, *, classes: bool = False) -> regex.Pattern | re.Pattern:
    """The pattern to run for a rule pattern (checked and compiled by :func:`compile_pattern`):
    its twin compiled by the standard ``re`` (:func:`compile_std`) when both engines match alike,
    else ``pattern`` itself.

    A call of ``re`` costs a fraction of a ``regex`` call (~12K instructions), and on an
    alternation of words its search skips the characters no word starts with by a table lookup
    each, where ``regex`` tries the alternation at every one. The twin's source is
    :func:`_std_source` of the pattern's (same meaning by construction), under the pattern's
    MULTILINE and DOTALL; any other flag, syntax with no known twin, or what ``re`` refuses (a
    lookbehind of varying width) keeps the regex module. Kept per pattern: per-call sites stay cheap.

    A class escape (``\\d``, ``\\s``, ``\\w``, ``\\p{..}``) is written out only when ``classes`` is
    true: a set of hundreds of ranges, some outside the Basic Multilingual Plane, costs ``re`` a
    walk over them at each character it rejects, and a search for a pattern that starts with no
    literal tries every position in ``re`` where ``regex`` looks for the literal the match needs
    first. Speed, not meaning, decides: a caller opts in where its calls are short (a match on a
    line or a window), measured.

    >>> type(std_twin(compile_pattern("(?:甲|乙\\\\.)(?!丙)"))).__module__
    're'
    >>> std_twin(compile_pattern(r"\\bx")) is compile_pattern(r"\\bx")
    True
    """
    if pattern.flags & ~_STD_FLAGS:
        return pattern
    src = _std_source(pattern.pattern)
    if not src or (not classes and src != pattern.pattern):  # (other syntax is copied as written)
        return pattern
    try:
        return compile_std(src, pattern.flags & _STD_FLAGS_KEPT)
    except re.error:
        return pattern


@diskcache.memo("std_source")
def _std_source(src: str) -> str:
    """``src`` (a pattern of the regex module, version 0) rewritten for the standard ``re`` with
    the same meaning, or "" when it holds syntax whose meaning may differ. Kept on disk: a class
    escape costs reading every code point once per process.

    Literals, escaped punctuation and code points (``\\.``, ``\\n``, ``\\u4e00``), character sets,
    groups ``(?:..)``, named groups and their references, lookahead and lookbehind, alternation,
    counted and other quantifiers mean the same in both engines and are kept. A class escape
    (``\\d``, ``\\s``, ``\\w``, ``\\p{Han}``, their negations ``\\D``, ``\\S``, ``\\W``, ``\\P{..}``) follows
    each engine's own definition and Unicode version (re's ``\\s`` holds U+001C..U+001F, the
    regex module's does not; their ``\\d`` and ``\\w`` differ by hundreds of characters): it is
    written out as the set of the characters the regex module's class holds
    (:func:`_class_members`; a negation inside a set cannot be, and keeps the regex module).
    Anything else gives "": ``\\b``, ``\\A``, ``\\1``, inline flags, atomic groups, POSIX classes,
    a brace that opens no counted repeat (``{e<=1}``: fuzzy matching in the regex module,
    literal text in re), a ``[`` inside a set.

    >>> _std_source.uncached(r"第(?P<n>[一二三])篇\\.\\s")
    '第(?P<n>[一二三])篇\\\\.[\\\\x09-\\\\x0d\\\\ \\\\x85\\\\xa0\\\\u1680\\\\u2000-\\\\u200a\\\\u2028\\\\u2029\\\\u202f\\\\u205f\\\\u3000]'
    >>> _std_source.uncached(r"\\bx")
    ''
    """
    out: list[str] = []
    i, n, in_set = 0, len(src), False
    while i < n:
        c = src[i]
        if c == "\\":
            m = _STD_ESCAPE.match(src, i)
            if m is None:
                return ""
            tok = m.group()
            k = tok[1]
            if k in "dswDSWpP":
                try:
                    members = _class_members(tok if k.islower() else "\\" + k.lower() + tok[2:])
                except regex.error:
                    return ""
                if not members or (in_set and k.isupper()):
                    return ""
                out.append(members if in_set else ("[^" if k.isupper() else "[") + members + "]")
            elif k in "xuUntrfv" or not (k.isascii() and k.isalnum()):
                out.append(tok)
            else:
                return ""
            i = m.end()
        elif in_set:
            if c == "[":
                return ""
            in_set = c != "]"
            out.append(c)
            i += 1
        elif c == "[":
            j = i + 1 + src.startswith("^", i + 1)
            j += src.startswith("]", j)  # a ] first is a member
            out.append(src[i:j])
            in_set, i = True, j
        elif c in "({" and (c == "{" or src.startswith("?", i + 1)):
            m = (_STD_GROUP if c == "(" else _STD_REPEAT).match(src, i)
            if m is None:
                return ""
            out.append(m.group())
            i = m.end()
        else:
            out.append(c)
            i += 1
    return "" if in_set else "".join(out)


@functools.cache
def _every_character() -> str:
    """Every code point, surrogates included, in one string."""
    import array

    return array.array("I", range(0x110000)).tobytes().decode("utf-32-le", "surrogatepass")


@functools.cache
def _class_members(escape: str) -> str:
    """The characters the regex module's class ``escape`` (``\\d``, ``\\s``, ``\\w``, ``\\p{Han}``)
    holds, as the body of a character set: runs of code points, read from the regex module itself.

    >>> _class_members(r"\\p{Nd}").startswith("0-9")
    True
    """
    def char(cp: int) -> str:
        ch = chr(cp)
        if ch.isprintable() and not 0xD800 <= cp <= 0xDFFF:
            return re.escape(ch)
        return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"

    parts = []
    for m in regex.finditer(escape + "+", _every_character()):
        a, b = m.start(), m.end() - 1
        parts.append(char(a) if a == b else char(a) + ("" if b == a + 1 else "-") + char(b))
    return "".join(parts)


def pattern_structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """The ``(``, ``)`` and ``|`` of a pattern's source that shape it, from ``pattern[start]`` on.

    Yields ``(index, character, depth)`` for each of them outside escapes and character classes
    (a ``]`` right after ``[`` or ``[^`` is a member); ``depth`` is the number of groups open
    around it, counted from ``start``: a ``(`` at the depth it opens from, a ``)`` at the depth it
    returns to (-1 when it closes a group opened before ``start``), a ``|`` at its own.

    >>> [(i, c, d) for i, c, d in pattern_structure(r"a(?:b|[)|]\\()|c")]
    [(1, '(', 0), (5, '|', 1), (12, ')', 0), (13, '|', 0)]
    """
    depth, i, n = 0, start, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # skip the class: a leading ] (or ^]) is a member, escapes are skipped
            i += 1
            if pattern[i:i + 1] == "^":
                i += 1
            if pattern[i:i + 1] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if c == "(":
            yield i, c, depth
            depth += 1
        elif c == ")":
            depth -= 1
            yield i, c, depth
        elif c == "|":
            yield i, c, depth
        i += 1


def group_body(pattern: str, i: int) -> str | None:
    """The source of the group opened just before ``pattern[i]``, up to its closing parenthesis;
    None when it is not closed.

    >>> group_body(r"(?P<x>a[)]|(b))c", 6)
    'a[)]|(b)'
    """
    for j, _, depth in pattern_structure(pattern, i):
        if depth < 0:
            return pattern[i:j]
    return None


def top_level_branches(pattern: str) -> list[str]:
    """``pattern`` cut at each ``|`` outside every group and character class.

    >>> top_level_branches(r"a|(?:b|c)|[|]")
    ['a', '(?:b|c)', '[|]']
    """
    cuts = [j for j, c, depth in pattern_structure(pattern) if c == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def alternation(words, *, escape: bool = True) -> str:
    """A non-capturing alternation of words, longest first so ``不低于`` wins over ``低于``."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w) if escape else w for w in items) + ")"


def word_trie(words) -> dict:
    """The words as a trie of characters (``{"办": {"": {}, "公": {"室": {"": {}}}}}``); ``""`` ends a word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def trie_pattern(node: dict) -> str:
    """A :func:`word_trie` node as a pattern (``办(?:公室)?``): each position tries each first
    character once. Longer words are tried before their prefixes, as in :func:`alternation`,
    so both give the same matches in the same order. Plain ``re`` escapes: the pattern means
    the same in ``re`` and ``regex``."""
    alts = [re.escape(ch) + trie_pattern(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def trie_alternation(words) -> str:
    """:func:`alternation` written as a trie (``今(?:冬明春|明两年|年)``): fewer branches per position."""
    return "(?:" + trie_pattern(word_trie(set(words))) + ")"


# POSIX classes ([[:alpha:]]) and fuzzy constraints ({e<=1}): the regex module's own syntax, that
# Python's parser would read as literal characters.
_READ_OTHERWISE = diskcache.compiled(r"\[:\^?[a-z]+:\]|(?<!\\)(?<!\\[pPN])\{(?![\d,])", regex.V0)
_MAX_LITERALS = 128  # a longer list of alternatives costs more to test than it saves


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    """Every string of ``a`` followed by one of ``b``; None past ``_MAX_LITERALS``."""
    if len(a) * len(b) > _MAX_LITERALS:
        return None
    return frozenset(x + y for x in a for y in b)


def _union(sets: list[frozenset[str] | None]) -> frozenset[str] | None:
    """The strings of all the sets; None past ``_MAX_LITERALS`` or when one is None."""
    if any(x is None for x in sets):
        return None
    out = frozenset().union(*sets)
    return out if len(out) <= _MAX_LITERALS else None


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings of which every string that ``pattern`` matches in (searched or matched) holds one, or None.

    The strongest of :func:`required_clauses` (longest strings, then fewest).

    >>> required_literals(r"^第\\d{1,3}篇$")
    ('第',)
    >>> required_literals(r"(?:工作计划|实施方案)(?=一、)")
    ('实施方案一、', '工作计划一、')
    """
    clauses = required_clauses(pattern)
    return clauses[0] if clauses else None


@functools.cache
def _parse_tree(pattern: str):
    """``(tree, constants)`` of a rule pattern read by Python's own regex parser, or None.

    Not kept on disk (a parse tree is not plain data): the facts read from it are, by the
    functions that read them (:func:`required_clauses`, :func:`lookbehind_reach`), so a process
    whose disk cache holds them never parses the pattern.

    The parser reads the ``regex`` module's V0 syntax the same way for the constructs the rules
    use; ``\\p{…}`` is read as ``\\w`` (a class: it requires nothing, its width is one). None for
    what it would misread (POSIX classes, ``{`` as a literal, V1) or cannot read.
    """
    try:
        from re import _constants as C
        from re import _parser as sre
    except ImportError:  # pragma: no cover - Python 3.10
        try:
            import sre_constants as C
            import sre_parse as sre
        except ImportError:
            return None
    if _READ_OTHERWISE.search(pattern) or "(?V1" in pattern:  # re would read these as literals
        return None
    try:
        return sre.parse(regex.sub(r"\\[pP]\{[^}]*\}", r"\\w", pattern)), C
    except Exception:  # regex-only syntax
        return None


@functools.cache
@diskcache.memo("required_clauses")
def required_clauses(pattern: str) -> tuple[tuple[str, ...], ...]:
    """What every string that ``pattern`` matches in holds: one string of each clause (strongest first).

    A cheap gate before a costly search: ``any(lit in s for lit in lits)`` is False only where the
    pattern cannot match. Derived from the pattern's parse tree (Python's own regex parser, which
    reads the ``regex`` module's V0 syntax the same way for the constructs used here): a literal
    run, a small class, a repeat of at least one, a group or a positive lookaround contributes what
    it requires; an alternation requires one of what its branches require. No clause when nothing
    is required for sure, when case folding is on, or when the parser does not read the pattern
    (then there is no gate, never a wrong one).

    >>> required_clauses(r"(?:工作计划|实施方案)(?=一、)")
    (('实施方案一、', '工作计划一、'), ('实施方案', '工作计划'), ('一、',))
    >>> required_clauses(r"(?<=\\p{Han})(\\()\\w{1,4}(\\))")
    (('(',), (')',))
    """
    parsed = _parse_tree(pattern)
    if parsed is None:
        return ()
    tree, C = parsed
    atomic, possessive = getattr(C, "ATOMIC_GROUP", None), getattr(C, "POSSESSIVE_REPEAT", None)
    if tree.state.flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_LOCALE):
        return ()

    empty = frozenset([""])  # "" in a set: nothing known (a clause holding "" is never kept)
    unknown = ([], None, "consume", empty, empty)

    def seq(items):
        """(clauses, exact, prefix, suffix) of a sequence.

        ``clauses``: what it requires; ``exact``: every string it matches, if few; ``prefix`` and
        ``suffix``: strings its match starts and ends with. Adjacent elements whose strings are
        known join into longer strings (``(?:社区|村)(?=将|在)`` requires one of 社区将 社区在 村将
        村在), which makes a far more selective gate.
        """
        clauses: list[frozenset[str]] = []
        run = empty  # the strings the elements since the last break match, joined
        whole = True  # no break yet: ``run`` is the sequence's exact set
        prefix: frozenset[str] | None = None

        def brk() -> None:
            nonlocal run, prefix
            if prefix is None:
                prefix = run
            if "" not in run:
                clauses.append(run)
            run = empty

        for op, av in items:
            sub_clauses, exact, kind, pre, suf = one(op, av)
            clauses += sub_clauses
            if exact is None:  # joins the run by its start; what follows joins its end
                whole = False
                run = _product(run, pre) or run
                brk()
                run = suf
                continue
            if kind == "behind":  # the text right before here: what follows joins it
                whole = False
                brk()
                run = exact
                continue
            joined = _product(run, exact)
            if joined is None:  # too many strings: keep what was joined, go on from here
                whole = False
                brk()
                run = exact
            else:
                run = joined
            if kind == "ahead":  # what follows starts where the lookahead started
                whole = False
                brk()
        exact_all = run if whole else None
        suffix = run
        brk()
        return clauses, exact_all, prefix, suffix

    def one(op, av):
        """(clauses, exact or None, "consume"/"ahead"/"behind", prefix, suffix) of one element."""
        if op is C.LITERAL:
            lit = frozenset([chr(av)])
            return [], lit, "consume", lit, lit
        if op in (C.AT, C.ASSERT_NOT):  # zero width: its neighbours stay adjacent
            return [], empty, "consume", empty, empty
        if op is C.IN:
            if all(o is C.LITERAL for o, _ in av) and len(av) <= 16:
                chars = frozenset(chr(c) for _, c in av)
                return [], chars, "consume", chars, chars
            return unknown
        if op is C.SUBPATTERN or op is atomic:
            if op is C.SUBPATTERN:
                _, add_flags, _, av = av
                if add_flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_LOCALE):
                    return unknown
            sub_clauses, exact, pre, suf = seq(av)
            return sub_clauses, exact, "consume", pre, suf
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, possessive):
            lo, hi, sub = av
            sub_clauses, exact, pre, suf = seq(sub)
            if lo == 0:
                return [], (exact | empty) if exact is not None and hi == 1 else None, "consume", empty, empty
            fixed = exact
            for _ in range(lo - 1):
                fixed = _product(fixed, exact) if fixed is not None else None
            return sub_clauses, fixed if lo == hi else None, "consume", pre, suf
        if op is C.ASSERT:  # a lookaround reads the subject too
            direction, sub = av
            sub_clauses, exact, _, _ = seq(sub)
            if exact is None:
                return sub_clauses, empty, "consume", empty, empty
            return sub_clauses, exact, "ahead" if direction == 1 else "behind", empty, empty
        if op is C.BRANCH:
            alts = [seq(b) for b in av[1]]
            exacts = [e for _, e, _, _ in alts]
            exact = _union(exacts) if all(e is not None for e in exacts) else None
            clauses = [_union_of_picks([c for c, _, _, _ in alts])] if all(c for c, _, _, _ in alts) else []
            return (clauses, exact, "consume", _union([p for _, _, p, _ in alts]) or empty,
                    _union([x for _, _, _, x in alts]) or empty)
        return unknown

    # a string holding another of its clause adds nothing (an implied clause is kept: it may be cheaper)
    kept = {tuple(sorted((x for x in c if not any(y != x and y in x for y in c)), key=lambda s: (-len(s), s)))
            for c in seq(tree)[0]}
    return tuple(sorted(kept, key=lambda c: (-min(map(len, c)), len(c), c)))  # strongest first, then fixed


@functools.cache
@diskcache.memo("lookbehind_reach")
def lookbehind_reach(pattern: str) -> int | None:
    """How far before a match's start ``pattern`` may read: the widest lookbehind, 0 with none.

    With :func:`literal_gate` on a window of a text: a lookbehind's literal may lie before the
    window's start, so the gate reads from ``start - reach``. None when the parser does not read
    the pattern or a lookbehind has no bound (then gate nothing, rather than gate wrongly).

    >>> lookbehind_reach(r"(?<![主责])任(?<=\\n[^,]{0,3}任)")
    5
    """
    parsed = _parse_tree(pattern)
    if parsed is None:
        return None
    tree, C = parsed
    reach = 0
    todo = [tree]
    while todo:
        for op, av in todo.pop():
            if op is C.ASSERT or op is C.ASSERT_NOT:
                direction, sub = av
                if direction == -1:
                    hi = sub.getwidth()[1]
                    if hi >= C.MAXREPEAT:
                        return None
                    reach = max(reach, hi)
                todo.append(sub)
            elif op is C.BRANCH:
                todo.extend(av[1])
            elif op is C.SUBPATTERN:
                todo.append(av[-1])
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
                todo.append(av[2])
            elif op is getattr(C, "ATOMIC_GROUP", None):
                todo.append(av)
            elif op is C.GROUPREF_EXISTS:
                todo.extend(x for x in av[1:] if x is not None)
    return reach


@functools.cache
def literal_gate(pattern: str, max_strings: int = _MAX_LITERALS) -> Callable[[str], bool]:
    """A test that is False only for strings in which ``pattern`` cannot match (:func:`required_clauses`).

    Built once per pattern in a process (cached): callers ask for it where they use it.

    Cheap tests first: up to two clauses of at most five strings, each a few substring tests;
    then the strongest clause of more strings (at most ``max_strings``), one search of the
    standard ``re`` module (an alternation of escaped literals cannot backtrack, and ``re``
    answers it in about half the time of ``regex``).
    """
    import re

    clauses = required_clauses(pattern)
    tests: list[Callable[[str], bool]] = [_contains(*c) for c in clauses if len(c) <= 5][:2]
    long = [c for c in clauses if 5 < len(c) <= max_strings][:1]
    for c in long:
        search = compile_std("|".join(map(re.escape, c))).search
        tests.append(lambda s, search=search: search(s) is not None)
    if not tests:
        return lambda s: True
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda s: first(s) and second(s)
    first, second, third = tests
    return lambda s: first(s) and second(s) and third(s)


def _contains(*lits: str) -> Callable[[str], bool]:
    if len(lits) == 1:
        lit = lits[0]
        return lambda s: lit in s

    def any_in(s: str) -> bool:
        for lit in lits:
            if lit in s:
                return True
        return False
    return any_in


def _clause_strength(clause: frozenset[str]) -> tuple[int, int]:
    """Longer strings and fewer of them make a stronger gate."""
    return (min(map(len, clause)), -len(clause))


def _union_of_picks(alts: list[list[frozenset[str]]]) -> frozenset[str]:
    """One clause per branch, joined: strings several branches share are preferred, then strong clauses."""
    shared: dict[str, int] = {}
    for clauses in alts:
        for s in set().union(*clauses):
            shared[s] = shared.get(s, 0) + 1
    out: set[str] = set()
    for clauses in alts:
        out |= max(clauses, key=lambda c: (sum(shared[s] for s in c) / len(c), *_clause_strength(c)))
    return frozenset(out)
