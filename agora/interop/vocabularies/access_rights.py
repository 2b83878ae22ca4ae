"""Access rights: the EU authority table "access-right" (dct:accessRights in DCAT-AP).

Codes from http://publications.europa.eu/resource/authority/access-right .
"""

ACCESS_RIGHTS_BASE_URI = "http://publications.europa.eu/resource/authority/access-right/"

ACCESS_RIGHTS: dict[str, str] = {
    "PUBLIC": "public",
    "RESTRICTED": "restricted",
    "NON_PUBLIC": "non-public",
}


def access_rights_code_from(value: str) -> str | None:
    tail = value.strip().rstrip("/").rsplit("/", 1)[-1].upper().replace("-", "_")
    return tail if tail in ACCESS_RIGHTS else None
