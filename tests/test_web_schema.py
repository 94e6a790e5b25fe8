"""Property test of the JSON API against its own OpenAPI schema (schemathesis, in-process):
no 5xx, every response valid against the schema, on generated parameters."""

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from test_web_api import build_db

from amity.web.app import create_app

_TMP = Path(tempfile.mkdtemp(prefix="amity-schema-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
build_db(_TMP / "amity.duckdb")
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(_TMP / "amity.duckdb"))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
