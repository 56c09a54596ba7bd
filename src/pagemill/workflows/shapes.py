"""What every step-config check shares: the wire shapes (pydantic, camelCase) and where problems go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from pagemill.workflows.catalog import ProcessorCatalog
from pagemill.workflows.problems import Problems

# The values a step's `next[].<routeKey>` may take, or None where they cannot be known (a broken reference).
Routes = frozenset[str] | None


@dataclass(frozen=True)
class ConfigContext:
    catalog: ProcessorCatalog
    problems: Problems


class Shape(BaseModel):
    """A config object as sent: camelCase keys, unknown keys kept (configs are echoed verbatim)."""

    model_config = ConfigDict(alias_generator=to_camel, extra="allow")


def check_shape(model: type[Shape], value: Any, path: str, problems: Problems) -> Shape | None:
    try:
        return model.model_validate(value)
    except ValidationError as error:
        problems.add_validation(error, path)
        return None


class MergeExtractShape(Shape):
    merge_order: Literal["confidence", "alphabetic", "first_to_execute", "last_to_execute"] | None = None


class FailureBehaviorShape(Shape):
    failure_behavior: Literal["CONTINUE", "EXIT"] | None = None


class RequestOptionsShape(Shape):
    url: str = Field(min_length=1)
    method: Literal["GET", "POST", "PUT"]
    headers: dict[str, str] | None = None
    content_type: Literal["application/json", "text/plain"] | None = None


class ExternalDataValidationShape(FailureBehaviorShape):
    request_options: RequestOptionsShape


class CodeShape(Shape):
    language: Literal["javascript", "python"]
    code: str


class SemanticShape(Shape):
    prompt_text: str = Field(min_length=1)


class CodeBlockShape(Shape):
    id: str | None = None
    name: str = Field(min_length=1)
    code: CodeShape


class SemanticBlockShape(Shape):
    id: str | None = None
    name: str = Field(min_length=1)
    semantic: SemanticShape


BLOCK_SHAPES: dict[str, type[Shape]] = {"code": CodeBlockShape, "semantic": SemanticBlockShape}


def items_of(config: dict[str, Any], key: str, path: str, problems: Problems, what: str) -> list[Any]:
    """`config[key]` as a non-empty list, or [] after reporting why it is not one."""
    value = config.get(key)
    if not isinstance(value, list) or not value:
        problems.add(f"{path}.{key}", f"is required: a non-empty list of {what}")
        return []
    return value


def unique_ids(ids: list[tuple[str, str]], problems: Problems, what: str) -> frozenset[str]:
    """The ids of `(path, id)` pairs, reporting each repeat at its own path."""
    seen: set[str] = set()
    for path, identifier in ids:
        if identifier in seen:
            problems.add(path, f"duplicate {what} id {identifier!r}")
        seen.add(identifier)
    return frozenset(seen)
