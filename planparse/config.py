"""Pipeline configuration, frozen and explicit: no hidden clock, no global state."""

from __future__ import annotations

from dataclasses import dataclass

EXTRACTORS = ("times", "targets", "roles", "responsibilities")


@dataclass(frozen=True)
class ParseConfig:
    """How to parse.

    Attributes:
        ref_year: year to resolve relative periods against when the plan states none.
        extractors: which extractors run, by name (a subset of ``EXTRACTORS``).
        normalize: run the normalizer (width, traditional characters, web noise).
        include_text: put the decoded source text into ``source.text``.
        strict: re-raise a stage's exception instead of turning it into a warning.
    """

    ref_year: int | None = None
    extractors: tuple[str, ...] = EXTRACTORS
    normalize: bool = True
    include_text: bool = False
    strict: bool = False

    def __post_init__(self) -> None:
        from .errors import ConfigError

        unknown = set(self.extractors) - set(EXTRACTORS)
        if unknown:
            raise ConfigError(f"unknown extractor(s): {', '.join(sorted(unknown))}; known: {', '.join(EXTRACTORS)}")
