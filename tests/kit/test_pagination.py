from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pagemill.errors import InvalidRequest
from pagemill.kit.pagination import encode_token, page_request

DEFAULTS = {"default_size": 20, "max_size": 1000}


def test_token_round_trips_the_last_key() -> None:
    key = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    token = encode_token("createdAt", "desc", key, "file_abc")
    page = page_request(
        next_page_token=token, max_page_size=5, limit=None, sort_by=None, sort_dir=None, **DEFAULTS
    )
    assert page.after == (key, "file_abc") and page.limit == 5


def test_token_of_another_sort_is_refused() -> None:
    token = encode_token("createdAt", "asc", datetime.now(UTC), "file_abc")
    with pytest.raises(InvalidRequest, match="sortBy/sortDir"):
        page_request(
            next_page_token=token, max_page_size=None, limit=None, sort_by=None, sort_dir="desc", **DEFAULTS
        )


def test_limit_is_accepted_as_well_as_max_page_size() -> None:
    assert (
        page_request(
            next_page_token=None, max_page_size=None, limit=7, sort_by=None, sort_dir=None, **DEFAULTS
        ).limit
        == 7
    )
    assert (
        page_request(
            next_page_token=None, max_page_size=None, limit=None, sort_by=None, sort_dir=None, **DEFAULTS
        ).limit
        == 20
    )


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("maxPageSize", {"max_page_size": 1001}),
        ("limit", {"limit": 0}),
        ("sortBy", {"sort_by": "name"}),
        ("sortDir", {"sort_dir": "up"}),
        ("nextPageToken", {"next_page_token": "%%%"}),
    ],
)
def test_bad_parameters_name_their_field(field: str, kwargs: dict[str, object]) -> None:
    arguments: dict[str, object] = {
        "next_page_token": None,
        "max_page_size": None,
        "limit": None,
        "sort_by": None,
        "sort_dir": None,
        **DEFAULTS,
        **kwargs,
    }
    with pytest.raises(InvalidRequest) as caught:
        page_request(**arguments)  # type: ignore[arg-type]
    assert caught.value.path == field
