from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from graphs.models import Graph
from graphs.services import graph_create
from graphs.workflows.code_review import CODE_REVIEW_GRAPH


class Command(BaseCommand):
    help = "Load the example code-review workflow for a user (once; run again, it shows the one there)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}; create one first (make run creates 'admin')")
        graph = Graph.objects.filter(owner=user, name=CODE_REVIEW_GRAPH["name"]).first()
        if graph is None:
            graph = graph_create(owner=user, definition=CODE_REVIEW_GRAPH, note="example workflow")
            self.stdout.write(f"Loaded the code-review workflow for {username!r}: graph {graph.pk}")
        else:
            self.stdout.write(f"The code-review workflow is already loaded for {username!r}: graph {graph.pk}")
        self.stdout.write(
            "  run it: POST /graph/run with "
            f'{{"graph_id": "{graph.pk}", "initial_state": {{"code": "...", "quality_score": 0, "iteration": 0}}}}'
        )
