"""Every named example of the spec and every corpus body against the standalone JSON Schemas
(jsonschema, draft 2020-12), and every named example round-tripped through the generated
models. Run from packages/openapi/python: /usr/bin/python3 -m unittest discover -s tests -v
"""

import os
import sys
import unittest

try:
    from jsonschema import Draft202012Validator
except ImportError:  # fail, never skip: CI installs it
    sys.exit("python3-jsonschema is not installed: run `bash scripts/ci-system-deps.sh` at the repo root")

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import vidukit_openapi as models  # noqa: E402
from _paths import corpus_entries, named_examples, need_built_package, schema_docs  # noqa: E402

need_built_package()
INDEX, DOCS = schema_docs()


def model_functions(schema_file):
    """quicktype's top-level (de)serialisers for a schema file: Q2ProFastRequest.json -> q2_pro_fast_request_*."""
    title = schema_file[: -len(".json")]
    snake = "".join("_" + c.lower() if c.isupper() and i > 0 and not title[i - 1].isupper() else c.lower() for i, c in enumerate(title))
    return getattr(models, snake + "_from_dict"), getattr(models, snake + "_to_dict")


class SchemaDocuments(unittest.TestCase):
    def test_every_document_is_a_valid_2020_12_schema_and_self_contained(self):
        for file, doc in DOCS.items():
            with self.subTest(file=file):
                self.assertEqual(doc["$schema"], "https://json-schema.org/draft/2020-12/schema")
                self.assertTrue(doc["$id"].endswith("/" + file))
                Draft202012Validator.check_schema(doc)
                refs = []

                def walk(node):
                    if isinstance(node, dict):
                        for k, v in node.items():
                            if k == "$ref":
                                refs.append(v)
                            elif k not in ("examples", "default", "enum", "const"):
                                walk(v)
                    elif isinstance(node, list):
                        for v in node:
                            walk(v)

                walk(doc)
                for ref in refs:
                    self.assertTrue(ref == "#" or ref.startswith("#/$defs/"), ref)

    def test_the_index_names_every_operation(self):
        ids = sorted(op["operationId"] for op in INDEX["operations"])
        self.assertEqual(ids, ["getTaskResult", "submitQ1Reference", "submitQ2ProFast", "submitQ2ProMultiframe", "submitQ2Reference"])


class NamedExamples(unittest.TestCase):
    def test_every_named_example_is_valid(self):
        examples = named_examples()
        self.assertGreater(len(examples), 0)
        for op, where, name, file, value in examples:
            with self.subTest(operation=op, where=where, example=name):
                errors = [e.message for e in Draft202012Validator(DOCS[file]).iter_errors(value)]
                self.assertEqual(errors, [])

    def test_every_named_example_round_trips_through_the_models(self):
        for op, where, name, file, value in named_examples():
            with self.subTest(operation=op, where=where, example=name):
                from_dict, to_dict = model_functions(file)
                self.assertEqual(to_dict(from_dict(value)), value)


class Corpus(unittest.TestCase):
    def test_every_corpus_body_gets_its_label(self):
        entries = corpus_entries()
        self.assertGreater(len(entries), 0)
        for path, entry in entries:
            with self.subTest(file=path, constraint=entry["constraint"]["keyword"]):
                self.assertEqual(Draft202012Validator(DOCS[entry["schema"]]).is_valid(entry["body"]), entry["valid"], entry["description"])

    def test_every_valid_corpus_body_round_trips_through_the_models(self):
        for path, entry in corpus_entries():
            if entry["valid"]:
                with self.subTest(file=path):
                    from_dict, to_dict = model_functions(entry["schema"])
                    self.assertEqual(to_dict(from_dict(entry["body"])), entry["body"])


if __name__ == "__main__":
    unittest.main()
