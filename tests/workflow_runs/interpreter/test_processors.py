"""Merging the outputs of several extractions (MERGE_EXTRACT) in each merge order."""

from __future__ import annotations

from pagemill.workflow_runs.interpreter.processors import merge_outputs

FIRST = {"value": {"total": 10, "vendor": None}, "metadata": {"total": {"ocrConfidence": 0.4}}}
SECOND = {"value": {"total": 12, "vendor": "Acme"}, "metadata": {"total": {"ocrConfidence": 0.9}}}


def test_earlier_outputs_win_overlapping_fields_and_nulls_are_filled() -> None:
    merged = merge_outputs([FIRST, SECOND], "first_to_execute")

    assert merged["value"] == {"total": 10, "vendor": "Acme"}
    assert merged["metadata"]["total"] == {"ocrConfidence": 0.4}


def test_confidence_order_keeps_the_surest_value_of_each_field() -> None:
    merged = merge_outputs([FIRST, SECOND], "confidence")

    assert merged["value"] == {"total": 12, "vendor": "Acme"}
    assert merged["metadata"]["total"] == {"ocrConfidence": 0.9}
