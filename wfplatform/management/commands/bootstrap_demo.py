import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from wfplatform.auth.services import api_key_create


class Command(BaseCommand):
    help = "First run only: create the demo admin user and a demo API key, and print both once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="Where `make run` serves.")

    def handle(self, username: str, base_url: str, **options) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(
                f"Demo user {username!r} already exists. A new key: python manage.py create_api_key {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        user = user_model.objects.create_superuser(username=username, email="", password=password)
        _, raw_key = api_key_create(user=user, name="demo")
        banner = "=" * 72
        self.stdout.write(
            f"{banner}\nFirst run: created the demo admin user. Shown once, store them now.\n"
            f"  admin login   {base_url}/admin/  user {username!r}  password {password}\n"
            f"  API key       {raw_key}\n"
            f"  try           curl -H 'X-API-KEY: {raw_key}' {base_url}/api/v1/queue/status\n{banner}"
        )
