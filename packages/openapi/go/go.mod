module vidukit.dev/openapi/go

go 1.19
