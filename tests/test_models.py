"""The contract models: schema snapshot, strictness, JSON shape."""

from __future__ import annotations

import json
import os
import pathlib

import pytest
from pydantic import ValidationError

from planparse.models import ParseResult, Plan, Source, Target

SNAPSHOT = pathlib.Path(__file__).parent / "golden" / "schema" / "parse_result.schema.json"


def test_schema_snapshot():
    """The JSON Schema is a public interface: a change must be deliberate (PLANPARSE_REGEN=1 rewrites)."""
    schema = ParseResult.model_json_schema()
    if os.environ.get("PLANPARSE_REGEN"):
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(schema, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert json.loads(SNAPSHOT.read_text(encoding="utf-8")) == schema


def test_regen_flag_is_off():
    assert not os.environ.get("PLANPARSE_REGEN"), "PLANPARSE_REGEN left on: golden files are being rewritten"


def test_extra_fields_forbidden():
    with pytest.raises(ValidationError):
        Target(text="x", span=(0, 1), kind="target", comparator=">=", value=1, colour="red")


def test_enums_serialize_as_strings():
    r = ParseResult(planparse_version="0", source=Source(encoding="utf-8", sha256="0", chars=0),
                    plans=[Plan(id="p1", span=(0, 0), targets=[
                        Target(text="x", span=(0, 1), kind="fact", comparator="=", value=2, unit="户")])])
    d = json.loads(r.model_dump_json())
    assert d["plans"][0]["targets"][0]["comparator"] == "="
    assert d["plans"][0]["targets"][0]["value"] == 2
    assert d["schema_version"] == "1"


# -- checked_model: the extractors' models built without validating again --------------------

def _same_model(fast, slow):
    assert type(fast) is type(slow)
    assert fast == slow
    assert list(fast.__dict__.items()) == list(slow.__dict__.items())  # same values, same field order
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.__pydantic_extra__ == slow.__pydantic_extra__ and fast.__pydantic_private__ == slow.__pydantic_private__
    assert fast.model_dump_json() == slow.model_dump_json() and repr(fast) == repr(slow)


def test_checked_model_is_the_validated_model():
    from planparse.models import Comparator, SectionLabel, TargetKind, TimeExpr, TimeKind
    from planparse.models.base import checked_model

    for kind in TimeKind:
        for start, rec, sec in (("2031-04", None, "p1-s2"), (None, "weekly", None)):
            v = {"text": "四月底", "span": (3, 6), "kind": kind, "start": start, "end": None, "recurrence": rec,
                 "section_id": sec}
            _same_model(checked_model(TimeExpr, dict(v)), TimeExpr(**{**v, "kind": kind.value}))
    for kind in TargetKind:
        for cmp in Comparator:
            for value, vmax in ((95, None), (2.5, 7.25), (0, 3)):
                v = {"text": "覆盖率不低于95%", "span": (0, 9), "kind": kind, "subject": None, "metric": "覆盖率",
                     "comparator": cmp, "value": value, "value_max": vmax, "unit": "%", "per": None,
                     "deadline": "年内", "section_label": SectionLabel.objectives, "section_id": "p1-s1"}
                slow = Target(**{**v, "kind": kind.value, "comparator": cmp.value, "section_label": "objectives"})
                _same_model(checked_model(Target, dict(v)), slow)


def test_checked_models_share_one_fields_set_safely():
    """checked_model's instances of a class share one set of all its fields (one object fewer per model for
    the cycle collector); assignment and copies leave the other instances' fields set as it was."""
    from planparse.models import TimeExpr, TimeKind
    from planparse.models.base import checked_model

    def make(text: str) -> TimeExpr:
        return checked_model(TimeExpr, {"text": text, "span": (0, len(text)), "kind": TimeKind.date,
                                        "start": "2031-04", "end": None, "recurrence": None, "section_id": None})

    a, b = make("四月"), make("五月")
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert a.model_fields_set == set(TimeExpr.model_fields)
    a.section_id = "p1.s1"  # pydantic adds the name to the set: already there
    c = a.model_copy(update={"end": "2031-05"})
    assert c.__pydantic_fields_set__ is not a.__pydantic_fields_set__
    for m in (a, b, c, make("六月")):
        assert m.model_fields_set == set(TimeExpr.model_fields)
    assert b.model_dump(exclude_unset=True) == TimeExpr(**b.model_dump()).model_dump(exclude_unset=True)
    assert b.section_id is None and a.section_id == "p1.s1"
    with pytest.raises(ValueError):
        b.not_a_field = 1  # extra fields are forbidden: nothing else is ever added to the shared set
    assert b.model_fields_set == set(TimeExpr.model_fields)


def test_extractors_models_equal_validated_ones():
    """Every time, target and responsibility the extractors build (checked_model) is the model validation builds
    from its values."""
    from planparse import parse_file

    files = sorted(pathlib.Path(__file__).parent.parent.joinpath("planparse", "corpora").glob("*.txt"))
    assert files
    n = 0
    for f in files:
        for plan in parse_file(f).plans:
            for x in [*plan.times, *plan.targets, *plan.responsibilities]:
                _same_model(x, type(x)(**x.model_dump()))
                n += 1
    assert n > 100


def test_parsed_sections_hold_their_fields_types():
    """The sections of a parse (section_models.section_to_model builds them with checked_model) equal what
    validation makes of their values, field set included."""
    import planparse
    from planparse.models import Section, SectionLabel

    text = "2024年社区工作计划\n一、工作目标\n(一)绿化率达到40%。\n(二)垃圾分类覆盖全部小区。\n二、保障措施\n加强领导。\n"
    sections = [s for p in planparse.parse_text(text).plans for top in p.sections for s in top.walk()]
    assert len(sections) == 4
    for s in sections:
        assert type(s.label) is SectionLabel and type(s.span) is tuple and type(s.heading_span) is tuple
        assert Section.model_validate(s.model_dump()) == s
        assert s.__pydantic_fields_set__ == set(Section.model_fields)
