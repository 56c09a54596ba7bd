"""Classification macro-F1 and split exact-segment rate on ../shared/eval, for `bench/accuracy.py`.

Classes are the eval's document kinds, described the way a customer would (invoice, receipt, NDA, other),
never its files. Classification reads every document of each kind; the split part builds packets by
concatenating whole eval documents as PDF pages (receipt scans become PDF pages with Pillow), parses each
packet end to end, and counts a gold document as found when a split has exactly its pages and its class.
Calibration: the share of classifications with confidence >= 0.9 that are right.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image
from pypdf import PdfReader, PdfWriter

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
PACKETS = 8
DOCUMENTS_PER_PACKET = 4
CLASSES = [
    {
        "id": "invoice",
        "type": "invoice",
        "description": "An invoice: a bill from a seller asking the buyer to pay for goods or services",
    },
    {
        "id": "receipt",
        "type": "receipt",
        "description": "A retail receipt: proof of a completed purchase at a shop or restaurant",
    },
    {
        "id": "nda",
        "type": "nda",
        "description": "A non-disclosure agreement between parties about confidential information",
    },
    {"id": "other", "type": "other", "description": "Any other document"},
]


def _kinds() -> dict[str, list[Path]]:
    return {
        "invoice": sorted((EVAL / "invoice2data" / "compare").glob("*.pdf")),
        "receipt": sorted((EVAL / "sroie-dev" / "img").glob("*.jpg")),
        "nda": sorted((EVAL / "kleister-nda-train" / "documents").glob("*.pdf")),
        "other": sorted((EVAL / "docling-testdata" / "pdf").glob("*.pdf")),
    }


def _pdf_pages(path: Path) -> list[Any]:
    if path.suffix.lower() == ".pdf":
        return list(PdfReader(str(path)).pages)
    buffer = io.BytesIO()
    Image.open(path).convert("RGB").save(buffer, format="PDF", resolution=200.0)
    return list(PdfReader(io.BytesIO(buffer.getvalue())).pages)


def _classify(runner: Any, kinds: dict[str, list[Path]], limit: int | None) -> dict[str, Any]:
    from pagemill.processors.classify.classifier import classify_document
    from pagemill.processors.classify.config import load_classify_config

    config = load_classify_config({"classifications": CLASSES})
    pairs: list[tuple[str, str, float]] = []
    seconds: list[float] = []
    for gold, paths in kinds.items():
        for path in paths[:limit]:
            document = runner.document(path)
            started = time.perf_counter()
            output = classify_document(document, config)
            seconds.append(time.perf_counter() - started)
            pairs.append((gold, output["id"], output["confidence"]))
    f1s = []
    for label in kinds:
        tp = sum(1 for gold, guess, _ in pairs if gold == label and guess == label)
        fp = sum(1 for gold, guess, _ in pairs if gold != label and guess == label)
        fn = sum(1 for gold, guess, _ in pairs if gold == label and guess != label)
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    confident = [gold == guess for gold, guess, confidence in pairs if confidence >= 0.9]
    return {
        "set": "classification",
        "f1": round(sum(f1s) / len(f1s), 3),
        "accuracy": round(sum(gold == guess for gold, guess, _ in pairs) / max(1, len(pairs)), 3),
        "seconds_per_document": round(sum(seconds) / max(1, len(seconds)), 3),
        "confident_values": len(confident),
        "confident_correct": round(sum(confident) / len(confident), 3) if confident else None,
    }


def _packets(kinds: dict[str, list[Path]], count: int) -> list[list[tuple[str, Path]]]:
    chooser = random.Random(7)
    labels = list(kinds)
    return [
        [
            (label, chooser.choice(kinds[label]))
            for label in (chooser.choice(labels) for _ in range(DOCUMENTS_PER_PACKET))
        ]
        for _ in range(count)
    ]


def _split(runner: Any, kinds: dict[str, list[Path]], limit: int | None) -> dict[str, Any]:
    from pagemill.processors.split.config import load_split_config
    from pagemill.processors.split.splitter import split_document

    config = load_split_config({"splitClassifications": CLASSES})
    found = total = 0
    seconds: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for index, packet in enumerate(_packets(kinds, min(PACKETS, limit or PACKETS))):
            writer, gold, page = PdfWriter(), [], 1
            for label, path in packet:
                pages = _pdf_pages(path)
                for item in pages:
                    writer.add_page(item)
                gold.append((label, page, page + len(pages) - 1))
                page += len(pages)
            target = Path(folder) / f"packet-{index}.pdf"
            with target.open("wb") as handle:
                writer.write(handle)
            document = runner.document(target)
            started = time.perf_counter()
            segments = split_document(document, config)
            seconds.append(time.perf_counter() - started)
            predicted = {(s.profile.id, s.start_page, s.end_page) for s in segments}
            found += sum(1 for segment in gold if segment in predicted)
            total += len(gold)
    return {
        "set": "split",
        "f1": None,
        "accuracy": round(found / max(1, total), 3),
        "seconds_per_document": round(sum(seconds) / max(1, len(seconds)), 3),
        "confident_values": None,
        "confident_correct": None,
    }


def measure(runner: Any, limit: int | None) -> list[dict[str, Any]]:
    """Rows in `accuracy.py`'s shape: classification (f1 = macro-F1), split (accuracy = exact segments)."""
    if not EVAL.exists():
        print(f"classify/split: {EVAL} is absent; skipped")
        return []
    kinds = _kinds()
    return [_classify(runner, kinds, limit), _split(runner, kinds, limit)]
