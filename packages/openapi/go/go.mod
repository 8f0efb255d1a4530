module github.com/vidukit/vidukit/packages/openapi/go

go 1.19
