"""The walk over a step graph: topological, one step per branch, COLLECT after all of its inbound routes."""

from __future__ import annotations

import pytest

from pagemill.workflow_runs.interpreter.walk import Walk, lineage, parent_branch, topological_order

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


def test_a_split_fans_out_into_child_branches_that_a_collect_joins_once() -> None:
    steps = [
        step("trigger", "TRIGGER", "split"),
        step("split", "SPLIT", "a", "b"),
        step("a", "EXTRACT", "collect"),
        step("b", "EXTRACT", "collect"),
        step("collect", "COLLECT", "webhook"),
        step("webhook", "WEBHOOK_RESPONSE"),
    ]
    walk = Walk(steps, FILES)
    seen = []
    while (token := walk.next()) is not None:
        seen.append((token["step"], token["branch"], token["files"][0]["id"]))
        if token["step"] == "split":
            walk.fan_out(
                [
                    {"branch": "root.1", "files": [{"id": "child_1"}], "targets": ["a"]},
                    {"branch": "root.2", "files": [{"id": "child_2"}], "targets": ["b"]},
                    {"branch": "root.3", "files": [{"id": "child_3"}], "targets": ["a"]},
                ]
            )
            continue
        walk.advance(token, [entry["step"] for entry in steps_by_name(steps)[token["step"]]["next"]])

    assert seen == [
        ("trigger", "root", "file_1"),
        ("split", "root", "file_1"),
        ("a", "root.1", "child_1"),
        ("a", "root.3", "child_3"),
        ("b", "root.2", "child_2"),
        ("collect", "root", "file_1"),
        ("webhook", "root", "file_1"),
    ]


def steps_by_name(steps: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(item["name"]): item for item in steps}


def test_branch_names_say_where_a_split_document_came_from() -> None:
    assert lineage("root.1.2") == ["root", "root.1", "root.1.2"]
    assert parent_branch("root.1.2") == "root.1" and parent_branch("root") == "root"
