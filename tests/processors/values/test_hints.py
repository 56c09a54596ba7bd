import pytest

from pagemill.processors.values.hints import ValueHints, locale_language, locale_region


@pytest.mark.parametrize(
    ("locale", "region", "language"),
    [
        ("en_US.UTF-8", "US", "en"),
        ("de-DE", "DE", "de"),
        ("MY", "MY", None),
        ("fr", None, "fr"),
        (None, None, None),
    ],
)
def test_locale_parts(locale: str | None, region: str | None, language: str | None) -> None:
    assert locale_region(locale) == region
    assert locale_language(locale) == language


@pytest.mark.parametrize(
    ("hints", "day_first"),
    [
        (ValueHints(), None),
        (ValueHints(locale="en"), None),
        (ValueHints(locale="en_US"), False),
        (ValueHints(locale="en_PH"), False),
        (ValueHints(locale="en_MY"), True),
        (ValueHints(locale="pl"), True),
        (ValueHints(day_first=False, locale="de_DE"), False),
    ],
)
def test_day_first_comes_from_the_explicit_hint_then_the_locale(
    hints: ValueHints, day_first: bool | None
) -> None:
    assert hints.resolved_day_first() is day_first
