"""The 2025-04-21 shapes of `/workflow_runs*` (`x-extend-api-version: 2025-04-21`): `workflowId`, `files[]`,
`rawTexts`, `success` wrappers, processor runs as `outputs`, and the correct-outputs endpoint the current
version removed. Requests are translated to the current service; runs are the same rows either way."""
