"""Workflow runs: the runs API, batches, human review, and the durable interpreter that executes a version."""
