"""The one error an ingest step raises to stop the pipeline with a reason for the publisher."""

from __future__ import annotations

from agora.core.errors import AgoraError


class IngestFailed(AgoraError):
    code = "ingest.failed"
    default_message = "The file could not be loaded as a table."
