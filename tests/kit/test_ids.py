from __future__ import annotations

import re
import time

from pagemill.kit.ids import has_prefix, new_id


def test_ids_are_prefixed_url_safe_and_unique() -> None:
    ids = {new_id("workflow_run") for _ in range(10_000)}
    assert len(ids) == 10_000
    assert all(re.fullmatch(r"workflow_run_[0-9a-z]{26}", value) for value in ids)


def test_ids_sort_by_creation_time() -> None:
    first = new_id("file")
    time.sleep(0.002)
    assert new_id("file") > first


def test_has_prefix() -> None:
    assert has_prefix(new_id("file"), "file")
    assert not has_prefix("file_", "file") and not has_prefix("filex_1", "file")
