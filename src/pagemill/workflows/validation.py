"""Validates a whole step list: each step's envelope, config and `next`, then the graph (Extend §D3).

A draft may leave configurable steps unconfigured; a deploy may not. Problems are collected and raised as one
INVALID_REQUEST whose message lists the first few with their paths (`steps[2].next[0].classificationId: …`).
"""

from __future__ import annotations

from typing import Any

from pagemill.workflows.carry import carry_over
from pagemill.workflows.catalog import ProcessorCatalog
from pagemill.workflows.configs import check_config
from pagemill.workflows.graph import check_graph
from pagemill.workflows.problems import Problems
from pagemill.workflows.routing import check_routes
from pagemill.workflows.shapes import ConfigContext, Routes
from pagemill.workflows.step_types import KINDS, OTHERWISE, RESULTS, ConfigNeed, StepType
from pagemill.workflows.steps import Step, read_steps


def validate_steps(
    raw_steps: list[Any],
    *,
    catalog: ProcessorCatalog,
    previous: list[Step] | None = None,
    deploying: bool = False,
    lead: str = "",
) -> list[Step]:
    """The checked steps, each with its internal id and what it keeps from the same-named `previous` step.

    Raises `InvalidWorkflow` (400 INVALID_REQUEST) naming every problem found, the first one's path as `path`.
    """
    problems = Problems()
    steps = read_steps(raw_steps, problems)
    problems.raise_if_any(lead)
    carry_over(steps, previous or [])
    context = ConfigContext(catalog=catalog, problems=problems)
    for step in steps:
        check_routes(step, _check_step(step, context, deploying), problems)
    check_graph(steps, problems)
    problems.raise_if_any(lead)
    return steps


def _check_step(step: Step, context: ConfigContext, deploying: bool) -> Routes:
    kind, problems = KINDS[step.type], context.problems
    if kind.terminal and step.next:
        problems.add(f"{step.path}.next", f"{step.type} is a terminal step: it takes no next")
    if step.config is not None:
        if kind.config is ConfigNeed.NONE:
            problems.add(f"{step.path}.config", f"{step.type} steps take no config")
            return None
        return check_config(step.type, step.config, f"{step.path}.config", context)
    if kind.config is ConfigNeed.ALWAYS:
        problems.add(f"{step.path}.config", f"is required for {step.type} steps")
    elif kind.config is ConfigNeed.FOR_DEPLOY:
        if deploying:
            problems.add(
                f"{step.path}.config", f"{step.type} steps need a config before the workflow is deployed"
            )
        if step.next:
            problems.add(f"{step.path}.next", "can only be set once the step has a config")
    if kind.route_key == "result":
        return frozenset(RESULTS)
    return frozenset({OTHERWISE}) if step.type is StepType.ROUTER else None
