"""`Engine`: what the rest of Pagemill calls to run durable jobs, identical in every role.

Every operation here goes through the engine's client on the system database, so a `role=api` process
(which executes nothing) and a `role=all` process (which also executes) enqueue, wait, cancel and message
the same way.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

from dbos import DBOS, DBOSClient
from dbos import error as dbos_errors

from pagemill.config import Role, Settings
from pagemill.engine import runtime
from pagemill.engine.errors import EngineError, JobCancelled, JobNotFound, JobTimeout
from pagemill.engine.jobs import enqueue_options
from pagemill.engine.status import JobStatus

DEFAULT_PRIORITY = 50
_FIRST_POLL_SECONDS = 0.05
_MAX_POLL_SECONDS = 0.5


class Engine:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: DBOSClient | None = None
        self._runtime: runtime.Runtime | None = None

    @property
    def role(self) -> Role:
        return self.settings.role

    @property
    def executor_id(self) -> str | None:
        """The id runs executed by this process carry; None when this process executes nothing (role=api)."""
        return self._runtime.executor_id if self._runtime is not None else None

    @property
    def started(self) -> bool:
        return self._client is not None

    def start(self) -> None:
        """Connect; in roles `all` and `worker` also execute queued work. Calling it again does nothing."""
        if self._client is not None:
            return
        url = self.settings.system_database_url
        runtime.prepare_system_database(url)
        # Create or upgrade the system tables: an API process may come up before any worker.
        DBOS.migrate(url)
        client = DBOSClient(
            system_database_url=url,
            application_name=runtime.APP_NAME,
            # Fail fast rather than block a request while the database is away.
            retry_connection_errors=False,
        )
        try:
            if runtime.executes_work(self.role):
                self._runtime = runtime.launch(self.settings, client)
        except BaseException:
            client.destroy()
            raise
        self._client = client

    def stop(self) -> None:
        """Stop executing and disconnect; runs left unfinished here are recovered later. Idempotent."""
        client, self._client = self._client, None
        if client is not None:
            client.destroy()
        self._stop_runtime()

    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def ping(self) -> None:
        """Raise if the system database cannot be reached."""
        self._connected().check_connection()

    def enqueue(
        self,
        job_name: str,
        *args: Any,
        queue: str | None = None,
        priority: int = DEFAULT_PRIORITY,
        idempotency_key: str | None = None,
        workflow_id: str | None = None,
    ) -> str:
        """Queue a run of a declared job and return its run id.

        `queue` defaults to the queue the job was declared with. Priority 1 runs before 100. A `workflow_id`
        already used returns that run instead of starting another; an `idempotency_key` equal to the key of a
        run still queued or running returns that run.
        """
        options = enqueue_options(job_name, queue=queue, priority=priority, workflow_id=workflow_id)
        if idempotency_key is not None:
            options["deduplication_id"] = idempotency_key
            options["duplication_policy"] = "return-existing"
        return self._connected().enqueue(options, *args).get_workflow_id()

    def status(self, workflow_id: str) -> JobStatus:
        runs = self._connected().list_workflows(
            workflow_ids=[workflow_id], load_input=False, load_output=False
        )
        if not runs:
            raise JobNotFound(workflow_id)
        return JobStatus.from_engine(runs[0].status)

    def result(self, workflow_id: str, timeout: float) -> Any:
        """Wait up to `timeout` seconds for the run to finish and return its value.

        Raises the job's own exception if it failed, JobCancelled, JobNotFound or JobTimeout.
        """
        deadline = time.monotonic() + timeout
        pause = _FIRST_POLL_SECONDS
        while not (status := self.status(workflow_id)).is_final:
            left = deadline - time.monotonic()
            if left <= 0:
                raise JobTimeout(workflow_id, timeout, status.value)
            time.sleep(min(pause, left))
            pause = min(pause * 2, _MAX_POLL_SECONDS)
        try:
            return self._connected().retrieve_workflow(workflow_id).get_result()
        except dbos_errors.DBOSAwaitedWorkflowCancelledError as error:
            raise JobCancelled(workflow_id) from error

    def cancel(self, workflow_id: str) -> None:
        """Cancel a queued run, or stop a running one at its next step; finished runs stay as they are."""
        self.status(workflow_id)  # JobNotFound rather than a silent no-op
        self._connected().cancel_workflow(workflow_id)

    def send(self, workflow_id: str, topic: str, message: Any, idempotency_key: str | None = None) -> None:
        """Deliver `message` durably to the run's `recv(topic, …)`; kept until received, across restarts."""
        try:
            self._connected().send(workflow_id, message, topic, idempotency_key)
        except dbos_errors.DBOSNonExistentWorkflowError as error:
            raise JobNotFound(workflow_id) from error

    def _connected(self) -> DBOSClient:
        if self._client is None:
            raise EngineError("the engine is not started; call Engine.start() first")
        return self._client

    def _stop_runtime(self) -> None:
        active, self._runtime = self._runtime, None
        if active is not None:
            runtime.shutdown(active)
