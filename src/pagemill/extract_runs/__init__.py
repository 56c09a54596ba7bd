"""Extract runs: `POST /extract` (sync), `/extract_runs` (async), batch, get, list, delete, cancel."""
