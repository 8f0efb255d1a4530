"""`validate(operation_id, body)`: the problems of a request (or response) body against the
standalone JSON Schemas shipped in this package, each with its JSON Pointer path, the keyword
and the limit it broke. The same verdict as the TypeScript client's validators: both come from
one spec, and a shared corpus checks that they agree."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Dict, List, Optional

from jsonschema import Draft202012Validator

# Bodies can be huge (data URLs, 20 MB prompts): messages never repeat the offending value.
_MAX_MESSAGE = 300

_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


@dataclass(frozen=True)
class Problem:
    """One way a body breaks its schema."""

    path: str
    """JSON Pointer (RFC 6901) to the offending value, or to the missing/unknown property; "" is the body itself."""
    keyword: str
    """The JSON Schema keyword that failed: maximum, maxLength, enum, required, additionalProperties, type, ..."""
    limit: Any
    """The keyword's value in the schema (10 for a maximum, the allowed values for an enum), or None."""
    message: str
    """A short explanation, without the offending value."""

    def __str__(self) -> str:
        return f"{self.path or '(body)'}: {self.message}"


def _load(name: str) -> Dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("schemas", name).read_text(encoding="utf-8"))


def schema(file_name: str) -> Dict[str, Any]:
    """A standalone JSON Schema of the package by file name, e.g. "Q2ProFastRequest.json" (a fresh copy)."""
    if "/" in file_name or "\\" in file_name or not file_name.endswith(".json"):
        raise ValueError(f"not a schema file name: {file_name!r}")
    return _load(file_name)


def operations() -> List[Dict[str, Any]]:
    """The operation index (operationId, method, path, request and response schema files)."""
    return _load("index.json")["operations"]


@lru_cache(maxsize=None)
def _validator(file_name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(file_name))


def _schema_file(operation_id: str, status: Optional[int]) -> str:
    ops = {op["operationId"]: op for op in operations()}
    op = ops.get(operation_id)
    if op is None:
        raise ValueError(f"unknown operation {operation_id!r}; known: {', '.join(sorted(ops))}")
    if status is None:
        if not op.get("request"):
            raise ValueError(f"{operation_id} has no request body")
        return op["request"]["schema"]
    response = op["responses"].get(str(status))
    if not response or not response.get("schema"):
        raise ValueError(f"{operation_id} has no JSON body for status {status}")
    return response["schema"]


def _pointer(parts: Any) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _message(keyword: str, limit: Any, instance: Any, fallback: str) -> str:
    if keyword in ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum"):
        op = {"maximum": "at most", "minimum": "at least", "exclusiveMaximum": "less than", "exclusiveMinimum": "greater than"}[keyword]
        return f"must be {op} {limit} ({keyword})"
    if keyword in ("maxLength", "minLength"):
        got = len(instance) if isinstance(instance, str) else "?"
        return f"must be {'at most' if keyword == 'maxLength' else 'at least'} {limit} characters, got {got} ({keyword})"
    if keyword in ("maxItems", "minItems"):
        got = len(instance) if isinstance(instance, list) else "?"
        return f"must have {'at most' if keyword == 'maxItems' else 'at least'} {limit} items, got {got} ({keyword})"
    if keyword == "enum":
        return f"must be one of {', '.join(json.dumps(v) for v in limit)} (enum)"
    if keyword == "const":
        return f"must be {json.dumps(limit)} (const)"
    if keyword == "type":
        wanted = " or ".join(limit) if isinstance(limit, list) else limit
        return f"must be of type {wanted}, got {_json_type(instance)} (type)"
    return fallback if len(fallback) <= _MAX_MESSAGE else fallback[: _MAX_MESSAGE - 3] + "..."


def validate(operation_id: str, body: Any, status: Optional[int] = None) -> List[Problem]:
    """Every problem of `body` as the request body of `operation_id` (or as its response body for
    HTTP `status`), sorted by path; an empty list means valid. Raises ValueError for an unknown
    operation or one without such a body."""
    validator = _validator(_schema_file(operation_id, status))
    problems: List[Problem] = []
    for error in validator.iter_errors(body):
        path = _pointer(error.absolute_path)
        keyword = str(error.validator)
        if keyword == "required" and isinstance(error.instance, dict):
            # One error per missing property: name it in the path, as the TypeScript client does.
            missing = next((p for p in error.validator_value if p not in error.instance and error.message == f"{p!r} is a required property"), None)
            problems.append(Problem(path + _pointer([missing]) if missing else path, keyword, None, "is required (required)"))
        elif keyword == "additionalProperties" and isinstance(error.instance, dict):
            known = set(error.schema.get("properties", {}))
            for extra in sorted(k for k in error.instance if k not in known):
                problems.append(Problem(path + _pointer([extra]), keyword, False, "is not a known property (additionalProperties)"))
        else:
            limit = error.validator_value if keyword not in ("anyOf", "oneOf", "allOf", "not", "$ref") else None
            problems.append(Problem(path, keyword, limit, _message(keyword, limit, error.instance, error.message)))
    return sorted(problems, key=lambda p: (p.path, p.keyword))
