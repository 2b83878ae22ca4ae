from agora.core.errors import AgoraError, BadRequest


class InvalidSearchQuery(BadRequest):
    code = "search.invalid_query"
    default_message = "The search query is invalid."


class SearchUnavailable(AgoraError):
    """The engine cannot answer now (index missing, out of date, or locked too long). The
    APIs answer 503: the request was fine, the server is not ready."""

    code = "search.unavailable"
    default_message = "Search is temporarily unavailable."
