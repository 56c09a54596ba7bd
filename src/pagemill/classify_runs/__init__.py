"""Classify runs: `POST /classify` (sync), `/classify_runs` (async on the engine), batch, get, list, delete, cancel.

The pieces here are generic over the processor (`RunKind`); `split_runs/` reuses them for split runs.
"""
