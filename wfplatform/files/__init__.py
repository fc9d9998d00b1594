"""The shared file-input resolver: uploads, s3://, https:// and base64 inputs, one way in.

    stored = resolve_file_input(value, user_id=user.pk, job_id=job.pk, kind="input")
    default_storage.open(stored.name)

Serializers declare `input_file = FileInputField()`.
"""

from wfplatform.files.fields import FileInputField
from wfplatform.files.resolver import StoredFile, check_file_input, resolve_file_input

__all__ = ["FileInputField", "StoredFile", "check_file_input", "resolve_file_input"]
