from datetime import date
from decimal import Decimal

import pytest

from pagemill.formulas import FormulaEvaluationError
from tests.formulas.helpers import run


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('DATE("2024-03-31")', date(2024, 3, 31)),
        ('DATE("2024-03-31T23:59:00Z")', date(2024, 3, 31)),
        ("DATE(2024, 2, 29)", date(2024, 2, 29)),
        ('DATE("31/12/2024", "DD/MM/YYYY")', date(2024, 12, 31)),
        ('DATE("3/7/24", "MM/DD/YY")', date(2024, 3, 7)),
        ('DATE("07-03-95", "DD-MM-YY")', date(1995, 3, 7)),
        ('DATE("March 5, 2024", "MMM DD, YYYY")', date(2024, 3, 5)),
        ('DATE("5 sept 2024", "dd mmm yyyy")', date(2024, 9, 5)),
        ('DATE("20240105", "YYYYMMDD")', date(2024, 1, 5)),
        ("DATE(NULL)", None),
    ],
)
def test_date_reads_iso_text_parts_and_formatted_text(source: str, expected: date | None) -> None:
    assert run(source) == expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('DATE("31/12/2024")', "DATE expects a date, got text '31/12/2024' (use DATE(text, format))"),
        ('DATE("2024-02-30")', "DATE expects a date, got text '2024-02-30' (use DATE(text, format))"),
        ("DATE(2023, 2, 29)", "no such date: 2023-02-29"),
        ('DATE("12.5.2024", "DD/MM/YYYY")', "DATE cannot read '12.5.2024' with format 'DD/MM/YYYY'"),
        ('DATE("5 Foo 2024", "DD MMM YYYY")', "DATE does not know the month 'Foo'"),
        (
            "DATE(x, f)",
            "date format 'YYYY' needs one year (YYYY or YY), one month (MM or MMM) and one day (DD)",
        ),
    ],
)
def test_date_errors(source: str, message: str) -> None:
    with pytest.raises(FormulaEvaluationError) as caught:
        run(source, {"x": "2024", "f": "YYYY"})
    assert caught.value.reason == message


def test_today_and_date_arithmetic() -> None:
    today = date(2024, 4, 10)
    assert run("TODAY() - extraction1.invoice_date", today=today) == Decimal(10)
    assert run('TODAY() - DATE("2024-03-31")', today=today) == Decimal(10)
    assert run("TODAY() + 30", today=today) == date(2024, 5, 10)
    assert run("TODAY() - 10", today=today) == date(2024, 3, 31)
    assert run("extraction1.invoice_date < TODAY()", today=today) is True
    assert run('TODAY() = "2024-04-10"', today=today) is True


def test_date_arithmetic_refuses_fractions_and_text() -> None:
    with pytest.raises(FormulaEvaluationError, match="cannot move a date by 1.5 days"):
        run('DATE("2024-01-01") + 1.5')
    with pytest.raises(FormulaEvaluationError, match="cannot subtract text and date"):
        run('"March 1" - DATE("2024-01-01")')


@pytest.mark.parametrize(
    ("start", "end", "unit", "expected"),
    [
        ("2024-01-31", "2024-03-01", "D", 30),
        ("2024-01-31", "2024-02-29", "M", 0),
        ("2024-01-31", "2024-03-31", "M", 2),
        ("2020-02-29", "2024-02-28", "Y", 3),
        ("2020-02-29", "2024-02-29", "y", 4),
        ("2024-03-01", "2024-01-31", "D", -30),
        ("2024-03-31", "2024-01-31", "M", -2),
    ],
)
def test_datedif_counts_whole_units(start: str, end: str, unit: str, expected: int) -> None:
    assert run("DATEDIF(a, b, u)", {"a": start, "b": end, "u": unit}) == Decimal(expected)


def test_datedif_defaults_to_days_and_checks_a_unit_from_data() -> None:
    assert run('DATEDIF("2024-01-01", "2024-01-08")') == Decimal(7)
    with pytest.raises(FormulaEvaluationError, match='DATEDIF unit must be "D", "M" or "Y"'):
        run('DATEDIF("2024-01-01", "2024-01-08", u)', {"u": "weeks"})


def test_year_month_day() -> None:
    assert run("YEAR(extraction1.invoice_date)") == Decimal(2024)
    assert run("MONTH(extraction1.invoice_date)") == Decimal(3)
    assert run("DAY(extraction1.invoice_date)") == Decimal(31)
    assert run("YEAR(x)", {"x": ["2023-01-01", None]}) == [Decimal(2023), None]
