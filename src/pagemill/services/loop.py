"""The base of every loop service: run `tick()` every `interval` seconds on a daemon thread until stopped."""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


class LoopService:
    name = "loop"
    interval: float = 60.0

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"pagemill-{self.name}", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.tick()
            except Exception:  # a failed tick is logged; the next one tries again
                log.exception("loop service %s failed", self.name)
