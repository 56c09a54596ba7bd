"""The parties of an agreement: the names its preamble introduces ("between Acme, Inc. and Bolt LLC") and the
organisations it names before defining them ("Potomac Key Group, LLC (the “Undersigned”)"), each with its
whole legal suffix ("Xinyuan Real Estate Co., Ltd.")."""

from __future__ import annotations

import re

from pagemill.processors.extract.fields import Field
from pagemill.processors.extract.found import Found
from pagemill.processors.extract.layout import Layout
from pagemill.processors.extract.running_text import full_text, lines_at
from pagemill.processors.values import ValueHints

BETWEEN = re.compile(r"\bparties\s*:|\bby\s+and\s+(?:between|among)\b|\bbetween\b|\bamong\b", re.IGNORECASE)
PARTY_SUFFIX = re.compile(
    r"\b(Inc|Corp|Corporation|Company|LLC|L\.L\.C|Ltd|Limited|LP|L\.P|plc|N\.V|S\.A|AG|ASA|"
    r"GmbH|Co|Trust|Bank|Partners|Holdings)\b\.?"
)
# A later suffix of the same name: "Co., Ltd.", "Partners, L.P."; or after more words of it when no comma
# closed the first ("Partners Asset Management, LLC"): a comma and more words start the next name of a list.
_NEXT_SUFFIX = re.compile(r",?\s+" + PARTY_SUFFIX.pattern)
_MORE_WORDS_SUFFIX = re.compile(r"\s+(?:[A-Z][\w’'\-]*,?\s+){1,3}?" + PARTY_SUFFIX.pattern)
# Dotted legal forms as they are usually written: "L.L.C." -> "LLC".
_DOTTED_FORMS = {"L.L.C": "LLC", "L.P": "LP", "N.V": "NV", "S.A": "SA"}
MAX_PARTIES = 4
PREAMBLE_CHARACTERS = 1500
EVIDENCE = 0.55

# Defined terms that stand for a party in the text but are not its name.
GENERIC_PARTY_WORDS = frozenset(
    {
        "company",
        "party",
        "parties",
        "receiving",
        "disclosing",
        "recipient",
        "employee",
        "executive",
        "whereas",
        "the",
        "this",
        "agreement",
        "of",
        "and",
        "&",
        "buyer",
        "seller",
        "purchaser",
        "bank",
        "corporation",
        "inc",
        "inc.",
        "llc",
    }
)
_CONNECTORS = frozenset({"&", "of", "and", "de"})
# Words before "of" that name a body of an organisation, not the organisation: "Board of Directors of X Corp".
_BODY_WORDS = frozenset(
    {"board", "directors", "members", "shareholders", "stockholders", "subsidiaries", "the"}
)
# Words of a letter's address block and titles that stand before a name but are never part of it.
_NOT_NAME_WORDS = frozenset(
    {
        "dear",
        "attention",
        "attn",
        "re",
        "sir",
        "madam",
        "gentlemen",
        "ladies",
        "mr",
        "ms",
        "mrs",
        "the",
        "this",
        "president",
        "ceo",
        "chairman",
        "vice",
        "secretary",
        "treasurer",
        "officer",
        "logo",
        "a",
        "an",
        "agreement",
        "confidential",
        "confidentiality",
        "nondisclosure",
        "non-disclosure",
        "exhibit",
        "recitals",
        "whereas",
    }
)
_ENUMERATOR = re.compile(r"^\(?[A-Za-z0-9]{1,2}[.)]$|^\d{3,}$")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
MAX_NAME_WORDS = 7
_PERSON = re.compile(
    r"([A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+){1,2}(?:,?\s+(?:Jr\.|Sr\.|II|III|IV)\b)?)"
)
_STOP = re.compile(r"[“”\"():]|^\W+$")


def find_parties(field: Field, layout: Layout, hints: ValueHints) -> Found | None:
    """The parties from the preamble; organisations named before a defined term complete a short list."""
    text, offsets = full_text(layout, pages=1)
    body = _after_filing_header(text)
    match = BETWEEN.search(text)
    names: list[str] = introduced_parties(text[match.end() : match.end() + 700]) if match else []
    if len(names) < 2:
        for name in organisation_names(text[body : body + PREAMBLE_CHARACTERS]):
            _add(names, name)
    names = names[:MAX_PARTIES]
    if not names:
        return None
    start = match.start() if match else body
    lines = lines_at(offsets, start, start + 400)
    items = [Found(name, lines, EVIDENCE, True, name, "pattern") for name in names]
    return Found(names, lines, EVIDENCE, True, text[start : start + 200], "pattern", items=items)


