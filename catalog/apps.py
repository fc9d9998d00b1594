from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Integrations catalog"

    def ready(self) -> None:
        # Graph nodes may run catalog tools by slug (GITHUB_CREATE_AN_ISSUE): the registry asks the catalog.
        from catalog.tools import catalog_tools
        from graphs.engine.tools import registry

        registry.add_provider(catalog_tools)
