// The spec from Go: build a request with the generated types, submit it, and poll the task until
// it finishes, decoding each answer into vidu.TaskResult.
//
//	VIDU_BASE_URL=http://127.0.0.1:4010 go run .   # e.g. `vidu mock --port 4010`
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"time"

	vidu "github.com/vidukit/vidukit/packages/openapi/go"
)

func call(method, path string, body, into any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return err
		}
	}
	req, err := http.NewRequest(method, os.Getenv("VIDU_BASE_URL")+path, bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("VIDU_API_KEY"))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		var problem vidu.ErrorBody
		_ = json.NewDecoder(res.Body).Decode(&problem)
		return fmt.Errorf("%s %s: HTTP %d %v", method, path, res.StatusCode, problem.Message)
	}
	return json.NewDecoder(res.Body).Decode(into)
}

func main() {
	seed := vidu.Seed(42)
	resolution := vidu.Q2ReferenceRequestResolution720p
	request := vidu.Q2ReferenceRequest{
		Prompt:     "@1 waves",
		Duration:   5,
		Resolution: &resolution,
		Seed:       &seed,
		Subjects:   []vidu.Q2ReferenceSubject{{ID: "1", Images: vidu.ReferenceImages{"https://example.com/a.png"}}},
	}
	var submitted vidu.SubmitResponseWithProviderID
	if err := call("POST", "/v3/async/vidu-q2-reference2video", request, &submitted); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for {
		var result vidu.TaskResult
		if err := call("GET", "/v3/async/task-result?task_id="+submitted.TaskID, nil, &result); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %s\n", submitted.TaskID, result.Task.Status)
		switch result.Task.Status {
		case vidu.TaskStatusSucceed:
			fmt.Println("video:", result.Videos[0].VideoURL)
			return
		case vidu.TaskStatusFailed:
			fmt.Println("failed:", *result.Task.Reason)
			os.Exit(1)
		}
		time.Sleep(500 * time.Millisecond)
	}
}
