package vidu

// Decodes every named example of the spec into the generated types (strictly: a field the
// types do not know is an error) and checks that encoding gives the same JSON back, up to the
// empty arrays and objects that omitempty leaves out and the string-or-number fields, which
// encode a numeric string as a number. Also checks that every declared type has a doc comment.
// Standard library only: GOTOOLCHAIN=local GOFLAGS= go test ./...

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

type example struct {
	operation, where, name, schema string
	value                          json.RawMessage
}

type indexFile struct {
	Operations []struct {
		OperationID string `json:"operationId"`
		Method      string `json:"method"`
		Path        string `json:"path"`
		Request     *struct {
			Schema string `json:"schema"`
		} `json:"request"`
		Responses map[string]struct {
			Schema *string `json:"schema"`
		} `json:"responses"`
	} `json:"operations"`
}

func readJSON(t *testing.T, path string, into interface{}) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (build @vidukit/openapi first: pnpm --filter @vidukit/openapi build)", err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// deref follows local $refs ("#/components/responses/X") in the spec.
func deref(spec map[string]interface{}, node interface{}) map[string]interface{} {
	for {
		m, _ := node.(map[string]interface{})
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var target interface{} = spec
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			target = target.(map[string]interface{})[strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")]
		}
		node = target
	}
}

func namedExamples(t *testing.T) []example {
	dist := filepath.Join("..", "dist")
	var spec map[string]interface{}
	readJSON(t, filepath.Join(dist, "openapi.json"), &spec)
	var index indexFile
	readJSON(t, filepath.Join(dist, "schemas", "index.json"), &index)

	var out []example
	collect := func(op, where, schema string, media map[string]interface{}) {
		examples, _ := media["examples"].(map[string]interface{})
		names := make([]string, 0, len(examples))
		for name := range examples {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			value, err := json.Marshal(deref(spec, examples[name])["value"])
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, example{op, where, name, schema, value})
		}
	}
	for _, op := range index.Operations {
		opMap := deref(spec, deref(spec, spec["paths"].(map[string]interface{})[op.Path])[strings.ToLower(op.Method)])
		if op.Request != nil {
			body := deref(spec, opMap["requestBody"])
			collect(op.OperationID, "request", op.Request.Schema, body["content"].(map[string]interface{})["application/json"].(map[string]interface{}))
		}
		for status, response := range op.Responses {
			if response.Schema == nil {
				continue
			}
			resp := deref(spec, opMap["responses"].(map[string]interface{})[status])
			collect(op.OperationID, "response "+status, *response.Schema, resp["content"].(map[string]interface{})["application/json"].(map[string]interface{}))
		}
	}
	return out
}

// decoders maps each schema file to a strict decoder into its generated struct.
var decoders = map[string]func([]byte) (interface{}, error){
	"ErrorBody.json":                    strict(func() interface{} { return &ErrorBody{} }),
	"Q1ReferenceRequest.json":           strict(func() interface{} { return &Q1ReferenceRequest{} }),
	"Q2ProFastRequest.json":             strict(func() interface{} { return &Q2ProFastRequest{} }),
	"Q2ProMultiframeRequest.json":       strict(func() interface{} { return &Q2ProMultiframeRequest{} }),
	"Q2ReferenceRequest.json":           strict(func() interface{} { return &Q2ReferenceRequest{} }),
	"SubmitResponse.json":               strict(func() interface{} { return &SubmitResponse{} }),
	"SubmitResponseWithProviderId.json": strict(func() interface{} { return &SubmitResponseWithProviderID{} }),
	"TaskResult.json":                   strict(func() interface{} { return &TaskResult{} }),
}

func strict(make func() interface{}) func([]byte) (interface{}, error) {
	return func(data []byte) (interface{}, error) {
		v := make()
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		return v, dec.Decode(v)
	}
}

func TestEveryNamedExampleDecodes(t *testing.T) {
	examples := namedExamples(t)
	if len(examples) == 0 {
		t.Fatal("no named examples found in the spec")
	}
	for _, ex := range examples {
		ex := ex
		t.Run(ex.operation+"/"+strings.ReplaceAll(ex.where, " ", "_")+"/"+ex.name, func(t *testing.T) {
			decode, ok := decoders[ex.schema]
			if !ok {
				t.Fatalf("no generated struct for %s: add it to decoders", ex.schema)
			}
			v, err := decode(ex.value)
			if err != nil {
				t.Fatalf("decode into %s: %v", ex.schema, err)
			}
			again, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			var want, got interface{}
			_ = json.Unmarshal(ex.value, &want)
			_ = json.Unmarshal(again, &got)
			// omitempty drops empty arrays and objects (`"videos": []`); nothing else may change.
			if !reflect.DeepEqual(normalize(want), normalize(got)) {
				t.Fatalf("round trip changed the body:\nwant %s\ngot  %s", ex.value, again)
			}
		})
	}
	t.Logf("%d named examples decoded", len(examples))
}

// normalize removes object members whose value is an empty array or object, and turns numeric
// strings into numbers.
func normalize(v interface{}) interface{} {
	switch x := v.(type) {
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return f
		}
	case map[string]interface{}:
		out := map[string]interface{}{}
		for k, item := range x {
			item = normalize(item)
			if m, ok := item.(map[string]interface{}); ok && len(m) == 0 {
				continue
			}
			if a, ok := item.([]interface{}); ok && len(a) == 0 {
				continue
			}
			out[k] = item
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(x))
		for i, item := range x {
			out[i] = normalize(item)
		}
		return out
	}
	return v
}

// declaredTypes parses the package's non-test files: type name -> its doc comment text.
func declaredTypes(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.TYPE {
				continue
			}
			for _, spec := range gen.Specs {
				ts := spec.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gen.Specs) == 1 {
					doc = gen.Doc
				}
				out[ts.Name.Name] = doc.Text()
			}
		}
	}
	return out
}

// goName mirrors the generator's naming: words of the component name, initialisms upper-cased.
func goName(component string) string {
	for _, initialism := range []string{"Id", "Url", "Ttl", "Ms"} {
		if strings.HasSuffix(component, initialism) {
			component = strings.TrimSuffix(component, initialism) + strings.ToUpper(initialism)
		}
	}
	return component
}

func TestEveryComponentSchemaHasAType(t *testing.T) {
	var spec struct {
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	readJSON(t, filepath.Join("..", "dist", "openapi.json"), &spec)
	types := declaredTypes(t)
	for component := range spec.Components.Schemas {
		if _, ok := types[goName(component)]; !ok {
			t.Errorf("components/schemas/%s has no Go type %s", component, goName(component))
		}
	}
	if !t.Failed() {
		t.Logf("%d component schemas, each with a Go type", len(spec.Components.Schemas))
	}
}

func TestEveryTypeHasADocComment(t *testing.T) {
	types := declaredTypes(t)
	if len(types) == 0 {
		t.Fatal("no types found")
	}
	for name, doc := range types {
		if !strings.HasPrefix(doc, name+" ") {
			t.Errorf("type %s has no doc comment starting with its name", name)
		}
	}
	if !t.Failed() {
		t.Logf("%d types, each with a doc comment", len(types))
	}
}
