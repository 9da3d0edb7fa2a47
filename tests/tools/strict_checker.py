"""An independent checker of OpenAI strict-mode tool definitions.

Rules (distillation_formats_and_peers.md section 3.1, "Strict-mode constraints"):
root is an object, not anyOf; every object has ``additionalProperties: false`` and
lists every property in ``required``; only supported types and keywords; at most 10
nesting levels, 5,000 properties, 1,000 enum values and 120,000 characters of
property names, enum and const values; tool names match ``^[a-zA-Z0-9_-]{1,64}$``.
We additionally reject the keywords "not yet supported for fine-tuned models"
(minimum/maximum/pattern/... ), since fine-tuned models are the point of the tools.
"""
from __future__ import annotations

import re
from typing import Any

NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
TYPES = {"string", "number", "integer", "boolean", "object", "array", "null"}
KEYWORDS = {"type", "description", "properties", "required", "additionalProperties", "items", "enum", "anyOf",
            "const", "$ref", "$defs"}
PY_TYPES = {"string": (str,), "number": (int, float), "integer": (int,), "boolean": (bool,), "null": (type(None),)}


def check_tool(tool: dict[str, Any]) -> list[str]:
    """Problems with one ``{"type": "function", "function": {...}}`` strict tool (empty = valid)."""
    problems: list[str] = []
    if tool.get("type") != "function" or not isinstance(tool.get("function"), dict):
        return ["tool must be {'type': 'function', 'function': {...}}"]
    fn = tool["function"]
    if not NAME.match(str(fn.get("name", ""))):
        problems.append(f"bad name {fn.get('name')!r}")
    if not isinstance(fn.get("description"), str) or not fn["description"]:
        problems.append("missing description")
    if fn.get("strict") is not True:
        problems.append("strict is not true")
    extra = set(fn) - {"name", "description", "parameters", "strict"}
    if extra:
        problems.append(f"unknown function keys {sorted(extra)}")
    return problems + check_schema(fn.get("parameters"))


def check_schema(schema: Any) -> list[str]:
    problems: list[str] = []
    if not isinstance(schema, dict) or schema.get("type") != "object" or "anyOf" in schema:
        return ["root must be an object schema, not anyOf"]
    stats = {"props": 0, "enum": 0, "chars": 0}
    _walk(schema, schema, "$", 1, problems, stats)
    if stats["props"] > 5000:
        problems.append(f"{stats['props']} object properties (max 5000)")
    if stats["enum"] > 1000:
        problems.append(f"{stats['enum']} enum values (max 1000)")
    if stats["chars"] > 120_000:
        problems.append(f"{stats['chars']} characters of names/enums (max 120000)")
    return problems


def _walk(s: Any, root: dict[str, Any], path: str, depth: int, problems: list[str], stats: dict[str, int]) -> None:
    if not isinstance(s, dict):
        problems.append(f"{path}: schema is not an object")
        return
    if depth > 10:
        problems.append(f"{path}: nested more than 10 levels")
    bad = set(s) - KEYWORDS
    if bad:
        problems.append(f"{path}: unsupported keywords {sorted(bad)}")
    if "$ref" in s:
        ref = s["$ref"]
        node: Any = root
        for part in str(ref).removeprefix("#/").split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            problems.append(f"{path}: unresolvable $ref {ref}")
        if len(s) > 1:
            problems.append(f"{path}: $ref with sibling keywords")
    types = s.get("type")
    tlist = types if isinstance(types, list) else ([types] if types is not None else [])
    for t in tlist:
        if t not in TYPES:
            problems.append(f"{path}: unsupported type {t!r}")
    if "type" not in s and not any(k in s for k in ("anyOf", "enum", "const", "$ref")):
        problems.append(f"{path}: no type")
    if "object" in tlist or "properties" in s:
        props = s.get("properties")
        if not isinstance(props, dict):
            problems.append(f"{path}: object without properties")
            props = {}
        if s.get("additionalProperties") is not False:
            problems.append(f"{path}: additionalProperties is not false")
        if set(s.get("required", [])) != set(props) or len(s.get("required", [])) != len(props):
            problems.append(f"{path}: required {s.get('required')} != properties {list(props)}")
        stats["props"] += len(props)
        for k, v in props.items():
            stats["chars"] += len(k)
            _walk(v, root, f"{path}.{k}", depth + 1, problems, stats)
    if "array" in tlist:
        if not isinstance(s.get("items"), dict):
            problems.append(f"{path}: array without an items schema")
        else:
            _walk(s["items"], root, f"{path}[]", depth + 1, problems, stats)
    if "enum" in s:
        vals = s["enum"]
        if not isinstance(vals, list) or not vals:
            problems.append(f"{path}: enum must be a non-empty list")
        else:
            stats["enum"] += len(vals)
            stats["chars"] += sum(len(str(v)) for v in vals)
            allowed = tuple(t for name in tlist for t in PY_TYPES.get(name, ()))
            if allowed and not all(isinstance(v, allowed) and not (isinstance(v, bool) and bool not in allowed)
                                   for v in vals):
                problems.append(f"{path}: enum values {vals} do not match type {types}")
    if "const" in s:
        stats["chars"] += len(str(s["const"]))
    if "anyOf" in s:
        if not isinstance(s["anyOf"], list) or not s["anyOf"]:
            problems.append(f"{path}: anyOf must be a non-empty list")
        else:
            for i, b in enumerate(s["anyOf"]):
                _walk(b, root, f"{path}|{i}", depth, problems, stats)
    for k, v in (s.get("$defs") or {}).items():
        _walk(v, root, f"$defs.{k}", depth, problems, stats)
