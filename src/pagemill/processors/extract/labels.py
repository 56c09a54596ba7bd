"""Label matching: does a line name a field ("Invoice No.:", "TOTAL", "Date of issue")? By the field's
own words,
a few common synonyms of document vocabularies, and the words of its description."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pagemill.processors.extract.fields import Field

_TOKEN = re.compile(r"[a-z0-9]+|#")
STOPWORDS = frozenset(
    {
        "the",
        "of",
        "a",
        "an",
        "on",
        "in",
        "for",
        "to",
        "and",
        "or",
        "is",
        "as",
        "by",
        "at",
        "this",
        "that",
        "value",
        "field",
        "document",
        "name",
    }
)
# Words documents print for what schemas usually call a field; keys are words of field names.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("no", "nr", "num", "#", "nummer", "numero", "n"),
    "invoice": ("invoice", "bill", "factuur", "facture", "rechnung", "faktura", "receipt", "inv"),
    "date": ("date", "dated", "datum", "data", "issued"),
    "total": (
        "total",
        "amount due",
        "grand total",
        "balance due",
        "totaal",
        "gesamtbetrag",
        "razem",
        "net amount",
        "total due",
        "te betalen",
        "amount payable",
    ),
    "amount": ("amount", "total", "bedrag", "montant", "betrag", "kwota"),
    "untaxed": (
        "subtotal",
        "sub total",
        "subtotaal",
        "net",
        "excl",
        "excluding",
        "before tax",
        "ht",
        "netto",
        "exclusive",
    ),
    "vat": ("vat", "tax id", "btw", "tva", "ust", "nip", "gst", "gstin", "vat no", "vat number"),
    "tax": ("tax", "vat", "gst", "btw", "tva", "mwst"),
    "iban": ("iban",),
    "due": ("due", "payable", "vervaldatum", "echeance"),
    "phone": ("phone", "tel", "telephone", "mobile"),
    "email": ("email", "e-mail", "mail"),
    "order": ("order", "po", "purchase order", "bestelling"),
    "customer": ("customer", "client", "bill to", "sold to", "klant"),
}


# Whole labels that word-by-word synonyms miss: compounds ("Rechnungsnr.") and idioms ("Total HT").
PHRASE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "invoice number": (
        "rechnungsnr",
        "rechnungsnummer",
        "factuurnummer",
        "factuurnr",
        "facture n",
        "fakturanr",
        "numero de facture",
        "invoice no",
        "bill no",
        "nr faktury",
    ),
    "invoice date": (
        "rechnungsdatum",
        "factuurdatum",
        "date de facture",
        "data wystawienia",
        "date of issue",
    ),
    "amount untaxed": (
        "subtotal",
        "sub total",
        "total excl",
        "net amount",
        "total ht",
        "montant ht",
        "netto",
        "zwischensumme",
        "totaal excl",
        "untaxed amount",
        "total net",
        "subtotaal",
        "totaal excl",
        "exclusief btw",
        "excl btw",
        "sous total",
        "nettobetrag",
        "summe netto",
        "razem netto",
        "wartosc netto",
        "total before tax",
        "total excl vat",
        "amount excl",
    ),
    "vat": (
        "ustid",
        "ust idnr",
        "ust id",
        "vat id",
        "vat no",
        "tva intracommunautaire",
        "n de tva",
        "tva intra communautaire",
    ),
    "iban": ("iban", "bank account", "rekeningnummer", "kontonummer", "numer rachunku", "numero de compte"),
}


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_TOKEN.findall(text.lower()))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


@dataclass(frozen=True)
class LabelMatch:
    score: float  # 0-1: how completely the label names the field
    end: int  # character offset in the line's text where the value may start


def label_phrases(field: Field) -> list[tuple[str, float]]:
    """Phrases that name the field, with how specific each is (the full name scores 1)."""
    words = [word for word in tokens(field.label) if word not in STOPWORDS] or tokens(field.label)
    phrases: list[tuple[str, float]] = [(" ".join(words), 1.0)]
    variants: list[list[str]] = [[]]
    for word in words:
        options = [word, *SYNONYMS.get(word, ())]
        variants = [[*prefix, option] for prefix in variants for option in options][:64]
    phrases += [(" ".join(variant), 0.95) for variant in variants]
    phrases += [(phrase, 0.95) for phrase in PHRASE_SYNONYMS.get(" ".join(words), ())]
    if len(words) > 1:
        for word in words:
            for option in (word, *SYNONYMS.get(word, ())):
                if len(option) > 2:
                    phrases.append((option, 0.55))
    for phrase in _description_phrases(field.description):
        phrases.append((phrase, 0.8))
    phrases += _short_description_phrases(field.description)
    seen: dict[str, float] = {}
    for phrase, weight in phrases:
        if phrase and weight > seen.get(phrase, 0.0):
            seen[phrase] = weight
    return sorted(seen.items(), key=lambda item: (-len(item[0]), -item[1]))


MAX_LABEL_LIKE_WORDS = 3


def _short_description_phrases(description: str) -> list[tuple[str, float]]:
    """A description of a few words is the label itself: `date` described as "invoice date"."""
    words = [word for word in tokens(description) if word not in STOPWORDS]
    if not words or len(words) > MAX_LABEL_LIKE_WORDS:
        return []
    phrase = " ".join(words)
    return [(phrase, 0.98), *((synonym, 0.95) for synonym in PHRASE_SYNONYMS.get(phrase, ()))]


def _description_phrases(description: str) -> list[str]:
    # Quoted words in a description are labels the author expects on the page: 'labelled "Rechnungsnr."'.
    return [normalise(text) for text in re.findall(r"[\"“']([^\"”']{2,40})[\"”']", description)]


def match_label(line_text: str, phrases: list[tuple[str, float]]) -> LabelMatch | None:
    """The best phrase that the line starts with (after leading symbols), as a label followed by a value."""
    lowered = line_text.lower()
    first = _FIRST_TOKEN.search(lowered)
    if first is None:
        return None
    best = _match_at_start(line_text, lowered, first.group(0)[:1], phrases)
    return best or _match_inside(line_text, lowered, phrases)


def _match_inside(line_text: str, lowered: str, phrases: list[tuple[str, float]]) -> LabelMatch | None:
    """A label further along the line, set off by a colon: "Bank: ING  IBAN: NL91 INGB 0001 2345 67"."""
    if ":" not in lowered:
        return None
    best: LabelMatch | None = None
    for phrase, weight in phrases:
        if weight < MIN_INSIDE_WEIGHT or phrase.split()[0] not in lowered:
            continue
        pattern = r"(?:(?<=\s)|(?<=[|;,]))" + r"\W*".join(re.escape(token) for token in phrase.split())
        found = re.search(pattern + r"\.?\s*[:#]", lowered)
        if found is not None and (best is None or weight - INSIDE_PENALTY > best.score):
            best = LabelMatch(weight - INSIDE_PENALTY, _value_start(line_text, found.end()))
    return best


def _match_at_start(
    line_text: str, lowered: str, first: str, phrases: list[tuple[str, float]]
) -> LabelMatch | None:
    best: LabelMatch | None = None
    for phrase, weight in phrases:
        if not phrase.startswith(first):
            continue
        pattern = r"^\W*" + r"\W*".join(re.escape(token) for token in phrase.split()) + r"(?![a-z0-9_])"
        found = re.search(pattern, lowered)
        if found is None:
            continue
        tail = lowered[found.end() :]
        # A label written as a longer phrase ("total tax", "invoice date" for "invoice") names something else.
        next_word = re.match(r"\W*([a-z]+)", tail)
        penalty = (
            0.25
            if next_word and next_word.group(1) in _QUALIFIERS and next_word.group(1) not in phrase
            else 0.0
        )
        score = weight - penalty
        if best is None or score > best.score:
            best = LabelMatch(score, _value_start(line_text, found.end()))
    return best


MIN_INSIDE_WEIGHT = 0.8
INSIDE_PENALTY = 0.1
_FIRST_TOKEN = re.compile(r"[a-z0-9#]")
_QUALIFIERS = frozenset(
    {
        "tax",
        "vat",
        "date",
        "number",
        "no",
        "qty",
        "quantity",
        "items",
        "item",
        "discount",
        "excl",
        "incl",
        "paid",
        "savings",
        "saving",
        "before",
        "amount",
        "due",
        "gst",
        "sr",
        "zr",
        "weight",
        "points",
        "code",
        "id",
    }
)


def _value_start(text: str, offset: int) -> int:
    while offset < len(text) and (text[offset] in " :#.-=\t|" or not text[offset].isprintable()):
        offset += 1
    return offset
