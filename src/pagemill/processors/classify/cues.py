"""Lexical evidence for common document kinds, and which kinds a caller's classification stands for.

Each kind has words that name it (matched against a classification's type, id and description) and cues:
patterns typical of documents of that kind, with weights. A cue counts once per document however often it
occurs, so a long document does not outvote a short one by repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

_FLAGS = re.IGNORECASE | re.MULTILINE


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    weight: float
    label: str


@dataclass(frozen=True)
class DocumentKind:
    name: str
    names: frozenset[str]  # words that, in a classification's type or id, mean this kind
    description_words: frozenset[str]  # words that, in a classification's description, suggest it
    cues: tuple[Cue, ...]
    heading: re.Pattern[str]  # a title line that opens a document of this kind
    shape_weight: float = 0.0  # evidence from a tall, narrow scanned page (a till roll)


def _cues(*items: tuple[str, float, str]) -> tuple[Cue, ...]:
    return tuple(Cue(re.compile(pattern, _FLAGS), weight, label) for pattern, weight, label in items)


_AMOUNT = r"\s*[@:]?\s*(?:rm|\$|€|£|usd|eur)?\s*-?\d"  # an amount right after the word
_INVOICE_WORDS = r"invoice|factuur|facture|rechnung|fattura|factura|faktura|fatura|nota fiscal"

KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        name="invoice",
        names=frozenset(
            {"invoice", "invoices", "bill", "bills", "factura", "factuur", "rechnung", "facture"}
        ),
        description_words=frozenset({"invoice", "bill", "billing", "payable", "vendor", "supplier"}),
        cues=_cues(
            (rf"\b(?:{_INVOICE_WORDS})\b", 1.5, "the word invoice"),
            (
                rf"\b(?:{_INVOICE_WORDS})\s*(?:no\.?|number|nr\.?|num|#|nummer|n°|id)",
                1.0,
                "an invoice number",
            ),
            (
                r"\b(?:bill(?:ed)?\s+to|sold\s+to|ship\s+to|invoice\s+to|customer\s+(?:no|number|id))\b",
                0.8,
                "bill-to / ship-to parties",
            ),
            (
                r"\b(?:due\s+date|payment\s+terms|payment\s+due|amount\s+due|balance\s+due|vervaldatum|"
                r"f[äa]llig|[ée]ch[ée]ance|zahlungsziel|termin\s+p[łl]atno[śs]ci)\b",
                0.9,
                "payment terms",
            ),
            (r"\b(?:iban|bic|swift|account\s+number|bank\s+details|sort\s+code)\b", 0.7, "bank details"),
            (r"\b(?:vat|btw|tva|mwst|ust|gstin|tax\s+id|vat\s+(?:no|number|id))\b", 0.4, "VAT / tax ids"),
            (
                r"\b(?:sub-?total|net\s+amount|total\s+(?:excl|incl)|subtotaal|totaal|gesamtbetrag|"
                r"montant|razem|netto|brutto)\b",
                0.4,
                "totals",
            ),
            (
                r"\b(?:qty|quantity|unit\s+price|hsn|sac|description|aantal|menge|quantit[ée])\b",
                0.3,
                "line-item columns",
            ),
            (r"\bpurchase\s+order\b|\bp\.?o\.?\s*(?:no|number|#)", 0.2, "an order reference"),
            # A receipt records a payment already made; an invoice asks for one.
            (
                rf"\bcashier\b|\btendered\b|\b(?:cash|change(?:\s+due)?){_AMOUNT}",
                -1.5,
                "against: a completed cash payment",
            ),
        ),
        heading=re.compile(
            rf"^\W*(?:tax\s+|commercial\s+|proforma\s+|pro-forma\s+)?(?:{_INVOICE_WORDS})\b", re.IGNORECASE
        ),
    ),
    DocumentKind(
        name="receipt",
        names=frozenset({"receipt", "receipts", "till", "pos"}),
        description_words=frozenset(
            {
                "receipt",
                "retail",
                "purchase",
                "shop",
                "store",
                "restaurant",
                "till",
                "cashier",
                "paid",
                "sale",
            }
        ),
        cues=_cues(
            (r"\breceipt\b|\bresit\b|\bkvitto\b|\bquittung\b|\bkassenbon\b|\bbon\b", 1.0, "the word receipt"),
            (
                rf"\bcashier\b|\btendered\b|\bkembali\b|\b(?:cash|tunai|change(?:\s+due)?){_AMOUNT}",
                1.2,
                "cash / change lines",
            ),
            (
                r"\bthank\s*you\b|\bthanks\s+(?:for|your)\b|please\s+come\s+again|terima\s+kasih|welcome\s+back",
                1.0,
                "a thank-you line",
            ),
            (
                r"\b(?:goods\s+sold|no\s+(?:cash\s+)?refund|not\s+(?:returnable|refundable)|exchange)\b",
                0.8,
                "a returns policy",
            ),
            (r"\b(?:rounding|total\s+rounded|round(?:ed)?\s+adj)", 0.8, "a rounding adjustment"),
            (
                r"\b(?:sdn\.?\s*bhd|s/b|enterprise|trading|restoran|restaurant|mart|store|supermarket|cafe)\b",
                0.6,
                "a shop's name",
            ),
            (
                r"\bpax\b|\btable\s*(?:no\.?|#|:)\s*\w+|\bguest\s+check\b|\bpos\b|\bmember\s*(?:no|id|#|:)",
                0.5,
                "point-of-sale details",
            ),
            (r"\b(?:gst|sst)\b|\btax\s+(?:rm|amt|amount)\b", 0.4, "sales tax lines"),
            (r"\b(?:visa|mastercard|master\s+card|debit|credit\s+card|card\s+no)\b", 0.3, "card payment"),
            (r"\b\d{1,2}:\d{2}(?::\d{2})?\b", 0.4, "a time of day"),
            (r"\btotal\b", 0.3, "a total"),
            (
                r"\b(?:bill(?:ed)?\s+to|due\s+date|payment\s+terms|amount\s+due|balance\s+due|iban)\b",
                -1.0,
                "against: payment still requested",
            ),
        ),
        shape_weight=1.5,
        heading=re.compile(r"^\W*(?:official\s+|cash\s+|sales\s+)?receipt\b", re.IGNORECASE),
    ),
    DocumentKind(
        name="agreement",
        names=frozenset(
            {
                "agreement",
                "agreements",
                "contract",
                "contracts",
                "nda",
                "ndas",
                "legal",
                "lease",
                "mou",
                "confidentiality",
                "non-disclosure",
                "nondisclosure",
            }
        ),
        description_words=frozenset(
            {
                "agreement",
                "contract",
                "nda",
                "non-disclosure",
                "confidentiality",
                "legal",
                "parties",
                "lease",
                "terms",
            }
        ),
        cues=_cues(
            (
                r"\bagreement\b|\bcontract\b|\bovereenkomst\b|\bvertrag\b|\bcontrat\b",
                1.2,
                "the word agreement",
            ),
            (
                r"\bnon[-\s]?disclosure\b|\bconfidential(?:ity)?\b|\bproprietary\s+information\b",
                1.0,
                "confidentiality terms",
            ),
            (
                r"\b(?:the\s+parties|each\s+party|either\s+party|the\s+other\s+party|party\s+hereto)\b",
                1.0,
                "parties",
            ),
            (
                r"\b(?:hereby|hereto|hereunder|herein|whereas|witnesseth|in\s+witness\s+whereof)\b",
                1.0,
                "legal drafting",
            ),
            (
                r"\b(?:governing\s+law|jurisdiction|laws\s+of\s+the\s+state|severability|indemnif)",
                0.8,
                "governing law",
            ),
            (r"\b(?:effective\s+date|term\s+of\s+this|terminat(?:e|ion))\b", 0.6, "term and termination"),
            (r"\bshall\b", 0.5, "obligations (shall)"),
            (
                r"\b(?:recipient|disclosing\s+party|receiving\s+party|licensee|licensor|lessee|lessor)\b",
                0.6,
                "party roles",
            ),
            (r"\b(?:signature|signed|by:\s*_*|name:\s*_*|title:)", 0.3, "signature blocks"),
        ),
        heading=re.compile(r"^\W*(?:[\w-]+\s+){0,5}(?:agreement|contract|undertaking)\W*$", re.IGNORECASE),
    ),
    DocumentKind(
        name="bank_statement",
        names=frozenset({"statement", "statements", "bank_statement", "bank"}),
        description_words=frozenset({"statement", "bank", "account", "transactions", "balance"}),
        cues=_cues(
            (
                r"\bstatement\s+(?:of\s+account|period|date)\b|\bbank\s+statement\b|\baccount\s+statement\b",
                1.5,
                "a statement heading",
            ),
            (r"\b(?:opening|closing|beginning|ending)\s+balance\b", 1.2, "opening / closing balances"),
            (r"\b(?:deposits?|withdrawals?|debits?|credits?)\b", 0.5, "transactions"),
            (r"\baccount\s+(?:number|no)\b", 0.4, "an account number"),
        ),
        heading=re.compile(r"statement\b", re.IGNORECASE),
    ),
    DocumentKind(
        name="purchase_order",
        names=frozenset({"purchase_order", "po", "order", "orders"}),
        description_words=frozenset({"order", "purchase"}),
        cues=_cues(
            (r"\bpurchase\s+order\b", 1.5, "the words purchase order"),
            (r"\b(?:p\.?o\.?\s*(?:no|number|#)|order\s+(?:no|number|date))\b", 0.8, "an order number"),
            (r"\b(?:ship\s+to|deliver\s+to|delivery\s+date|vendor)\b", 0.5, "delivery details"),
        ),
        heading=re.compile(r"^\W*purchase\s+order\b", re.IGNORECASE),
    ),
    DocumentKind(
        name="resume",
        names=frozenset({"resume", "cv", "curriculum"}),
        description_words=frozenset({"resume", "cv", "candidate", "applicant", "career"}),
        cues=_cues(
            (r"\b(?:work\s+)?experience\b|\bemployment\s+history\b", 0.8, "experience"),
            (r"\beducation\b|\bskills\b|\bcertifications?\b", 0.8, "education and skills"),
            (r"\b(?:curriculum\s+vitae|r[ée]sum[ée])\b", 1.5, "the word resume"),
        ),
        heading=re.compile(r"^\W*(?:curriculum\s+vitae|r[ée]sum[ée])\b", re.IGNORECASE),
    ),
)

OTHER_NAMES = frozenset(
    {"other", "others", "unknown", "misc", "miscellaneous", "none", "unclassified", "default"}
)
_OTHER_DESCRIPTION = re.compile(
    r"^\W*(?:any(?:thing)?\s+(?:else|other)|other\b|none\s+of|everything\s+else)", re.IGNORECASE
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}-]*")


def words_of(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text.replace("_", " "))}


def is_other(type_: str, id_: str, description: str) -> bool:
    """A catch-all class: chosen when no other class has evidence."""
    return bool(words_of(f"{type_} {id_}") & OTHER_NAMES) or bool(_OTHER_DESCRIPTION.match(description))


def kinds_for(type_: str, id_: str, description: str) -> list[DocumentKind]:
    """The known kinds a classification stands for: by its type and id first, else by its description."""
    named = words_of(f"{type_} {id_}") | {f"{type_}".lower().replace(" ", "_")}
    by_name = [kind for kind in KINDS if kind.names & named]
    if by_name:
        return by_name
    described = words_of(description)
    return [kind for kind in KINDS if kind.description_words & described]


@dataclass(frozen=True)
class Evidence:
    score: float
    found: tuple[str, ...]


def evidence(kind: DocumentKind, text: str, top_lines: list[str], *, tall_scan: bool = False) -> Evidence:
    """How strongly `text` looks like a document of `kind`: summed cue weights, plus a heading at the top."""
    found = [cue.label for cue in kind.cues if cue.pattern.search(text)]
    score = sum(cue.weight for cue in kind.cues if cue.label in found)
    if tall_scan and kind.shape_weight:
        score += kind.shape_weight
        found.append("a tall, narrow scanned page")
    if any(kind.heading.search(line) and len(line) <= 80 for line in top_lines):
        score += 1.0
        found.append("a title naming it at the top")
    return Evidence(score, tuple(found))
