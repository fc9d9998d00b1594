from django.apps import AppConfig


class CsvconvertConfig(AppConfig):
    name = "csvconvert"
    verbose_name = "CSV converters"

    def ready(self) -> None:
        # Registers the csv_convert graph tool, so workflows can run trained converters.
        from csvconvert import tools  # noqa: F401
