from django.apps import AppConfig


class CsvconvertConfig(AppConfig):
    name = "csvconvert"
    verbose_name = "CSV converters"
