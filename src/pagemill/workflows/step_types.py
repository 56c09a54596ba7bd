"""Workflow step types (Extend §D1–D2): what each takes as `config` and how its `next` routes."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class StepType(enum.StrEnum):
    TRIGGER = "TRIGGER"
    PARSE = "PARSE"
    EXTRACT = "EXTRACT"
    CLASSIFY = "CLASSIFY"
    SPLIT = "SPLIT"
    MERGE_EXTRACT = "MERGE_EXTRACT"
    CONDITIONAL = "CONDITIONAL"
    CONDITIONAL_EXTRACT = "CONDITIONAL_EXTRACT"
    EXTERNAL_DATA_VALIDATION = "EXTERNAL_DATA_VALIDATION"
    WEBHOOK_RESPONSE = "WEBHOOK_RESPONSE"
    RULE_VALIDATION = "RULE_VALIDATION"
    VALIDATION = "VALIDATION"
    ROUTER = "ROUTER"
    HUMAN_REVIEW = "HUMAN_REVIEW"
    COLLECT = "COLLECT"
    FILE_CONVERSION = "FILE_CONVERSION"


class ConfigNeed(enum.Enum):
    NONE = "takes no config"
    OPTIONAL = "config is optional"
    FOR_DEPLOY = "config is optional in a draft, required to deploy, and needed before `next`"
    ALWAYS = "config is always required"


@dataclass(frozen=True)
class StepKind:
    config: ConfigNeed
    route_key: str | None = None  # the key a `next` entry routes by, besides `step`
    terminal: bool = False


ROUTE_KEYS = ("classificationId", "conditionId", "result", "branchId")
RESULTS = ("pass", "fail")
OTHERWISE = "otherwise"

KINDS: dict[StepType, StepKind] = {
    StepType.TRIGGER: StepKind(ConfigNeed.NONE),
    StepType.PARSE: StepKind(ConfigNeed.OPTIONAL),
    StepType.EXTRACT: StepKind(ConfigNeed.FOR_DEPLOY),
    StepType.CLASSIFY: StepKind(ConfigNeed.FOR_DEPLOY, route_key="classificationId"),
    StepType.SPLIT: StepKind(ConfigNeed.FOR_DEPLOY, route_key="classificationId"),
    StepType.MERGE_EXTRACT: StepKind(ConfigNeed.OPTIONAL),
    StepType.CONDITIONAL: StepKind(ConfigNeed.ALWAYS, route_key="conditionId"),
    StepType.CONDITIONAL_EXTRACT: StepKind(ConfigNeed.FOR_DEPLOY),
    StepType.EXTERNAL_DATA_VALIDATION: StepKind(ConfigNeed.FOR_DEPLOY),
    StepType.WEBHOOK_RESPONSE: StepKind(ConfigNeed.NONE, terminal=True),
    StepType.RULE_VALIDATION: StepKind(ConfigNeed.FOR_DEPLOY, route_key="result"),
    StepType.VALIDATION: StepKind(ConfigNeed.OPTIONAL, route_key="result"),
    StepType.ROUTER: StepKind(ConfigNeed.OPTIONAL, route_key="branchId"),
    StepType.HUMAN_REVIEW: StepKind(ConfigNeed.NONE),
    StepType.COLLECT: StepKind(ConfigNeed.NONE),
    StepType.FILE_CONVERSION: StepKind(ConfigNeed.OPTIONAL),
}
