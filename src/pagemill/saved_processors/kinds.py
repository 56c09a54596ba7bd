"""What tells extractors, classifiers and splitters apart: names, id prefixes, how configs are checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Validates a config given in a request (wire JSON) and returns it normalised, as it is stored and echoed.
# Raises pagemill.errors.InvalidRequest with the field path (rooted at `path`) for a bad config.
ConfigLoader = Callable[[dict[str, Any], str], dict[str, Any]]


@dataclass(frozen=True)
class ProcessorKind:
    name: str  # "extractor"
    collection: str  # "extractors": the URL path and the OpenAPI tag
    id_prefix: str  # "ex"
    version_prefix: str  # "exv"
    clone_field: str  # "cloneExtractorId"
    load_config: ConfigLoader

    @property
    def parent_id_field(self) -> str:
        return f"{self.name}Id"

    @property
    def version_object(self) -> str:
        return f"{self.name}_version"
