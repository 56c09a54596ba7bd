"""Checks a step's `config` against its type (Extend §D2) and tells the values its `next` may route by."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from pagemill.errors import InvalidRequest
from pagemill.processors.parse import load_parse_config
from pagemill.workflows.block_configs import check_router, check_validation
from pagemill.workflows.processor_configs import CLASSIFIER, EXTRACTOR, SPLITTER, check_processor_config
from pagemill.workflows.rule_configs import (
    check_conditional,
    check_conditional_extract,
    check_rule_validation,
)
from pagemill.workflows.shapes import (
    ConfigContext,
    ExternalDataValidationShape,
    FailureBehaviorShape,
    MergeExtractShape,
    Routes,
    check_shape,
)
from pagemill.workflows.step_types import StepType

ConfigCheck = Callable[[dict[str, Any], str, ConfigContext], Routes]


def _check_parse(config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    if config.get("parseConfig") is not None:
        try:
            load_parse_config(config["parseConfig"], path=f"{path}.parseConfig")
        except InvalidRequest as error:
            context.problems.add_request_error(error)
    return None


def _check_shape_only(shape: Any, config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    check_shape(shape, config, path, context.problems)
    return None


def _check_external_data_validation(config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    checked = check_shape(ExternalDataValidationShape, config, path, context.problems)
    if isinstance(checked, ExternalDataValidationShape):
        url = urlsplit(checked.request_options.url)
        if url.scheme not in ("http", "https") or not url.hostname:
            context.problems.add(f"{path}.requestOptions.url", "must be an absolute http:// or https:// URL")
    return None


CONFIG_CHECKS: dict[StepType, ConfigCheck] = {
    StepType.PARSE: _check_parse,
    StepType.EXTRACT: partial(check_processor_config, EXTRACTOR),
    StepType.CLASSIFY: partial(check_processor_config, CLASSIFIER),
    StepType.SPLIT: partial(check_processor_config, SPLITTER),
    StepType.MERGE_EXTRACT: partial(_check_shape_only, MergeExtractShape),
    StepType.CONDITIONAL: check_conditional,
    StepType.CONDITIONAL_EXTRACT: check_conditional_extract,
    StepType.EXTERNAL_DATA_VALIDATION: _check_external_data_validation,
    StepType.RULE_VALIDATION: check_rule_validation,
    StepType.VALIDATION: check_validation,
    StepType.ROUTER: check_router,
    StepType.FILE_CONVERSION: partial(_check_shape_only, FailureBehaviorShape),
}


def check_config(step_type: StepType, config: dict[str, Any], path: str, context: ConfigContext) -> Routes:
    """Report what is wrong with `config` (rooted at `path`); the values `next` may route by."""
    return CONFIG_CHECKS[step_type](config, path, context)
