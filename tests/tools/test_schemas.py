"""Tool definitions: one pydantic source, four valid target formats."""
from __future__ import annotations

import copy
import json
import re

import pytest

from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.tools import call_tool, tool_definitions, tools

from . import strict_checker
from .helpers import calculation_names, tool_names, valid_arguments

NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def by_name(fmt: str) -> dict[str, dict]:
    out = {}
    for d in tool_definitions(fmt):
        out[(d.get("function") or d)["name"]] = d
    return out


def test_one_tool_per_registered_calculation_plus_meta_tools():
    load_all()
    names = set(tool_names())
    assert names == set(CALCULATIONS) | {"solve", "list_models", "describe_model"}
    for fmt in ("openai", "anthropic", "mcp", "hf"):
        assert set(by_name(fmt)) == names


@pytest.mark.parametrize("name", tool_names())
def test_openai_definitions_pass_the_strict_mode_checker(name):
    problems = strict_checker.check_tool(by_name("openai")[name])
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("bad, rule", [
    ({"type": "object", "properties": {"a": {"type": "number"}}, "required": ["a"]}, "additionalProperties"),
    ({"type": "object", "properties": {"a": {"type": "number"}}, "required": [], "additionalProperties": False},
     "required"),
    ({"type": "object", "properties": {"a": {"type": "number", "default": 1}}, "required": ["a"],
      "additionalProperties": False}, "unsupported keywords"),
    ({"type": "object", "properties": {"a": {"type": "number", "minimum": 1}}, "required": ["a"],
      "additionalProperties": False}, "unsupported keywords"),
    ({"type": "object", "title": "P", "properties": {}, "required": [], "additionalProperties": False},
     "unsupported keywords"),
    ({"anyOf": [{"type": "object"}]}, "root"),
    ({"type": "object", "properties": {"a": {"allOf": [{"type": "number"}]}}, "required": ["a"],
      "additionalProperties": False}, "unsupported keywords"),
    ({"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "string"}},
                                             "required": ["b"]}}, "required": ["a"],
      "additionalProperties": False}, "additionalProperties"),
    ({"type": "object", "properties": {"a": {"type": "string", "enum": [1, 2]}}, "required": ["a"],
      "additionalProperties": False}, "enum values"),
])
def test_the_strict_checker_rejects_what_strict_mode_rejects(bad, rule):
    assert any(rule in p for p in strict_checker.check_schema(bad))


def test_openai_tools_are_all_strict_and_fixed_points_of_the_sdk_transform():
    # openai-python's own strict transform must have nothing left to change
    _pyd = pytest.importorskip("openai.lib._pydantic")
    for name, d in by_name("openai").items():
        assert d["function"]["strict"] is True, f"{name} could not be made strict"
        params = d["function"]["parameters"]
        again = _pyd._ensure_strict_json_schema(copy.deepcopy(params), path=(), root=copy.deepcopy(params))
        assert again == params, name


@pytest.mark.parametrize("fmt, key", [("openai", "parameters"), ("hf", "parameters"),
                                      ("anthropic", "input_schema"), ("mcp", "inputSchema")])
def test_every_schema_is_valid_json_schema(fmt, key):
    jsonschema = pytest.importorskip("jsonschema")
    for name, d in by_name(fmt).items():
        schema = (d.get("function") or d)[key]
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["type"] == "object" and "properties" in schema, name
        assert NAME.match(name)


def test_format_shapes():
    o, a, m, h = (by_name(f)["wind_correction"] for f in ("openai", "anthropic", "mcp", "hf"))
    assert set(o) == {"type", "function"} and o["type"] == "function"
    assert set(a) == {"name", "description", "input_schema"}
    assert set(m) >= {"name", "description", "inputSchema", "annotations"}
    assert m["annotations"]["readOnlyHint"] is True and m["annotations"]["openWorldHint"] is False
    assert set(h) == {"type", "function"} and set(h["function"]) == {"name", "description", "parameters"}
    # one source: the same properties and descriptions everywhere
    props = {k: v["description"] for k, v in a["input_schema"]["properties"].items()}
    assert props == {k: v["description"] for k, v in m["inputSchema"]["properties"].items()}
    assert props == {k: v["description"] for k, v in h["function"]["parameters"]["properties"].items()}
    assert props == {k: v["description"] for k, v in o["function"]["parameters"]["properties"].items()}
    assert a["description"] == m["description"] == h["function"]["description"] == o["function"]["description"]


@pytest.mark.parametrize("name", calculation_names())
def test_schemas_come_from_the_params_model(name):
    Params = CALCULATIONS[name].Params
    plain = by_name("anthropic")[name]["input_schema"]
    aliases = {(f.alias or k) for k, f in Params.model_fields.items()}
    assert set(plain["properties"]) == aliases
    required = {(f.alias or k) for k, f in Params.model_fields.items() if f.is_required()}
    assert set(plain.get("required", [])) == required
    strict = by_name("openai")[name]["function"]["parameters"]
    assert strict["required"] == list(strict["properties"])
    for k, p in strict["properties"].items():
        nullable = any(b.get("type") == "null" for b in p.get("anyOf", [])) or "null" in str(p.get("type"))
        assert nullable == (k not in required), k  # optional = nullable, required = not


