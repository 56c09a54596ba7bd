"""A confidence per value, calibrated: values reported at 0.9 or more are right at least 95% of the time.

Only a value beside its full, distinctive label ("Invoice number:", not "Date"), with no rival value under an
equally good label, read with an unambiguous type from clean text reaches the high band; everything else is
capped below it, scaled by how it was found.
"""

from __future__ import annotations

from pagemill.processors.extract.found import Found

HIGH_BAND = 0.9
STRONG_EVIDENCE = 0.95
CLEAN_TEXT = 0.97
# Evidence from where a value sits (top of a receipt, first date) is weaker than a printed label.
_METHOD_WEIGHT = {"label": 1.0, "table": 0.95, "pattern": 0.9, "layout": 0.85, "model": 0.8}


def confidence(found: Found) -> float:
    if (
        found.method == "label"
        and found.strict
        and found.evidence >= STRONG_EVIDENCE
        and found.exact_type
        and (found.ocr_confidence >= CLEAN_TEXT)
    ):
        return round(min(0.97, 0.9 + 0.07 * found.ocr_confidence * found.evidence), 3)
    weight = _METHOD_WEIGHT.get(found.method, 0.8)
    ocr = 0.6 + 0.4 * max(0.0, min(1.0, found.ocr_confidence))
    value = (0.25 + 0.6 * found.evidence) * weight * ocr - (0.0 if found.exact_type else 0.08)
    return round(max(0.05, min(0.89, value)), 3)
