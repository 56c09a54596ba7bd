"""Reading a model's answer: the JSON text it wrote, checked against the schema it was asked to fill."""

from __future__ import annotations

import json
import re
from typing import Any

from jsonschema import SchemaError
from jsonschema.validators import validator_for

from pagemill.processors.models.providers.base import ProviderError

MAX_PROBLEMS_SHOWN = 5
CODE_FENCE = re.compile(r"^\s*```(?:json)?\s*\n?(.*?)\n?\s*```\s*$", re.DOTALL)


class InvalidAnswer(ValueError):
    """The answer is not JSON, or not valid against the schema; the message says what is wrong."""


def check_schema(schema: dict[str, Any]) -> None:
    """Refuse, before any model is asked, a schema that is not a JSON schema of an object."""
    try:
        validator_for(schema).check_schema(schema)
    except SchemaError as error:
        raise ProviderError(
            "bad_request", f"the output schema is invalid: {error.message}", retryable=False
        ) from error
    if schema.get("type") != "object":
        raise ProviderError(
            "bad_request", "the output schema must describe an object (type: object)", retryable=False
        )


def parse_answer(text: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The object in `text`, valid against `schema`; raises `InvalidAnswer`."""
    fenced = CODE_FENCE.match(text)
    body = fenced.group(1) if fenced else text
    try:
        value = json.loads(body)
    except json.JSONDecodeError as error:
        raise InvalidAnswer(f"the answer is not valid JSON ({error.msg} at character {error.pos})") from error
    if not isinstance(value, dict):
        raise InvalidAnswer(f"the answer must be a JSON object, not {type(value).__name__}")
    problems = sorted(
        validator_for(schema)(schema).iter_errors(value), key=lambda problem: list(problem.path)
    )
    if problems:
        shown = "; ".join(
            f"{problem.json_path}: {problem.message}" for problem in problems[:MAX_PROBLEMS_SHOWN]
        )
        more = len(problems) - MAX_PROBLEMS_SHOWN
        raise InvalidAnswer(
            f"the answer does not match the schema: {shown}" + (f" (and {more} more)" if more > 0 else "")
        )
    return value


def repair_instruction(problem: str) -> str:
    """What to tell the model after an answer it must correct."""
    return f"That answer cannot be used: {problem}. Answer again with only the corrected JSON object."


def schema_instruction(system: str, schema: dict[str, Any]) -> str:
    """`system` followed by the schema, for models that do not see it otherwise (grammar, json_object)."""
    instruction = f"Answer with one JSON object valid against this JSON schema:\n{json.dumps(schema)}"
    return f"{system}\n\n{instruction}".strip()
