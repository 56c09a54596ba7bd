"""Which step runs next: the graph walked in topological order, one branch (document) at a time.

A token is `{step, branch, files}`: a document (`files`, FileSummary snapshots) arriving at a step. Tokens of
one branch arriving at one step by several routes are joined, so a step runs once per branch.

A SPLIT fans a branch out: each split document becomes a child branch (`root.1`, `root.2`, … — the parent's
name, a dot, the split's position) with the child file as its `files`, routed on by its classification. A
COLLECT joins split branches back into their parent: it runs once per parent branch, after every inbound
route of every child branch has been walked (the graph is acyclic and walked in order, so when a COLLECT is
reached nothing upstream of it is pending), with the parent's files.
"""

from __future__ import annotations

from typing import Any

Token = dict[str, Any]
ROOT = "root"


def parent_branch(branch: str) -> str:
    """The branch a split branch came from; the root is its own parent."""
    return branch.rsplit(".", 1)[0] if "." in branch else branch


def lineage(branch: str) -> list[str]:
    """The branch and every branch it was split from: `root.1.2` → `root`, `root.1`, `root.1.2`."""
    parts = branch.split(".")
    return [".".join(parts[: index + 1]) for index in range(len(parts))]


def child_branch(branch: str, position: int) -> str:
    return f"{branch}.{position}"


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
        self.branch_files: dict[str, list[dict[str, Any]]] = {ROOT: files}
        trigger = next((step["name"] for step in steps if step["type"] == "TRIGGER"), None)
        if trigger is None:
            raise ValueError("the workflow has no TRIGGER step")
        self.pending[trigger].append({"step": trigger, "branch": ROOT, "files": files})

    def next(self) -> Token | None:
        """The next token to execute, or None when every branch has ended."""
        for name in self.order:
            tokens = self.pending[name]
            if not tokens:
                continue
            if self.steps[name]["type"] == "COLLECT":
                return self._join(name, tokens)
            branch = tokens[0]["branch"]
            same = [token for token in tokens if token["branch"] == branch]
            self.pending[name] = [token for token in tokens if token["branch"] != branch]
            return same[0]
        return None

    def _join(self, name: str, tokens: list[Token]) -> Token:
        parent = parent_branch(tokens[0]["branch"])
        self.pending[name] = [token for token in tokens if parent_branch(token["branch"]) != parent]
        return {"step": name, "branch": parent, "files": self.branch_files.get(parent, tokens[0]["files"])}

    def advance(self, token: Token, targets: list[str]) -> None:
        for target in targets:
            if target in self.pending:
                self.pending[target].append({**token, "step": target})

    def fan_out(self, branches: list[dict[str, Any]]) -> None:
        """Start child branches: `[{branch, files, targets}]`, as a SPLIT step's outcome lists them."""
        for child in branches:
            self.branch_files[child["branch"]] = child["files"]
            self.advance({"branch": child["branch"], "files": child["files"]}, child["targets"])
