# Generated from spec/openapi.yaml by packages/openapi/scripts/generate-models.mjs. Do not edit.
"""Typed models of the Vidu (Novita-compatible) request and response bodies."""

from .models import *  # noqa: F401,F403
