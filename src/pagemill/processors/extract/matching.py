"""Key-value matching over the layout: a label that names the field, and the value right of it or below it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pagemill.processors.extract.fields import Field
from pagemill.processors.extract.found import Found
from pagemill.processors.extract.labels import STOPWORDS, LabelMatch, label_phrases, match_label, tokens
from pagemill.processors.extract.layout import Layout, TextLine
from pagemill.processors.values import Quality, ValueHints, coerce

MIN_LABEL_SCORE = 0.5
RIGHT_OF_LABEL = 0.05  # the penalty of a value beside its label; one below it is less certain
AMBIGUITY_MARGIN = 0.05
AMBIGUITY_PENALTY = 0.1
# A value ends where the next label starts: "12345   Date: 03/08/2014".
_NEXT_LABEL = re.compile(r"\s{3,}|\s(?=[A-Za-z][A-Za-z .]{1,25}:\s)")
_IDENTIFIER_WORDS = frozenset({"number", "no", "nr", "id", "code", "reference", "ref", "iban", "vat"})
MAX_STRING_VALUE = 120
# Page markers and dates sit where identifiers do, but are not them.
_NOT_IDENTIFIER = re.compile(
    r"^(page|seite|pagina|blz|strona|p\.)\s*\d|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|%", re.IGNORECASE
)
# A tax or bank number printed in digit groups: "FR 604 219 388 61".
_SPACED_CODE = re.compile(r"^[A-Z]{0,3}(?:\s?\d[\dA-Z]{1,4}){3,8}$")
# An amount is not an identifier: "VAT  $0.00" is a tax line, not a VAT number.
_AMOUNT = re.compile(r"^\W{0,3}[A-Z]{0,3}\W{0,2}\d{1,3}([.,\s]\d{3})*[.,]\d{2}\W{0,2}$")


def find_by_label(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    """The best-labelled readable value for `field`: highest label score, then nearest, then first.

    Two different values under equally good labels make the pick uncertain, and its evidence drops.
    """
    phrases = label_phrases(field)
    distinctive = len([word for word in tokens(field.label) if word not in STOPWORDS]) >= 2
    candidates: list[Found] = []
    for line in layout.lines:
        match = match_label(line.text, phrases)
        if match is None or match.score < MIN_LABEL_SCORE:
            continue
        for value_text, value_lines, penalty in value_options(layout, line, match):
            found = read_value(
                field, value_text, value_lines or [line], hints, evidence=match.score - penalty
            )
            if found is not None:
                found.strict = distinctive and match.score >= 1.0 and penalty <= RIGHT_OF_LABEL
                candidates.append(found)
                break
    if not candidates:
        return None
    best = max(candidates, key=lambda found: found.evidence)
    rivals = {repr(found.value) for found in candidates if found.evidence >= best.evidence - AMBIGUITY_MARGIN}
    if len(rivals) > 1:
        best.evidence -= AMBIGUITY_PENALTY
        best.strict = False
    return best


def read_value(
    field: Field,
    text: str,
    lines: list[TextLine],
    hints: ValueHints,
    *,
    evidence: float,
    method: str = "label",
) -> Found | None:
    """`text` as the field's type, or None when it is not a plausible value of it."""
    text = re.sub(r"^#\s+", "", text.strip(" :;,|").lstrip("°№º"))
    if is_identifier(field) and len(text.split()) > 1 and any(char.isdigit() for char in text.split()[0]):
        text = text.split()[0]  # "562044387 du 02 Juillet 2015": the identifier is the first word
    if not text or not _plausible(field, text):
        return None
    coerced = coerce(text, field.schema, hints)
    if not coerced.ok:
        return None
    return Found(coerced.value, lines, evidence, coerced.quality == Quality.EXACT, text, method)


def is_identifier(field: Field) -> bool:
    return field.kind == "string" and bool(_IDENTIFIER_WORDS & set(tokens(field.label)))


def _plausible(field: Field, text: str) -> bool:
    if field.kind in ("string", "enum") and (len(text) > MAX_STRING_VALUE or text.endswith(":")):
        return False
    if is_identifier(field):
        return (
            any(char.isdigit() for char in text)
            and (len(text.split()) <= 4 or _SPACED_CODE.match(text) is not None)
            and not _AMOUNT.match(text)
            and not _NOT_IDENTIFIER.search(text)
        )
    return True


def value_options(
    layout: Layout, line: TextLine, match: LabelMatch
) -> Iterator[tuple[str, list[TextLine], float]]:
    rest = _NEXT_LABEL.split(line.text[match.end :], maxsplit=1)[0]
    if rest.strip():
        yield rest, [], 0.0
    for right in layout.same_row_right(line)[:1]:
        yield _NEXT_LABEL.split(right.text, maxsplit=1)[0], [right], 0.05
    for below in layout.below(line):
        yield below.text, [below], 0.15
