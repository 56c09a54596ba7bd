"""Rules of the step graph as a whole (Extend §D3): unique names, one TRIGGER first and routing to the one
PARSE, existing targets, every step reachable from the TRIGGER, no cycles, COLLECT joining branches."""

from __future__ import annotations

from dataclasses import dataclass

from pagemill.workflows.problems import Problems
from pagemill.workflows.step_types import StepType
from pagemill.workflows.steps import Step


@dataclass(frozen=True)
class Edge:
    source: Step
    position: int
    target: Step

    @property
    def path(self) -> str:
        return f"{self.source.path}.next[{self.position}].step"


def check_graph(steps: list[Step], problems: Problems) -> None:
    by_name = _unique_names(steps, problems)
    trigger = _single(steps, StepType.TRIGGER, problems)
    parse = _single(steps, StepType.PARSE, problems)
    if trigger is not None:
        _check_trigger(trigger, parse, problems)
    edges = _edges(steps, by_name, trigger, problems)
    if trigger is not None:
        _check_reachable(by_name, trigger, edges, problems)
    _check_acyclic(by_name, edges, problems)
    _check_collects(by_name, edges, problems)


def _unique_names(steps: list[Step], problems: Problems) -> dict[str, Step]:
    by_name: dict[str, Step] = {}
    for step in steps:
        first = by_name.setdefault(step.name, step)
        if first is not step:
            problems.add(f"{step.path}.name", f"duplicate step name {step.name!r} (also {first.path}.name)")
    return by_name


def _single(steps: list[Step], step_type: StepType, problems: Problems) -> Step | None:
    found = [step for step in steps if step.type is step_type]
    if not found:
        problems.add("steps", f"a workflow needs exactly one {step_type} step; there is none")
        return None
    for extra in found[1:]:
        problems.add(
            f"{extra.path}.type", f"a workflow has exactly one {step_type} step; {found[0].path} is one"
        )
    return found[0]


def _check_trigger(trigger: Step, parse: Step | None, problems: Problems) -> None:
    if trigger.index != 0:
        problems.add(f"{trigger.path}.type", "the TRIGGER must be the first step")
    entries = trigger.next or []
    if len(entries) != 1:
        problems.add(
            f"{trigger.path}.next",
            f"the TRIGGER routes to exactly one step, the PARSE step; got {len(entries)}",
        )
    elif parse is not None and entries[0]["step"] != parse.name:
        problems.add(
            f"{trigger.path}.next[0].step", f"the TRIGGER must route to the PARSE step {parse.name!r}"
        )


def _edges(
    steps: list[Step], by_name: dict[str, Step], trigger: Step | None, problems: Problems
) -> dict[str, list[Edge]]:
    """Outgoing edges by step name, leaving out (and reporting) those that go nowhere or where none may go."""
    edges: dict[str, list[Edge]] = {name: [] for name in by_name}
    for step in steps:
        if by_name.get(step.name) is not step:
            continue
        for position, entry in enumerate(step.next or []):
            edge_path = f"{step.path}.next[{position}].step"
            target = by_name.get(entry["step"])
            if target is None:
                problems.add(edge_path, f"no step named {entry['step']!r}")
            elif target.type is StepType.TRIGGER:
                problems.add(edge_path, "no step may route to the TRIGGER")
            elif target.type is StepType.PARSE and step is not trigger:
                problems.add(edge_path, "only the TRIGGER routes to the PARSE step")
            else:
                edges[step.name].append(Edge(step, position, target))
    return edges


def _check_reachable(
    by_name: dict[str, Step], trigger: Step, edges: dict[str, list[Edge]], problems: Problems
) -> None:
    reached = {trigger.name}
    frontier = [trigger.name]
    while frontier:
        for edge in edges[frontier.pop()]:
            if edge.target.name not in reached:
                reached.add(edge.target.name)
                frontier.append(edge.target.name)
    for name, step in by_name.items():
        if name not in reached:
            problems.add(step.path, f"step {name!r} is not reachable from the TRIGGER")


def _check_acyclic(by_name: dict[str, Step], edges: dict[str, list[Edge]], problems: Problems) -> None:
    finished: set[str] = set()
    for root in by_name:
        if root in finished:
            continue
        trail: list[str] = [root]
        pending = [iter(edges[root])]
        while pending:
            edge = next(pending[-1], None)
            if edge is None:
                finished.add(trail.pop())
                pending.pop()
                continue
            target = edge.target.name
            if target in trail:
                loop = " → ".join([*trail[trail.index(target) :], target])
                problems.add(edge.path, f"routing to {target!r} closes a cycle: {loop}")
            elif target not in finished:
                trail.append(target)
                pending.append(iter(edges[target]))


def _check_collects(by_name: dict[str, Step], edges: dict[str, list[Edge]], problems: Problems) -> None:
    inbound = {name: 0 for name in by_name}
    for outgoing in edges.values():
        for edge in outgoing:
            inbound[edge.target.name] += 1
    for name, step in by_name.items():
        if step.type is StepType.COLLECT and inbound[name] < 2:
            problems.add(
                step.path,
                f"a COLLECT step joins branches: at least two entries must route to it; got {inbound[name]}",
            )
