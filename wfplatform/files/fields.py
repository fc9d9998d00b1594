"""FileInputField: a serializer field taking an upload or a string naming a file elsewhere."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wfplatform.errors import ApplicationError
from wfplatform.files.resolver import ACCEPTED_FORMS, FileInput, check_file_input

SCHEMA_DESCRIPTION = (
    "A file: a multipart upload, or a string: s3://bucket/key, an https:// URL, "
    "data:<type>;name=<file>;base64,<data>, or base64:<data>."
)


@extend_schema_field(
    {
        "anyOf": [
            {"type": "string", "format": "binary", "description": "A multipart file upload."},
            {"type": "string", "description": "s3://bucket/key, https://..., data:...;base64,... or base64:..."},
        ],
        "description": SCHEMA_DESCRIPTION,
    }
)
class FileInputField(serializers.Field):
    """Checks the form of the input only; `resolve_file_input` fetches and stores it.

    The validated value is the UploadedFile or the stripped string, so a view can resolve an
    upload while the request is open and hand a string to a background job.
    """

    default_error_messages = {
        "invalid": f"Give {ACCEPTED_FORMS}.",
        "empty": "The file input is empty.",
    }

    def to_internal_value(self, data: Any) -> FileInput:
        if isinstance(data, UploadedFile):
            return data
        if not isinstance(data, str):
            self.fail("invalid")
        text = data.strip()
        if not text:
            self.fail("empty")
        try:
            check_file_input(text)
        except ApplicationError as exc:
            raise serializers.ValidationError(exc.message, code=exc.code) from None
        return text

    def to_representation(self, value: Any) -> str:
        return value.name if isinstance(value, UploadedFile) else str(value)
