from django.core.management.base import BaseCommand, CommandError

from wfplatform.auth.models import ApiKey
from wfplatform.auth.services import api_key_revoke


class Command(BaseCommand):
    help = "Revoke API keys by their prefix (as listed in the admin or GET /api/v1/api-keys/)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("prefix")

    def handle(self, prefix: str, **options) -> None:
        keys = list(ApiKey.objects.filter(prefix__startswith=prefix, revoked_at__isnull=True))
        if not keys:
            raise CommandError(f"No active API key starts with {prefix!r}.")
        if len(keys) > 1:
            raise CommandError(f"{len(keys)} active keys start with {prefix!r}; give more of the prefix.")
        api_key_revoke(api_key=keys[0])
        self.stdout.write(f"Revoked {keys[0]}.")
