"""Month names and abbreviations in English, French, German, Dutch, Spanish, Polish and Malay."""

from __future__ import annotations

from functools import cache

from pagemill.processors.values.text import fold

# Accent-free, lower case; Polish has nominative and genitive ("czerwiec", "1 czerwca").
_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "janvier", "januar", "januari", "enero", "styczen", "stycznia", "janv"),
    2: ("february", "fevrier", "februar", "februari", "febrero", "luty", "lutego", "fevr", "fev"),
    3: ("march", "mars", "marz", "maerz", "maart", "marzo", "marzec", "marca", "mac", "mrz", "mrt"),
    4: ("april", "avril", "abril", "kwiecien", "kwietnia", "avr", "abr", "kwi"),
    5: ("may", "mai", "mei", "mayo", "maj", "maja"),
    6: ("june", "juin", "juni", "junio", "czerwiec", "czerwca", "jun", "cze"),
    7: ("july", "juillet", "juli", "julio", "julai", "lipiec", "lipca", "juil", "jul", "lip"),
    8: ("august", "aout", "augustus", "agosto", "ogos", "sierpien", "sierpnia", "aug", "ago", "ogo", "sie"),
    9: ("september", "septembre", "septiembre", "setiembre", "wrzesien", "wrzesnia", "sept", "sep", "wrz"),
    10: ("october", "octobre", "oktober", "octubre", "pazdziernik", "pazdziernika", "okt", "oct", "paz"),
    11: ("november", "novembre", "noviembre", "listopad", "listopada", "nov", "lis"),
    12: (
        "december",
        "decembre",
        "dezember",
        "diciembre",
        "disember",
        "grudzien",
        "grudnia",
        "dec",
        "dez",
        "dic",
        "dis",
    ),
}
_MIN_PREFIX = 3


@cache
def _by_name() -> dict[str, int]:
    return {name: month for month, names in _NAMES.items() for name in names}


def month_number(word: str) -> int | None:
    """1-12 for a month name, abbreviation or unambiguous prefix of one ("Sept.", "déc", "Okt"); else None."""
    folded = fold(word).strip(".")
    if len(folded) < _MIN_PREFIX or not folded.isalpha():
        return None
    exact = _by_name().get(folded)
    if exact is not None:
        return exact
    # A prefix such as "janu" or "juil." names a month when every name it starts belongs to that month.
    months = {month for name, month in _by_name().items() if name.startswith(folded)}
    return months.pop() if len(months) == 1 else None
