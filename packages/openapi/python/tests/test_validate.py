"""validate(): every problem with its JSON Pointer path, keyword and limit; short messages
whatever the body; clear errors for unknown operations. Run from packages/openapi/python:
/usr/bin/python3 -m unittest discover -s tests -v
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from vidukit_openapi import Problem, operations, schema, validate  # noqa: E402

VALID = {"prompt": "@1 waves", "duration": 5, "subjects": [{"name": "1", "images": ["https://example.com/a.png"]}]}


def by_path(problems):
    return {p.path: p for p in problems}


class Validate(unittest.TestCase):
    def test_a_valid_body_has_no_problem(self):
        self.assertEqual(validate("submitQ2ProFast", VALID), [])

    def test_each_problem_names_the_path_keyword_and_limit(self):
        body = dict(VALID, duration=11, resolution="4k", extra=1, subjects=[{"name": "1", "images": []}])
        del body["prompt"]
        problems = by_path(validate("submitQ2ProFast", body))
        self.assertEqual(sorted(problems), ["/duration", "/extra", "/prompt", "/resolution", "/subjects/0/images"])
        self.assertEqual((problems["/duration"].keyword, problems["/duration"].limit), ("maximum", 10))
        self.assertEqual((problems["/resolution"].keyword, problems["/resolution"].limit), ("enum", ["720p", "1080p"]))
        self.assertEqual((problems["/subjects/0/images"].keyword, problems["/subjects/0/images"].limit), ("minItems", 1))
        self.assertEqual(problems["/prompt"].keyword, "required")
        self.assertEqual(problems["/extra"].keyword, "additionalProperties")
        self.assertEqual(str(problems["/duration"]), "/duration: must be at most 10 (maximum)")

    def test_lengths_are_counted_in_code_points_and_messages_stay_short(self):
        problems = validate("submitQ2ProFast", dict(VALID, prompt="\U0001F600" * 2001))
        self.assertEqual([(p.path, p.keyword, p.limit) for p in problems], [("/prompt", "maxLength", 2000)])
        self.assertIn("got 2001", problems[0].message)
        huge = validate("submitQ2ProFast", dict(VALID, prompt=["x" * 20_000_000]))
        self.assertLess(max(len(p.message) for p in huge), 300)

    def test_paths_escape_json_pointer_characters(self):
        problems = validate("submitQ2ProFast", dict(VALID, **{"a/b~c": 1}))
        self.assertEqual([p.path for p in problems], ["/a~1b~0c"])

    def test_response_bodies_by_status(self):
        self.assertEqual(validate("getTaskResult", {"task": {"task_id": "t", "status": "TASK_STATUS_NEW"}}, status=200), [])
        self.assertEqual([p.path for p in validate("getTaskResult", {"task": {}}, status=200)], ["/task/status", "/task/task_id"])

    def test_unknown_operations_and_missing_bodies_are_errors(self):
        with self.assertRaisesRegex(ValueError, "unknown operation 'nope'; known: getTaskResult"):
            validate("nope", {})
        with self.assertRaisesRegex(ValueError, "getTaskResult has no request body"):
            validate("getTaskResult", {})
        with self.assertRaisesRegex(ValueError, "not a schema file name"):
            schema("../../etc/passwd")

    def test_package_data(self):
        self.assertEqual(len(operations()), 5)
        self.assertIsInstance(Problem("", "type", "object", "x"), Problem)
        self.assertEqual(schema("TaskResult.json")["title"], "TaskResult")


if __name__ == "__main__":
    unittest.main()
