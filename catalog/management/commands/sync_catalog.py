from django.core.management.base import BaseCommand, CommandError

from catalog.composio import ComposioClient, ComposioError
from catalog.services.importing import catalog_sync


class Command(BaseCommand):
    help = "Fetch toolkits and their tools from Composio (COMPOSIO_API_KEY) and import them into the catalog."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--toolkit", dest="toolkits", action="append", default=[], metavar="SLUG")
        parser.add_argument(
            "--prune", action="store_true", help="Mark deprecated the tools of these toolkits Composio no longer lists."
        )
        parser.add_argument("--page-size", type=int, default=200, help="Items per Composio page (1-1000).")

    def handle(self, toolkits: list[str], prune: bool, page_size: int, **options) -> None:
        if not 1 <= page_size <= 1000:
            raise CommandError("--page-size must be between 1 and 1000.")
        client = ComposioClient.from_settings()
        if client is None:
            raise CommandError(
                "COMPOSIO_API_KEY is not set: set it to sync from Composio, "
                "or run `manage.py load_catalog` to import the shipped offline catalog."
            )
        with client:
            try:
                stats = catalog_sync(
                    client=client,
                    toolkit_slugs=toolkits,
                    prune=prune,
                    page_size=page_size,
                    progress=self.stderr.write if options["verbosity"] > 1 else None,
                )
            except ComposioError as error:
                raise CommandError(f"Sync failed, nothing was imported: {error}") from None
        self.stdout.write(f"Synced the catalog from {client.base_url}")
        for line in stats.report_lines():
            self.stdout.write(f"  {line}")
