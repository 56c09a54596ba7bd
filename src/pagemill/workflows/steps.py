"""Step definitions as the API takes and gives them: `{name, type, config?, next?}`, read with field paths."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pagemill.workflows.problems import Problems
from pagemill.workflows.step_types import StepType

MAX_STEPS = 500
MAX_NAME_LENGTH = 255


@dataclass
class Step:
    """One step of a graph. `id` is its internal identity, kept across draft edits while its name stays."""

    index: int
    name: str
    type: StepType
    config: dict[str, Any] | None = None
    next: list[dict[str, Any]] | None = None
    id: str | None = None

    @property
    def path(self) -> str:
        return f"steps[{self.index}]"

    @property
    def targets(self) -> list[str]:
        return [entry["step"] for entry in self.next or []]

    def stored(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type.value}
        if self.config is not None:
            body["config"] = self.config
        if self.next is not None:
            body["next"] = self.next
        return body


def wire_steps(stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored steps as the API shows them: without the internal id, `config`/`next` only when set."""
    return [{key: value for key, value in step.items() if key != "id"} for step in stored]


def stored_steps(stored: list[dict[str, Any]]) -> list[Step]:
    return [
        Step(
            index=index,
            name=raw["name"],
            type=StepType(raw["type"]),
            config=raw.get("config"),
            next=raw.get("next"),
            id=raw.get("id"),
        )
        for index, raw in enumerate(stored)
    ]


def read_steps(raw_steps: list[Any], problems: Problems) -> list[Step]:
    """Check each step's envelope (type, name, config and next shapes); problems go to `problems`."""
    if not raw_steps:
        problems.add("steps", "a workflow needs at least a TRIGGER step and a PARSE step")
    if len(raw_steps) > MAX_STEPS:
        problems.add("steps", f"a workflow has at most {MAX_STEPS} steps; got {len(raw_steps)}")
        return []
    steps = []
    for index, raw in enumerate(raw_steps):
        step = _read_step(index, raw, problems)
        if step is not None:
            steps.append(step)
    return steps


def _read_step(index: int, raw: Any, problems: Problems) -> Step | None:
    path = f"steps[{index}]"
    if not isinstance(raw, dict):
        problems.add(path, "must be an object with `name` and `type`")
        return None
    found = len(problems.items)
    kind = raw.get("type")
    allowed = ", ".join(member.value for member in StepType)
    if kind is None:
        problems.add(f"{path}.type", f"is required; one of {allowed}")
    elif kind not in StepType.__members__:
        problems.add(f"{path}.type", f"unknown step type {kind!r}; one of {allowed}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add(f"{path}.name", "is required: a non-empty string unique in the workflow")
    elif len(name) > MAX_NAME_LENGTH:
        problems.add(f"{path}.name", f"is longer than {MAX_NAME_LENGTH} characters")
    config = raw.get("config")
    if config is not None and not isinstance(config, dict):
        problems.add(f"{path}.config", "must be an object")
    entries = raw.get("next")
    if entries is not None:
        _check_entries(path, entries, problems)
    if len(problems.items) > found:
        return None
    return Step(index=index, name=str(name), type=StepType(str(kind)), config=config, next=entries)


def _check_entries(path: str, entries: Any, problems: Problems) -> None:
    if not isinstance(entries, list):
        problems.add(f"{path}.next", "must be a list of `{step, …}` entries")
        return
    for position, entry in enumerate(entries):
        where = f"{path}.next[{position}]"
        if not isinstance(entry, dict):
            problems.add(where, "must be an object with `step`")
        elif not isinstance(entry.get("step"), str) or not entry["step"]:
            problems.add(f"{where}.step", "is required: the name of the step to route to")
