"""The spec from Python: validate a body with vidukit-openapi (the problems name the field and the
limit, and nothing is sent), then submit a valid one and read the task with the typed models.

    python3 -m pip install node_modules/@vidukit/openapi/python   # or: pip install vidukit-openapi
    VIDU_BASE_URL=http://127.0.0.1:4010 python3 examples/python/submit.py   # e.g. `vidu mock --port 4010`
"""

import json
import os
import time
import urllib.request

from vidukit_openapi import q2_reference_request_from_dict, task_result_from_dict, validate

BASE = os.environ["VIDU_BASE_URL"]
KEY = os.environ.get("VIDU_API_KEY", "")


def call(path, body=None):
    request = urllib.request.Request(
        BASE + path,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


body = {"prompt": "@1 waves at @2", "duration": 12, "resolution": "4k", "subjects": [{"id": "1", "images": []}]}
problems = validate("submitQ2Reference", body)
for problem in problems:
    print(f"refused before sending: {problem}")

body = {"prompt": "@1 waves", "duration": 5, "subjects": [{"id": "1", "images": ["https://example.com/a.png"]}]}
assert validate("submitQ2Reference", body) == []
task_id = call("/v3/async/vidu-q2-reference2video", q2_reference_request_from_dict(body).to_dict())["task_id"]
while True:
    result = task_result_from_dict(call("/v3/async/task-result?task_id=" + task_id))
    print(f"{task_id}: {result.task.status}")
    if result.task.status in ("TASK_STATUS_SUCCEED", "TASK_STATUS_FAILED"):
        break
    time.sleep(0.5)
if result.videos:
    print("video:", result.videos[0].video_url)
