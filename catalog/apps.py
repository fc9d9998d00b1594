from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Integrations catalog"

    def ready(self) -> None:
        # Graph nodes may run catalog tools by slug (GITHUB_CREATE_AN_ISSUE): the registry asks the catalog.
        from catalog.tools import catalog_tools
        from graphs.engine.tools import registry

        registry.add_provider(catalog_tools)
        self._watch_changes()

    def _watch_changes(self) -> None:
        # Cached catalog reads are keyed by the catalog's version; a saved or deleted row bumps it.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from catalog.cache import bump_catalog_version
        from catalog.models import Tool, Toolkit, ToolkitCategory

        for model in (Tool, Toolkit, ToolkitCategory):
            post_save.connect(bump_catalog_version, sender=model, dispatch_uid=f"catalog-version-save-{model.__name__}")
            post_delete.connect(
                bump_catalog_version, sender=model, dispatch_uid=f"catalog-version-del-{model.__name__}"
            )
        m2m_changed.connect(bump_catalog_version, sender=Toolkit.categories.through, dispatch_uid="catalog-version-m2m")
