import pytest
from django.core.management import CommandError, call_command

from graphs.models import Graph, Run
from graphs.services import graph_create, run_start
from graphs.tasks import run_graph
from graphs.workflows.code_review import CODE_REVIEW_GRAPH, SAMPLE_CODE

pytestmark = pytest.mark.django_db


def test_load_code_review_creates_the_graph_once(user, capsys):
    call_command("load_code_review", username=user.username)
    call_command("load_code_review", username=user.username)
    assert Graph.objects.filter(owner=user, name=CODE_REVIEW_GRAPH["name"]).count() == 1
    assert "already loaded" in capsys.readouterr().out


def test_load_code_review_names_a_missing_user():
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("load_code_review", username="nobody")


def test_the_admin_shows_graphs_with_their_diagram_and_runs_with_their_log(client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    graph = graph_create(owner=staff_user, definition=CODE_REVIEW_GRAPH)
    run = run_start(owner=staff_user, version=graph.current, initial_state={"code": SAMPLE_CODE})
    run_graph(str(run.pk))
    page = client.get(f"/admin/graphs/graph/{graph.pk}/change/")
    assert page.status_code == 200
    assert b"flowchart TD" in page.content and b"evaluate_quality" in page.content
    runs = client.get("/admin/graphs/run/")
    assert runs.status_code == 200 and b"code_review_workflow v1" in runs.content
    detail = client.get(f"/admin/graphs/run/{run.pk}/change/")
    assert detail.status_code == 200 and b"node_finished" in detail.content
    assert Run.objects.get(pk=run.pk).status == "succeeded"
