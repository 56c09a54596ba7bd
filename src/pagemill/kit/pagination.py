"""Keyset pagination behind opaque page tokens.

A token carries the sort key and id of the last row of the previous page, plus the sort it was made for, so a
token reused with another sort is refused instead of silently skipping rows.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pagemill.errors import InvalidRequest

SortBy = Literal["createdAt", "updatedAt"]
SortDir = Literal["asc", "desc"]


@dataclass(frozen=True)
class PageRequest:
    limit: int
    sort_by: SortBy = "createdAt"
    sort_dir: SortDir = "desc"
    after: tuple[datetime, str] | None = None


def encode_token(sort_by: str, sort_dir: str, key: datetime, row_id: str) -> str:
    raw = json.dumps([sort_by, sort_dir, key.isoformat(), row_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(token: str, sort_by: str, sort_dir: str) -> tuple[datetime, str]:
    try:
        padded = token + "=" * (-len(token) % 4)
        token_sort_by, token_sort_dir, key, row_id = json.loads(base64.urlsafe_b64decode(padded))
        parsed = datetime.fromisoformat(key)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidRequest("nextPageToken is not a token this server issued", path="nextPageToken") from exc
    if (token_sort_by, token_sort_dir) != (sort_by, sort_dir):
        raise InvalidRequest(
            "nextPageToken was issued for another sortBy/sortDir; repeat the first request's sort",
            path="nextPageToken",
        )
    return parsed, str(row_id)


def page_request(
    *,
    next_page_token: str | None,
    max_page_size: int | None,
    limit: int | None,
    sort_by: str | None,
    sort_dir: str | None,
    default_size: int,
    max_size: int,
) -> PageRequest:
    size = max_page_size if max_page_size is not None else limit
    if size is None:
        size = default_size
    if size < 1 or size > max_size:
        path = "maxPageSize" if max_page_size is not None else "limit"
        raise InvalidRequest(f"page size must be between 1 and {max_size}", path=path)
    by = sort_by or "createdAt"
    direction = sort_dir or "desc"
    if by not in ("createdAt", "updatedAt"):
        raise InvalidRequest("sortBy must be createdAt or updatedAt", path="sortBy")
    if direction not in ("asc", "desc"):
        raise InvalidRequest("sortDir must be asc or desc", path="sortDir")
    after = decode_token(next_page_token, by, direction) if next_page_token else None
    return PageRequest(limit=size, sort_by=by, sort_dir=direction, after=after)  # type: ignore[arg-type]


def list_body(data: list[dict[str, Any]], next_page_token: str | None) -> dict[str, Any]:
    return {"object": "list", "data": data, "nextPageToken": next_page_token}


def encode_offset(offset: int) -> str:
    """A page token for short lists ordered by something other than time (e.g. versions)."""
    return base64.urlsafe_b64encode(json.dumps(["offset", offset]).encode()).decode().rstrip("=")


def decode_offset(token: str | None) -> int:
    if not token:
        return 0
    try:
        padded = token + "=" * (-len(token) % 4)
        tag, offset = json.loads(base64.urlsafe_b64decode(padded))
        if tag != "offset" or not isinstance(offset, int) or offset < 0:
            raise ValueError(token)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidRequest("nextPageToken is not a token this server issued", path="nextPageToken") from exc
    return offset
