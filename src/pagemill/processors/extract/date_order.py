"""The order a document writes numeric dates in, read from its own unambiguous dates: 25/03/2021 can only be
day first, 03/25/2021 only month first. It settles the documents' ambiguous dates (03/04/2021)."""

from __future__ import annotations

import re

from pagemill.processors.extract.layout import Layout

_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?![\d.]\d)")
MAX_LINES = 2000


def day_first(layout: Layout) -> bool | None:
    """True when the document's unambiguous dates put the day first, False for month first, else None."""
    votes = {True: 0, False: 0}
    for line in layout.lines[:MAX_LINES]:
        for match in _NUMERIC_DATE.finditer(line.text):
            first, second = int(match.group(1)), int(match.group(2))
            if 12 < first <= 31 and 1 <= second <= 12:
                votes[True] += 1
            elif 12 < second <= 31 and 1 <= first <= 12:
                votes[False] += 1
    if votes[True] == votes[False]:
        return None
    return votes[True] > votes[False]
