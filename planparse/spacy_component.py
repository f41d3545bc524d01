"""planparse as a spaCy pipeline component: ``nlp.add_pipe("planparse")``.

Importing this module imports spaCy; ``import planparse`` never does, so the
cost of spaCy (about a second to load, plus tokenizing every character) is the
user's choice, not the default path. After ``pip install planparse`` the
factory is found through the ``spacy_factories`` entry point, so this works
without importing planparse first:

>>> import spacy
>>> nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
>>> _ = nlp.add_pipe("planparse")
>>> doc = nlp("2024年社区工作计划\\n一、工作目标\\n绿化率达到40%。\\n")
>>> [s.label_ for s in doc.spans["planparse_plans"]]
['plan']
>>> doc._.planparse.plans[0].id
'p1'

What the component sets:

* ``doc._.planparse``: the full :class:`planparse.models.ParseResult` of ``doc.text``
  (a pydantic object: exclude ``user_data`` when serializing the Doc, or store
  ``doc._.planparse.model_dump(mode="json")`` yourself);
* ``doc.spans[KEY]`` for each kind of item (keys in :data:`SPAN_KEYS`), each span made
  with ``doc.char_span(start, end, alignment_mode="expand")`` from the item's source
  span, labelled as below, with ``span.id_`` set to the item's id in the result:

  ==============================  ================================  =====================================
  key                             label                             id_
  ==============================  ================================  =====================================
  ``planparse_plans``             ``plan``                          ``p1``
  ``planparse_sections``          the section label (``measures``)  ``p1.s2.1``
  ``planparse_targets``           ``target`` / ``fact``             ``p1.targets[0]``
  ``planparse_times``             the time kind (``date``, …)        ``p1.times[0]``
  ``planparse_roles``             the position (``组长``)            ``p1.roles[0]``
  ``planparse_responsibilities``  the relation (``lead``, …)         ``p1.responsibilities[0]``
  ==============================  ================================  =====================================

Offsets index ``doc.text``, which spaCy keeps identical to the input string, so
the spans cover exactly the characters of each item (widened to token edges).
An item whose span is empty cannot become a spaCy span and is left out of
``doc.spans`` (it is still in ``doc._.planparse``).
"""

from collections.abc import Iterable, Iterator
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .api import Pipeline
from .config import EXTRACTORS, ParseConfig

SPAN_KEYS: dict[str, str] = {
    "plans": "planparse_plans",
    "sections": "planparse_sections",
    "targets": "planparse_targets",
    "times": "planparse_times",
    "roles": "planparse_roles",
    "responsibilities": "planparse_responsibilities",
}
"""Item kind → ``doc.spans`` key."""

if not Doc.has_extension("planparse"):
    Doc.set_extension("planparse", default=None)


class PlanparseComponent:
    """Runs the planparse :class:`~planparse.api.Pipeline` on ``doc.text`` and maps items to spans."""

    def __init__(self, nlp: Language, name: str, config: ParseConfig) -> None:
        self.name = name
        self.config = config
        self.pipeline = Pipeline(config)

    def __call__(self, doc: Doc) -> Doc:
        result = self.pipeline.parse_text(doc.text)
        doc._.planparse = result
        groups: dict[str, list] = {key: [] for key in SPAN_KEYS.values()}

        def add(kind: str, span: tuple[int, int], label: str, item_id: str) -> None:
            start, end = span
            if end <= start:
                return
            s = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=item_id)
            if s is not None:
                groups[SPAN_KEYS[kind]].append(s)

        for plan in result.plans:
            add("plans", plan.span, "plan", plan.id)
            for sec in plan.iter_sections():
                add("sections", sec.span, sec.label.value, sec.id)
            for i, t in enumerate(plan.targets):
                add("targets", t.span, t.kind.value, f"{plan.id}.targets[{i}]")
            for i, tx in enumerate(plan.times):
                add("times", tx.span, tx.kind.value, f"{plan.id}.times[{i}]")
            for i, r in enumerate(plan.roles):
                add("roles", r.span, r.position, f"{plan.id}.roles[{i}]")
            for i, rs in enumerate(plan.responsibilities):
                add("responsibilities", rs.span, rs.relation.value, f"{plan.id}.responsibilities[{i}]")
        for key, spans in groups.items():
            doc.spans[key] = spans
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process docs one by one (planparse has no batch speed-up to gain)."""
        for doc in stream:
            yield self(doc)


# No `from __future__ import annotations` here: spaCy validates the factory's
# settings from these annotations at run time.
@Language.factory(
    "planparse",
    default_config={
        "ref_year": None,
        "extractors": list(EXTRACTORS),
        "normalize": True,
        "strict": False,
    },
)
def make_planparse(
    nlp: Language,
    name: str,
    ref_year: Optional[int],  # noqa: UP045 (spaCy's config validation wants typing.Optional)
    extractors: list[str],
    normalize: bool,
    strict: bool,
) -> PlanparseComponent:
    """Build the component; the settings are :class:`planparse.config.ParseConfig`'s.

    >>> import spacy
    >>> nlp = spacy.blank("zh")
    >>> nlp.add_pipe("planparse", config={"ref_year": 2024, "extractors": ["times"]}).config.extractors
    ('times',)
    """
    config = ParseConfig(ref_year=ref_year, extractors=tuple(extractors), normalize=normalize, strict=strict)
    return PlanparseComponent(nlp, name, config)
