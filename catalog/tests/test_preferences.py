"""The seed's GET/POST /api/preferences/{user_id}: defaults, upserts, validation, and whose they are."""

from __future__ import annotations

import pytest

from catalog.models import Toolkit, UserPreference

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def toolkits():
    for slug in ("github", "slack", "gmail"):
        Toolkit.objects.create(slug=slug, name=slug.title())


def test_a_user_without_preferences_reads_the_defaults_and_no_row_is_made(api_client, user):
    answer = api_client.get("/api/preferences/me")

    assert answer.status_code == 200
    assert answer.json() == {"user_id": user.pk, "preferred_toolkits": [], "settings": {}, "updated_at": None}
    assert not UserPreference.objects.exists()


def test_saving_creates_the_row_and_reading_by_id_returns_it(api_client, user):
    body = {"preferred_toolkits": ["GitHub", "slack", "github"], "settings": {"model": "fast", "tags": [1, 2]}}

    saved = api_client.post(f"/api/preferences/{user.pk}", body, format="json")

    assert saved.status_code == 200
    assert saved.json()["preferred_toolkits"] == ["github", "slack"]  # slugs, lower case, once each
    assert saved.json()["updated_at"] is not None
    row = UserPreference.objects.get(user=user)
    assert (row.preferred_toolkits, row.settings) == (["github", "slack"], {"model": "fast", "tags": [1, 2]})
    assert api_client.get(f"/api/preferences/{user.pk}").json() == saved.json()


def test_saving_again_updates_only_the_fields_given(api_client, user):
    UserPreference.objects.create(user=user, preferred_toolkits=["gmail"], settings={"a": 1})

    answer = api_client.post("/api/preferences/me", {"settings": {"b": 2}}, format="json")

    assert answer.status_code == 200
    assert answer.json()["preferred_toolkits"] == ["gmail"]
    row = UserPreference.objects.get(user=user)
    assert (row.preferred_toolkits, row.settings) == (["gmail"], {"b": 2})
    assert UserPreference.objects.count() == 1


def test_unknown_toolkits_are_refused_and_listed(api_client, user):
    answer = api_client.post("/api/preferences/me", {"preferred_toolkits": ["github", "nope", "zilch"]}, format="json")

    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "unknown_toolkits"
    assert error["details"] == {"preferred_toolkits": ["nope", "zilch"]}
    assert "nope, zilch" in error["message"]
    assert not UserPreference.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"settings": ["not", "an", "object"]},
        {"settings": {"blob": "x" * 20_001}},
        {"preferred_toolkits": "github"},
        {"preferred_toolkits": [""]},
    ],
)
def test_malformed_preferences_are_refused(api_client, user, body):
    answer = api_client.post("/api/preferences/me", body, format="json")

    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["details"]) == set(body)
    assert not UserPreference.objects.exists()


def test_another_users_preferences_are_hidden_as_if_missing(api_client, other_user):
    UserPreference.objects.create(user=other_user, preferred_toolkits=["slack"])

    read = api_client.get(f"/api/preferences/{other_user.pk}")
    written = api_client.post(f"/api/preferences/{other_user.pk}", {"settings": {"x": 1}}, format="json")

    assert read.status_code == written.status_code == 404
    assert read.json()["error"]["message"] == f"No preferences for user {other_user.pk}."
    missing = api_client.get("/api/preferences/999999").json()["error"]  # the same answer as for nobody
    assert missing == {**read.json()["error"], "message": "No preferences for user 999999."}
    assert UserPreference.objects.get(user=other_user).settings == {}


def test_staff_may_read_anyones_preferences_but_change_only_their_own(api_client_for, staff_user, other_user):
    UserPreference.objects.create(user=other_user, preferred_toolkits=["slack"])
    staff = api_client_for(staff_user)

    read = staff.get(f"/api/preferences/{other_user.pk}")
    written = staff.post(f"/api/preferences/{other_user.pk}", {"preferred_toolkits": []}, format="json")

    assert read.status_code == 200
    assert read.json()["user_id"] == other_user.pk and read.json()["preferred_toolkits"] == ["slack"]
    assert written.status_code == 403
    assert written.json()["error"]["code"] == "permission_denied"
    assert UserPreference.objects.get(user=other_user).preferred_toolkits == ["slack"]
    assert staff.get("/api/preferences/999999").status_code == 404


def test_a_user_id_that_is_neither_a_number_nor_me_is_not_found(api_client):
    answer = api_client.get("/api/preferences/alice")

    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_preferences_need_a_key(client, user):
    assert client.get("/api/preferences/me").status_code == 401
    assert client.post("/api/preferences/me", {}, content_type="application/json").status_code == 401
    assert not UserPreference.objects.exists()
