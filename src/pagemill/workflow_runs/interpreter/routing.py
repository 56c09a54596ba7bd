"""Steps that decide where a document goes: CONDITIONAL, ROUTER, RULE_VALIDATION and VALIDATION."""

from __future__ import annotations

from typing import Any

from pagemill.formulas import FormulaError, parse_conditions, validate_rules
from pagemill.workflow_runs.interpreter.blocks import run_block
from pagemill.workflow_runs.interpreter.call import StepCall
from pagemill.workflow_runs.interpreter.outcome import (
    Outcome,
    StepFailure,
    go_to,
    required_config,
    targets_by,
)
from pagemill.workflow_runs.status import FailureReason

OTHERWISE = "otherwise"


def run_conditional(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    """The first matching condition's `conditionId` routes; with none matching the branch ends."""
    config = required_config(call.step)
    try:
        chosen = parse_conditions(config.get("conditions") or []).select(call.context)
    except FormulaError as error:
        raise StepFailure(FailureReason.INVALID_WORKFLOW, f"Step {call.name!r}: {error}") from None
    if chosen is None:
        return go_to([]), {"conditionId": None}
    return go_to(targets_by(call.step, "conditionId", chosen)), {"conditionId": chosen}


def run_rule_validation(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    config = required_config(call.step)
    result = validate_rules(config.get("rules") or [], call.context)
    return go_to(targets_by(call.step, "result", "pass" if result["allPassed"] else "fail")), result


def run_validation(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    blocks = (call.step.get("config") or {}).get("blocks") or []
    results = [run_block(block, call.context, f"block{index + 1}") for index, block in enumerate(blocks)]
    valid = all(item["valid"] for item in results)
    return go_to(targets_by(call.step, "result", "pass" if valid else "fail")), {
        "valid": valid,
        "blocks": results,
    }


def run_router(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    """Branches are tried in order; the first whose block is valid routes, else `otherwise`."""
    evaluated: list[dict[str, Any]] = []
    matched: dict[str, str] | None = None
    for branch in (call.step.get("config") or {}).get("branches") or []:
        identity = {"id": str(branch["id"]), "name": str(branch.get("name") or branch["id"])}
        block = branch.get("block") or {
            "blockType": "code",
            "code": {"language": "javascript", "code": "true"},
        }
        outcome = run_block(block, call.context, identity["name"])
        entry = {**identity, "matched": outcome["valid"]}
        if outcome.get("error"):
            entry["error"] = outcome["error"]
        evaluated.append(entry)
        if outcome["valid"]:
            matched = identity
            break
    route = matched["id"] if matched else OTHERWISE
    return go_to(targets_by(call.step, "branchId", route)), {"matchedBranch": matched, "branches": evaluated}
