"""Fuzzing the JSON API from its own OpenAPI schema (schemathesis, in process).

Every operation gets schema-valid requests (positive) and schema-violating ones
(negative). Each answer must be no server error, carry a documented status and content
type, match the documented schema (errors: the one error shape), and a schema-violating
request must be refused. Schema-valid requests may still be refused: a date like
2025-02-30 fits the pattern but is not a day, and two codes may name the same state; so
``positive_data_acceptance`` is off, and those answers are held to the error shape.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from unvotes.web.api import router
from unvotes.web.app import create_app

pytestmark = pytest.mark.slow

OPERATIONS = [f"{method} {route.path_format}" for route in router.routes
              if isinstance(route, APIRoute) for method in sorted(route.methods)]
# any string is a valid symbol or code: these have no schema-violating request to make
NO_NEGATIVE = {"GET /api/v1/votes/{symbol}", "GET /api/v1/breakdown/{symbol}",
               "GET /api/v1/countries/{code}"}
# random codes are unknown (404): also fuzz the other parameters around a real state
SEEDS: dict[str, dict[str, Any]] = {
    "GET /api/v1/votes": {"query": {"country": "IND"}},
    "GET /api/v1/countries/{code}/votes": {"path_parameters": {"code": "IND"}},
    "GET /api/v1/countries/{code}/partners": {"path_parameters": {"code": "IND"}},
    "GET /api/v1/compare": {"query": {"states": "USA,RUS"}},
    "GET /api/v1/surprises": {"query": {"country": "IND"}},
    # a few partners: every state as partners takes seconds for each set of parameters
    "GET /api/v1/shifts/{code}": {"path_parameters": {"code": "USA"},
                                  "query": {"partners": "GBR,RUS"}},
}
# over the full record no ideal points are stored (those routes answer 404): fuzz them
# again over a copy with the default fit, around real states too
IDEAL = ["GET /api/v1/ideal-points", "GET /api/v1/ideal-points/{year}"]
IDEAL_SEEDS: dict[str, dict[str, Any]] = {
    "GET /api/v1/ideal-points": {"query": {"states": "USA,RUS"}},
}
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
CASES = [pytest.param(label, mode, {}, "full_db", id=f"{label} {mode.value}")
         for label in OPERATIONS for mode in MODES
         if not (mode is GenerationMode.NEGATIVE and label in NO_NEGATIVE)]
CASES += [pytest.param(label, GenerationMode.POSITIVE, seed, "full_db",
                       id=f"{label} positive seeded")
          for label, seed in SEEDS.items()]
CASES += [pytest.param(label, mode, {}, "fitted_db", id=f"{label} {mode.value} fitted")
          for label in IDEAL for mode in MODES]
CASES += [pytest.param(label, GenerationMode.POSITIVE, seed, "fitted_db",
                       id=f"{label} positive seeded fitted")
          for label, seed in IDEAL_SEEDS.items()]
# 413 is how the checker refuses an article over its length, documented as maxLength
REJECTED = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
CONFIG = schemathesis.Config.from_dict({"checks": {
    "positive_data_acceptance": {"enabled": False},
    "negative_data_rejection": {"expected-statuses": REJECTED}}})
CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "negative_data_rejection"]


@pytest.fixture(scope="module")
def api_schemas() -> dict[Path, Any]:
    """The schema of an app per database, made on first use."""
    return {}


def test_every_operation_is_fuzzed() -> None:
    assert len(OPERATIONS) == 17 and len(CASES) == 42
    assert set(IDEAL) <= set(OPERATIONS)


@pytest.mark.parametrize(("label", "mode", "seed", "db"), CASES)
def test_fuzz(request: pytest.FixtureRequest, api_schemas: dict[Path, Any], label: str,
              mode: GenerationMode, seed: dict[str, Any], db: str) -> None:
    path: Path = request.getfixturevalue(db)
    if path not in api_schemas:
        api_schemas[path] = schemathesis.openapi.from_asgi("/api/v1/openapi.json",
                                                           create_app(path), config=CONFIG)
    operation = api_schemas[path].find_operation_by_label(label)
    checks = [getattr(schemathesis.checks, name) for name in CHECKS]
    statuses: Counter[int] = Counter()

    @given(case=operation.as_strategy(generation_mode=mode, **seed))
    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call_and_validate(checks=checks)
        statuses[response.status_code] += 1
        assert response.status_code < 500
        if response.status_code >= 400:
            doc = response.json()
            assert doc == {"ok": False, "error": doc["error"], "status": response.status_code}

    run()
    assert statuses and max(statuses) < 500
