from django.apps import AppConfig


class AgentrunnerConfig(AppConfig):
    name = "agentrunner"
    verbose_name = "Agent runner"
