"""Configs made of validation blocks: VALIDATION `blocks` and ROUTER `branches` (each may hold a block)."""

from __future__ import annotations

from typing import Any

from pagemill.workflows.shapes import BLOCK_SHAPES, ConfigContext, Routes, check_shape, items_of, unique_ids
from pagemill.workflows.step_types import OTHERWISE, RESULTS


def check_validation(config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    blocks = items_of(config, "blocks", path, context.problems, "code or semantic blocks")
    ids = [_check_block(block, f"{path}.blocks[{index}]", context) for index, block in enumerate(blocks)]
    unique_ids([pair for pair in ids if pair is not None], context.problems, "block")
    return frozenset(RESULTS)


def check_router(config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    problems = context.problems
    ids: list[tuple[str, str]] = []
    for index, branch in enumerate(
        items_of(config, "branches", path, problems, "branches {id, name?, block?}")
    ):
        where = f"{path}.branches[{index}]"
        if not isinstance(branch, dict):
            problems.add(where, "must be an object {id, name?, block?}")
            continue
        identifier = branch.get("id")
        if not isinstance(identifier, str) or not identifier:
            problems.add(f"{where}.id", "is required: a string unique in this step")
        elif identifier == OTHERWISE:
            problems.add(
                f"{where}.id", f'"{OTHERWISE}" is reserved for the route taken when no branch matches'
            )
        else:
            ids.append((f"{where}.id", identifier))
        if branch.get("name") is not None and not isinstance(branch["name"], str):
            problems.add(f"{where}.name", "must be a string")
        if branch.get("block") is not None:
            _check_block(branch["block"], f"{where}.block", context)
    return unique_ids(ids, problems, "branch") | {OTHERWISE}


def _check_block(block: Any, path: str, context: ConfigContext) -> tuple[str, str] | None:
    if not isinstance(block, dict):
        context.problems.add(path, "must be an object {blockType, name, code | semantic}")
        return None
    shape = BLOCK_SHAPES.get(block.get("blockType"))  # type: ignore[arg-type]
    if shape is None:
        context.problems.add(f"{path}.blockType", 'must be "code" or "semantic"')
        return None
    checked = check_shape(shape, block, path, context.problems)
    identifier = getattr(checked, "id", None)
    return (f"{path}.id", identifier) if isinstance(identifier, str) else None
