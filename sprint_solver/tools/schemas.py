"""Tool definitions for LLM hosts, all derived from the calculations' pydantic ``Params``.

One tool per registered calculation (named like the calculation, arguments = its
``Params``) plus ``solve`` (a question in plain language), ``list_models`` and
``describe_model``. Each target gets the same schema, transformed for its rules:

========== ====================================================================
format     shape
========== ====================================================================
openai     ``{"type": "function", "function": {name, description, parameters,
           "strict": true}}``; strict-mode schema: every property required
           (optional ones nullable, null = "use the default"),
           ``additionalProperties: false`` on every object, and only the keywords
           strict mode accepts for fine-tuned models (no default/title/minimum/...;
           ranges and defaults are stated in the descriptions instead)
anthropic  ``{name, description, input_schema}``
mcp        ``{name, title, description, inputSchema, annotations}`` (wire form)
hf         ``{"type": "function", "function": {name, description, parameters}}``
           (Hugging Face chat templates: Llama 3.x, Hermes, Qwen)
========== ====================================================================

Definitions are built once per set of registered calculations and cached.
"""
from __future__ import annotations

import copy
import json
import logging
import math
import threading
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..solver.calculations import CALCULATIONS, load_all

log = logging.getLogger(__name__)

Format = Literal["openai", "anthropic", "mcp", "hf"]
FORMATS: tuple[str, ...] = ("openai", "anthropic", "mcp", "hf")
#: other names people use for the same targets
FORMAT_ALIASES = {"openai": "openai", "openai_strict": "openai", "chat_completions": "openai",
                  "anthropic": "anthropic", "claude": "anthropic", "mcp": "mcp",
                  "hf": "hf", "huggingface": "hf", "transformers": "hf", "hermes": "hf", "llama": "hf",
                  "qwen": "hf"}

MAX_QUESTION_CHARS = 2000
MAX_NAME_CHARS = 100
#: longest string accepted for any calculation parameter (quantity strings like "8:30/mi")
MAX_PARAM_STRING_CHARS = 200

#: keywords OpenAI strict mode accepts (for fine-tuned models too); everything else is
#: dropped from the "openai" schemas, after its information moved into the description
STRICT_KEYWORDS = frozenset({"type", "description", "properties", "required", "additionalProperties",
                             "items", "enum", "anyOf", "const", "$ref", "$defs"})
STRICT_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array", "null"})

META_TOOLS = ("solve", "list_models", "describe_model")


# --- arguments of the tools that are not calculations ----------------------------------------
class SolveArgs(BaseModel):
    """Answer a sprint or running performance question given in plain language."""

    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS,
                          description="the question in plain language, with its numbers and units")


class ListModelsArgs(BaseModel):
    """List the registered models (name, version, family, kind, summary, citation)."""

    model_config = ConfigDict(extra="forbid")
    family: str | None = Field(None, max_length=64, description="only models of this family")
    kind: Literal["physics", "fitted"] | None = Field(
        None, description="only physics models (published equations) or fitted models (trained on data)")


