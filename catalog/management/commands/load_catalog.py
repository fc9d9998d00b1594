from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.services.importing import DEFAULT_CATALOG_FILE, catalog_load_file
from wfplatform.errors import ApplicationError


class Command(BaseCommand):
    help = "Import the shipped offline catalog (or another file of Composio v3 toolkits and tools). Idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_CATALOG_FILE, help="Default: %(default)s")
        parser.add_argument(
            "--prune", action="store_true", help="Mark deprecated the tools of these toolkits the file no longer lists."
        )

    def handle(self, path: Path, prune: bool, **options) -> None:
        try:
            stats = catalog_load_file(path=path, prune=prune)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Loaded the catalog from {path}")
        for line in stats.report_lines():
            self.stdout.write(f"  {line}")
