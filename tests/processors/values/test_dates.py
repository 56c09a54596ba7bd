import datetime as dt

import pytest

from pagemill.processors.values.dates import parse_date
from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.parsed import Quality


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # numeric, where the order of day and month is certain
        ("2018-12-25", "2018-12-25"),
        ("2018/12/25", "2018-12-25"),
        ("2018-12-25T10:30:00Z", "2018-12-25"),
        ("25/12/2018", "2018-12-25"),
        ("25-12-18", "2018-12-25"),
        ("17/1/2018", "2018-01-17"),
        ("03/20/2023", "2023-03-20"),
        ("25.12.2018 14:05", "2018-12-25"),
        ("20-10-2015 10:30 PM", "2015-10-20"),
        # English month names and ordinals
        ("DEC 25, 2018", "2018-12-25"),
        ("25 DEC 2018", "2018-12-25"),
        ("02/JAN/2017", "2017-01-02"),
        ("Invoice Date: August 3 , 2014", "2014-08-03"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("2018 Dec 25", "2018-12-25"),
        ("Mar 5 2018 11:00 PM", "2018-03-05"),
        ("effective as of January 1, 2010", "2010-01-01"),
        ("the 1st day of June, 2005", "2005-06-01"),
        ("this 6th day of January, 2012", "2012-01-06"),
        ("4th day of May 2005", "2005-05-04"),
        ("made as of December 9 th , 2014", "2014-12-09"),
        ("the 4th of July 2020", "2020-07-04"),
    ],
)
def test_dates_whose_reading_is_certain_are_exact(text: str, iso: str) -> None:
    assert parse_date(text).value == iso
    assert parse_date(text).quality is Quality.EXACT


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("02 Juillet 2015", "2015-07-02"),  # FR
        ("1er décembre 2021", "2021-12-01"),
        ("le 3 févr. 2021", "2021-02-03"),
        ("7. Mai 2014", "2014-05-07"),  # DE
        ("1. März 2020", "2020-03-01"),
        ("19 april 2014", "2014-04-19"),  # NL
        ("29 maart 2014", "2014-03-29"),
        ("5 de enero de 2020", "2020-01-05"),  # ES
        ("12 grudnia 2020", "2020-12-12"),  # PL, genitive
        ("12 października 2020", "2020-10-12"),
        ("3 Ogos 2019", "2019-08-03"),  # MS
        ("14 Mac 2018", "2018-03-14"),
    ],
)
def test_month_names_in_other_languages(text: str, iso: str) -> None:
    assert parse_date(text).value == iso


def test_ambiguous_day_and_month_default_to_day_first_and_say_so() -> None:
    assert parse_date("5/3/2018") == parse_date("05-03-2018")
    assert parse_date("5/3/2018").value == "2018-03-05"
    assert parse_date("5/3/2018").quality is Quality.INFERRED


def test_dotted_dates_are_day_first() -> None:
    assert parse_date("08.09.2022").value == "2022-09-08"
    assert parse_date("08.09.2022").quality is Quality.EXACT


@pytest.mark.parametrize(
    ("hints", "iso"),
    [
        (ValueHints(day_first=False), "2021-03-04"),
        (ValueHints(day_first=True), "2021-04-03"),
        (ValueHints(locale="en_US"), "2021-03-04"),
        (ValueHints(locale="en-GB"), "2021-04-03"),
        (ValueHints(locale="nl"), "2021-04-03"),
    ],
)
def test_hints_decide_an_ambiguous_order(hints: ValueHints, iso: str) -> None:
    parsed = parse_date("03/04/2021", hints)
    assert parsed.value == iso
    assert parsed.quality is Quality.EXACT


def test_a_part_above_twelve_overrides_a_contrary_hint() -> None:
    assert parse_date("25/12/2018", ValueHints(locale="en_US")).value == "2018-12-25"


def test_two_digit_years_fall_within_a_century_ending_soon_after_today() -> None:
    this_year = dt.date.today().year
    assert parse_date("25-12-18").value == "2018-12-25"
    assert parse_date("31/12/99").value == "1999-12-31"
    assert parse_date(f"01/02/{(this_year + 5) % 100:02d}").value.startswith(str(this_year + 5))


def test_month_and_year_alone_give_the_first_of_the_month_inferred() -> None:
    assert parse_date("February, 1999").value == "1999-02-01"
    assert parse_date("February, 1999").quality is Quality.INFERRED


def test_the_first_date_in_the_text_wins() -> None:
    assert parse_date("01.05.14-31.05.14").value == "2014-05-01"
    assert parse_date("Order 15-10-2015, invoiced 20 October 2015").value == "2015-10-15"


@pytest.mark.parametrize("text", ["hello", "31/02/2018", "version 4.6.0", "12:30", "13/13/2020"])
def test_text_without_a_real_date_is_invalid(text: str) -> None:
    assert parse_date(text).value is None
    assert parse_date(text).quality is Quality.INVALID


@pytest.mark.parametrize("text", ["", "   ", "N/A", "-"])
def test_blank_text_is_empty(text: str) -> None:
    assert parse_date(text).quality is Quality.EMPTY
