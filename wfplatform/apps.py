from django.apps import AppConfig


class WfplatformConfig(AppConfig):
    name = "wfplatform"
    verbose_name = "Platform"

    def ready(self) -> None:
        # Registers the X-API-KEY scheme with drf-spectacular and the reaper schedule.
        from wfplatform.auth import authentication  # noqa: F401
        from wfplatform.jobs import signals  # noqa: F401
