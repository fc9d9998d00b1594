"""POST /api/v1/graphs/{id}/patch/: an RFC 6902 JSON Patch makes a new version, or changes nothing."""

from __future__ import annotations

import pytest

from graphs.models import GraphVersion
from graphs.tests.api.test_rest import COUNTER, GRAPHS, create_graph

pytestmark = pytest.mark.django_db


def patch(client, graph_id: str, operations, **extra):
    return client.post(f"{GRAPHS}{graph_id}/patch/", {"operations": operations, **extra}, format="json")


def test_a_valid_patch_becomes_the_next_version(api_client):
    graph_id = create_graph(api_client, COUNTER)
    answer = patch(api_client, graph_id, [{"op": "replace", "path": "/nodes/bump/args/by", "value": 1}], note="by 1")
    assert answer.status_code == 200, answer.content
    assert answer.json()["latest_version"] == 2
    assert answer.json()["definition"]["nodes"]["bump"]["args"]["by"] == 1
    version = GraphVersion.objects.get(graph_id=graph_id, number=2)
    assert (version.note, version.definition["nodes"]["init"]) == ("by 1", COUNTER["nodes"]["init"])


def test_a_patch_that_breaks_a_graph_rule_changes_nothing_and_lists_the_problem(api_client):
    graph_id = create_graph(api_client, COUNTER)
    answer = patch(
        api_client,
        graph_id,
        [
            {"op": "add", "path": "/nodes/notify", "value": {"tool": "no_such_tool"}},
            {"op": "replace", "path": "/nodes/init/next", "value": "notify"},
        ],
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_graph"
    assert any("no_such_tool" in problem["message"] for problem in error["details"]["problems"])
    assert GraphVersion.objects.filter(graph_id=graph_id).count() == 1


def test_an_operation_that_does_not_apply_is_named(api_client):
    graph_id = create_graph(api_client, COUNTER)
    answer = patch(
        api_client,
        graph_id,
        [
            {"op": "replace", "path": "/nodes/bump/args/by", "value": 3},
            {"op": "remove", "path": "/nodes/missing"},
        ],
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_patch"
    assert error["message"].startswith("operation 2 of the patch (remove /nodes/missing) does not apply")
    assert error["details"]["operation"] == 1
    assert GraphVersion.objects.filter(graph_id=graph_id).count() == 1


def test_a_failing_test_operation_refuses_the_patch(api_client):
    graph_id = create_graph(api_client, COUNTER)
    answer = patch(
        api_client,
        graph_id,
        [
            {"op": "test", "path": "/nodes/bump/args/by", "value": 5},
            {"op": "replace", "path": "/nodes/bump/args/by", "value": 1},
        ],
    )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_patch"
    assert GraphVersion.objects.filter(graph_id=graph_id).count() == 1


def test_a_patch_for_an_older_version_is_a_conflict(api_client):
    graph_id = create_graph(api_client, COUNTER)
    assert patch(api_client, graph_id, [{"op": "replace", "path": "/description", "value": "x"}]).status_code == 200
    answer = patch(api_client, graph_id, [{"op": "replace", "path": "/description", "value": "y"}], expected_version=1)
    assert answer.status_code == 409
    assert answer.json()["error"]["details"] == {"expected_version": 1, "latest_version": 2}
    assert GraphVersion.objects.filter(graph_id=graph_id).count() == 2


@pytest.mark.parametrize("operations", [[], "not a list", [{"path": "/x"}], [{"op": "jump", "path": "/x"}]])
def test_malformed_patches_are_refused(api_client, operations):
    graph_id = create_graph(api_client, COUNTER)
    answer = patch(api_client, graph_id, operations)
    assert answer.status_code == 400
    assert GraphVersion.objects.filter(graph_id=graph_id).count() == 1


def test_another_user_s_graph_is_not_found(api_client, api_client_for, other_user):
    graph_id = create_graph(api_client, COUNTER)
    answer = patch(api_client_for(other_user), graph_id, [{"op": "replace", "path": "/description", "value": "x"}])
    assert answer.status_code == 404
    assert GraphVersion.objects.filter(graph_id=graph_id).count() == 1
