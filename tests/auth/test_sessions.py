"""Browser sessions: login, logout and the session probe, with CSRF enforced as a browser meets it."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from rest_framework.test import APIClient

from wfplatform.auth.sessions import LoginRateThrottle

pytestmark = pytest.mark.django_db

BAD_CREDENTIALS = {
    "code": "invalid_credentials",
    "message": "The username or password is not correct.",
    "details": None,
}


@pytest.fixture
def browser() -> APIClient:
    """A client that keeps cookies and gets the CSRF checks a browser gets.

    Its login attempts count from zero: with Redis as the cache (CI's second run) the throttle's history
    outlives a test, and every test here logs in from the same address.
    """
    cache.delete(LoginRateThrottle.cache_format % {"scope": "login", "ident": "127.0.0.1"})
    return APIClient(enforce_csrf_checks=True)


def log_in(client: APIClient, username: str = "alice", password: str = "pw-alice"):
    return client.post("/api/auth/login", {"username": username, "password": password}, format="json")


def test_login_starts_a_session_that_authenticates_later_requests(browser, user):
    answer = log_in(browser)

    assert answer.status_code == 200
    assert answer.json() == {"user": {"id": user.pk, "username": "alice", "is_staff": False}}
    assert browser.session[SESSION_KEY] == str(user.pk)
    session = browser.get("/api/auth/session").json()
    assert session == {"authenticated": True, "user": answer.json()["user"], "auth": "session"}
    assert browser.get("/api/integrations").status_code == 200


@pytest.mark.parametrize(("username", "password"), [("alice", "wrong"), ("nobody", "pw-alice")])
def test_bad_credentials_get_one_answer_whether_or_not_the_user_exists(browser, user, username, password):
    answer = log_in(browser, username, password)

    assert answer.status_code == 400
    assert answer.json() == {"error": BAD_CREDENTIALS}
    assert SESSION_KEY not in browser.session


def test_an_inactive_user_cannot_log_in(browser, make_user):
    make_user("dave", is_active=False)

    answer = log_in(browser, "dave", "pw-dave")

    assert answer.status_code == 400
    assert answer.json() == {"error": BAD_CREDENTIALS}
    assert SESSION_KEY not in browser.session


def test_login_needs_both_fields(browser, user):
    answer = browser.post("/api/auth/login", {"username": "alice"}, format="json")

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid"
    assert set(answer.json()["error"]["details"]) == {"password"}


def test_login_takes_json_only_so_a_cross_site_form_cannot_log_a_browser_in(browser, user):
    answer = browser.post("/api/auth/login", {"username": "alice", "password": "pw-alice"}, format="multipart")

    assert answer.status_code == 415
    assert answer.json()["error"]["code"] == "unsupported_media_type"
    assert SESSION_KEY not in browser.session


def test_the_session_probe_gives_an_anonymous_browser_a_csrf_cookie(browser):
    answer = browser.get("/api/auth/session")

    assert answer.status_code == 200
    assert answer.json() == {"authenticated": False, "user": None, "auth": None}
    assert answer.cookies["csrftoken"].value


def test_the_session_probe_names_an_api_key_caller(api_client, user):
    body = api_client.get("/api/auth/session").json()

    alice = {"id": user.pk, "username": "alice", "is_staff": False}
    assert body == {"authenticated": True, "user": alice, "auth": "api_key"}


def test_the_session_probe_refuses_a_bad_api_key(client):
    answer = client.get("/api/auth/session", HTTP_X_API_KEY="not-a-key")

    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "authentication_failed"


def test_logout_with_a_session_needs_the_csrf_token_then_ends_the_session(browser, user):
    log_in(browser)

    refused = browser.post("/api/auth/logout")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["error"]["message"]
    assert browser.session[SESSION_KEY] == str(user.pk)

    token = browser.cookies["csrftoken"].value  # the token login rotated
    answer = browser.post("/api/auth/logout", HTTP_X_CSRFTOKEN=token)

    assert answer.status_code == 200
    assert answer.json() == {"authenticated": False, "user": None, "auth": None}
    assert SESSION_KEY not in browser.session
    assert browser.get("/api/integrations").status_code == 401


def test_logout_without_a_session_is_a_harmless_no_op(browser):
    first, second = browser.post("/api/auth/logout"), browser.post("/api/auth/logout")

    assert first.status_code == second.status_code == 200
    assert second.json()["authenticated"] is False


def test_login_attempts_are_throttled_ten_a_minute_by_default(browser, user):
    answers = [log_in(browser, "alice", "wrong").status_code for _ in range(11)]

    assert answers == [400] * 10 + [429]
    throttled = log_in(browser)  # even the right password must wait
    assert throttled.status_code == 429
    assert throttled.json()["error"]["code"] == "throttled"
    assert throttled.json()["error"]["details"]["retry_after_seconds"] > 0
    assert SESSION_KEY not in browser.session


def test_the_login_rate_can_come_from_the_settings(browser, user, settings):
    rest = settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {**rest, "DEFAULT_THROTTLE_RATES": {**rest["DEFAULT_THROTTLE_RATES"], "login": "2/min"}}

    answers = [log_in(browser, "alice", "wrong").status_code for _ in range(3)]

    assert answers == [400, 400, 429]
