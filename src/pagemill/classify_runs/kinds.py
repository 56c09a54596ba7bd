"""What tells classify runs and split runs apart on the API: names, prefixes, saved kind, job."""

from __future__ import annotations

from dataclasses import dataclass

from pagemill.processors.classify.config import CLASSIFIER, load_classify_config
from pagemill.processors.split.config import SPLITTER, load_split_config
from pagemill.saved_processors.kinds import ConfigLoader, ProcessorKind


@dataclass(frozen=True)
class RunKind:
    kind: str  # ProcessorRun.kind: "classify"
    run_prefix: str  # "clr"
    object: str  # "classify_run"
    saved: ProcessorKind  # CLASSIFIER: what `classifier: {id, version}` refers to
    load_config: ConfigLoader
    job: str  # the engine job that executes a run
    sync_path: str  # "/classify"
    verb: str  # "classify", for messages

    @property
    def reference_field(self) -> str:
        return self.saved.name  # "classifier"

    @property
    def collection(self) -> str:
        return f"{self.kind}_runs"


CLASSIFY_RUNS = RunKind(
    kind="classify",
    run_prefix="clr",
    object="classify_run",
    saved=CLASSIFIER,
    load_config=load_classify_config,
    job="classify_runs.execute",
    sync_path="/classify",
    verb="classify",
)
SPLIT_RUNS = RunKind(
    kind="split",
    run_prefix="splr",
    object="split_run",
    saved=SPLITTER,
    load_config=load_split_config,
    job="split_runs.execute",
    sync_path="/split",
    verb="split",
)
BATCH_PREFIX = "bpr"
BATCH_SOURCE = "BATCH_PROCESSOR_RUN"
