"""Base for wire models: camelCase on the wire, snake_case in Python, every key always serialised."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class WireModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True)


class RequestModel(WireModel):
    """Request bodies: unknown top-level keys are ignored (the SDK may add extras), explicit nulls mean absent."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")
