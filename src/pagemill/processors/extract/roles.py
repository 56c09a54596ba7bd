"""Fields whose values documents rarely label, found by where documents of their kind put them: the issuer's
name and address at the top of a receipt or invoice, the payable total, the parties, governing law, term and
effective date of an agreement, the currency an invoice is in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from pagemill.processors.extract.agreement_term import agreement_term
from pagemill.processors.extract.fields import Field
from pagemill.processors.extract.found import Found
from pagemill.processors.extract.issuer import named_issuer
from pagemill.processors.extract.labels import tokens
from pagemill.processors.extract.layout import Layout, TextLine
from pagemill.processors.extract.matching import read_value
from pagemill.processors.extract.parties import find_parties
from pagemill.processors.extract.running_text import full_text, lines_at
from pagemill.processors.values import ValueHints, find_currencies, parse_date, parse_money

Locator = Callable[[Field, Layout, ValueHints], "Found | None"]

ORG_WORDS = frozenset(
    {
        "company",
        "vendor",
        "merchant",
        "issuer",
        "seller",
        "supplier",
        "store",
        "shop",
        "business",
        "restaurant",
        "biller",
        "organisation",
        "organization",
    }
)
ORG_SUFFIX = re.compile(
    r"\b(SDN\.?\s*BHD|BHD|BERHAD|ENTERPRISES?|TRADING|RESTAURANT|RESTORAN|HARDWARE|STATIONERY|MARKETING|"
    r"SUPERMARKET|MART|CAFE|BAKERY|FOOD|HOLDINGS|PLT|LTD|LIMITED|INC|LLC|GMBH|CORP(ORATION)?|CO\.|S\.?A\.?|"
    r"B\.?V\.?|S\.?R\.?L|SP\.?\s?Z\s?O\.?O|PVT|SERVICES?)\b",
    re.IGNORECASE,
)
NOT_ADDRESS = re.compile(
    r"\b(TEL|PHONE|FAX|GST|EMAIL|E-MAIL|INVOICE|RECEIPT|DATE|CASHIER|TAX|REG|WWW|HTTP|"
    r"OPEN|HOTLINE|TABLE|BILL|DOC|NO\s*:|CO\.?\s*NO|CO\.?\s*REG)",
    re.IGNORECASE,
)
ADDRESS_HINT = re.compile(
    r"\b(JALAN|JLN|LOT|NO\.?\s?\d|TAMAN|STREET|ST\.|ROAD|RD|AVE(NUE)?|LANE|BLVD|SUITE|"
    r"FLOOR|\d{5}|BATU|KAWASAN|PERSIARAN|LORONG|SELANGOR|JOHOR|KUALA|LUMPUR|PUCHONG|"
    r"STRAAT|WEG|RUE|STR\.)\b",
    re.IGNORECASE,
)
TOTAL_WORD = re.compile(
    r"total|totaal|gesamt|razem|summe|te betalen|[àa] payer|amount due|\bTTC\b", re.IGNORECASE
)
TOTAL_EXCLUDE = re.compile(
    r"sub\s*-?total|total\s+(tax|gst|vat|qty|quantity|items?|discount|saving|excl|"
    r"before|sales\s+excl|amount\s+excl|weight|points)|tax\s+total|gst\s+summary|"
    r"total\s+sales\s*\(excl",
    re.IGNORECASE,
)
TOTAL_STRONG = re.compile(
    r"total\s+rounded|rounded\s+total|grand\s+total|net\s+total|total\s+amount|"
    r"amount\s+due|total\s+due|balance\s+due|total\s+payable|total\s+incl|nett?\s+amount|"
    r"total\s*\(incl|total\s+sales\s*\(incl|\bTTC\b",
    re.IGNORECASE,
)
GOVERNING_LAW = re.compile(
    r"(?:governed\s+by|construed|interpreted|enforced)[^.;]{0,120}?laws?\s+of\s+(?:the\s+)?"
    r"(?i:state\s+of\s+|commonwealth\s+of\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
EFFECTIVE = re.compile(
    r"(?:dated|effective|entered\s+into|made)\s+(?:as\s+of\s+|on\s+|this\s+)?"
    r"(?:the\s+)?(.{6,40}?\d{4})",
    re.IGNORECASE,
)
US_STATES = (
    "New York",
    "New Jersey",
    "New Hampshire",
    "New Mexico",
    "North Carolina",
    "North Dakota",
    "South Carolina",
    "South Dakota",
    "Rhode Island",
    "West Virginia",
    "District of Columbia",
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "Wisconsin",
    "Wyoming",
)


def locator_for(field: Field) -> Locator | None:
    words = set(tokens(f"{field.label} {field.key}"))
    if field.is_list and words & {"party", "parties"}:
        return find_parties
    if field.kind == "date" and words & {"effective", "agreement", "contract", "commencement"}:
        return _effective_date
    if field.kind in ("string", "enum") and words & {"jurisdiction", "governing", "law"}:
        return _jurisdiction
    if field.kind in ("string", "enum") and words & {"term", "duration"}:
        return _term
    if field.kind in ("string", "enum") and "address" in words:
        return _address
    if field.kind in ("string", "enum") and words & ORG_WORDS:
        return _organisation
    if field.kind in ("string", "enum") and words == {"currency"} or words == {"currency", "code"}:
        return _currency
    if (
        field.kind in ("number", "currency")
        and words & {"total", "amount"}
        and not words & {"untaxed", "subtotal", "tax", "vat", "net", "excl", "discount"}
    ):
        return _total
    if field.kind == "date":
        return _first_date
    return None


def pattern_only(field: Field) -> bool:
    """Fields a printed label does not introduce ("Term" heads a section, not a duration)."""
    return locator_for(field) in (_term, _jurisdiction, find_parties)


def prefers_layout(field: Field) -> bool:
    """Fields whose printed labels mislead ("Total 6" items, the customer's "Company:"): locator first."""
    return locator_for(field) in (
        _total,
        _organisation,
        _address,
        _jurisdiction,
        _term,
        _effective_date,
        find_parties,
    )


def _top_lines(layout: Layout, fraction: float = 0.4) -> list[TextLine]:
    first = [line for line in layout.lines if line.page == min(layout.pages, default=1)]
    if not layout.has_geometry:
        return first[:12]
    page = layout.pages[first[0].page] if first else None
    limit = page.height * fraction if page else 0
    return [line for line in first if line.box is not None and line.box.top <= limit]


def _organisation_line(layout: Layout) -> TextLine | None:
    top = [line for line in _top_lines(layout)[:8] if sum(char.isalpha() for char in line.text) >= 4]
    top = [line for line in top if not _LABELLED.search(line.text) and not _NOT_ORG.search(line.text)]
    for line in top:
        if (
            ORG_SUFFIX.search(line.text)
            and not NOT_ADDRESS.search(line.text)
            and not ADDRESS_HINT.search(line.text)
        ):
            return line
    # Without a company suffix: the first line that is neither an address, a phone line nor a document title.
    for line in top:
        bare = _REGISTRATION.sub("", line.text)
        if not NOT_ADDRESS.search(bare) and not ADDRESS_HINT.search(bare) and not _DIGITS.search(bare):
            return line
    return None


_NOT_ORG = re.compile(
    r"\b(account|number|page|customer|guest|sold|bill\s+to|ship\s+to|statement|summary|invoice|receipt|"
    r"address|details|factuuradres|afleveradres|adresse|anschrift)\b",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"\w\s*:(\s|$)")
_DIGITS = re.compile(r"\d{3,}")
# A registration number printed after a company name: "(519537-X)", "(139386 X)", "Co. No. 123".
_REGISTRATION = re.compile(r"[\s\[{(]*\(?[\w\s-]*\d{4,}[\w\s-]*\)?\W*$")


def _organisation(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    named = named_issuer(layout)
    if named is not None:
        found = read_value(field, named.name, [named.line], hints, evidence=named.evidence, method="layout")
        if found is not None:
            return found
    line = _organisation_line(layout)
    if line is None:
        return None
    lines = [line]
    name = _REGISTRATION.sub("", line.text).strip(" [](){}|-_,:;'\"")
    if ORG_SUFFIX.fullmatch(name.strip(" .")) and line.index > 0:
        # The suffix alone ("SDN BHD") ends a name printed over two lines.
        previous = layout.lines[line.index - 1]
        if previous.page == line.page:
            lines.insert(0, previous)
            name = f"{previous.text.strip()} {name}"
    evidence = 0.8 if ORG_SUFFIX.search(name) else 0.5
    found = read_value(field, name or line.text, lines, hints, evidence=evidence, method="layout")
    if found is not None:
        found.reference_text = " ".join(item.text for item in lines)
    return found


def _address(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    top = _top_lines(layout, 0.5)
    org = _organisation_line(layout)
    start = top.index(org) + 1 if org in top else 0
    picked: list[TextLine] = []
    for line in top[start : start + 10]:
        labelled = re.search(r"\w\s*:\s*\S", line.text) is not None
        if labelled or (NOT_ADDRESS.search(line.text) and not ADDRESS_HINT.search(line.text)):
            if picked:
                break
            continue
        if re.fullmatch(r"\(?[\w\s\-.]*\d{5,}[\w\s\-]*\)?", line.text) and not ADDRESS_HINT.search(line.text):
            if picked:
                break
            continue
        if picked or ADDRESS_HINT.search(line.text):
            picked.append(line)
    if not picked:
        return None
    text = " ".join(line.text for line in picked)
    evidence = 0.7 if len(picked) > 1 else 0.5
    return read_value(field, text, picked, hints, evidence=evidence, method="layout")


_DECIMAL_AMOUNT = re.compile(r"\d[.,]\s?\d{2}(?!\d)")


def _total(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    best: tuple[float, int, Found] | None = None
    for line in layout.lines:
        if not TOTAL_WORD.search(line.text) and not TOTAL_STRONG.search(line.text):
            continue
        if TOTAL_EXCLUDE.search(line.text):
            continue
        strength = 0.85 if TOTAL_STRONG.search(line.text) else 0.7
        neighbours = [*layout.same_row_right(line)[:1], *layout.below(line)[:1]]
        for text, extra in ((line.text, []), *((other.text, [other]) for other in neighbours)):
            amount_at = _DECIMAL_AMOUNT.search(text)
            if amount_at is None:
                continue
            start = max(0, amount_at.start() - 12)
            amounts = parse_money(text[start:].split("  ")[0], hints)
            if not amounts.ok or amounts.value is None or amounts.value["amount"] is None:
                continue
            source = f"{amounts.value.get('iso_4217_currency_code') or ''} {amounts.value['amount']}".strip()
            found = read_value(field, source, [line, *extra], hints, evidence=strength, method="layout")
            if found is None:
                continue
            found.reference_text = text
            rank = (strength, line.index)
            if best is None or rank > best[:2]:
                best = (strength, line.index, found)
            break
    return best[2] if best else None


def _first_date(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    """The first date on a line naming a date or the document ("Invoice date", "Facture du"), else any."""
    best: tuple[int, Found] | None = None
    for line in layout.lines:
        for piece in _date_like(line.text):
            parsed = parse_date(piece, hints)
            if not (parsed.ok and parsed.value and MIN_YEAR <= int(parsed.value[:4]) <= MAX_YEAR):
                continue
            found = read_value(field, piece, [line], hints, evidence=0.55, method="layout")
            if found is None:
                continue
            rank = 1 if _DATED_LINE.search(line.text) else 0
            if best is None or rank > best[0]:
                best = (rank, found)
            if rank:
                return found
    return best[1] if best else None


_DATED_LINE = re.compile(
    r"\b(date|dated|datum|data|fecha|du|le|invoice|facture|factuur|rechnung|receipt)\b", re.IGNORECASE
)
_DATE_PIECE = re.compile(
    r"(?<![\d.,])(?:\d{1,2}[./\-]\d{1,2}[./\-](?:\d{4}|\d{2})|\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|"
    r"\d{1,2}\s*[A-Za-z]{3,9}\.?,?\s*\d{2,4}|[A-Za-z]{3,9}\.?\s+\d{1,2}\s*,?\s*\d{4})(?![\d.,]\d)"
)
MIN_YEAR, MAX_YEAR = 1950, 2100


def _date_like(text: str) -> list[str]:
    return [match.group(0) for match in _DATE_PIECE.finditer(text)]


def _effective_date(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    text, offsets = full_text(layout)
    for match in EFFECTIVE.finditer(text):
        for piece in [match.group(1), *_date_like(match.group(1))]:
            cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", piece).replace(" day of ", " ")
            found = read_value(
                field, cleaned, lines_at(offsets, *match.span()), hints, evidence=0.75, method="pattern"
            )
            if found is not None:
                return found
    return _first_date(field, layout, hints)


def _jurisdiction(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    text, offsets = full_text(layout, pages=50)
    for match in GOVERNING_LAW.finditer(text):
        place = match.group(1)
        state = next((name for name in US_STATES if place.startswith(name)), None)
        found = read_value(
            field,
            state or place,
            lines_at(offsets, *match.span()),
            hints,
            evidence=0.85 if state else 0.6,
            method="pattern",
        )
        if found is not None:
            return found
    return None


def _term(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    text, offsets = full_text(layout, pages=50)
    term = agreement_term(text)
    if term is None:
        return None
    lines = lines_at(offsets, term.start, term.end)
    return read_value(field, term.value, lines, hints, evidence=0.6, method="pattern")


def _currency(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    counts: Counter[str] = Counter()
    where: dict[str, TextLine] = {}
    for line in layout.lines:
        # A currency that prices something stands next to an amount: those mentions count double.
        weight = 2 if any(char.isdigit() for char in line.text) else 1
        for mention in find_currencies(line.text):
            code = mention.resolve(hints).value
            if code and _standalone(line.text, mention.start, mention.end):
                counts[code] += weight
                where.setdefault(code, line)
    if not counts:
        return None
    code, count = counts.most_common(1)[0]
    evidence = 0.8 if count >= 2 and len(counts) == 1 else 0.6
    return read_value(field, code, [where[code]], hints, evidence=evidence, method="layout")


def _standalone(text: str, start: int, end: int) -> bool:
    """Not part of a longer code: "GEL" in the BIC "HELADEF1GEL" is no currency."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalpha()
