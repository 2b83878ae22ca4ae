from agora.core.errors import BadRequest


class InvalidSearchQuery(BadRequest):
    code = "search.invalid_query"
    default_message = "The search query is invalid."