class DescribeModelArgs(BaseModel):
    """Describe one model: equation, inputs with units and ranges, outputs, references."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS,
                      description="model name as listed by list_models, e.g. 'wind.mureika_100m' "
                                  "(optionally with '@version')")


# --- the tool table --------------------------------------------------------------------------
@dataclass(frozen=True)
class ToolSpec:
    """One tool: its arguments model and the per-format schemas derived from it."""

    name: str
    title: str
    description: str
    kind: Literal["calculation", "solve", "list_models", "describe_model"]
    args: type[BaseModel]
    #: the plain JSON schema (refs inlined, titles dropped, ranges/defaults described)
    schema: dict[str, Any]
    #: the OpenAI strict-mode schema, or None when the arguments cannot be expressed strictly
    strict_schema: dict[str, Any] | None


class _Cache:
    lock = threading.Lock()
    key: tuple[str, ...] | None = None
    tools: dict[str, ToolSpec] = {}
    defs: dict[str, str] = {}


def tools() -> dict[str, ToolSpec]:
    """Every tool by name (cached; rebuilt only when the set of calculations changes)."""
    load_all()
    key = tuple(CALCULATIONS)
    if _Cache.key == key:
        return _Cache.tools
    with _Cache.lock:
        if _Cache.key != key:
            _Cache.tools = _build(key)
            _Cache.defs = {}
            _Cache.key = key
    return _Cache.tools


def tool_definitions(format: str = "openai") -> list[dict[str, Any]]:
    """Tool definitions for ``format`` (``"openai"``, ``"anthropic"``, ``"mcp"`` or ``"hf"``).

    The list is a fresh copy: callers may change it freely.

    >>> defs = tool_definitions("openai")
    >>> sorted(d["function"]["name"] for d in defs)[:2]  # doctest: +SKIP
    ['describe_model', 'list_models']
    """
    fmt = FORMAT_ALIASES.get(str(format).lower())
    if fmt is None:
        raise ValueError(f"unknown tool format {format!r}; use one of {list(FORMATS)}")
    specs = tools()
    cached = _Cache.defs.get(fmt)
    if cached is None:
        cached = json.dumps([_definition(t, fmt) for t in specs.values()])
        _Cache.defs[fmt] = cached
    return json.loads(cached)


def _definition(t: ToolSpec, fmt: str) -> dict[str, Any]:
    if fmt == "openai":
        strict = t.strict_schema is not None
        return {"type": "function", "function": {
            "name": t.name, "description": t.description,
            "parameters": copy.deepcopy(t.strict_schema if strict else _strip_for_strict(t.schema)),
            "strict": strict}}
    if fmt == "anthropic":
        return {"name": t.name, "description": t.description, "input_schema": copy.deepcopy(t.schema)}
    if fmt == "mcp":
        return {"name": t.name, "title": t.title, "description": t.description,
                "inputSchema": copy.deepcopy(t.schema),
                "annotations": {"title": t.title, "readOnlyHint": True, "destructiveHint": False,
                                "idempotentHint": True, "openWorldHint": False}}
    return {"type": "function", "function": {"name": t.name, "description": t.description,
                                             "parameters": copy.deepcopy(t.schema)}}


def _build(names: tuple[str, ...]) -> dict[str, ToolSpec]:
    out: dict[str, ToolSpec] = {}
    for name in sorted(names):
        if name in META_TOOLS:
            raise RuntimeError(f"calculation {name!r} clashes with the built-in tool of that name")
        calc = CALCULATIONS[name]
        desc = calc.description.strip()
        title = getattr(calc, "title", "") or name
        if title and title.lower() not in desc.lower():
            desc = f"{title}. {desc}"
        desc += (" Returns the result in canonical units with a step-by-step trace, the models used, "
                 "citations and a confidence.")
        try:
            out[name] = _spec(name, title, desc, "calculation", calc.Params)
        except Exception:  # noqa: BLE001 - one broken Params must not take every tool down
            log.error("no tool for calculation %r: its Params has no usable JSON schema", name, exc_info=True)
    families = _families()
    out["solve"] = _spec("solve", "Solve a question", (
        "Answer a sprint or running performance question given in plain language (wind and altitude "
        "corrections, race-time equivalence, pacing, scoring and similar calculations). The solver picks "
        "the calculation, states how it read the question, and returns the result with a step-by-step "
        "trace, citations and a confidence. Prefer a calculation tool when you know which one applies."),
        "solve", SolveArgs)
    out["list_models"] = _spec("list_models", "List models", (
        "List the solver's registered models with version, family, kind and citation. "
        + (f"Families: {', '.join(families)}." if families else "")), "list_models", ListModelsArgs)
    out["describe_model"] = _spec("describe_model", "Describe a model", (
        "Describe one registered model: its equation, inputs with units and valid ranges, outputs, "
        "assumptions and references."), "describe_model", DescribeModelArgs)
    return out


def families() -> list[str]:
    """Model families declared in code (the registry may not have cards for all yet)."""
    return _families()


def _families() -> list[str]:
    from ..models import load_all as load_models
    from ..models.base import IMPLEMENTATIONS

    load_models()
    return sorted({i.spec.family for i in IMPLEMENTATIONS.values() if i.spec is not None})


def _spec(name: str, title: str, description: str, kind: Any, args: type[BaseModel]) -> ToolSpec:
    schema = plain_schema(args)
    try:
        strict: dict[str, Any] | None = strict_schema(schema)
    except NotStrictError:
        strict = None
    return ToolSpec(name=name, title=title, description=description, kind=kind, args=args, schema=schema,
                    strict_schema=strict)


# --- pydantic schema -> plain schema ------------------------------------------------------------
def plain_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema with refs inlined, titles dropped, and each property's
    range and default also written into its description (for models that read only text)."""
    raw = model.model_json_schema()
    defs = raw.pop("$defs", {})
    schema = _clean(_inline(raw, defs, ()))
    props = schema.get("properties", {})
    for fname, finfo in model.model_fields.items():
        key = finfo.alias or fname
        if key in props:
            props[key] = _annotate(props[key], finfo, key in schema.get("required", []))
    schema.setdefault("type", "object")
    schema.setdefault("properties", {})
    if model.model_config.get("extra") == "forbid":
        schema["additionalProperties"] = False
    return schema


