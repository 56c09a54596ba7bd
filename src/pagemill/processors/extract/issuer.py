"""The issuer of an invoice where the document names it outright: the holder of the account to pay into
("Titulaire du compte : NETPRESSE"), the seller's label ("Sprzedawca: …", "Sold by: …"), the name in a
title ("Amazon Web Services Invoice"), or the sender line of a window envelope ("QualityHosting AG -
Uferweg 40-42 - D-63571 Gelnhausen"). These beat a guess from the top lines, which often hold the customer's
address block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pagemill.processors.extract.layout import Layout, TextLine

_ACCOUNT_HOLDER = re.compile(
    r"\b(?:titulaire\s+du\s+compte|account\s+(?:holder|name)|rekeninghouder|ten\s+name\s+van|"
    r"kontoinhaber|beneficiary|payee|w[łl]a[śs]ciciel\s+rachunku)\s*:\s*(?P<name>[^,;|]{2,60})",
    re.IGNORECASE,
)
_SELLER = re.compile(
    r"^\s*(?:seller|sold\s+by|supplier|vendor|from|sprzedawca|verk[äa]ufer|vendeur|fournisseur|leverancier|"
    r"verkoper)\s*:\s*(?P<name>[^,;|:]{2,60}?)(?:\s{2,}|\s+\S+:|,|$)",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"^(?P<name>[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,4})\s+"
    r"(?:invoice|tax\s+invoice|factuur|facture|rechnung|faktura|bill)$",
    re.IGNORECASE,
)
# Words that qualify the kind of document in its title ("Simplified Tax Invoice", "Cash Bill"), not a seller.
_DOCUMENT_KIND_WORDS = frozenset(
    {
        "tax",
        "simplified",
        "cash",
        "sales",
        "retail",
        "proforma",
        "pro",
        "forma",
        "commercial",
        "original",
        "copy",
        "final",
        "credit",
        "debit",
        "vat",
        "gst",
        "electronic",
        "interim",
        "official",
        "your",
        "the",
    }
)
_SENDER_SEPARATOR = re.compile(r"\s+[-–·|•]\s+")
_SENDER_ADDRESS = re.compile(r"\d")
TITLE_LINES = 6
HOLDER_EVIDENCE, SELLER_EVIDENCE, TITLE_EVIDENCE, SENDER_EVIDENCE = 0.8, 0.8, 0.75, 0.75


@dataclass(frozen=True)
class NamedIssuer:
    name: str
    line: TextLine
    evidence: float


def named_issuer(layout: Layout) -> NamedIssuer | None:
    """The issuer the document names outright, or None."""
    for line in layout.lines:
        holder = _ACCOUNT_HOLDER.search(line.text)
        if holder:
            return NamedIssuer(holder.group("name").strip(" .:"), line, HOLDER_EVIDENCE)
    for line in layout.lines:
        seller = _SELLER.match(line.text)
        if seller:
            return NamedIssuer(seller.group("name").strip(" .:"), line, SELLER_EVIDENCE)
    first_page = [line for line in layout.lines if line.page == min(layout.pages, default=1)]
    for line in first_page[:TITLE_LINES]:
        title = _TITLE.match(line.text.strip())
        if title and not set(title.group("name").lower().split()) <= _DOCUMENT_KIND_WORDS:
            return NamedIssuer(title.group("name"), line, TITLE_EVIDENCE)
    for line in first_page:
        parts = _SENDER_SEPARATOR.split(line.text.strip())
        # name - street - town: the first part names, the later ones are an address with house or post numbers
        addressed = all(_SENDER_ADDRESS.search(part) for part in parts[1:])
        if len(parts) >= 3 and not _SENDER_ADDRESS.search(parts[0]) and addressed:
            return NamedIssuer(parts[0], line, SENDER_EVIDENCE)
    return None
