"""Split runs: `POST /split` (sync), `/split_runs` (async on the engine), batch, get, list, delete, cancel.

Routes, schemas and rules are classify runs' (`classify_runs/`), made for `SPLIT_RUNS`; what is split-only is
the job and the child file each split gets.
"""
