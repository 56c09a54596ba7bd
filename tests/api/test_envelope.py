from __future__ import annotations

import pytest

from pagemill.api.envelope import field_path


@pytest.mark.parametrize(
    ("location", "path"),
    [
        (("body", "file", "url"), "file.url"),
        (("body", "steps", 2, "type"), "steps[2].type"),
        (("query", "maxPageSize"), "maxPageSize"),
        (("body",), "body"),
        (("body", "file", "function-after[_one_source()]"), "file"),
    ],
)
def test_field_paths(location: tuple[object, ...], path: str) -> None:
    assert field_path(location) == path
