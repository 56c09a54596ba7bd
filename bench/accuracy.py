"""Accuracy benchmark of the processors on ../shared/eval, scored as its README says.

    python bench/accuracy.py [--provider embedded|llama_cpp] [--limit N] [--cache DIR] [--json PATH]
                             [--only sroie,kleister,invoice2data,classify_split]

Extraction: SROIE field F1 (company, date, address, total), Kleister-NDA pair F1, invoice2data core-field
accuracy; per provider, with seconds per document (extraction only, parsing timed apart) and calibration (the
share of values with confidence >= 0.9 that are right). Classification macro-F1 and split exact-segment
rate come
from `accuracy_classify_split.py` beside this file (skipped with a message when absent).
`--cache DIR` keeps parsed documents between runs (parsing is not what this measures); leave it off to measure
the current parser end to end. The eval folder is read from ../shared/eval and skipped (with a message)
when absent.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib
import json
import pickle
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
HIGH_CONFIDENCE = 0.9

STRING = {"type": ["string", "null"]}
DATE = {"type": ["string", "null"], "extend:type": "date"}
NUMBER = {"type": ["number", "null"]}
SROIE_SCHEMA = {
    "type": "object",
    "properties": {
        "company": {**STRING, "description": "name of the store or company that issued the receipt"},
        "date": {**DATE, "description": "date of the receipt"},
        "address": {**STRING, "description": "address of the store"},
        "total": {**NUMBER, "description": "total amount paid"},
    },
}
KLEISTER_SCHEMA = {
    "type": "object",
    "properties": {
        "effective_date": {**DATE, "description": "date the agreement takes effect"},
        "jurisdiction": {**STRING, "description": "US state whose law governs the agreement"},
        "party": {"type": "array", "items": {"type": "string"}, "description": "parties to the agreement"},
        "term": {**STRING, "description": "duration of the agreement, e.g. 2 years"},
    },
}
INVOICE_SCHEMA = {
    "type": "object",
    "properties": {
        "issuer": {**STRING, "description": "name of the company that issued the invoice"},
        "invoice_number": STRING,
        "date": {**DATE, "description": "invoice date"},
        "amount": {**NUMBER, "description": "total amount including tax"},
        "amount_untaxed": {**NUMBER, "description": "total before tax (subtotal)"},
        "currency": {**STRING, "description": "ISO 4217 currency code"},
        "vat": {**STRING, "description": "VAT or tax identification number of the issuer"},
        "iban": STRING,
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {**STRING, "description": "description of the item"},
                    "price_unit": {**NUMBER, "description": "unit price"},
                },
            },
        },
    },
}
INVOICE_CORE = ("issuer", "amount", "amount_untaxed", "date", "invoice_number", "currency", "vat", "iban")


@dataclass
class Score:
    name: str
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    correct: int = 0
    total: int = 0
    seconds: list[float] = field(default_factory=list)
    confident: list[bool] = field(default_factory=list)  # per value with confidence >= 0.9: was it right?
    errors: list[str] = field(default_factory=list)

    def f1(self) -> float:
        precision = self.true_positive / max(1, self.true_positive + self.false_positive)
        recall = self.true_positive / max(1, self.true_positive + self.false_negative)
        return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)

    def accuracy(self) -> float:
        return self.correct / max(1, self.total)

    def row(self) -> dict[str, Any]:
        return {
            "set": self.name,
            "f1": round(self.f1(), 3),
            "accuracy": round(self.accuracy(), 3),
            "seconds_per_document": round(sum(self.seconds) / max(1, len(self.seconds)), 3),
            "confident_values": len(self.confident),
            "confident_correct": round(sum(self.confident) / len(self.confident), 3)
            if self.confident
            else None,
        }


# ---------------------------------------------------------------- running the extractor


class Runner:
    def __init__(self, provider_name: str, cache: Path | None) -> None:
        from pagemill.processors.extract import extract, load_extract_config
        from pagemill.processors.parse import load_parse_config, parse

        self._extract, self._load_config = extract, load_extract_config
        self._parse, self._parse_config = parse, load_parse_config(None)
        self.cache = cache
        self.provider = _provider(provider_name)

    def document(self, path: Path) -> Any:
        key = hashlib.sha256(f"{path}:{path.stat().st_mtime}".encode()).hexdigest()[:24]
        cached = self.cache / f"{key}.pickle" if self.cache else None
        if cached and cached.exists():
            return pickle.loads(cached.read_bytes())
        with path.open("rb") as body:
            document = self._parse(body, config=self._parse_config, name=path.name).document
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(pickle.dumps(document))
        return document

    def run(self, path: Path, schema: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], float]:
        document = self.document(path)
        config = self._load_config({"schema": schema})
        started = time.perf_counter()
        result = self._extract(document, config, provider=self.provider)
        return result.value, result.metadata, time.perf_counter() - started


def _provider(name: str) -> Any:
    if name == "embedded":
        return None
    from pagemill.config import get_settings
    from pagemill.processors.models.providers import provider_from_settings

    return provider_from_settings(get_settings(), name)


def _confidence(metadata: dict[str, Any], key: str) -> float | None:
    entry = metadata.get(key) or {}
    return entry.get("confidence")


# ---------------------------------------------------------------- normalisation


def _text(value: Any) -> str:
    return " ".join(str(value or "").upper().split())


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return round(float(re.sub(r"[^\d.\-]", "", str(value).replace(",", ""))), 2)
    except ValueError:
        return None


def _sroie_date(text: str) -> date | None:
    from pagemill.processors.values import ValueHints, parse_date

    parsed = parse_date(str(text or ""), ValueHints(day_first=True))
    return date.fromisoformat(parsed.value) if parsed.ok and parsed.value else None


def _kleister_value(key: str, value: str) -> str:
    value = value.replace("_", " ")
    if key == "effective_date":
        return value[:10]
    # The dataset's party names drop punctuation inconsistently and spell "&" as "and" (its README);
    # compare words only.
    return " ".join(re.sub(r"[^\w\s]", " ", value.lower().replace("&", " and ")).split())


# ---------------------------------------------------------------- the three sets


def sroie(runner: Runner, limit: int | None) -> Score:
    score = Score("sroie")
    keys = sorted((EVAL / "sroie-dev" / "key").glob("*.json"))[:limit]
    for key_path in keys:
        gold = json.loads(key_path.read_text())
        image = EVAL / "sroie-dev" / "img" / f"{key_path.stem}.jpg"
        value, metadata, seconds = runner.run(image, SROIE_SCHEMA)
        score.seconds.append(seconds)
        for name in ("company", "date", "address", "total"):
            expected = gold.get(name, "").strip()
            if not expected:
                continue
            got = value.get(name)
            if name == "date":
                right = got is not None and _sroie_date(expected) == date.fromisoformat(got)
            elif name == "total":
                right = got is not None and _number(expected) == _number(got)
            else:
                right = got is not None and _text(expected) == _text(got)
            _count(
                score,
                right,
                got is not None,
                metadata,
                name,
                f"{key_path.stem}.{name}: {got!r} != {expected!r}",
            )
    return score


def _count(
    score: Score, right: bool, predicted: bool, metadata: dict[str, Any], key: str, error: str
) -> None:
    score.total += 1
    if right:
        score.true_positive += 1
        score.correct += 1
    else:
        score.false_negative += 1
        score.false_positive += int(predicted)
        score.errors.append(error)
    confidence = _confidence(metadata, key)
    if predicted and confidence is not None and confidence >= HIGH_CONFIDENCE:
        score.confident.append(right)
        if not right:
            score.errors[-1] = f"[confidence {confidence}] {score.errors[-1]}"


def kleister(runner: Runner, limit: int | None) -> Score:
    score = Score("kleister")
    rows = list(csv.reader((EVAL / "kleister-nda-train" / "expected.tsv").open(), delimiter="\t"))[:limit]
    for file_name, pairs in rows:
        gold = {tuple(pair.split("=", 1)) for pair in pairs.split()}
        gold = {(key, _kleister_value(key, value)) for key, value in gold}
        value, metadata, seconds = runner.run(
            EVAL / "kleister-nda-train" / "documents" / file_name, KLEISTER_SCHEMA
        )
        score.seconds.append(seconds)
        predicted: set[tuple[str, str]] = set()
        for key in ("effective_date", "jurisdiction", "term"):
            if value.get(key):
                predicted.add((key, _kleister_value(key, value[key])))
        for party in value.get("party") or []:
            predicted.add(("party", _kleister_value("party", party)))
        score.true_positive += len(predicted & gold)
        score.false_positive += len(predicted - gold)
        score.false_negative += len(gold - predicted)
        score.total += len(gold)
        score.correct += len(predicted & gold)
        for key, text in predicted:
            confidence = _confidence(metadata, key)
            if key != "party" and confidence is not None and confidence >= HIGH_CONFIDENCE:
                score.confident.append((key, text) in gold)
        if predicted != gold:
            score.errors.append(
                f"{file_name[:8]}: missed {sorted(gold - predicted)} wrong {sorted(predicted - gold)}"
            )
    return score


def invoice2data(runner: Runner, limit: int | None) -> Score:
    score = Score("invoice2data")
    folder = EVAL / "invoice2data" / "compare"
    labels = sorted(folder.glob("*.json"))[:limit]
    for label in labels:
        source = next(
            (path for path in (folder / f"{label.stem}.pdf", folder / f"{label.stem}.txt") if path.exists()),
            None,
        )
        if source is None:
            continue
        gold = json.loads(label.read_text())[0]
        value, metadata, seconds = runner.run(source, INVOICE_SCHEMA)
        score.seconds.append(seconds)
        for name in INVOICE_CORE:
            expected = gold.get(name) if name != "issuer" else gold.get("issuer") or gold.get("partner_name")
            if expected in (None, ""):
                continue
            got = value.get(name)
            right = got is not None and _invoice_equal(name, expected, got, gold)
            _count(
                score, right, got is not None, metadata, name, f"{label.stem}.{name}: {got!r} != {expected!r}"
            )
    return score


def _invoice_equal(name: str, expected: Any, got: Any, gold: dict[str, Any]) -> bool:
    if name in ("amount", "amount_untaxed"):
        return _number(expected) == _number(got)
    if name == "issuer":  # the labels name the issuer either way; either spelling is right
        return any(
            _text(got) == _text(option) for option in (gold.get("issuer"), gold.get("partner_name")) if option
        )
    return _text(expected).replace(" ", "") == _text(got).replace(" ", "")


# ---------------------------------------------------------------- main

SETS: dict[str, Callable[[Runner, int | None], Score]] = {
    "sroie": sroie,
    "kleister": kleister,
    "invoice2data": invoice2data,
}


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--provider", default="embedded")
    parser.add_argument("--limit", type=int, default=None, help="documents per set")
    parser.add_argument("--cache", type=Path, default=None, help="keep parsed documents here between runs")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--only", default="sroie,kleister,invoice2data,classify_split")
    parser.add_argument("--errors", action="store_true", help="print every wrong value")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not EVAL.exists():
        print(f"accuracy: {EVAL} is absent; nothing to measure")
        return 0
    wanted = args.only.split(",")
    runner = Runner(args.provider, args.cache)
    rows: list[dict[str, Any]] = []
    all_confident: list[bool] = []
    for name, measure in SETS.items():
        if name not in wanted:
            continue
        score = measure(runner, args.limit)
        rows.append(score.row())
        all_confident.extend(score.confident)
        if args.errors:
            print("\n".join(f"  {error}" for error in score.errors))
    if "classify_split" in wanted:
        rows.extend(_classify_split(runner, args.limit))
    print(f"provider: {args.provider}")
    for row in rows:
        print("  " + "  ".join(f"{key}={value}" for key, value in row.items()))
    share = round(sum(all_confident) / len(all_confident), 3) if all_confident else None
    print(
        f"calibration: {len(all_confident)} values with confidence >= {HIGH_CONFIDENCE}, "
        f"correct share {share}"
    )
    if args.json:
        args.json.write_text(
            json.dumps({"provider": args.provider, "sets": rows, "calibration": share}, indent=2)
        )
    return 0


def _classify_split(runner: Runner, limit: int | None) -> list[dict[str, Any]]:
    """Classification macro-F1 and split exact-segment rate, measured by `accuracy_classify_split.py`."""
    try:
        module = importlib.import_module("accuracy_classify_split")
    except ModuleNotFoundError:
        print("classify/split: bench/accuracy_classify_split.py is not there yet; skipped")
        return []
    rows: list[dict[str, Any]] = module.measure(runner=runner, limit=limit)
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