def _inline(node: Any, defs: dict[str, Any], stack: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(x, defs, stack) for x in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        key = ref.split("/")[-1]
        if key in stack:
            raise NotStrictError(f"recursive schema {key!r} cannot be inlined")
        target = _inline(copy.deepcopy(defs.get(key, {})), defs, stack + (key,))
        siblings = {k: _inline(v, defs, stack) for k, v in node.items() if k != "$ref"}
        return {**target, **siblings}
    return {k: (_inline(v, defs, stack) if k not in ("enum", "const", "default", "examples") else v)
            for k, v in node.items()}


def _annotate(prop: dict[str, Any], finfo: Any, required: bool) -> dict[str, Any]:
    """Put the field's numeric bounds into the schema (quantity fields replace their schema,
    losing ``ge``/``le``) and state range and default in the description."""
    lo = hi = None
    lo_key, hi_key = "minimum", "maximum"
    for m in finfo.metadata:
        for attr, key in (("ge", "minimum"), ("gt", "exclusiveMinimum"), ("le", "maximum"), ("lt", "exclusiveMaximum")):
            v = getattr(m, attr, None)
            if v is not None:
                if "Min" in key or key == "minimum":
                    lo, lo_key = v, key
                else:
                    hi, hi_key = v, key
    prop = copy.deepcopy(prop)
    for branch in _branches(prop):
        if branch.get("type") in ("number", "integer"):
            if lo is not None and "minimum" not in branch and "exclusiveMinimum" not in branch:
                branch[lo_key] = lo
            if hi is not None and "maximum" not in branch and "exclusiveMaximum" not in branch:
                branch[hi_key] = hi
    desc = prop.get("description", "").strip()
    notes = []
    if lo is not None or hi is not None:
        lo_s = "-inf" if lo is None else _num(lo) + (" exclusive" if lo_key != "minimum" else "")
        hi_s = "inf" if hi is None else _num(hi) + (" exclusive" if hi_key != "maximum" else "")
        notes.append(f"range {lo_s} to {hi_s}")
    if not required and finfo.default is not None and _jsonable_default(finfo.default):
        notes.append(f"default {json.dumps(finfo.default) if isinstance(finfo.default, str) else _num(finfo.default)}")
    if not required:
        notes.append("optional; null or omitted = the default")
    if notes:
        desc = (desc + " " if desc else "") + "(" + "; ".join(notes) + ")"
    if desc:
        prop["description"] = desc
    return prop


def _branches(prop: dict[str, Any]) -> list[dict[str, Any]]:
    out = [prop]
    for b in prop.get("anyOf", []):
        if isinstance(b, dict):
            out += _branches(b)
    return out


def _num(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def _jsonable_default(v: Any) -> bool:
    if isinstance(v, float):
        return math.isfinite(v)
    return isinstance(v, (str, int, bool))


_BOUND_KEYS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}


def _clean(node: Any, in_properties: bool = False) -> Any:
    """Drop ``title`` keywords (not properties called "title"), turn pydantic's ``oneOf``
    discriminated unions into ``anyOf``, and repair what pydantic emits for an optional
    quantity (``X | None`` where X overrides its schema): the ``ge``/``le`` it leaves as
    raw keys become ``minimum``/``maximum`` of the number branches, and the nested
    ``anyOf`` is flattened."""
    if isinstance(node, list):
        return [_clean(x) for x in node]
    if not isinstance(node, dict):
        return node
    if in_properties:
        return {k: _clean(v) for k, v in node.items()}
    out: dict[str, Any] = {}
    bounds: dict[str, Any] = {}
    for k, v in node.items():
        if k in ("title", "discriminator"):
            continue
        if k in _BOUND_KEYS and isinstance(v, (int, float)) and not isinstance(v, bool):
            bounds[_BOUND_KEYS[k]] = v
        elif k == "oneOf":
            out["anyOf"] = _clean(v)
        elif k in ("properties", "$defs", "patternProperties"):
            out[k] = _clean(v, in_properties=True)
        elif k in ("enum", "const", "default", "examples"):
            out[k] = v
        else:
            out[k] = _clean(v)
    if bounds:
        for b in _branches(out):
            if b.get("type") in ("number", "integer"):
                for bk, bv in bounds.items():
                    b.setdefault(bk, bv)
    if isinstance(out.get("anyOf"), list):
        flat: list[Any] = []
        for b in out["anyOf"]:
            if isinstance(b, dict) and set(b) == {"anyOf"}:
                flat.extend(b["anyOf"])
            else:
                flat.append(b)
        out["anyOf"] = flat
    return out


def admits_null(s: Any) -> bool:
    if not isinstance(s, dict):
        return False
    t = s.get("type")
    if t == "null" or (isinstance(t, list) and "null" in t):
        return True
    if "enum" in s and None in s["enum"]:
        return True
    return any(admits_null(b) for b in s.get("anyOf", []))


# --- plain schema -> OpenAI strict schema ----------------------------------------------------------
class NotStrictError(ValueError):
    """A schema construct OpenAI strict mode cannot express (e.g. free-form dicts, recursion)."""


def strict_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAI strict-mode form of a plain schema (see the module docstring).

    Raises :class:`NotStrictError` when that is impossible.
    """
    if schema.get("type") != "object" or "anyOf" in schema:
        raise NotStrictError("the root of a strict schema must be an object, not a union")
    return _strict(schema, depth=0)


def _strict(s: dict[str, Any], depth: int, context: str = "") -> dict[str, Any]:
    if depth > 9:
        raise NotStrictError("strict schemas allow at most 10 levels of nesting")
    s = copy.deepcopy(s)
    desc = _describe_constraints(s, context)
    out: dict[str, Any] = {}
    if "anyOf" in s:
        out["anyOf"] = [_strict(b, depth + 1, context + " " + desc) for b in s["anyOf"]]
    if "allOf" in s:
        if len(s["allOf"]) != 1:
            raise NotStrictError("allOf is not supported in strict mode")
        merged = {**s["allOf"][0], **{k: v for k, v in s.items() if k != "allOf"}}
        return _strict(merged, depth)
    typ = s.get("type")
    if typ is not None:
        types = typ if isinstance(typ, list) else [typ]
        bad = [t for t in types if t not in STRICT_TYPES]
        if bad:
            raise NotStrictError(f"type {bad} is not supported in strict mode")
        out["type"] = typ
    for k in ("enum", "const"):
        if k in s:
            out[k] = s[k]
    if "object" in (typ if isinstance(typ, list) else [typ]) or "properties" in s:
        ap = s.get("additionalProperties", False)
        if ap not in (False, None) or s.get("patternProperties"):
            raise NotStrictError("objects with free-form keys cannot be expressed in strict mode")
        props = s.get("properties", {})
        required = set(s.get("required", []))
        new_props = {}
        for k, v in props.items():
            p = _strict(v, depth + 1)
            if k not in required and not admits_null(p):
                p = _nullable(p)
            new_props[k] = p
        out["type"] = "object"
        out["properties"] = new_props
        out["required"] = list(props)
        out["additionalProperties"] = False
    if "items" in s or "prefixItems" in s:
        items = s.get("items")
        if not isinstance(items, dict):
            prefix = s.get("prefixItems") or []
            uniq = {json.dumps(p, sort_keys=True): p for p in prefix}
            items = next(iter(uniq.values())) if len(uniq) == 1 else {"anyOf": list(uniq.values())}
        out["items"] = _strict(items, depth + 1)
    if desc:
        out["description"] = desc
    return out


def _nullable(p: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in p:
        return {**p, "anyOf": p["anyOf"] + [{"type": "null"}]}
    desc = p.get("description")
    inner = {k: v for k, v in p.items() if k != "description"}
    out: dict[str, Any] = {"anyOf": [inner, {"type": "null"}]}
    if desc:
        out["description"] = desc
    return out


def _describe_constraints(s: dict[str, Any], context: str = "") -> str:
    """The description, plus the constraints strict mode drops that neither it nor the
    enclosing union's description (``context``) mentions yet."""
    desc = str(s.get("description", "")).strip()
    extra = []
    if s.get("type") == "string" or "minLength" in s or "maxLength" in s:
        if "maxLength" in s:
            extra.append(f"at most {s['maxLength']} characters")
        if "pattern" in s:
            extra.append(f"pattern {s['pattern']}")
    if "minItems" in s or "maxItems" in s:
        extra.append(f"{s.get('minItems', 0)} to {s.get('maxItems', 'any number of')} items")
    if ("minimum" in s or "maximum" in s) and "range" not in desc + context:
        extra.append(f"range {_num(s.get('minimum', '-inf'))} to {_num(s.get('maximum', 'inf'))}")
    extra = [e for e in extra if e not in desc + context]
    if extra:
        desc = (desc + " " if desc else "") + "(" + "; ".join(extra) + ")"
    return desc


def _strip_for_strict(schema: dict[str, Any]) -> dict[str, Any]:
    """Best effort for non-strict OpenAI tools: drop what strict mode would reject anyway."""
    def walk(n: Any, in_props: bool = False) -> Any:
        if isinstance(n, list):
            return [walk(x) for x in n]
        if not isinstance(n, dict):
            return n
        if in_props:
            return {k: walk(v) for k, v in n.items()}
        return {k: (walk(v, k == "properties") if k not in ("enum", "const") else v)
                for k, v in n.items() if k in STRICT_KEYWORDS}
    return walk(schema)
