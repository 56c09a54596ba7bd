"""Every queue Pagemill runs work on, declared in this one place.

A run that may pause (human review, waiting on children) goes on the unbounded `orchestration` queue: a paused
run must hold no concurrency slot. CPU- or model-heavy work goes on the bounded `work` queue, at most
`worker_concurrency` at once per executing process. Everything else small goes on `default`. Every queue
orders by priority (1 runs before 100, Extend's convention) and then by age.
"""

from __future__ import annotations

from dataclasses import dataclass

from dbos import DBOSClient

ORCHESTRATION = "orchestration"
WORK = "work"
DEFAULT = "default"

MIN_PRIORITY = 1
MAX_PRIORITY = 100



@dataclass(frozen=True)
class QueueSpec:
    name: str
    bounded: bool  # bounded queues run at most `worker_concurrency` jobs at once per process


QUEUES: tuple[QueueSpec, ...] = (
    QueueSpec(ORCHESTRATION, bounded=False),
    QueueSpec(WORK, bounded=True),
    QueueSpec(DEFAULT, bounded=False),
)
QUEUE_NAMES = frozenset(spec.name for spec in QUEUES)


def declare_queues(
    client: DBOSClient, worker_concurrency: int, application_name: str, polling_interval: float
) -> None:
    """Store the queues' configuration in the system database, where every executing process reads it.

    The per-process bound is one stored value, so the executing process that starts last sets it for all.
    """
    for spec in QUEUES:
        client.register_queue(
            spec.name,
            worker_concurrency=worker_concurrency if spec.bounded else None,
            polling_interval_sec=polling_interval,
            on_conflict="always_update",
            application_name=application_name,
        )


def check_queue(name: str) -> str:
    if name not in QUEUE_NAMES:
        raise ValueError(f"unknown queue {name!r}; queues are {sorted(QUEUE_NAMES)}")
    return name


def check_priority(priority: int) -> int:
    if not MIN_PRIORITY <= priority <= MAX_PRIORITY:
        raise ValueError(f"priority must be between {MIN_PRIORITY} and {MAX_PRIORITY}, got {priority}")
    return priority
