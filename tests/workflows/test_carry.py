"""What a replaced step list keeps from the previous draft, matched by step name."""

from __future__ import annotations

from typing import Any

from pagemill.workflows.carry import ALWAYS_TRUE, carry_over
from pagemill.workflows.problems import Problems
from pagemill.workflows.steps import Step, read_steps

CODE_BLOCK = {"blockType": "code", "name": "total", "code": {"language": "javascript", "code": "return 1;"}}


def read(raw: list[dict[str, Any]]) -> list[Step]:
    problems = Problems()
    steps = read_steps(raw, problems)
    assert not problems, problems.items
    return steps


def saved(raw: list[dict[str, Any]]) -> list[Step]:
    steps = read(raw)
    carry_over(steps, [])
    return steps


def test_same_name_keeps_its_id_and_a_new_name_gets_a_new_one() -> None:
    before = saved([{"name": "extract", "type": "EXTRACT"}, {"name": "review", "type": "HUMAN_REVIEW"}])
    after = read([{"name": "review", "type": "HUMAN_REVIEW"}, {"name": "extract_v2", "type": "EXTRACT"}])
    carry_over(after, before)
    assert after[0].id == before[1].id
    assert after[1].id not in {before[0].id, before[1].id}
    assert after[1].id and after[1].id.startswith("workflow_step_")


def test_validation_without_config_keeps_its_blocks_and_blocks_get_ids() -> None:
    before = saved([{"name": "check", "type": "VALIDATION", "config": {"blocks": [dict(CODE_BLOCK)]}}])
    block_id = before[0].config["blocks"][0]["id"]  # type: ignore[index]
    assert block_id.startswith("validation_block_")
    after = read([{"name": "check", "type": "VALIDATION"}])
    carry_over(after, before)
    assert after[0].config == {"blocks": [{**CODE_BLOCK, "id": block_id}]}


def test_validation_with_config_replaces_its_blocks() -> None:
    before = saved([{"name": "check", "type": "VALIDATION", "config": {"blocks": [dict(CODE_BLOCK)]}}])
    semantic = {"blockType": "semantic", "id": "mine", "name": "s", "semantic": {"promptText": "ok?"}}
    after = read([{"name": "check", "type": "VALIDATION", "config": {"blocks": [semantic]}}])
    carry_over(after, before)
    assert after[0].config == {"blocks": [semantic]}


def test_router_branches_keep_name_and_block_and_new_ones_default_to_true() -> None:
    before = saved(
        [
            {
                "name": "route",
                "type": "ROUTER",
                "config": {"branches": [{"id": "b1", "name": "big", "block": dict(CODE_BLOCK)}]},
            }
        ]
    )
    kept_block = before[0].config["branches"][0]["block"]  # type: ignore[index]
    after = read([{"name": "route", "type": "ROUTER", "config": {"branches": [{"id": "b1"}, {"id": "b2"}]}}])
    carry_over(after, before)
    first, second = after[0].config["branches"]  # type: ignore[index]
    assert first == {"id": "b1", "name": "big", "block": kept_block}
    assert second["block"]["code"] == {"language": "javascript", "code": ALWAYS_TRUE}
    assert second["block"]["id"].startswith("validation_block_")


def test_router_without_config_keeps_its_branches_but_not_across_a_type_change() -> None:
    before = saved([{"name": "route", "type": "ROUTER", "config": {"branches": [{"id": "b1"}]}}])
    after = read([{"name": "route", "type": "ROUTER"}])
    carry_over(after, before)
    assert after[0].config == before[0].config
    retyped = read([{"name": "route", "type": "VALIDATION"}])
    carry_over(retyped, before)
    assert retyped[0].config is None
