"""`pagemill worker`: a process that executes queued work until SIGTERM or SIGINT."""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

from pagemill.config import Role, Settings
from pagemill.engine.control import Engine


def run_worker(settings: Settings, engine: Engine | None = None) -> int:
    """Execute queued work as role `worker` until SIGTERM/SIGINT, then shut down cleanly; return 0.

    At start the engine recovers this executor id's unfinished runs, and every 15 s those of executors that
    died. Job modules must be imported before this is called. Pass `engine` to run the process's own
    (role worker) engine, e.g. the one jobs reach through the process wiring; it is stopped on the way out.
    """
    if engine is None:
        engine = Engine(settings.model_copy(update={"role": Role.WORKER}))
    if engine.role is not Role.WORKER:
        raise ValueError(f"run_worker needs an engine in role worker, not {engine.role.value}")
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        engine.start()
        print(f"pagemill worker {engine.executor_id} ready", flush=True)
        stop.wait()
    finally:
        engine.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


if __name__ == "__main__":
    sys.exit(run_worker(Settings()))
