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
from collections.abc import Callable
from importlib import resources as _ir
from typing import Any

import regex

from .errors import RuleDataError

DATA_PACKAGE = "planparse.data"

# A group holding an unbounded quantifier that is itself repeated: (a+)+, (a*)*, (?:x+y)+ ...
_NESTED_QUANT = regex.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*]")


def data_path(name: str):
    """The Traversable of a file in ``planparse/data``."""
    return _ir.files(DATA_PACKAGE).joinpath(name)


def list_data_files() -> list[str]:
    """Names of all data files shipped with the package."""
    return sorted(p.name for p in _ir.files(DATA_PACKAGE).iterdir() if p.name.endswith((".yaml", ".tsv")))


@functools.cache
def load(name: str) -> Any:
    """Load ``data/NAME.yaml`` (or ``NAME.tsv``) once per process.

    YAML files give their parsed object; TSV files give a list of rows (lists of str),
    ``#`` lines and blank lines skipped.
    """
    import yaml

    for ext in (".yaml", ".tsv"):
        p = data_path(name + ext)
        if p.is_file():
            raw = p.read_text(encoding="utf-8")
            try:
                if ext == ".yaml":
                    # libyaml's C loader when present: the pure-Python one costs ~1 s of cold start
                    return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
                rows = csv.reader((ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")),
                                  delimiter="\t")
                return [r for r in rows]
            except Exception as e:  # malformed data is a packaging bug: say which file
                raise RuleDataError(f"data/{name}{ext}: {e}") from e
    raise RuleDataError(f"no data file named {name!r} under planparse/data")


def check_pattern(pattern: str, *, where: str = "") -> None:
    """Refuse a pattern with a nested unbounded quantifier, the shape of catastrophic backtracking."""
    if _NESTED_QUANT.search(pattern):
        raise RuleDataError(f"{where}: nested unbounded quantifier in pattern {pattern!r}")


@functools.cache
def compile_pattern(pattern: str, flags: int = 0, *, where: str = "") -> regex.Pattern:
    """Compile a rule pattern with the ``regex`` module after the linear-time check."""
    check_pattern(pattern, where=where)
    try:
        return regex.compile(pattern, flags | regex.V0)
    except regex.error as e:
        raise RuleDataError(f"{where}: bad pattern {pattern!r}: {e}") from e


def alternation(words, *, escape: bool = True) -> str:
    """A non-capturing alternation of words, longest first so ``不低于`` wins over ``低于``."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w) if escape else w for w in items) + ")"


# POSIX classes ([[:alpha:]]) and fuzzy constraints ({e<=1}): the regex module's own syntax, that
# Python's parser would read as literal characters.
_READ_OTHERWISE = regex.compile(r"\[:\^?[a-z]+:\]|(?<!\\)(?<!\\[pPN])\{(?![\d,])")
_MAX_LITERALS = 32  # a longer list of alternatives costs more to test than it saves


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings of which every string that ``pattern`` matches in (searched or matched) holds one, or None.

    The strongest of :func:`required_clauses` (longest strings, then fewest).

    >>> required_literals(r"^第\\d{1,3}篇$")
    ('第',)
    >>> required_literals(r"(?:工作计划|实施方案)(?=一、)")
    ('实施方案', '工作计划')
    """
    clauses = required_clauses(pattern)
    return clauses[0] if clauses else None


@functools.cache
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
    (('实施方案', '工作计划'), ('一、',))
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
    atomic, possessive = getattr(C, "ATOMIC_GROUP", None), getattr(C, "POSSESSIVE_REPEAT", None)
    if _READ_OTHERWISE.search(pattern) or "(?V1" in pattern:  # re would read these as literals
        return ()
    try:
        tree = sre.parse(regex.sub(r"\\[pP]\{[^}]*\}", r"\\w", pattern))  # \p{Han}: a class, requires nothing
    except Exception:  # regex-only syntax
        return ()
    if tree.state.flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_LOCALE):
        return ()

    def seq(items) -> list[frozenset[str]]:
        """What a sequence requires: a list of clauses, each satisfied by one of its strings."""
        clauses: list[frozenset[str]] = []
        run: list[str] = []
        for op, av in items:
            if op is C.LITERAL:
                run.append(chr(av))
                continue
            if run:
                clauses.append(frozenset(["".join(run)]))
                run = []
            clauses += one(op, av)
        if run:
            clauses.append(frozenset(["".join(run)]))
        return clauses

    def one(op, av) -> list[frozenset[str]]:
        if op is C.SUBPATTERN:
            _, add_flags, _, sub = av
            return [] if add_flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_LOCALE) else seq(sub)
        if op is atomic:
            return seq(av)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, possessive):
            lo, _, sub = av
            return seq(sub) if lo >= 1 else []
        if op is C.ASSERT:  # a positive lookaround reads the subject too
            return seq(av[1])
        if op is C.IN:
            if all(o is C.LITERAL for o, _ in av) and len(av) <= 16:
                return [frozenset(chr(c) for _, c in av)]
            return []
        if op is C.BRANCH:
            alts = [seq(b) for b in av[1]]
            if not all(alts):
                return []
            return [_union_of_picks(alts)]
        return []

    kept = {tuple(sorted(c, key=lambda s: (-len(s), s))) for c in seq(tree) if len(c) <= _MAX_LITERALS}
    return tuple(sorted(kept, key=lambda c: (-min(map(len, c)), len(c), c)))  # strongest first, then fixed


def literal_gate(pattern: str) -> Callable[[str], bool]:
    """A test that is False only for strings in which ``pattern`` cannot match (:func:`required_clauses`)."""
    clauses = required_clauses(pattern)[:3]  # the strongest: more cost more than they save
    if not clauses:
        return lambda s: True
    if len(clauses) == 1 and len(clauses[0]) == 1:
        lit = clauses[0][0]
        return lambda s: lit in s
    return lambda s: all(any(lit in s for lit in c) for c in clauses)


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
