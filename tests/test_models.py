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
