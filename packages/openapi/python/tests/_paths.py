"""Where the built spec, the standalone schemas and the corpus live, relative to this file."""

import json
import os
import sys

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIST = os.path.join(PACKAGE_DIR, "dist")
SCHEMAS = os.path.join(DIST, "schemas")
CORPUS = os.path.join(PACKAGE_DIR, "corpus")


def need_built_package():
    if not os.path.exists(os.path.join(SCHEMAS, "index.json")):
        sys.exit("dist/schemas/index.json is missing: build @vidukit/openapi first (pnpm --filter @vidukit/openapi build)")


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def schema_docs():
    """{file name: schema document} for every body schema listed in the index."""
    index = load_json(os.path.join(SCHEMAS, "index.json"))
    return index, {entry["file"]: load_json(os.path.join(SCHEMAS, entry["file"])) for entry in index["schemas"].values()}


def corpus_entries():
    """(relative path, entry) for every corpus file, in a stable order."""
    out = []
    for root, _dirs, files in os.walk(CORPUS):
        for name in files:
            if name.endswith(".json"):
                path = os.path.join(root, name)
                out.append((os.path.relpath(path, CORPUS).replace(os.sep, "/"), load_json(path)))
    return sorted(out)


def _deref(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        target = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def named_examples():
    """(operationId, 'request'|'response <status>', example name, schema file, value) for every named example of the spec."""
    spec = load_json(os.path.join(DIST, "openapi.json"))
    index, _ = schema_docs()
    out = []
    for op in index["operations"]:
        raw = spec["paths"][op["path"]][op["method"].lower()]
        if op.get("request"):
            media = _deref(spec, raw["requestBody"])["content"]["application/json"]
            for name, ex in (media.get("examples") or {}).items():
                out.append((op["operationId"], "request", name, op["request"]["schema"], _deref(spec, ex)["value"]))
        for status, response in op["responses"].items():
            if not response["schema"]:
                continue
            media = _deref(spec, raw["responses"][status])["content"]["application/json"]
            for name, ex in (media.get("examples") or {}).items():
                out.append((op["operationId"], "response " + status, name, response["schema"], _deref(spec, ex)["value"]))
    return out
