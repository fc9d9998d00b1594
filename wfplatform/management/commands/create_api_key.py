from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wfplatform.auth.services import api_key_create


class Command(BaseCommand):
    help = "Create an API key for USERNAME and print it (the key is shown only this once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the key is for.")
        parser.add_argument("--expires-in-days", type=int, default=None, help="Expire after this many days.")
        parser.add_argument("--create-user", action="store_true", help="Create the user when it does not exist.")

    def handle(self, username: str, name: str, expires_in_days: int | None, create_user: bool, **options) -> None:
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None:
            if not create_user:
                raise CommandError(f"No user named {username!r}; pass --create-user to create one.")
            user = user_model.objects.create_user(username=username)
        if expires_in_days is not None and expires_in_days < 1:
            raise CommandError("--expires-in-days must be at least 1.")
        expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
        api_key, raw_key = api_key_create(user=user, name=name, expires_at=expires_at)
        self.stderr.write(f"Created API key {api_key.prefix}… for {username}. Store it now; it is not shown again:")
        self.stdout.write(raw_key)
