"""Where workflow steps find the saved extractors, classifiers and splitters they reference."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

from sqlalchemy.orm import Session

from pagemill.saved_processors.service import find_version

ProcessorKindName = Literal["extractor", "classifier", "splitter"]


class ProcessorCatalog(Protocol):
    def config_of(self, kind: ProcessorKindName, processor_id: str, version: str) -> dict[str, Any] | None:
        """The wire config (camelCase) of that processor version, or None when there is no such version."""
        ...


@dataclass(frozen=True)
class SavedProcessorCatalog:
    """The workspace's saved processors (`pagemill.saved_processors`)."""

    session: Session
    workspace_id: str

    def config_of(self, kind: ProcessorKindName, processor_id: str, version: str) -> dict[str, Any] | None:
        row = find_version(self.session, self.workspace_id, kind, processor_id, version)
        return None if row is None else dict(row.config or {})
