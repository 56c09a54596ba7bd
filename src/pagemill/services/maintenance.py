"""The loop services Pagemill runs, and how a process starts them."""

from __future__ import annotations

import logging
from datetime import timedelta

from pagemill.runs.reconcile import enqueue_stranded_runs
from pagemill.runtime import Runtime
from pagemill.services.loop import LoopService
from pagemill.webhooks.service import enqueue_stranded_deliveries

log = logging.getLogger(__name__)


class StrandedRunRequeuer(LoopService):
    """Enqueues processor runs left PENDING without a job (a process died between commit and enqueue)."""

    name = "stranded-runs"
    interval = 30.0

    def __init__(self, runtime: Runtime):
        super().__init__()
        self.runtime = runtime

    def tick(self) -> None:
        count = enqueue_stranded_runs(self.runtime, older_than=timedelta(minutes=2))
        if count:
            log.info("re-enqueued %d stranded run(s)", count)


class StrandedDeliveryRequeuer(LoopService):
    """Enqueues webhook deliveries recorded without a job (a process died between commit and enqueue)."""

    name = "stranded-deliveries"
    interval = 30.0

    def __init__(self, runtime: Runtime):
        super().__init__()
        self.runtime = runtime

    def tick(self) -> None:
        count = enqueue_stranded_deliveries(self.runtime, older_than=timedelta(minutes=2))
        if count:
            log.info("re-enqueued %d stranded webhook deliveries", count)


class StorageTempSweeper(LoopService):
    """Removes leftovers of interrupted uploads (local temp files, abandoned S3 multipart uploads)."""

    name = "storage-sweeper"
    interval = 3600.0

    def __init__(self, runtime: Runtime):
        super().__init__()
        self.runtime = runtime

    def tick(self) -> None:
        removed = self.runtime.storage.sweep_temp(timedelta(hours=6))
        if removed:
            log.info("removed %d interrupted upload(s) from storage", removed)


def start_loop_services(runtime: Runtime) -> list[LoopService]:
    services: list[LoopService] = [
        StrandedRunRequeuer(runtime),
        StrandedDeliveryRequeuer(runtime),
        StorageTempSweeper(runtime),
    ]
    for service in services:
        service.start()
    return services
