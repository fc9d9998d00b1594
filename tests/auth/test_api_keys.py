from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from wfplatform.auth.models import ApiKey, hash_key
from wfplatform.auth.services import api_key_create

QUEUE_STATUS = "/api/v1/queue/status"


def test_a_valid_key_authorizes_the_api(api_client):
    response = api_client.get(QUEUE_STATUS)
    assert response.status_code == 200
    assert "workers_alive" in response.json()


def test_no_key_answers_401_in_the_error_format(db):
    response = APIClient().get(QUEUE_STATUS)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response.headers["WWW-Authenticate"] == "X-API-KEY"


def test_a_wrong_key_answers_401_saying_it_is_invalid(db):
    client = APIClient()
    client.credentials(HTTP_X_API_KEY="wfp_not-a-real-key")
    body = client.get(QUEUE_STATUS).json()
    assert body == {"error": {"code": "authentication_failed", "message": "Invalid API key.", "details": None}}


def test_keys_are_stored_hashed_never_in_clear(user):
    api_key, raw_key = api_key_create(user=user, name="ci")
    row = ApiKey.objects.get(pk=api_key.pk)
    assert row.key_hash == hash_key(raw_key)
    assert raw_key not in {row.key_hash, row.prefix, row.name}
    assert raw_key.startswith(row.prefix) and len(row.prefix) < len(raw_key) // 2


def test_a_revoked_key_is_refused(user):
    api_key, raw_key = api_key_create(user=user)
    api_key.revoked_at = timezone.now()
    api_key.save()
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    response = client.get(QUEUE_STATUS)
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]["message"]


def test_an_expired_key_is_refused(user):
    api_key, raw_key = api_key_create(user=user, expires_at=timezone.now() + timedelta(seconds=30))
    ApiKey.objects.filter(pk=api_key.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    response = client.get(QUEUE_STATUS)
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_a_key_of_an_inactive_user_is_refused(user, api_client):
    user.is_active = False
    user.save()
    assert api_client.get(QUEUE_STATUS).status_code == 401


def test_use_of_a_key_is_recorded(api_client, user):
    api_client.get(QUEUE_STATUS)
    assert ApiKey.objects.get(user=user).last_used_at is not None


def test_the_service_key_acts_as_the_service_user(db, settings):
    settings.WFP_SERVICE_API_KEY = "service-secret-for-tests"
    client = APIClient()
    client.credentials(HTTP_X_API_KEY="service-secret-for-tests")
    response = client.get("/api/v1/api-keys/")
    assert response.status_code == 200
    from django.contrib.auth import get_user_model

    service = get_user_model().objects.get(username=settings.WFP_SERVICE_USERNAME)
    assert not service.has_usable_password()


def test_the_service_key_is_unused_when_not_configured(db, settings):
    settings.WFP_SERVICE_API_KEY = None
    client = APIClient()
    client.credentials(HTTP_X_API_KEY="service-secret-for-tests")
    assert client.get(QUEUE_STATUS).status_code == 401


def test_session_auth_works_for_the_browsable_api(user):
    client = APIClient()
    client.login(username="alice", password="pw-alice")
    response = client.get("/api/v1/api-keys/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"Api Key List" in response.content


# --- the /api/v1/api-keys/ endpoints ---------------------------------------------------------


def test_creating_a_key_shows_it_once_and_it_works(api_client, user):
    response = api_client.post("/api/v1/api-keys/", {"name": "laptop"})
    assert response.status_code == 201
    raw_key = response.json()["key"]
    assert ApiKey.objects.get(pk=response.json()["id"]).key_hash == hash_key(raw_key)
    listed = api_client.get(f"/api/v1/api-keys/{response.json()['id']}/").json()
    assert "key" not in listed and listed["name"] == "laptop"
    fresh = APIClient()
    fresh.credentials(HTTP_X_API_KEY=raw_key)
    assert fresh.get(QUEUE_STATUS).status_code == 200


def test_creating_a_key_that_expires_in_the_past_is_refused(api_client):
    response = api_client.post("/api/v1/api-keys/", {"expires_at": "2001-01-01T00:00:00Z"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert ApiKey.objects.count() == 1  # only the client's own key


def test_revoking_a_key_through_the_api(api_client, user):
    other_key, other_raw = api_key_create(user=user, name="old")
    response = api_client.post(f"/api/v1/api-keys/{other_key.pk}/revoke/")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    other_key.refresh_from_db()
    assert other_key.revoked_at is not None


def test_another_users_key_answers_404(api_client, other_user):
    foreign, _ = api_key_create(user=other_user)
    assert api_client.get(f"/api/v1/api-keys/{foreign.pk}/").status_code == 404
    response = api_client.post(f"/api/v1/api-keys/{foreign.pk}/revoke/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_listing_shows_only_the_callers_keys_but_staff_see_all(
    api_client, api_client_for, user, other_user, staff_user
):
    api_key_create(user=other_user)
    mine = api_client.get("/api/v1/api-keys/").json()
    assert mine["count"] == 1 and mine["results"][0]["user"] == "alice"
    everyone = api_client_for(staff_user).get("/api/v1/api-keys/").json()
    assert {row["user"] for row in everyone["results"]} == {"alice", "bob", "carol"}


def test_the_list_filters_active_keys(api_client, user):
    revoked, _ = api_key_create(user=user, name="gone")
    api_client.post(f"/api/v1/api-keys/{revoked.pk}/revoke/")
    names = [row["name"] for row in api_client.get("/api/v1/api-keys/?active=false").json()["results"]]
    assert names == ["gone"]
    assert api_client.get("/api/v1/api-keys/?active=true").json()["count"] == 1


# --- management commands ---------------------------------------------------------------------


def test_create_api_key_command_prints_a_working_key(user, capsys):
    call_command("create_api_key", "alice", "--name", "script", "--expires-in-days", "3")
    raw_key = capsys.readouterr().out.strip()
    row = ApiKey.objects.get(key_hash=hash_key(raw_key))
    assert row.user == user and row.name == "script"
    assert timedelta(days=2.9) < row.expires_at - timezone.now() <= timedelta(days=3)


def test_create_api_key_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("create_api_key", "nobody")


def test_create_api_key_command_can_create_the_user(db, capsys):
    call_command("create_api_key", "newbie", "--create-user")
    raw_key = capsys.readouterr().out.strip()
    assert ApiKey.objects.get(key_hash=hash_key(raw_key)).user.username == "newbie"


def test_revoke_api_key_command(user):
    api_key, _ = api_key_create(user=user)
    call_command("revoke_api_key", api_key.prefix)
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None


def test_bootstrap_demo_creates_admin_and_key_only_the_first_time(db, capsys):
    call_command("bootstrap_demo")
    first = capsys.readouterr().out
    raw_key = next(word for word in first.split() if word.startswith("wfp_"))
    key = ApiKey.objects.get(key_hash=hash_key(raw_key))
    assert key.user.is_superuser and key.user.username == "admin"
    call_command("bootstrap_demo")
    second = capsys.readouterr().out
    assert "wfp_" not in second and "already exists" in second
    assert ApiKey.objects.count() == 1
