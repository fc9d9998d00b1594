import pytest
from django.contrib.staticfiles import finders
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


def test_the_admin_shows_graphs_with_their_diagram_and_runs_with_their_log(admin_client, admin_user):
    graph = graph_create(owner=admin_user, definition=CODE_REVIEW_GRAPH)
    run = run_start(owner=admin_user, version=graph.current, initial_state={"code": SAMPLE_CODE})
    run_graph(str(run.pk))
    page = admin_client.get(f"/admin/graphs/graph/{graph.pk}/change/")
    assert page.status_code == 200
    assert b"flowchart TD" in page.content and b"evaluate_quality" in page.content
    runs = admin_client.get("/admin/graphs/run/")
    assert runs.status_code == 200 and b"code_review_workflow v1" in runs.content
    detail = admin_client.get(f"/admin/graphs/run/{run.pk}/change/")
    assert detail.status_code == 200 and b"node_finished" in detail.content
    assert Run.objects.get(pk=run.pk).status == "succeeded"


def test_the_graph_page_draws_the_diagram_with_the_vendored_mermaid(admin_client, admin_user):
    graph = graph_create(owner=admin_user, definition=CODE_REVIEW_GRAPH)

    page = admin_client.get(f"/admin/graphs/graph/{graph.pk}/change/").content.decode()

    assert '<script src="/static/graphs/vendor/mermaid/mermaid.min.js" defer>' in page
    assert '<script src="/static/graphs/mermaid-init.js" defer>' in page
    assert page.index("mermaid.min.js") < page.index("mermaid-init.js")
    assert '<pre class="mermaid">flowchart TD' in page
    # The source stays readable (and copyable) below the drawing.
    assert "<details><summary>Mermaid source</summary>" in page
    assert page.count("start_ --&gt; n0") == 2


def test_the_diagram_escapes_node_names(admin_client, admin_user):
    name = "<img src=x onerror=alert(1)>\"'&"
    definition = {"name": "odd", "start_node": name, "nodes": {name: {"tool": "set_values"}}}
    graph = graph_create(owner=admin_user, definition=definition)

    page = admin_client.get(f"/admin/graphs/graph/{graph.pk}/change/").content.decode()

    assert "<img src=x" not in page
    assert page.count("#lt;img src=x onerror=alert(1)#gt;#quot;&#x27;#amp;: set_values") == 2


def test_the_vendored_mermaid_is_found_by_collectstatic_and_runs_in_strict_mode():
    assert finders.find("graphs/vendor/mermaid/mermaid.min.js") is not None
    assert finders.find("graphs/vendor/mermaid/LICENSE") is not None
    init = finders.find("graphs/mermaid-init.js")
    with open(init, encoding="utf-8") as script:
        assert 'securityLevel: "strict"' in script.read()
