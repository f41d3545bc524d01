"""The pipeline, written once: read → normalize → split → segment → classify → extract.

>>> result = parse_text("2024年社区工作计划\\n一、工作目标\\n绿化率达到40%。\\n")
>>> result.plans[0].sections[0].heading
'工作目标'
"""

from __future__ import annotations

import hashlib
import os
import time
import weakref
from collections.abc import Callable

from . import __version__, diskcache
from .classify import classify_sections
from .config import ParseConfig
from .context import PlanContext, PlanSpan
from .errors import READER_NOTE, PlanparseError, StageError
from .extract import extract_responsibilities, extract_roles, extract_targets, extract_times
from .models import ParseResult, ParseWarning, Plan, Source
from .normalize import NormalizedText, normalize_text
from .read import SourceDocument, read_source
from .section_models import assign_ids, sections_to_models
from .segment import detect_plan_meta, segment_outline, split_plans

_PARSED_TEXTS: dict[int, tuple[weakref.ref, str]] = {}  # id(result) -> (the result, its source text)


def _remember_text(result: ParseResult, text: str) -> None:
    key = id(result)
    _PARSED_TEXTS[key] = (weakref.ref(result, lambda _ref, key=key: _PARSED_TEXTS.pop(key, None)), text)


def parsed_text(result: ParseResult) -> str | None:
    """The source text a :class:`ParseResult` of this process was parsed from, while the result lives, else None.

    The graph builder reads an untitled plan's label from it instead of reading the file again.
    A result's offsets point into this text, even when its file has changed since.
    """
    entry = _PARSED_TEXTS.get(id(result))
    if entry is not None and entry[0]() is result:
        return entry[1]
    return None


class Pipeline:
    """A reusable parser: load lexicons once, parse many texts.

    >>> nlp = Pipeline()
    >>> [p.id for p in nlp.parse_text("社区工作计划\\n一、指导思想\\n以人为本。").plans]
    ['p1']
    """

    def __init__(self, config: ParseConfig | None = None, *, profile: bool = False) -> None:
        self.config = config or ParseConfig()
        # profile=True: seconds spent per stage name, summed over every parse (benchmarks/bench.py reads it)
        self.stage_seconds: dict[str, float] | None = {} if profile else None
        self._extractors: list[tuple[str, Callable]] = [
            (name, fn)
            for name, fn in (
                ("times", extract_times),
                ("targets", extract_targets),
                ("roles", extract_roles),
                ("responsibilities", extract_responsibilities),
            )
            if name in self.config.extractors
        ]

    # -- entry points -------------------------------------------------------------------
    def parse_text(self, text: str, *, path: str | None = None) -> ParseResult:
        """Parse a string already decoded (offsets index into it)."""
        doc = SourceDocument(text=text, encoding="utf-8", format="string", path=path,
                             sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
        return self.parse_source(doc)

    def parse_file(self, path: str | os.PathLike[str]) -> ParseResult:
        """Read any supported file and parse it; raises a :class:`PlanparseError` when unreadable."""
        if self.stage_seconds is None:
            return self.parse_source(read_source(path))
        t0 = time.perf_counter()
        src = read_source(path)
        self.stage_seconds["read"] = self.stage_seconds.get("read", 0.0) + time.perf_counter() - t0
        return self.parse_source(src)

    def parse_source(self, src: SourceDocument) -> ParseResult:
        """Parse a :class:`SourceDocument` produced by a reader.

        The reader's notes (what it had to guess: the encoding, bytes replaced or dropped) come
        first in ``warnings``, as ``PP110`` entries without a span, so a researcher sees them.
        """
        warnings = [ParseWarning(code=READER_NOTE, message=n) for n in src.notes]
        if self.config.normalize:
            doc = self._stage("normalize", warnings, normalize_text, src.text)
        else:
            doc = None
        if doc is None:
            doc = normalize_text(src.text, fold_width=False, to_simplified=False, remove_noise=False)
        plan_spans = self._stage("split", warnings, split_plans, doc) or [PlanSpan(0, len(doc.text))]
        plans = [self._parse_plan(doc, ps, f"p{i}", warnings) for i, ps in enumerate(plan_spans, 1)]
        source = Source(path=src.path, encoding=src.encoding, sha256=src.sha256, chars=len(src.text),
                        format=src.format, text=src.text if self.config.include_text else None)
        diskcache.flush_soon()  # patterns compiled for the first time go to the disk cache (nothing to do once warm)
        result = ParseResult(planparse_version=__version__, source=source, plans=plans, warnings=warnings)
        _remember_text(result, src.text)
        return result

    # -- internals ----------------------------------------------------------------------
    def _stage(self, name: str, warnings: list[ParseWarning], fn: Callable, *args):
        """Run one stage; a crash becomes a warning (or is re-raised in strict mode)."""
        t0 = time.perf_counter() if self.stage_seconds is not None else 0.0
        try:
            return fn(*args)
        except PlanparseError:
            raise
        except Exception as e:
            if self.config.strict:
                raise StageError(f"stage {name} failed: {type(e).__name__}: {e}") from e
            warnings.append(ParseWarning(code="PP901", message=f"stage {name} failed: {type(e).__name__}: {e}"))
            return None
        finally:
            if self.stage_seconds is not None:
                self.stage_seconds[name] = self.stage_seconds.get(name, 0.0) + time.perf_counter() - t0

    def _parse_plan(self, doc: NormalizedText, ps: PlanSpan, plan_id: str,
                    warnings: list[ParseWarning]) -> Plan:
        nodes = self._stage("segment", warnings, segment_outline, doc, ps) or []
        assign_ids(nodes, plan_id)
        self._stage("classify", warnings, classify_sections, doc, nodes)
        meta = self._stage("meta", warnings, detect_plan_meta, doc, ps) or (None, None)
        issuer, year = meta
        title = None
        if ps.title_start is not None and ps.title_end is not None and ps.title_end > ps.title_start:
            title = doc.source_slice(ps.title_start, ps.title_end)
        ctx = PlanContext(doc=doc, plan_id=plan_id, start=ps.start, end=ps.end, title=title,
                          issuer=issuer, year=year if year is not None else self.config.ref_year,
                          sections=nodes)
        out: dict[str, list] = {}
        for name, fn in self._extractors:
            args = (ctx, out.get("times", [])) if name == "targets" else (ctx,)
            out[name] = self._stage(name, warnings, fn, *args) or []
        sections = self._stage("sections", warnings, sections_to_models, ctx, nodes) or []
        return Plan(
            id=plan_id,
            title=title,
            span=doc.to_source(ps.start, ps.end),
            issuer=issuer,
            year=year,
            sections=sections,
            targets=out.get("targets", []),
            times=out.get("times", []),
            roles=out.get("roles", []),
            responsibilities=out.get("responsibilities", []),
        )


_DEFAULT: Pipeline | None = None


def _default() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def parse_text(text: str, *, config: ParseConfig | None = None, path: str | None = None) -> ParseResult:
    """Parse a decoded string with the default (or a given) configuration."""
    return (Pipeline(config) if config else _default()).parse_text(text, path=path)


def parse_file(path: str | os.PathLike[str], *, config: ParseConfig | None = None) -> ParseResult:
    """Read and parse one file."""
    return (Pipeline(config) if config else _default()).parse_file(path)


parse = parse_text
