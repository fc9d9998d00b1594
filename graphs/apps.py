from django.apps import AppConfig


class GraphsConfig(AppConfig):
    name = "graphs"
    verbose_name = "Workflow graphs"

    def ready(self) -> None:
        # Tools register themselves on import; the example workflow's tools ship with the app.
        from graphs import builtin_tools  # noqa: F401
        from graphs.workflows import code_review  # noqa: F401
