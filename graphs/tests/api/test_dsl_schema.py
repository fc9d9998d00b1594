"""GET /api/dsl/schema: the JSON Schema of the workflow format, which real definitions satisfy."""

from __future__ import annotations

import jsonschema
import pytest

from graphs.tests.api.test_rest import APPROVAL, COUNTER

pytestmark = pytest.mark.django_db


def test_the_schema_is_public_valid_and_accepts_real_workflows(client):
    answer = client.get("/api/dsl/schema")
    assert answer.status_code == 200
    schema = answer.json()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    with_triggers = {**COUNTER, "triggers": [{"type": "manual"}, {"type": "cron", "cron": "*/5 * * * *"}]}
    for definition in (COUNTER, APPROVAL, with_triggers):
        assert list(validator.iter_errors(definition)) == []


@pytest.mark.parametrize(
    "change",
    [
        {"nodes": {}},
        {"triggers": [{"type": "email"}]},
        {"nodes": {"a": {"tool": "x", "subgraph": "y"}}},
        {"nodes": {"a": {"tool": "x", "next": {"condition": "a > 1"}}}},
        {"colour": "blue"},
    ],
)
def test_the_schema_refuses_malformed_workflows(client, change):
    validator = jsonschema.Draft202012Validator(client.get("/api/dsl/schema").json())
    assert list(validator.iter_errors({**COUNTER, **change}))
