"""The durable job that delivers one event to one endpoint, retrying with exponential backoff for a day.

The job id is the delivery id. Each attempt is a checkpointed step and each wait a durable `recv` timeout, so
a delivery survives restarts: it resumes at the attempt it was on, after the wait it had left. The job is
async, so a delivery waiting for its next retry holds no thread.
"""

from __future__ import annotations

import asyncio
import logging

from pagemill.engine import ORCHESTRATION, job, recv_async, step
from pagemill.runtime import current
from pagemill.webhooks import delivery
from pagemill.webhooks.delivery import Outcome

log = logging.getLogger(__name__)

DELIVER_JOB = "webhooks.deliver"
# A message on this topic ends the current wait early (a "retry now").
WAKE_TOPIC = "webhooks.wake"


@step(name="webhooks.schedule")
async def _schedule() -> list[float]:
    """Checkpointed, so a delivery keeps the schedule it started with when settings change under it."""
    return delivery.retry_delays(current().settings)


@step(retries=3, interval=1.0, backoff=2.0, name="webhooks.attempt")
async def _attempt(delivery_id: str, number: int, retry_in: float | None) -> str:
    outcome = await asyncio.to_thread(delivery.attempt, current(), delivery_id, number, retry_in)
    return outcome.value


@step(name="webhooks.give_up")
async def _give_up(delivery_id: str) -> None:
    await asyncio.to_thread(delivery.give_up, current(), delivery_id)


@job(DELIVER_JOB, queue=ORCHESTRATION)
async def deliver_webhook(delivery_id: str) -> str:
    delays = await _schedule()
    outcome = Outcome.RETRY
    for number, retry_in in enumerate([*delays, None], start=1):
        try:
            outcome = Outcome(await _attempt(delivery_id, number, retry_in))
        except Exception:  # the database was away through the step's retries: count it as a failed attempt
            log.exception("webhook delivery %s attempt %d could not be made", delivery_id, number)
            outcome = Outcome.RETRY
        if outcome is not Outcome.RETRY or retry_in is None:
            break
        await recv_async(WAKE_TOPIC, retry_in)
    if outcome is Outcome.RETRY:
        await _give_up(delivery_id)
    return outcome.value
