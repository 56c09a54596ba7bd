"""Which step runs next: the graph walked in topological order, one branch (document) at a time.

A token is `{step, branch, files}`: a document (`files`, FileSummary snapshots) arriving at a step. Tokens of
one branch arriving at one step by several routes are joined, so a step runs once per branch; every inbound
route of a COLLECT step has been walked before it runs, because the graph is acyclic and walked in order.
"""

from __future__ import annotations

from typing import Any

Token = dict[str, Any]


def topological_order(steps: list[dict[str, Any]]) -> list[str]:
    names = [step["name"] for step in steps]
    inbound = {name: 0 for name in names}
    targets = {step["name"]: [entry["step"] for entry in step.get("next") or []] for step in steps}
    for outgoing in targets.values():
        for target in outgoing:
            if target in inbound:
                inbound[target] += 1
    ready = [name for name in names if inbound[name] == 0]
    order: list[str] = []
    while ready:
        name = ready.pop(0)
        order.append(name)
        for target in targets[name]:
            if target in inbound:
                inbound[target] -= 1
                if inbound[target] == 0:
                    ready.append(target)
    if len(order) != len(names):
        raise ValueError("the workflow's steps form a cycle")
    return order


class Walk:
    def __init__(self, steps: list[dict[str, Any]], files: list[dict[str, Any]]) -> None:
        self.steps = {step["name"]: step for step in steps}
        self.order = topological_order(steps)
        self.pending: dict[str, list[Token]] = {name: [] for name in self.order}
        trigger = next((step["name"] for step in steps if step["type"] == "TRIGGER"), None)
        if trigger is None:
            raise ValueError("the workflow has no TRIGGER step")
        self.pending[trigger].append({"step": trigger, "branch": "root", "files": files})

    def next(self) -> Token | None:
        """The next token to execute, or None when every branch has ended."""
        for name in self.order:
            tokens = self.pending[name]
            if not tokens:
                continue
            branch = tokens[0]["branch"]
            same = [token for token in tokens if token["branch"] == branch]
            self.pending[name] = [token for token in tokens if token["branch"] != branch]
            return same[0]
        return None

    def advance(self, token: Token, targets: list[str]) -> None:
        for target in targets:
            if target in self.pending:
                self.pending[target].append({**token, "step": target})
