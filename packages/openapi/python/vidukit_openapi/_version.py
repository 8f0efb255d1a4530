# Written by packages/openapi/scripts/sync-versions.mjs from the npm package's version.
__version__ = "0.1.0"
