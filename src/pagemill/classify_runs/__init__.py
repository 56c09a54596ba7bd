"""Classify runs: `POST /classify` (sync), `/classify_runs` (async), batch, get, list, delete, cancel.

The pieces here are generic over the processor (`RunKind`); `split_runs/` reuses them for split runs.
"""
