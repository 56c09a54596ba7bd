"""The walk over a step graph: topological, one step per branch, COLLECT after all of its inbound routes."""

from __future__ import annotations

import pytest

from pagemill.workflow_runs.interpreter.walk import Walk, topological_order

FILES = [{"id": "file_1", "name": "a.pdf"}]


def step(name: str, kind: str, *targets: str) -> dict[str, object]:
    return {"name": name, "type": kind, "next": [{"step": target} for target in targets]}


def walked(walk: Walk, routes: dict[str, list[str]]) -> list[str]:
    seen = []
    while (token := walk.next()) is not None:
        seen.append(token["step"])
        walk.advance(token, routes.get(token["step"], []))
    return seen


def test_steps_run_in_topological_order_and_only_where_routed() -> None:
    steps = [
        step("trigger", "TRIGGER", "parse"),
        step("parse", "PARSE", "rules"),
        step("rules", "RULE_VALIDATION", "review", "webhook"),
        step("review", "HUMAN_REVIEW", "webhook"),
        step("webhook", "WEBHOOK_RESPONSE"),
    ]
    routes = {"trigger": ["parse"], "parse": ["rules"], "rules": ["webhook"]}

    assert walked(Walk(steps, FILES), routes) == ["trigger", "parse", "rules", "webhook"]


def test_a_collect_runs_once_after_every_inbound_branch() -> None:
    steps = [
        step("trigger", "TRIGGER", "parse"),
        step("parse", "PARSE", "a", "b"),
        step("collect", "COLLECT", "webhook"),
        step("a", "EXTRACT", "collect"),
        step("b", "EXTRACT", "collect"),
        step("webhook", "WEBHOOK_RESPONSE"),
    ]
    routes = {
        "trigger": ["parse"],
        "parse": ["a", "b"],
        "a": ["collect"],
        "b": ["collect"],
        "collect": ["webhook"],
    }

    assert walked(Walk(steps, FILES), routes) == ["trigger", "parse", "a", "b", "collect", "webhook"]


def test_tokens_carry_the_branch_and_its_files() -> None:
    walk = Walk([step("trigger", "TRIGGER", "parse"), step("parse", "PARSE")], FILES)

    token = walk.next()

    assert token == {"step": "trigger", "branch": "root", "files": FILES}


def test_a_cycle_is_refused() -> None:
    with pytest.raises(ValueError, match="cycle"):
        topological_order([step("a", "TRIGGER", "b"), step("b", "PARSE", "a")])