def test_ranges_survive_into_every_format():
    # wind_correction.time is a quantity (number or string): its bounds 5..60 s come from Field(ge, le)
    a = by_name("anthropic")["wind_correction"]["input_schema"]["properties"]["time"]
    num = next(b for b in a["anyOf"] if b["type"] == "number")
    assert (num["minimum"], num["maximum"]) == (5.0, 60.0)
    o = by_name("openai")["wind_correction"]["function"]["parameters"]["properties"]["time"]
    assert "range 5 to 60" in o["description"]
    alt = by_name("openai")["wind_correction"]["function"]["parameters"]["properties"]["altitude"]
    assert "default 0" in alt["description"]


def test_definitions_are_copies_and_cached():
    d1 = tool_definitions("openai")
    d1[0]["function"]["name"] = "mutated"
    assert tool_definitions("openai")[0]["function"]["name"] != "mutated"
    assert tools() is tools()
    assert json.dumps(tool_definitions("openai")) == json.dumps(tool_definitions("openai_strict"))
    with pytest.raises(ValueError, match="unknown tool format"):
        tool_definitions("xml")


@pytest.mark.parametrize("name", calculation_names())
def test_strict_style_nulls_mean_defaults(name):
    args = valid_arguments(name)
    if args is None:
        pytest.skip(f"no valid example arguments for {name}")
    # a strict-mode model sends every argument: null for those it leaves to the default
    strict_call = {k: None for k in by_name("openai")[name]["function"]["parameters"]["properties"]}
    strict_call.update(args)
    a, b = call_tool(name, args), call_tool(name, json.dumps(strict_call))
    assert a["ok"], a
    assert a == b


@pytest.mark.parametrize("name", tool_names())
def test_valid_arguments_validate_against_every_schema(name):
    jsonschema = pytest.importorskip("jsonschema")
    args = valid_arguments(name)
    if args is None:
        pytest.skip(f"no valid example arguments for {name}")
    jsonschema.validate(args, by_name("anthropic")[name]["input_schema"])
    strict = {k: None for k in by_name("openai")[name]["function"]["parameters"]["properties"]}
    strict.update(args)
    jsonschema.validate(strict, by_name("openai")[name]["function"]["parameters"])
    assert call_tool(name, args)["ok"]


def test_schema_transform_on_constructs_future_calculations_may_use():
    from typing import Annotated, Literal, Union

    from pydantic import BaseModel, ConfigDict, Field

    from sprint_solver.tools.schemas import NotStrictError, plain_schema, strict_schema

    class Split(BaseModel):
        model_config = ConfigDict(extra="forbid")
        distance: float = Field(gt=0, description="split distance [m]")
        time: float | None = Field(None, ge=0, description="split time [s]")

    class Cat(BaseModel):
        kind: Literal["cat"] = "cat"
        lives: int = 9

    class Dog(BaseModel):
        kind: Literal["dog"] = "dog"

    class P(BaseModel):
        model_config = ConfigDict(extra="forbid")
        title: str = Field("x", max_length=20, description="a field called title")
        splits: list[Split] = Field(default_factory=list, max_length=50, description="splits")
        mode: Literal["a", "b"] | None = None
        flag: bool = False
        pet: Annotated[Union[Cat, Dog], Field(discriminator="kind")] = Cat()
        pair: tuple[float, float] = (1.0, 2.0)

    plain = plain_schema(P)
    assert "title" in plain["properties"] and "$defs" not in json.dumps(plain)
    strict = strict_schema(plain)
    tool = {"type": "function", "function": {"name": "p", "description": "d", "parameters": strict,
                                             "strict": True}}
    assert strict_checker.check_tool(tool) == []
    split = strict["properties"]["splits"]["anyOf"][0]["items"]
    assert split["required"] == ["distance", "time"] and split["additionalProperties"] is False
    assert "at most 20 characters" in strict["properties"]["title"]["description"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate({"title": None, "splits": [{"distance": 400.0, "time": None}], "mode": None,
                         "flag": None, "pet": {"kind": "dog"}, "pair": [1.0, 2.0]}, strict)

    class Free(BaseModel):
        weights: dict[str, float]

    with pytest.raises(NotStrictError):
        strict_schema(plain_schema(Free))


def test_nulls_mean_defaults_in_nested_objects_too():
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field

    from sprint_solver.solver import validate_params
    from sprint_solver.tools.dispatch import _drop_nulls
    from sprint_solver.tools.schemas import _spec

    class Split(BaseModel):
        model_config = ConfigDict(extra="forbid")
        distance: float = Field(gt=0)
        time: float = 60.0

    class P(BaseModel):
        model_config = ConfigDict(extra="forbid")
        splits: list[Split] = []
        first: Split | None = None
        keep: float | None = Field(description="required, and null is a real value")
        mode: Literal["a", "b"] = "a"

    spec = _spec("p", "P", "d", "calculation", P)
    sent = {"splits": [{"distance": 400.0, "time": None}], "first": {"distance": 100.0, "time": None},
            "keep": None, "mode": None}
    cleaned = _drop_nulls(spec, sent)
    assert cleaned == {"splits": [{"distance": 400.0}], "first": {"distance": 100.0}, "keep": None}
    p = validate_params(P, cleaned)
    assert p.splits[0].time == 60.0 and p.first.time == 60.0 and p.keep is None and p.mode == "a"
