"""Typed models, standalone JSON Schemas and a validator for the request and response bodies of
the Vidu asynchronous video API (Novita-compatible providers), generated from the OpenAPI
document of the npm package @vidukit/openapi."""

# `name as name` marks these as re-exports for type checkers (the package ships py.typed).
from ._version import __version__ as __version__
from .models import *  # noqa: F401,F403  (generated: the dataclasses and their *_from_dict / *_to_dict)
from .validate import Problem as Problem, operations as operations, schema as schema, validate as validate
