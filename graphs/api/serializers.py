from __future__ import annotations

from rest_framework import serializers

from graphs.models import Graph, GraphVersion, Run


class GraphDefinitionField(serializers.JSONField):
    """A graph definition (see graphs/engine/definition.py); checked by the service, which lists every problem."""


class GraphOutputSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)
    definition = serializers.SerializerMethodField()

    class Meta:
        model = Graph
        fields = ["id", "name", "description", "owner", "latest_version", "definition", "created_at", "updated_at"]
        read_only_fields = fields

    def get_definition(self, graph: Graph) -> dict:
        return graph.current.definition


class GraphInputSerializer(serializers.Serializer):
    definition = GraphDefinitionField(help_text="The graph: name, nodes, start_node, optional reducers/max_steps.")
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class GraphPatchSerializer(serializers.Serializer):
    operations = serializers.ListField(
        child=serializers.DictField(), allow_empty=False, help_text="RFC 6902 operations on the latest definition."
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(
        required=False, min_value=1, help_text="Refuse (409) if the latest version is no longer this one."
    )


class GraphVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)

    class Meta:
        model = GraphVersion
        fields = ["number", "definition", "note", "created_by", "created_at"]
        read_only_fields = fields


class RunOutputSerializer(serializers.ModelSerializer):
    graph_id = serializers.UUIDField(source="version.graph_id", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = Run
        fields = ["id", "graph_id", "version", "status", "initial_state", "state", "step", "node_runs", "pause",
                  "error_code", "error", "attempts", "replay_of", "replay_step", "created_at", "started_at",
                  "finished_at"]  # fmt: skip
        read_only_fields = fields


class RunCreateSerializer(serializers.Serializer):
    graph_id = serializers.UUIDField()
    version = serializers.IntegerField(required=False, min_value=1, help_text="Defaults to the latest version.")
    initial_state = serializers.JSONField(required=False, default=dict)


class RunResumeSerializer(serializers.Serializer):
    input = serializers.JSONField(required=False, default=dict, help_text="State updates from the person.")


class RunReplaySerializer(serializers.Serializer):
    step = serializers.IntegerField(min_value=0)
    state = serializers.JSONField(required=False, default=dict, help_text="Keys to change in the state at that step.")


class RunEventSerializer(serializers.Serializer):
    """An event of a run's log (selectors.event_dicts builds them)."""

    id = serializers.IntegerField(help_text="Orders events; streams resume after the last id seen.")
    kind = serializers.CharField(help_text="run_started, node_started, node_finished, node_retried, node_failed, "
                                           "run_paused, run_resumed, run_finished, subgraph_event")  # fmt: skip
    node = serializers.CharField(allow_blank=True)
    step = serializers.IntegerField()
    data = serializers.JSONField(help_text="attempt, duration_ms, error, delay, pause... as the kind has them")
    line = serializers.CharField(help_text="The seed API's execution_log line")
    update = serializers.JSONField(required=False, help_text="node_finished: the state update the node returned")
    created_at = serializers.DateTimeField()


class ToolSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    schema = serializers.JSONField()
    is_async = serializers.BooleanField(source="async")


# --- the seed contract ----------------------------------------------------------------------------
class SeedCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    nodes = serializers.JSONField()
    start_node = serializers.CharField()


class SeedRunSerializer(serializers.Serializer):
    graph_id = serializers.UUIDField()
    initial_state = serializers.JSONField(required=False, default=dict)
