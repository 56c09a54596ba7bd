"""Extract runs: `POST /extract` (sync), `/extract_runs` (async on the engine), batch, get, list, delete, cancel."""
