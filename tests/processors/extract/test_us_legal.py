"""US legal texts write numeric dates month first."""

from __future__ import annotations

from pagemill.processors.extract import extract, load_extract_config
from pagemill.processors.extract.layout import read_layout
from pagemill.processors.extract.us_legal import is_us_legal_text
from tests.processors.extract.documents import parsed

DATE_SCHEMA = {
    "type": "object",
    "properties": {"effective_date": {"type": ["string", "null"], "extend:type": "date"}},
}
US_AGREEMENT = (
    "This Agreement is effective as of 03/04/2021 between Lakeshore Instruments, Inc.,\n"
    "a Delaware corporation, "
    "and Harbor Retail LLC.\n"
)


def test_a_state_incorporated_party_marks_a_us_legal_text() -> None:
    assert is_us_legal_text(read_layout(parsed(US_AGREEMENT.encode(), name="nda.txt")))
    assert not is_us_legal_text(read_layout(parsed(b"Factuur 12\nDatum: 03/04/2021\n", name="factuur.txt")))


def test_ambiguous_dates_of_a_us_legal_text_are_read_month_first() -> None:
    result = extract(
        parsed(US_AGREEMENT.encode(), name="nda.txt"), load_extract_config({"schema": DATE_SCHEMA})
    )
    assert result.value["effective_date"] == "2021-03-04"
