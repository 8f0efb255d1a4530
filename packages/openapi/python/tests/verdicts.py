"""Prints Python jsonschema's verdict on every corpus body as JSON: {"<file>": true|false}.

Used by test/cross-language.test.ts; standard library + Debian's python3-jsonschema only.
"""

import json
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit("python3-jsonschema is not installed: run `bash scripts/ci-system-deps.sh` at the repo root")

from _paths import corpus_entries, need_built_package, schema_docs


def main():
    need_built_package()
    _index, docs = schema_docs()
    validators = {}
    for doc in docs.values():
        Draft202012Validator.check_schema(doc)
    verdicts = {}
    for path, entry in corpus_entries():
        file = entry["schema"]
        if file not in validators:
            validators[file] = Draft202012Validator(docs[file])
        verdicts[path] = validators[file].is_valid(entry["body"])
    json.dump(verdicts, sys.stdout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
