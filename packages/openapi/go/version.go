// Written by packages/openapi/scripts/sync-versions.mjs from the npm package's version.

package vidu

// Version is the version of this module and of the npm package @vidukit/openapi it comes from;
// the module is tagged packages/openapi/go/v0.1.0.
const Version = "0.1.0"
