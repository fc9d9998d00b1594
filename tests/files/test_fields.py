"""FileInputField: what a serializer accepts, and how the field looks in the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from wfplatform.files import FileInputField


class TrainSerializer(serializers.Serializer):
    input_file = FileInputField()


def validate(value):
    serializer = TrainSerializer(data={"input_file": value})
    valid = serializer.is_valid()
    return valid, serializer.validated_data.get("input_file") if valid else serializer.errors["input_file"]


def test_it_passes_an_upload_through_untouched():
    upload = SimpleUploadedFile("a.csv", b"a,b\n")

    assert validate(upload) == (True, upload)


@pytest.mark.parametrize(
    "value",
    [
        "s3://bucket/data/a.csv",
        "https://files.example.com/a.csv?sig=x",
        "data:text/csv;base64,YQ==",
        "base64:YQ==",
        "YWIsYwox",
    ],
)
def test_it_accepts_each_string_form_without_fetching_it(value):
    assert validate(f"  {value} ") == (True, value)


@pytest.mark.parametrize(
    ("value", "code", "says"),
    [
        ("ftp://example.com/a.csv", "unsupported_file_input", "is not recognised"),
        ("s3://bucket-only", "invalid_s3_uri", "s3://bucket/path/to/file"),
        ("http://files.example.com/a.csv", "url_refused", "only https:// URLs are fetched"),
        ("https://", "invalid_url", "has no host"),
        ("data:text/csv,a,b", "invalid_base64", "must be base64-encoded"),
        ("   ", "empty", "The file input is empty."),
        (12, "invalid", "Give an upload, s3://bucket/key"),
    ],
)
def test_it_rejects_strings_it_cannot_resolve_with_a_reason(value, code, says):
    valid, errors = validate(value)

    assert not valid
    assert errors[0].code == code
    assert says in str(errors[0])


def test_plain_http_urls_pass_when_allowed(settings):
    settings.WFP_FILE_ALLOW_HTTP = True

    assert validate("http://files.example.com/a.csv") == (True, "http://files.example.com/a.csv")


class TrainView(APIView):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(request=TrainSerializer, responses={204: None})
    def post(self, request):
        return Response(status=204)


def test_the_schema_offers_an_upload_or_a_string():
    schema = SchemaGenerator(patterns=[path("train/", TrainView.as_view())]).get_schema(request=None, public=True)

    field = schema["components"]["schemas"]["TrainRequest"]["properties"]["input_file"]
    assert field["anyOf"] == [
        {"type": "string", "format": "binary", "description": "A multipart file upload."},
        {"type": "string", "description": "s3://bucket/key, https://..., data:...;base64,... or base64:..."},
    ]
    assert "s3://bucket/key" in field["description"]
    assert schema["components"]["schemas"]["TrainRequest"]["required"] == ["input_file"]
