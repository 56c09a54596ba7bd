"""Every graph and deploy rule (Extend §D3) refused with the field path of the offending value."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pagemill.errors import InvalidRequest
from pagemill.workflows.problems import InvalidWorkflow
from pagemill.workflows.validation import validate_steps
from tests.workflows.graphs import (
    KnownProcessors,
    classify_and_review,
    minimal,
    split_and_route,
    unconfigured_extract,
)

Steps = list[dict[str, Any]]


def problems_of(steps: Steps, *, deploying: bool = False) -> InvalidWorkflow:
    with pytest.raises(InvalidWorkflow) as caught:
        validate_steps(steps, catalog=KnownProcessors(), deploying=deploying)
    return caught.value


def mutate(base: Callable[[], Steps], change: Callable[[Steps], object]) -> Steps:
    steps = base()
    change(steps)
    return steps


def setitem(target: dict[str, Any], key: str, value: Any) -> None:
    target[key] = value


CR, SR = classify_and_review, split_and_route


def without_parse(steps: Steps) -> None:
    steps[0]["next"] = [{"step": "classify"}]
    steps.pop(1)


# (case, steps, deploying, path, what the message says)
CASES: list[tuple[str, Steps, bool, str, str]] = [
    ("no steps", [], False, "steps", "at least a TRIGGER"),
    (
        "a step that is not an object",
        mutate(CR, lambda s: setitem(s[3], "next", "collect")),
        False,
        "steps[3].next",
        "must be a list",
    ),
    (
        "a next entry without step",
        mutate(CR, lambda s: setitem(s[3], "next", [{}])),
        False,
        "steps[3].next[0].step",
        "is required",
    ),
    (
        "unknown step type",
        mutate(CR, lambda s: setitem(s[8], "type", "REVIEW")),
        False,
        "steps[8].type",
        "unknown step type 'REVIEW'",
    ),
    ("step without a name", mutate(CR, lambda s: s[8].pop("name")), False, "steps[8].name", "is required"),
    (
        "duplicate step names",
        mutate(CR, lambda s: setitem(s[8], "name", "done")),
        False,
        "steps[9].name",
        "duplicate step name 'done' (also steps[8].name)",
    ),
    ("no TRIGGER", mutate(CR, lambda s: s.pop(0)), False, "steps", "exactly one TRIGGER step; there is none"),
    (
        "two TRIGGERs",
        mutate(CR, lambda s: s.append({"name": "again", "type": "TRIGGER"})),
        False,
        "steps[10].type",
        "exactly one TRIGGER step; steps[0] is one",
    ),
    (
        "TRIGGER not first",
        mutate(CR, lambda s: s.insert(0, s.pop(1))),
        False,
        "steps[1].type",
        "the TRIGGER must be the first step",
    ),
    (
        "TRIGGER routing to two steps",
        mutate(CR, lambda s: s[0]["next"].append({"step": "review"})),
        False,
        "steps[0].next",
        "exactly one step, the PARSE step; got 2",
    ),
    (
        "TRIGGER routing past PARSE",
        mutate(CR, lambda s: setitem(s[0], "next", [{"step": "classify"}])),
        False,
        "steps[0].next[0].step",
        "must route to the PARSE step 'parse'",
    ),
    (
        "no PARSE",
        mutate(CR, without_parse),
        False,
        "steps",
        "exactly one PARSE step; there is none",
    ),
    (
        "another step routing to PARSE",
        mutate(CR, lambda s: setitem(s[8], "next", [{"step": "parse"}])),
        False,
        "steps[8].next[0].step",
        "only the TRIGGER routes to the PARSE step",
    ),
    (
        "a step routing to the TRIGGER",
        mutate(CR, lambda s: setitem(s[8], "next", [{"step": "trigger"}])),
        False,
        "steps[8].next[0].step",
        "no step may route to the TRIGGER",
    ),
    (
        "next naming no step",
        mutate(CR, lambda s: setitem(s[8], "next", [{"step": "nowhere"}])),
        False,
        "steps[8].next[0].step",
        "no step named 'nowhere'",
    ),
    (
        "unreachable step",
        mutate(CR, lambda s: s.append({"name": "orphan", "type": "HUMAN_REVIEW"})),
        False,
        "steps[10]",
        "'orphan' is not reachable from the TRIGGER",
    ),
    (
        "a cycle",
        mutate(CR, lambda s: setitem(s[8], "next", [{"step": "checks"}])),
        False,
        "steps[8].next[0].step",
        "closes a cycle: checks → gate → review → checks",
    ),
    (
        "a step routing to itself",
        mutate(CR, lambda s: setitem(s[8], "next", [{"step": "review"}])),
        False,
        "steps[8].next[0].step",
        "closes a cycle: review → review",
    ),
    (
        "COLLECT joining one branch",
        mutate(CR, lambda s: setitem(s[4], "next", [{"step": "checks"}])),
        False,
        "steps[5]",
        "at least two entries must route to it; got 1",
    ),
    (
        "WEBHOOK_RESPONSE with next",
        mutate(CR, lambda s: setitem(s[9], "next", [{"step": "review"}])),
        False,
        "steps[9].next",
        "terminal step",
    ),
    (
        "TRIGGER with config",
        mutate(CR, lambda s: setitem(s[0], "config", {"x": 1})),
        False,
        "steps[0].config",
        "TRIGGER steps take no config",
    ),
    (
        "repeated next entry",
        mutate(CR, lambda s: s[3]["next"].append({"step": "collect"})),
        False,
        "steps[3].next[1]",
        "repeats an earlier entry",
    ),
    # next variants per step type
    (
        "CLASSIFY entry without classificationId",
        mutate(CR, lambda s: s[2]["next"][0].pop("classificationId")),
        False,
        "steps[2].next[0].classificationId",
        "is required",
    ),
    (
        "CLASSIFY routing by a classification type",
        mutate(CR, lambda s: setitem(s[2]["next"][0], "classificationId", "invoice")),
        False,
        "steps[2].next[0].classificationId",
        "'invoice' is not the id (not the type)",
    ),
    (
        "EXTRACT routing by result",
        mutate(CR, lambda s: setitem(s[3]["next"][0], "result", "pass")),
        False,
        "steps[3].next[0].result",
        "EXTRACT steps do not route by result",
    ),
    (
        "RULE_VALIDATION result not pass/fail",
        mutate(CR, lambda s: setitem(s[6]["next"][0], "result", "ok")),
        False,
        "steps[6].next[0].result",
        '\'ok\' is not "pass" or "fail"',
    ),
    (
        "CONDITIONAL routing to an unknown condition",
        mutate(CR, lambda s: setitem(s[7]["next"][0], "conditionId", "huge")),
        False,
        "steps[7].next[0].conditionId",
        "'huge' is not the id of one of config.conditions",
    ),
    (
        "ROUTER routing to an unknown branch",
        mutate(SR, lambda s: setitem(s[4]["next"][0], "branchId", "b9")),
        False,
        "steps[4].next[0].branchId",
        "'b9' is not the id of one of config.branches",
    ),
    (
        "ROUTER branch named otherwise",
        mutate(SR, lambda s: setitem(s[4]["config"]["branches"][0], "id", "otherwise")),
        False,
        "steps[4].config.branches[0].id",
        "reserved",
    ),
    (
        "VALIDATION result not pass/fail",
        mutate(SR, lambda s: setitem(s[7]["next"][0], "result", "maybe")),
        False,
        "steps[7].next[0].result",
        'is not "pass" or "fail"',
    ),
    # configs: when they are needed
    (
        "unconfigured step at deploy",
        unconfigured_extract(),
        True,
        "steps[2].config",
        "EXTRACT steps need a config before the workflow is deployed",
    ),
    (
        "next on an unconfigured step",
        mutate(CR, lambda s: s[6].pop("config")),
        False,
        "steps[6].next",
        "can only be set once the step has a config",
    ),
    (
        "CONDITIONAL without config",
        mutate(CR, lambda s: s[7].pop("config")),
        False,
        "steps[7].config",
        "is required for CONDITIONAL steps",
    ),
    # configs: processors
    (
        "EXTRACT with a reference and an inline config",
        mutate(CR, lambda s: setitem(s[4]["config"], "extractorConfig", {"schema": {}})),
        False,
        "steps[4].config",
        "exactly one of `extractor`",
    ),
    (
        "inline extractor without schema",
        mutate(CR, lambda s: setitem(s[3], "config", {"extractorConfig": {}})),
        False,
        "steps[3].config.extractorConfig.schema",
        "is required",
    ),
    (
        "EXTRACT reference without version",
        mutate(CR, lambda s: setitem(s[4]["config"], "extractor", {"id": "ex_receipt"})),
        False,
        "steps[4].config.extractor.version",
        "an explicit version",
    ),
    (
        "EXTRACT reference to an unknown extractor",
        mutate(CR, lambda s: setitem(s[4]["config"], "extractor", {"id": "ex_nope", "version": "1.0"})),
        False,
        "steps[4].config.extractor",
        "no extractor 'ex_nope' with version '1.0'",
    ),
    (
        "CLASSIFY reference on latest",
        mutate(CR, lambda s: setitem(s[2], "config", {"classifier": {"id": "cl_docs", "version": "latest"}})),
        False,
        "steps[2].config.classifier.version",
        '"latest" is not allowed',
    ),
    (
        "CLASSIFY routing by an id the referenced version lacks",
        mutate(CR, lambda s: setitem(s[2], "config", {"classifier": {"id": "cl_docs", "version": "0.1"}})),
        False,
        "steps[2].next[1].classificationId",
        "'cls_receipt' is not the id",
    ),
    (
        "SPLIT reference on latest",
        mutate(SR, lambda s: setitem(s[2]["config"]["splitter"], "version", "latest")),
        False,
        "steps[2].config.splitter.version",
        '"latest" is not allowed',
    ),
    (
        "SPLIT routing by an id its inline config lacks",
        mutate(
            SR,
            lambda s: setitem(
                s[2],
                "config",
                {
                    "splitterConfig": {
                        "splitClassifications": [{"id": "cls_a", "type": "a", "description": ""}]
                    }
                },
            ),
        ),
        False,
        "steps[2].next[1].classificationId",
        "'cls_b' is not the id",
    ),
    (
        "duplicate inline classification ids",
        mutate(
            CR,
            lambda s: setitem(s[2]["config"]["classifierConfig"]["classifications"][1], "id", "cls_invoice"),
        ),
        False,
        "steps[2].config.classifierConfig.classifications[1].id",
        "duplicate classification id",
    ),
    # configs: formulas
    (
        "RULE_VALIDATION formula with an unknown function",
        mutate(CR, lambda s: setitem(s[6]["config"]["rules"][0], "formula", "FOO(extract_invoice.total)")),
        False,
        "steps[6].config.rules[0].formula",
        "unknown function FOO at column 1",
    ),
    (
        "RULE_VALIDATION rule without name",
        mutate(CR, lambda s: s[6]["config"]["rules"][0].pop("name")),
        False,
        "steps[6].config.rules[0].name",
        "is required",
    ),
    (
        "RULE_VALIDATION without rules",
        mutate(CR, lambda s: setitem(s[6]["config"], "rules", [])),
        False,
        "steps[6].config.rules",
        "non-empty list",
    ),
    (
        "CONDITIONAL operand that does not compile",
        mutate(
            CR,
            lambda s: setitem(
                s[7]["config"]["conditions"][0], "leftOperand", "{{ extract_invoice.total + }}"
            ),
        ),
        False,
        "steps[7].config.conditions[0].leftOperand",
        "at column",
    ),
    (
        "CONDITIONAL ELSE before IF",
        mutate(CR, lambda s: s[7]["config"]["conditions"].reverse()),
        False,
        "steps[7].config.conditions[0].type",
        "the first condition must be of type IF",
    ),
    (
        "duplicate condition ids",
        mutate(CR, lambda s: setitem(s[7]["config"]["conditions"][1], "id", "large")),
        False,
        "steps[7].config.conditions[1].id",
        "duplicate condition id 'large'",
    ),
    (
        "CONDITIONAL_EXTRACT without a catch-all last rule",
        mutate(SR, lambda s: setitem(s[3]["config"]["rules"][1], "formula", 'metadata.region = "US"')),
        False,
        "steps[3].config.rules[1].formula",
        'catch-all "TRUE"',
    ),
    (
        "CONDITIONAL_EXTRACT rule extractor without version",
        mutate(SR, lambda s: s[3]["config"]["rules"][0]["extractor"].pop("version")),
        False,
        "steps[3].config.rules[0].extractor.version",
        "is required",
    ),
    (
        "CONDITIONAL_EXTRACT formula that does not compile",
        mutate(SR, lambda s: setitem(s[3]["config"]["rules"][0], "formula", "metadata.region = ")),
        False,
        "steps[3].config.rules[0].formula",
        "at column",
    ),
    # configs: shapes
    (
        "EXTERNAL_DATA_VALIDATION URL that is not http",
        mutate(SR, lambda s: setitem(s[5]["config"]["requestOptions"], "url", "ftp://validate.example.com")),
        False,
        "steps[5].config.requestOptions.url",
        "http:// or https://",
    ),
    (
        "EXTERNAL_DATA_VALIDATION method DELETE",
        mutate(SR, lambda s: setitem(s[5]["config"]["requestOptions"], "method", "DELETE")),
        False,
        "steps[5].config.requestOptions.method",
        "'GET', 'POST' or 'PUT'",
    ),
    (
        "EXTERNAL_DATA_VALIDATION without requestOptions",
        mutate(SR, lambda s: setitem(s[5], "config", {})),
        False,
        "steps[5].config.requestOptions",
        "is required",
    ),
    (
        "VALIDATION block of an unknown type",
        mutate(SR, lambda s: setitem(s[7]["config"]["blocks"][0], "blockType", "regex")),
        False,
        "steps[7].config.blocks[0].blockType",
        '"code" or "semantic"',
    ),
    (
        "VALIDATION code block in ruby",
        mutate(
            SR,
            lambda s: setitem(
                s[7]["config"],
                "blocks",
                [{"blockType": "code", "name": "r", "code": {"language": "ruby", "code": "true"}}],
            ),
        ),
        False,
        "steps[7].config.blocks[0].code.language",
        "'javascript' or 'python'",
    ),
    (
        "MERGE_EXTRACT unknown mergeOrder",
        mutate(SR, lambda s: setitem(s[6]["config"], "mergeOrder", "random")),
        False,
        "steps[6].config.mergeOrder",
        "'confidence'",
    ),
    (
        "FILE_CONVERSION unknown failureBehavior",
        mutate(SR, lambda s: setitem(s[8]["config"], "failureBehavior", "RETRY")),
        False,
        "steps[8].config.failureBehavior",
        "'CONTINUE' or 'EXIT'",
    ),
    (
        "PARSE with an invalid parseConfig",
        mutate(CR, lambda s: setitem(s[1]["config"]["parseConfig"], "target", "html")),
        False,
        "steps[1].config.parseConfig.target",
        "'markdown' or 'spatial'",
    ),
]


@pytest.mark.parametrize(
    ("steps", "deploying", "path", "says"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_rule_is_refused_with_its_path(steps: Steps, deploying: bool, path: str, says: str) -> None:
    error = problems_of(steps, deploying=deploying)
    found = [problem for problem in error.problems if problem.path == path]
    assert found, f"no problem at {path}; got {[str(problem) for problem in error.problems]}"
    assert any(says in problem.message for problem in found), [str(problem) for problem in found]
    assert isinstance(error, InvalidRequest) and error.status_code == 400


@pytest.mark.parametrize("base", [minimal, classify_and_review, split_and_route])
@pytest.mark.parametrize("deploying", [False, True])
def test_valid_graphs_pass_as_draft_and_deploy(base: Callable[[], Steps], deploying: bool) -> None:
    steps = validate_steps(base(), catalog=KnownProcessors(), deploying=deploying)
    assert [step.name for step in steps] == [raw["name"] for raw in base()]
    assert all(step.id and step.id.startswith("workflow_step_") for step in steps)


def test_a_draft_may_leave_configurable_steps_unconfigured() -> None:
    steps = unconfigured_extract()
    assert len(validate_steps(steps, catalog=KnownProcessors())) == 3


def test_message_names_the_path_then_the_problem() -> None:
    steps = classify_and_review()
    steps[6]["config"]["rules"][0]["formula"] = "x.a = 1 OR FOO(2)"
    error = problems_of(steps)
    assert error.message == "steps[6].config.rules[0].formula: unknown function FOO at column 12"
    assert error.path == "steps[6].config.rules[0].formula"


def test_many_problems_are_listed_first_five_then_counted() -> None:
    steps = classify_and_review()
    for step in steps[2:9]:
        step["next"] = [{"step": "nowhere"}]
    error = problems_of(steps)
    assert len(error.problems) >= 7
    shown = "; ".join(str(problem) for problem in error.problems[:5])
    assert error.message == f"{shown} (and {len(error.problems) - 5} more)"
    assert "steps[3].next[0].step: no step named 'nowhere'" in shown


def test_lead_text_prefixes_the_message() -> None:
    steps = minimal()
    steps[0]["next"] = []
    with pytest.raises(InvalidWorkflow) as caught:
        validate_steps(steps, catalog=KnownProcessors(), lead="The draft cannot be deployed: ")
    assert caught.value.message.startswith("The draft cannot be deployed: steps[0].next: ")
