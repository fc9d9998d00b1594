from django.apps import AppConfig


class AgentrunnerConfig(AppConfig):
    name = "agentrunner"
    verbose_name = "Agent runner"

    def ready(self) -> None:
        # The `agent` graph tool (graph nodes call the agent) and the agent families of GET /metrics.
        from agentrunner import tools  # noqa: F401
        from agentrunner.metrics import AgentCollector
        from wfplatform.metrics import REGISTRY

        if not getattr(REGISTRY, "_wfp_agent_registered", False):
            REGISTRY.register(AgentCollector())
            REGISTRY._wfp_agent_registered = True
