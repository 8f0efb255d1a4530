module example.com/vidukit-examples/go

go 1.19

require github.com/vidukit/vidukit/packages/openapi/go v0.0.0

// In your own module, depend on a tagged version instead (go get ...@vX.Y.Z) or replace with
// node_modules/@vidukit/openapi/go.
replace github.com/vidukit/vidukit/packages/openapi/go => ../../packages/openapi/go
