"""Signature blocks from text, in Extend's signature object shape (`extend:type: signature`)."""

from __future__ import annotations

import re
from typing import TypedDict

from pagemill.processors.values.dates import parse_date
from pagemill.processors.values.hints import ValueHints
from pagemill.processors.values.parsed import Parsed, Quality
from pagemill.processors.values.text import is_blank

_LABELLED = re.compile(
    r"\b(by|name|printed name|print name|title|its|date|dated|signature|signed)\s*:\s*(.*?)"
    r"(?=\s*\b(?:by|name|printed name|print name|title|its|date|dated|signature|signed)\s*:|$)",
    re.IGNORECASE,
)
_CONFORMED_MARK = re.compile(r"/s/\s*", re.IGNORECASE)
_NAME_LABELS = ("printed name", "print name", "name")
_SIGNER_LABELS = ("by", "signature", "signed")


class Signature(TypedDict):
    """The value of an Extend signature field (the SDK's ExtendSignature)."""

    printed_name: str | None
    signature_date: str | None
    is_signed: bool | None
    title_or_role: str | None


def parse_signature(text: str, hints: ValueHints | None = None) -> Parsed[Signature]:
    """Reads "By: /s/ Jane Doe  Name: Jane Doe  Title: CEO  Date: June 1, 2005" and bare "/s/ Jane Doe".

    `is_signed` is True for a conformed "/s/" signature and None otherwise (text alone cannot show ink).
    Labelled parts are EXACT; a bare name is INFERRED.
    """
    if is_blank(text):
        return Parsed.empty()
    flat = " ".join(text.split())
    labelled = {label.lower(): _filled(value) for label, value in _LABELLED.findall(flat)}
    is_signed = True if _CONFORMED_MARK.search(flat) else None
    name = next((labelled[k] for k in _NAME_LABELS if labelled.get(k)), None)
    signer = next((labelled[k] for k in _SIGNER_LABELS if labelled.get(k)), None)
    if name is None and signer is not None:
        name = _filled(_CONFORMED_MARK.sub("", signer))
    quality = Quality.EXACT if labelled else Quality.INFERRED
    if not labelled:
        name = _filled(_CONFORMED_MARK.sub("", flat))
    date_text = labelled.get("date") or labelled.get("dated")
    signature_date = parse_date(date_text, hints).value if date_text else None
    title = labelled.get("title") or labelled.get("its") or None
    if name is None and signature_date is None and title is None and is_signed is None:
        return Parsed.empty() if labelled else Parsed.invalid()
    return Parsed(
        Signature(printed_name=name, signature_date=signature_date, is_signed=is_signed, title_or_role=title),
        quality,
    )


def _filled(value: str) -> str | None:
    """The value without surrounding punctuation; None for an unfilled blank such as "________"."""
    cleaned = value.strip(" ,;_.-")
    return cleaned if any(ch.isalnum() for ch in cleaned) else None
