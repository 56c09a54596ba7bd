"""Context that resolves ambiguous values: the order of 03/04/2021, what `$` means, what `1.234` is."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Regions that write numeric dates month first (03/04/2021 is March 4th).
_MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW", "GU", "AS", "MP", "PR", "VI", "UM", "BZ"})


@dataclass(frozen=True)
class ValueHints:
    """Everything optional; without hints, parsers fall back to the most common reading and mark it INFERRED.

    day_first: True for 03/04/2021 = 3 April, False for = March 4; None to use `locale` or the digits.
    locale: a BCP 47 / POSIX tag such as "en-US", "nl_NL", "fr" or "MY" (a lone upper-case pair is a region).
    default_currency: ISO 4217 code for amounts that name none, and the pick among `$`, `kr`, `¥` currencies.
    decimal_separator: "." or "," when known; otherwise read from the text.
    """

    day_first: bool | None = None
    locale: str | None = None
    default_currency: str | None = None
    decimal_separator: str | None = None

    def resolved_day_first(self) -> bool | None:
        """The explicit day_first, else what the locale's region implies, else None (unknown)."""
        if self.day_first is not None:
            return self.day_first
        region = locale_region(self.locale)
        if region is not None:
            return region not in _MONTH_FIRST_REGIONS
        language = locale_language(self.locale)
        # English alone does not tell (US or UK); every other language writes the day first.
        return None if language in (None, "en") else True


def locale_region(locale: str | None) -> str | None:
    """The upper-case region of a locale tag: "en_US.UTF-8" -> "US", "MY" -> "MY", "en" -> None."""
    if not locale:
        return None
    parts = re.split(r"[-_.@]", locale.strip())
    if len(parts) == 1:
        return parts[0].upper() if len(parts[0]) == 2 and parts[0].isupper() else None
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            return part.upper()
    return None


def locale_language(locale: str | None) -> str | None:
    """The lower-case language of a locale tag: "nl_NL" -> "nl", "fr" -> "fr"; None for a lone region "MY"."""
    if not locale:
        return None
    first = re.split(r"[-_.@]", locale.strip())[0]
    if first.isupper() or not first.isalpha() or len(first) not in (2, 3):
        return None
    return first.lower()
