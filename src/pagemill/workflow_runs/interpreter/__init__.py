"""The generic interpreter of workflow versions: walking the step graph and executing each step type.

`walk.Walk` decides which step runs next (pure and deterministic, so a resumed job walks the same way);
`steps.execute` runs one step for one branch and records it as a step run; the modules per step family hold
the semantics of each type.
"""
