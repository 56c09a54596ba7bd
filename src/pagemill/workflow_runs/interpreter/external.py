"""EXTERNAL_DATA_VALIDATION: send the run's extracted data to the user's endpoint through the URL guard.

The request body is `{workflowRunId, metadata, outputs: {step name: output}}`. Header values may use
`{{ secrets.NAME }}` to insert one of the run's secrets. The answer is kept as `{response: {status, data}}`
for later formulas. A refused, failed or non-2xx call follows `failureBehavior`: CONTINUE (default) marks the
step FAILED and goes on; EXIT fails the run.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pagemill.errors import PagemillError
from pagemill.workflow_runs.interpreter.call import StepCall
from pagemill.workflow_runs.interpreter.context import step_outputs
from pagemill.workflow_runs.interpreter.outcome import (
    Outcome,
    StepFailure,
    all_targets,
    go_to,
    required_config,
)
from pagemill.workflow_runs.secrets import open_secrets
from pagemill.workflow_runs.status import FailureReason, StepState

MAX_RESPONSE_BYTES = 1024 * 1024
_SECRET = re.compile(r"\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}")


def _headers(raw: Any, secrets: dict[str, Any]) -> dict[str, str]:
    headers = {str(key): str(value) for key, value in (raw or {}).items()} if isinstance(raw, dict) else {}
    return {
        key: _SECRET.sub(lambda match: str(secrets.get(match.group(1), "")), value)
        for key, value in headers.items()
    }


def _data(body: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(body) if body else {}
    except ValueError:
        return {"body": body.decode("utf-8", "replace")}
    return parsed if isinstance(parsed, dict) else {"body": parsed}


def run_external_data_validation(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    config = required_config(call.step)
    options = config.get("requestOptions") or {}
    exit_on_failure = config.get("failureBehavior") == "EXIT"
    payload = {
        "workflowRunId": call.run.id,
        "metadata": call.run.run_metadata or {},
        "outputs": step_outputs(call.session, call.runtime.storage, call.run, call.token["branch"]),
    }
    headers = _headers(options.get("headers"), open_secrets(call.runtime.settings, call.run.secrets_sealed))
    if options.get("contentType") == "text/plain":
        headers["Content-Type"] = "text/plain"
    try:
        answer = call.runtime.url_guard.request(
            str(options.get("method") or "POST"),
            str(options.get("url") or ""),
            path=f"{call.name}.config.requestOptions.url",
            json=payload,
            headers=headers,
            max_bytes=MAX_RESPONSE_BYTES,
        )
        status, data, problem = answer.status, _data(answer.body), None
        if not 200 <= status < 300:
            problem = f"the endpoint answered HTTP {status}"
    except PagemillError as error:
        status, data, problem = 0, {"error": error.message}, error.message
    result = {"response": {"status": status, "data": data}}
    if problem is None:
        return go_to(all_targets(call.step)), result
    if exit_on_failure:
        raise StepFailure(
            FailureReason.INTERNAL_ERROR, f"External data validation {call.name!r} failed: {problem}"
        )
    call.extra["status"] = StepState.FAILED
    return go_to(all_targets(call.step)), result
