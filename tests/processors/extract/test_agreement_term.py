"""The term of an agreement is a duration stated about the agreement's own end, not any period."""

from __future__ import annotations

import pytest

from pagemill.processors.extract.agreement_term import agreement_term


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "This Agreement shall remain in effect for a period of two (2) years from the date hereof.",
            "2 years",
        ),
        (
            "The obligations of this Agreement shall terminate 18 months after the Effective Date.",
            "18 months",
        ),
        ("This Agreement will expire one year after it is signed.", "1 year"),
    ],
)
def test_a_duration_about_the_agreement_ending_is_its_term(text: str, expected: str) -> None:
    term = agreement_term(text)
    assert term is not None and term.value == expected


def test_other_periods_are_not_the_term() -> None:
    text = (
        "Employee shall not solicit customers for a period of twelve months after employment ends. "
        "Notice must be given within 30 days. "
        "This Agreement shall remain in effect for three (3) years."
    )
    term = agreement_term(text)
    assert term is not None and term.value == "3 years"


def test_a_text_without_a_stated_term_has_none() -> None:
    assert agreement_term("Recipient shall keep the information confidential for 5 years.") is None
