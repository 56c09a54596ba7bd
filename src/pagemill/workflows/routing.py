"""A step's `next` entries: the right routing key for its type (Extend §D1), with a value it can produce."""

from __future__ import annotations

from pagemill.workflows.problems import Problems
from pagemill.workflows.shapes import Routes
from pagemill.workflows.step_types import KINDS, ROUTE_KEYS
from pagemill.workflows.steps import Step

ROUTE_MEANINGS = {
    "classificationId": "the id (not the type) of one of the classifier's or splitter's classifications",
    "conditionId": "the id of one of config.conditions",
    "result": '"pass" or "fail"',
    "branchId": 'the id of one of config.branches, or "otherwise"',
}


def check_routes(step: Step, routes: Routes, problems: Problems) -> None:
    key = KINDS[step.type].route_key
    seen: set[tuple[str, object]] = set()
    for position, entry in enumerate(step.next or []):
        where = f"{step.path}.next[{position}]"
        for other in ROUTE_KEYS:
            if other != key and entry.get(other) is not None:
                routes_by = f"they route by {key}" if key else "their entries are {step} only"
                problems.add(f"{where}.{other}", f"{step.type} steps do not route by {other}; {routes_by}")
        value = entry.get(key) if key else None
        if key is not None:
            if not isinstance(value, str) or not value:
                problems.add(f"{where}.{key}", f"is required: {ROUTE_MEANINGS[key]}")
            elif routes is not None and value not in routes:
                known = ", ".join(repr(item) for item in sorted(routes)) or "none"
                problems.add(f"{where}.{key}", f"{value!r} is not {ROUTE_MEANINGS[key]} (known: {known})")
        signature = (entry["step"], value)
        if signature in seen:
            problems.add(where, "repeats an earlier entry of this step")
        seen.add(signature)
