"""Steps that only move the document along: TRIGGER, COLLECT, FILE_CONVERSION, WEBHOOK_RESPONSE, HUMAN_REVIEW.

FILE_CONVERSION passes the file on unchanged: every format Pagemill parses is read natively, so no
conversion is needed before downstream steps. WEBHOOK_RESPONSE ends its branch; the `workflow_run.*` events
are fired when the run finishes.
"""

from __future__ import annotations

from typing import Any

from pagemill.workflow_runs.interpreter.call import StepCall
from pagemill.workflow_runs.interpreter.outcome import Outcome, all_targets, go_to, review


def run_pass_through(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    return go_to(all_targets(call.step)), None


def run_webhook_response(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    return go_to([]), None


def run_human_review(call: StepCall) -> tuple[Outcome, dict[str, Any] | None]:
    return review(), None
