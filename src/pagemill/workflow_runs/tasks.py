"""The durable interpreter: one async job per workflow run, on the unbounded orchestration queue.

Every decision is a checkpointed step, so a resumed run walks the same way and finished steps are not done
again. Processor steps queue their processor run on the bounded work queue and wait for it without holding
a slot; HUMAN_REVIEW waits for the reviewer's durable message, so a run in review holds no worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from typing import Any

from pagemill.engine import ORCHESTRATION, JobCancelled, await_job, job, recv_async, step
from pagemill.runtime import current
from pagemill.workflow_runs import lifecycle
from pagemill.workflow_runs.interpreter import steps as executor
from pagemill.workflow_runs.interpreter.outcome import Outcome, all_targets, go_to
from pagemill.workflow_runs.interpreter.walk import Walk
from pagemill.workflow_runs.status import FailureReason, RunState

log = logging.getLogger(__name__)

JOB = "workflow_runs.execute"
REVIEW_TOPIC = "workflow_runs.review"
# Nothing is ever sent on this topic: waiting on it is a durable sleep.
SLEEP_TOPIC = "workflow_runs.sleep"
# How long a run in review waits for the reviewer's message before looking at the run row itself (the message
# could be lost if the API process died between committing a review and sending it).
REVIEW_CHECK_SECONDS = 300.0


# How many interpreter steps of one process hold a database session at once. Thousands of runs may be in
# flight (the orchestration queue is unbounded); their steps are short transactions, so a few at a time keep
# up, and the connections a process opens stay within its pool however many runs it executes.
INTERPRETER_SESSIONS = 4
_sessions = threading.BoundedSemaphore(INTERPRETER_SESSIONS)


# How many runs of one process watch their processor run at once. Watching polls the engine's database, so
# a batch of a thousand runs watching together would spend the machine on polling; the others wait in memory
# (their processor runs are queued and run meanwhile) and find them finished when their turn comes.
MAX_WATCHING = 32
_watching = asyncio.Semaphore(MAX_WATCHING)


def _in_session(function: Any, *args: Any) -> Any:
    runtime = current()
    with _sessions, runtime.database.session() as session:
        return function(session, runtime, *args)


@step(retries=2, interval=0.5, name="workflow_runs.begin")
async def _begin(run_id: str) -> dict[str, Any] | None:
    return await asyncio.to_thread(_in_session, lifecycle.begin, run_id)


@step(retries=2, interval=0.5, name="workflow_runs.execute_step")
async def _execute(run_id: str, token: dict[str, Any], steps: list[dict[str, Any]], attempt: int) -> Outcome:
    return await asyncio.to_thread(_in_session, executor.execute, run_id, token, steps, attempt)


@step(retries=2, interval=0.5, name="workflow_runs.collect_step")
async def _collect(run_id: str, token: dict[str, Any], steps: list[dict[str, Any]]) -> Outcome:
    return await asyncio.to_thread(_in_session, executor.collect, run_id, token, steps)


@step(retries=2, interval=0.5, name="workflow_runs.finish")
async def _finish(
    run_id: str, state: str, reason: str | None = None, message: str | None = None
) -> str | None:
    return await asyncio.to_thread(_in_session, lifecycle.finish, run_id, RunState(state), reason, message)


@step(retries=2, interval=0.5, name="workflow_runs.pause_for_review")
async def _pause(run_id: str) -> bool:
    return await asyncio.to_thread(_in_session, lifecycle.pause_for_review, run_id)


@step(retries=2, interval=0.5, name="workflow_runs.review_decision")
async def _decision(run_id: str) -> str | None:
    def decision(session: Any, runtime: Any) -> str | None:
        return lifecycle.review_decision(session, run_id)

    return await asyncio.to_thread(_in_session, decision)


async def _run_processor_step(
    run_id: str, token: dict[str, Any], steps: list[dict[str, Any]], outcome: Outcome
) -> Outcome:
    while outcome["kind"] in ("await", "retry"):
        if outcome["kind"] == "retry":
            await recv_async(SLEEP_TOPIC, float(outcome["delay"]))
            outcome = await _execute(run_id, token, steps, int(outcome["attempt"]))
            continue
        # The step's outcome says what a cancelled processor run means for the workflow run.
        async with _watching:
            with contextlib.suppress(JobCancelled):
                await await_job(outcome["processorRunId"])
        outcome = await _collect(run_id, token, steps)
    return outcome


async def _review(run_id: str, token: dict[str, Any], steps: list[dict[str, Any]]) -> Outcome:
    if not await _pause(run_id):
        return {"kind": "cancel"}
    decision = None
    while decision is None:
        await recv_async(REVIEW_TOPIC, REVIEW_CHECK_SECONDS)
        decision = await _decision(run_id)
    if decision == "rejected":
        return {"kind": "rejected"}
    step_definition = next(item for item in steps if item["name"] == token["step"])
    return go_to(all_targets(step_definition))


async def _walk(run_id: str, plan: dict[str, Any]) -> None:
    steps = plan["steps"]
    walk = Walk(steps, plan["files"])
    while (token := walk.next()) is not None:
        outcome = await _execute(run_id, token, steps, 1)
        outcome = await _run_processor_step(run_id, token, steps, outcome)
        if outcome["kind"] == "review":
            outcome = await _review(run_id, token, steps)
        if outcome["kind"] == "fail":
            await _finish(run_id, RunState.FAILED.value, outcome["reason"], outcome["message"])
            return
        if outcome["kind"] == "cancel":
            await _finish(run_id, RunState.CANCELLED.value)
            return
        if outcome["kind"] == "rejected":
            return
        walk.advance(token, outcome["targets"])
        walk.fan_out(outcome.get("branches") or [])
    await _finish(run_id, RunState.PROCESSED.value)


@job(JOB, queue=ORCHESTRATION)
async def execute_workflow_run(run_id: str) -> None:
    plan = await _begin(run_id)
    if plan is None:
        return
    try:
        await _walk(run_id, plan)
    except Exception as error:  # a step kept failing through its retries: the run fails, the job ends cleanly
        log.exception("workflow run %s failed", run_id)
        await _finish(
            run_id,
            RunState.FAILED.value,
            FailureReason.INTERNAL_ERROR.value,
            f"The run failed unexpectedly: {type(error).__name__}",
        )
