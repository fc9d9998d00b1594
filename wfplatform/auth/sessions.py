"""Browser sessions: `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/session`.

API clients send X-API-KEY; browser clients log in once and send Django's session cookie. CSRF:

1. `GET /api/auth/session` sets the `csrftoken` cookie (whoever asks).
2. `POST /api/auth/login` takes JSON only. Anonymous requests carry no CSRF check in DRF, so a JSON client
   (curl, a script) logs in without a token; a cross-site HTML form cannot send `application/json`
   (a cross-site fetch that does needs a CORS preflight, which this server does not grant), so login CSRF
   is closed off by the content type. Login rotates the CSRF token: read the new `csrftoken` cookie.
3. Every unsafe request authenticated by the session (logout included) sends that token in `X-CSRFToken`,
   as DRF's SessionAuthentication requires. Requests with X-API-KEY need no token.

Login attempts are throttled per client address (scope `login`, DEFAULT_THROTTLE_RATES["login"] when set,
else 10 a minute).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.models import AbstractBaseUser
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from wfplatform.auth.authentication import ApiKeyAuthentication
from wfplatform.errors import ApplicationError

DEFAULT_LOGIN_RATE = "10/min"


class LoginRateThrottle(ScopedRateThrottle):
    """The `login` scope, with a rate of its own when the settings name none."""

    def get_rate(self) -> str | None:
        # Read at each request (not the class-level copy DRF keeps), so a settings change applies.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or DEFAULT_LOGIN_RATE


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"}, trim_whitespace=False)


class SessionUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    is_staff = serializers.BooleanField()


class LoginResultSerializer(serializers.Serializer):
    user = SessionUserSerializer()


class AuthSessionSerializer(serializers.Serializer):
    authenticated = serializers.BooleanField()
    user = SessionUserSerializer(allow_null=True)
    # Not a ChoiceField: the enum's name ("AuthEnum") could collide with another app's field named auth.
    auth = serializers.CharField(allow_null=True, help_text='"session", "api_key", or null (anonymous).')


def session_state(request: Request) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"authenticated": False, "user": None, "auth": None}
    kinds = {ApiKeyAuthentication: "api_key", SessionAuthentication: "session"}
    kind = next((name for cls, name in kinds.items() if isinstance(request.successful_authenticator, cls)), None)
    return {"authenticated": True, "user": user, "auth": kind}


def session_login(request: Request, *, username: str, password: str) -> AbstractBaseUser:
    """Log the credentials' user into this request's session; one answer for unknown users and wrong passwords.

    Django's ModelBackend refuses inactive users the same way (and hashes for unknown ones, so timing
    does not tell them apart).
    """
    user = authenticate(request, username=username, password=password)
    if user is None:
        raise ApplicationError("The username or password is not correct.", code="invalid_credentials")
    login(request, user)
    return user


class LoginView(APIView):
    """Log in with a username and password; the session cookie authenticates later requests (send X-CSRFToken)."""

    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [*APIView.throttle_classes, LoginRateThrottle]
    throttle_scope = "login"

    @extend_schema(request=LoginSerializer, responses=LoginResultSerializer, auth=[], operation_id="auth_login")
    def post(self, request: Request) -> Response:
        payload = LoginSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        user = session_login(request, **payload.validated_data)
        return Response(LoginResultSerializer({"user": user}).data)


class LogoutView(APIView):
    """End the session (idempotent). A session-authenticated call needs the X-CSRFToken header."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=None, responses=AuthSessionSerializer, operation_id="auth_logout")
    def post(self, request: Request) -> Response:
        logout(request)
        return Response(AuthSessionSerializer({"authenticated": False, "user": None, "auth": None}).data)


class SessionView(APIView):
    """Who this request is: the session's or API key's user, or nobody. Sets the `csrftoken` cookie."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=AuthSessionSerializer, operation_id="auth_session")
    @method_decorator(ensure_csrf_cookie)
    def get(self, request: Request) -> Response:
        return Response(AuthSessionSerializer(session_state(request)).data)
