"""What a new set of steps inherits from the previous draft, matched by step name.

Every step keeps its internal id. VALIDATION and ROUTER steps given without `config` keep their previous
config; ROUTER branches given without `name` or `block` keep their previous ones, and new branches without a
`block` get one that always routes there. Validation blocks given without an `id` get one.
"""

from __future__ import annotations

from typing import Any

from pagemill.kit.ids import new_id
from pagemill.workflows.step_types import StepType
from pagemill.workflows.steps import Step

STEP_ID_PREFIX = "workflow_step"
BLOCK_ID_PREFIX = "validation_block"
ALWAYS_TRUE = "return true;"


def carry_over(steps: list[Step], previous: list[Step]) -> None:
    """Fill in, in place, what each step of `steps` keeps from the same-named step of `previous`."""
    before_by_name = {step.name: step for step in previous}
    for step in steps:
        before = before_by_name.get(step.name)
        step.id = before.id if before is not None and before.id else new_id(STEP_ID_PREFIX)
        same_type = before is not None and before.type is step.type
        if step.type is StepType.VALIDATION:
            if step.config is None and same_type and before is not None:
                step.config = before.config
            _name_blocks(_list(step.config, "blocks"))
        elif step.type is StepType.ROUTER:
            if step.config is None and same_type and before is not None:
                step.config = before.config
            earlier = _list(before.config, "branches") if same_type and before is not None else []
            _merge_branches(_list(step.config, "branches"), earlier)


def _list(config: dict[str, Any] | None, key: str) -> list[Any]:
    value = (config or {}).get(key)
    return value if isinstance(value, list) else []


def _name_blocks(blocks: list[Any]) -> None:
    for block in blocks:
        if isinstance(block, dict) and block.get("id") is None:
            block["id"] = new_id(BLOCK_ID_PREFIX)


def _merge_branches(branches: list[Any], earlier: list[Any]) -> None:
    earlier_by_id = {branch.get("id"): branch for branch in earlier if isinstance(branch, dict)}
    for branch in branches:
        if not isinstance(branch, dict):
            continue
        previous = earlier_by_id.get(branch.get("id"), {})
        for key in ("name", "block"):
            if branch.get(key) is None and previous.get(key) is not None:
                branch[key] = previous[key]
        if branch.get("block") is None:
            branch["block"] = {
                "blockType": "code",
                "name": branch.get("name") or str(branch.get("id")),
                "code": {"language": "javascript", "code": ALWAYS_TRUE},
            }
        if isinstance(branch["block"], dict):
            _name_blocks([branch["block"]])
