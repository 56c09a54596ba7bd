"""Whether a document is a US legal text, whose numeric dates put the month first (03/04/2021 = March 4)."""

from __future__ import annotations

import re

from pagemill.processors.extract.layout import Layout
from pagemill.processors.extract.roles import US_STATES
from pagemill.processors.extract.running_text import full_text

_STATE = "|".join(US_STATES)
_US_LEGAL = re.compile(
    rf"\b(?:an?\s+(?:{_STATE})\s+(?:corporation|limited\s+liability\s+company|limited\s+partnership|"
    rf"general\s+partnership|banking\s+corporation)|laws\s+of\s+the\s+(?:State|Commonwealth)\s+of\s+(?:{_STATE})|"
    r"Securities\s+and\s+Exchange\s+Commission|Securities\s+Exchange\s+Act)\b",
    re.IGNORECASE,
)
PAGES_READ = 3


def is_us_legal_text(layout: Layout) -> bool:
    """A state-incorporated party, a state's governing law or the SEC named in the first pages."""
    text, _ = full_text(layout, pages=PAGES_READ)
    return _US_LEGAL.search(text) is not None
