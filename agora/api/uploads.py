"""Refuse oversized uploads while they stream in, not after they have filled the disk.

Installed first in FILE_UPLOAD_HANDLERS: it counts the bytes of every file in a request and
stops the upload as soon as the total passes AGORA_CATALOG_UPLOAD_MAX_BYTES; the request is
then answered with 413 (see request_body.check_upload_size).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):  # type: ignore[no-untyped-def]
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.AGORA_CATALOG_UPLOAD_MAX_BYTES:
            if self.request is not None:
                self.request._agora_upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
