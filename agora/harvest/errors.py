"""Harvest errors with stable codes."""

from __future__ import annotations

from agora.core.errors import AgoraError


class HarvestError(AgoraError):
    code = "harvest.error"
    default_message = "The harvest failed."


class SourceUnreachable(HarvestError):
    code = "harvest.source_unreachable"
    default_message = "The source could not be fetched."


class SourceMalformed(HarvestError):
    code = "harvest.source_malformed"
    default_message = "The source answered with a document Agora cannot read."


class GatherIncomplete(HarvestError):
    code = "harvest.gather_incomplete"
    default_message = "The source could not be listed completely."