def introduced_parties(window: str) -> list[str]:
    """The names listed after "between": "Acme, Inc., a Delaware corporation, and John Smith" -> both."""
    names: list[str] = []
    for piece in re.split(r"\band\b|;|\(\s*[\"“]", window):
        name = party_name(piece)
        if name:
            _add(names, name)
        if len(names) >= MAX_PARTIES:
            break
    return names


def organisation_names(text: str) -> list[str]:
    """Organisations named by their legal suffix, in order of first mention."""
    names: list[str] = []
    position = 0
    for suffix in PARTY_SUFFIX.finditer(text):
        if suffix.start() < position:
            continue
        end = _suffix_chain_end(text, suffix.end())
        position = end
        name = _name_ending(text[: suffix.start()], text[suffix.start() : end])
        if name:
            _add(names, name)
    return names


def party_name(piece: str) -> str | None:
    """The first name in a piece of a preamble: an organisation with its suffix, else a person's name."""
    piece = piece.strip(' ,:"“”()').lstrip(".")
    suffix = PARTY_SUFFIX.search(piece)
    if suffix:
        end = _suffix_chain_end(piece, suffix.end())
        return _name_ending(piece[: suffix.start()], piece[suffix.start() : end])
    person = _PERSON.match(piece)
    return _named(person.group(1)) if person else None


def _suffix_chain_end(text: str, end: int) -> int:
    while (more := _NEXT_SUFFIX.match(text, end) or _MORE_WORDS_SUFFIX.match(text, end)) is not None:
        end = more.end()
    return end


def _name_ending(before: str, suffix: str) -> str | None:
    """The capitalised words right before `suffix`, back to the first word that is not part of a name."""
    words = before.replace(",", " , ").split()
    start = len(words)
    while start > 0 and len(words) - start < MAX_NAME_WORDS:
        word = words[start - 1]
        if word == "," and start == len(words) or word in _CONNECTORS:
            start -= 1
            continue
        if _STOP.search(word) or not (word[:1].isupper() or word[:1].isdigit()):
            break
        if _ENUMERATOR.match(word) or re.sub(r"\W", "", word.lower()) in _NOT_NAME_WORDS:
            break
        if PARTY_SUFFIX.fullmatch(word) or (
            word.endswith(".") and len(word) > 3 and not _INITIALS.match(word)
        ):
            break  # the end of an earlier name or sentence
        start -= 1
    if start > 0 and words[start - 1].lower() in ("a", "an"):
        return None  # a description ("a Delaware Corporation"), not a name
    comma_before_suffix = bool(words) and words[-1] == ","
    kept = [word for word in words[start:] if word != ","]
    while kept and kept[0] in _CONNECTORS:
        kept.pop(0)
    if "of" in kept:
        cut = len(kept) - 1 - kept[::-1].index("of")
        if all(word.lower() in _BODY_WORDS | _CONNECTORS for word in kept[:cut]):
            kept = kept[cut + 1 :]
    if kept and comma_before_suffix:
        kept[-1] += ","
    return _named(" ".join([*kept, _undotted(suffix.strip())]))


def _undotted(suffix: str) -> str:
    for dotted, plain in _DOTTED_FORMS.items():
        suffix = re.sub(re.escape(dotted) + r"\.?", plain, suffix)
    return suffix


def _named(name: str) -> str | None:
    name = " ".join(name.replace(" ,", ",").split()).strip(" ,")
    if not name or all(re.sub(r"\W", "", word.lower()) in GENERIC_PARTY_WORDS for word in name.split()):
        return None
    return name


def _add(names: list[str], name: str) -> None:
    """Keep the fuller spelling of a name met twice ("Verso Paper" then "Verso Paper Holdings LLC")."""
    for index, known in enumerate(names):
        if name.startswith(known) or known.startswith(name):
            names[index] = max(known, name, key=len)
            return
    names.append(name)


_FILING_HEADER = re.compile(r"^\s*EX-[\w.()\-]+\s+\d+\s+\S+\.html?\b", re.IGNORECASE)


def _after_filing_header(text: str) -> int:
    """Skip an SEC filing's "EX-10.1 2 d123.htm" stamp, whose words are not part of the agreement."""
    header = _FILING_HEADER.match(text)
    return header.end() if header else 0
