"""Parse runs: `POST /parse` (sync), `/parse_runs` (async on the engine), get, list, delete, cancel, batch."""
