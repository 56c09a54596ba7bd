"""Parse benchmark: Pagemill against docling's model-free pipelines and raw pypdfium2, side by side in one
run.

    python bench/parse.py [--skip-docling] [--sroie-limit N] [--ocr-only] [--quick]

Prints pages/s and peak RSS per engine on ../shared/eval PDFs, a generated 300-page PDF with tables and a
generated 1,000-page PDF; parse fidelity against docling-testdata references; OCR character accuracy and
time against tesserocr alone on sroie-dev. Every engine runs in a fresh subprocess so its peak RSS is its own.
docling runs from a separate venv, `.bench/venv-docling`, created on first use (docling-slim + torch 2.13.0
CPU).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
BENCH = ROOT / ".bench"
DATA = BENCH / "data"
DOCLING_VENV = BENCH / "venv-docling"
DOCLING_PYTHON = DOCLING_VENV / "bin" / "python"
DOCLING_PACKAGES = [
    "torch==2.13.0",
    "docling-slim[format-docx,format-pptx,format-xlsx,format-pdf-docling,"
    "format-html,format-markdown]==2.143.0",
    "pypdfium2==5.15.2",
]
FIDELITY_FORMATS = ("pdf", "docx", "pptx", "xlsx", "html")


# ---------------------------------------------------------------- workers (run in their own process)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_pagemill(files: list[str]) -> dict[str, Any]:
    from pagemill.processors.parse import load_parse_config, parse

    config = load_parse_config({})
    parse(Path(files[0]), config=config)  # warm-up: imports, Tesseract and pdfium initialisation
    pages, started = 0, time.perf_counter()
    for name in files:
        pages += parse(Path(name), config=config).page_count
    return {"pages": pages, "seconds": time.perf_counter() - started}


def _worker_pdfium_text(files: list[str]) -> dict[str, Any]:
    import pypdfium2 as pdfium

    pages, started = 0, time.perf_counter()
    for name in files:
        pdf = pdfium.PdfDocument(name)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return {"pages": pages, "seconds": time.perf_counter() - started}


def _worker_pdfium_words(files: list[str]) -> dict[str, Any]:
    """The baseline of the issue: every character's box read and joined into words."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    pages, started = 0, time.perf_counter()
    for name in files:
        pdf = pdfium.PdfDocument(name)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            words: list[tuple[str, tuple[float, float, float, float]]] = []
            chars: list[str] = []
            box: tuple[float, float, float, float] | None = None
            for char in range(textpage.count_chars()):
                text = chr(pdfium_raw.FPDFText_GetUnicode(textpage.raw, char))
                if text.isspace():
                    if chars and box is not None:
                        words.append(("".join(chars), box))
                    chars, box = [], None
                    continue
                left, bottom, right, top = textpage.get_charbox(char)
                chars.append(text)
                box = (
                    (left, bottom, right, top)
                    if box is None
                    else (min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top))
                )
            if chars and box is not None:
                words.append(("".join(chars), box))
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return {"pages": pages, "seconds": time.perf_counter() - started}


def _docling_converter(native_pdf: bool) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from docling.datamodel.base_models import InputFormat
    from docling.datamodel.pipeline_options import NativePdfPipelineOptions
    from docling.document_converter import DocumentConverter, NativePdfFormatOption

    options = NativePdfPipelineOptions(generate_page_images=False, generate_picture_images=False)
    return (
        DocumentConverter(format_options={InputFormat.PDF: NativePdfFormatOption(pipeline_options=options)})
        if native_pdf
        else DocumentConverter()
    )


def _worker_docling(files: list[str]) -> dict[str, Any]:
    converter = _docling_converter(native_pdf=True)
    converter.convert(files[0])  # warm-up
    pages, started = 0, time.perf_counter()
    for name in files:
        result = converter.convert(name)
        result.document.export_to_markdown()
        pages += len(result.document.pages)
    return {"pages": pages, "seconds": time.perf_counter() - started}


def _worker_pagemill_markdown(files: list[str]) -> dict[str, Any]:
    from pagemill.processors.parse import load_parse_config, parse

    config = load_parse_config({"chunkingStrategy": {"type": "document"}})
    out = {}
    for name in files:
        output = parse(Path(name), config=config, name=Path(name).name).output
        out[name] = "\n\n".join(chunk["content"] for chunk in output["chunks"])
    return {"markdown": out}


def _worker_docling_markdown(files: list[str]) -> dict[str, Any]:
    native, office = _docling_converter(native_pdf=True), _docling_converter(native_pdf=False)
    out = {}
    for name in files:
        converter = native if name.endswith(".pdf") else office
        out[name] = converter.convert(name).document.export_to_markdown()
    return {"markdown": out}


OCR_ENGINES = ("tesseract", "rapidocr", "auto")


def _worker_ocr(files: list[str]) -> dict[str, Any]:
    """Each receipt read by tesserocr alone and by Pagemill with each OCR engine, alternately, on the same
    grayscale image."""
    import io

    import tesserocr
    from PIL import Image

    from pagemill.config import get_settings
    from pagemill.processors.parse import load_parse_config, parse
    from pagemill.processors.parse.ocr import tessdata_path

    config = load_parse_config({})
    api = tesserocr.PyTessBaseAPI(path=tessdata_path(), lang="eng")
    texts: dict[str, dict[str, str]] = {"tesseract": {}, **{f"pagemill-{e}": {} for e in OCR_ENGINES}}
    seconds = dict.fromkeys(texts, 0.0)
    for engine in OCR_ENGINES:  # warm-up: imports and model loading stay out of the timings
        os.environ["PAGEMILL_OCR_ENGINE"] = engine
        get_settings.cache_clear()
        parse(Path(files[0]).read_bytes(), config=config)
    for name in files:
        data = Path(name).read_bytes()
        started = time.perf_counter()
        api.SetImage(Image.open(io.BytesIO(data)).convert("L"))
        texts["tesseract"][name] = api.GetUTF8Text()
        seconds["tesseract"] += time.perf_counter() - started
        for engine in OCR_ENGINES:
            os.environ["PAGEMILL_OCR_ENGINE"] = engine
            get_settings.cache_clear()
            started = time.perf_counter()
            output = parse(data, config=config).output
            seconds[f"pagemill-{engine}"] += time.perf_counter() - started
            texts[f"pagemill-{engine}"][name] = "\n".join(chunk["content"] for chunk in output["chunks"])
    return {"texts": texts, "seconds": seconds}


WORKERS = {
    "pagemill": _worker_pagemill,
    "pdfium-text": _worker_pdfium_text,
    "pdfium-words": _worker_pdfium_words,
    "docling": _worker_docling,
    "pagemill-md": _worker_pagemill_markdown,
    "docling-md": _worker_docling_markdown,
    "ocr": _worker_ocr,
}


def _run_worker(engine: str, files: list[str]) -> None:
    result = WORKERS[engine](files)
    result["peak_rss_mb"] = _peak_rss_mb()
    print("RESULT " + json.dumps(result))


# ---------------------------------------------------------------- driver


def _spawn(python: Path | str, engine: str, files: list[Path], timeout: int = 3600) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as listing:
        json.dump([str(f) for f in files], listing)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        [str(python), __file__, "--worker", engine, "--files", listing.name],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )
    os.unlink(listing.name)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{engine} worker failed:\n{done.stderr[-3000:]}")


def ensure_docling() -> str | None:
    """Create the docling venv if needed; return why it cannot be used, or None."""
    if DOCLING_PYTHON.exists():
        check = subprocess.run(
            [str(DOCLING_PYTHON), "-c", "import docling.document_converter"],
            capture_output=True,
            text=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        if check.returncode == 0:
            return None
    try:
        subprocess.run([sys.executable, "-m", "venv", str(DOCLING_VENV)], check=True)
        for package in (DOCLING_PACKAGES[:1], DOCLING_PACKAGES[1:]):
            subprocess.run(
                [str(DOCLING_PYTHON), "-m", "pip", "install", "-q", *package], check=True, timeout=3000
            )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        return f"could not install docling into {DOCLING_VENV}: {error}"
    return None


def generated_pdfs() -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "src"))
    from pagemill.processors.pdf_writer import PageCanvas, PdfWriter

    DATA.mkdir(parents=True, exist_ok=True)
    tables, long = DATA / "tables-300.pdf", DATA / "text-1000.pdf"
    if not tables.exists():
        with tables.open("wb") as handle:
            writer = PdfWriter(handle)
            for number in range(1, 301):
                page = PageCanvas()
                page.text(72, 50, f"Statement {number}", size=18, bold=True)
                page.text(72, 80, f"Account: ACC-{number:05d}")
                page.text(72, 96, "Period: 2024-01-01 to 2024-01-31")
                for line in range(3):
                    page.text(
                        72,
                        124 + line * 14,
                        f"Summary line {line} describes the activity recorded on "
                        f"this statement page {number}.",
                    )
                widths, left, top, height = (150, 90, 90, 110), 72, 180, 20
                rows = [["Description", "Date", "Quantity", "Amount"]] + [
                    [f"Item {number}-{r}", f"2024-01-{r + 1:02d}", str(r + 2), f"${(r + 1) * 12.5:,.2f}"]
                    for r in range(14)
                ]
                for r in range(len(rows) + 1):
                    page.line(left, top + r * height, left + sum(widths), top + r * height)
                x = left
                for width in (0, *widths):
                    x += width
                    page.line(x, top, x, top + height * len(rows))
                for r, row in enumerate(rows):
                    x = left
                    for width, text in zip(widths, row, strict=True):
                        page.text(x + 4, top + r * height + 5, text, size=10, bold=r == 0)
                        x += width
                page.text(72, 760, "Example Bank - statement", size=8)
                page.text(540, 760, str(number), size=8)
                writer.add(page)
            writer.close()
    if not long.exists():
        with long.open("wb") as handle:
            writer = PdfWriter(handle)
            for number in range(1, 1001):
                page = PageCanvas()
                page.text(72, 60, f"Chapter {number}", size=16, bold=True)
                for line in range(40):
                    page.text(
                        72,
                        100 + line * 15,
                        f"Line {line} of page {number}: ordinary body text of a long report.",
                    )
                writer.add(page)
            writer.close()
    return {"300-page tables": tables, "1,000-page text": long}


def eval_pdfs() -> list[Path]:
    files: list[Path] = []
    for folder in ("docling-testdata/pdf", "invoice2data/compare", "kleister-nda-train"):
        files += sorted((EVAL / folder).rglob("*.pdf"))
    return files


def throughput(docling_ok: bool, rounds: int) -> list[dict[str, Any]]:
    """Each set is run `rounds` times through every engine in turn; an engine keeps its best round, so a burst
    of load from other jobs on the machine penalises no engine more than another."""
    sets: dict[str, list[Path]] = {}
    if EVAL.exists():
        sets["eval text PDFs"] = eval_pdfs()
    sets.update({name: [path] for name, path in generated_pdfs().items()})
    engines = [
        ("pagemill", sys.executable),
        ("pdfium-words", sys.executable),
        ("pdfium-text", sys.executable),
    ]
    if docling_ok:
        engines.insert(1, ("docling", str(DOCLING_PYTHON)))
    rows = []
    for set_name, files in sets.items():
        best: dict[str, dict[str, Any]] = {}
        for round_number in range(1, rounds + 1):
            for engine, python in engines:
                result = _spawn(python, engine, files)
                speed = result["pages"] / result["seconds"]
                print(
                    f"  {set_name:16s} round {round_number} {engine:13s} {result['pages']:5d} pages "
                    f"{speed:8.1f} pages/s  peak RSS {result['peak_rss_mb']:7.1f} MB",
                    flush=True,
                )
                kept = best.setdefault(
                    engine,
                    {
                        "set": set_name,
                        "engine": engine,
                        "pages": result["pages"],
                        "pages_per_s": 0.0,
                        "peak_rss_mb": 0.0,
                    },
                )
                kept["pages_per_s"] = max(kept["pages_per_s"], speed)
                kept["peak_rss_mb"] = max(kept["peak_rss_mb"], result["peak_rss_mb"])
        rows.extend(best[engine] for engine, _ in engines)
    return rows


def fidelity(docling_ok: bool) -> list[dict[str, Any]]:
    sys.path.insert(0, str(ROOT / "src"))
    from pagemill.processors.parse.fidelity import score

    root = EVAL / "docling-testdata"
    pairs: list[tuple[Path, Path]] = []
    for fmt in FIDELITY_FORMATS:
        for path in sorted((root / fmt).glob("*.*")):
            reference = (
                root / fmt / "groundtruth" / (path.stem + ".md" if fmt == "pdf" else path.name + ".md")
            )
            if reference.exists():
                pairs.append((path, reference))
    outputs = {"pagemill": _spawn(sys.executable, "pagemill-md", [p for p, _ in pairs])["markdown"]}
    if docling_ok:
        outputs["docling"] = _spawn(DOCLING_PYTHON, "docling-md", [p for p, _ in pairs])["markdown"]
    rows = []
    for engine, markdown in outputs.items():
        for path, reference in pairs:
            result = score(markdown[str(path)], reference.read_text())
            rows.append({"engine": engine, "format": path.parent.name, "file": path.name, **asdict(result)})
    return rows


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _strip_markdown(text: str) -> str:
    """Markdown syntax out, line breaks kept: table rules, cell bars, heading marks and tags."""
    import re

    text = re.sub(r"^\|?[\s|:-]*-{3,}[\s|:-]*$", " ", text, flags=re.MULTILINE)
    return "\n".join(" ".join(re.sub(r"[#|]|<[^>]+>", " ", line).split()) for line in text.splitlines())


def _char_accuracy(candidate: str, reference: str) -> tuple[float, float]:
    """Case-folded (SROIE transcripts are upper-cased): 1 − Levenshtein / reference length over the whole
    text in reading order, and the order-free share of reference words found (as a multiset)."""
    from collections import Counter

    from rapidfuzz.distance import Levenshtein

    candidate, reference = " ".join(candidate.upper().split()), " ".join(reference.upper().split())
    ordered = 1 - min(1.0, Levenshtein.distance(candidate, reference) / max(len(reference), 1))
    wanted = Counter(reference.split())
    found = sum((wanted & Counter(candidate.split())).values())
    return ordered, found / max(sum(wanted.values()), 1)


def ocr(limit: int) -> dict[str, Any]:
    images = sorted((EVAL / "sroie-dev" / "img").glob("*.jpg"))[:limit]
    result = _spawn(sys.executable, "ocr", images)
    scores: dict[str, list[tuple[float, float]]] = {engine: [] for engine in result["texts"]}
    for image in images:
        rows = (EVAL / "sroie-dev" / "box" / (image.stem + ".csv")).read_text(errors="replace").splitlines()
        reference = "\n".join(" ".join(row.split(",", 8)[8].split()) for row in rows if row.count(",") >= 8)
        for engine, texts in result["texts"].items():
            text = texts[str(image)]
            plain = text if engine == "tesseract" else _strip_markdown(text)
            scores[engine].append(_char_accuracy(plain, reference))
    summary: dict[str, Any] = {"images": len(images), "peak_rss_mb": result["peak_rss_mb"], "engines": {}}
    for engine, pairs in scores.items():
        summary["engines"][engine] = {
            "ordered": sum(p[0] for p in pairs) / len(pairs),
            "words": sum(p[1] for p in pairs) / len(pairs),
            "s_per_page": result["seconds"][engine] / len(images),
        }
    return summary


def report(
    rows: list[dict[str, Any]],
    fidelity_rows: list[dict[str, Any]],
    ocr_result: dict[str, Any] | None,
    docling_note: str | None,
) -> None:
    print("\n## Throughput (pages/s, higher is better; peak RSS of the engine's own process)\n")
    print("| documents | engine | pages | pages/s | peak RSS MB |\n|---|---|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['set']} | {row['engine']} | {row['pages']} | {row['pages_per_s']:.1f} | "
            f"{row['peak_rss_mb']:.0f} |"
        )
    print("\n## Bars on text PDFs (same run)\n")
    print("| documents | Pagemill ÷ docling native (bar ≥ 2) | Pagemill ÷ pypdfium2 words (bar ≥ 0.35) |")
    print("|---|---:|---:|")
    for name in dict.fromkeys(row["set"] for row in rows):
        speed = {row["engine"]: row["pages_per_s"] for row in rows if row["set"] == name}
        docling = f"{speed['pagemill'] / speed['docling']:.2f}" if "docling" in speed else "n/a"
        print(f"| {name} | {docling} | {speed['pagemill'] / speed['pdfium-words']:.2f} |")
    print("\n## Fidelity against docling-testdata references (means per format)\n")
    print(
        "| engine | format | files | text recall | text precision | heading recall | table-cell recall "
        "(mean of files) | table cells found / reference (pooled) | reading order |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in fidelity_rows:
        groups.setdefault((row["engine"], row["format"]), []).append(row)
        if row["format"] != "html":
            groups.setdefault((row["engine"], "PDF+Office"), []).append(row)
    for (engine, fmt), items in groups.items():
        means = [
            _mean([item[key] for item in items])
            for key in ("text_recall", "text_precision", "heading_recall", "table_cell_recall")
        ]
        found, total = (
            sum(item["found_cells"] for item in items),
            sum(item["reference_cells"] for item in items),
        )
        pooled = f"{found}/{total} = {found / total:.3f}" if total else "–"
        order = _mean([item["reading_order"] for item in items])
        shown = " | ".join("–" if m is None else f"{m:.3f}" for m in means)
        print(f"| {engine} | {fmt} | {len(items)} | {shown} | {pooled} | {order:.3f} |")
    if ocr_result:
        o = ocr_result
        print("\n## OCR on sroie-dev receipts (character accuracy, case-folded)\n")
        print("| engine | images | char accuracy, reading order | word recall | s/page | peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|")
        for engine, e in o["engines"].items():
            label = "tesserocr alone" if engine == "tesseract" else f"Pagemill parse, ocr_engine={engine[9:]}"
            print(
                f"| {label} | {o['images']} | {e['ordered']:.3f} | {e['words']:.3f} | "
                f"{e['s_per_page']:.3f} | {o['peak_rss_mb']:.0f} |"
            )
        alone = o["engines"]["tesseract"]["s_per_page"]
        for engine in OCR_ENGINES:
            ratio = o["engines"][f"pagemill-{engine}"]["s_per_page"] / alone
            print(f"\nPagemill ({engine}) time ÷ tesserocr alone (bar ≤ 1.2): {ratio:.2f}")
    if docling_note:
        print(f"\ndocling was not run: {docling_note}")
    print(f"\n{_machine('at the end')}")


def _machine(when: str) -> str:
    one, five, fifteen = os.getloadavg()
    return f"Machine: {os.cpu_count()} cores, load average {one:.2f} / {five:.2f} / {fifteen:.2f} {when}."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    parser.add_argument("--skip-docling", action="store_true", help="compare with pypdfium2 only")
    parser.add_argument("--sroie-limit", type=int, default=60, help="receipts to OCR (default: all 60)")
    parser.add_argument("--skip-ocr", action="store_true")
    parser.add_argument("--ocr-only", action="store_true", help="only the OCR comparison on sroie-dev")
    parser.add_argument("--rounds", type=int, default=2, help="throughput rounds; each engine keeps its best")
    args = parser.parse_args()
    if args.worker:
        _run_worker(args.worker, json.loads(Path(args.files).read_text()))
        return
    print(_machine("at start"))
    if args.ocr_only:
        report([], [], ocr(args.sroie_limit), None)
        return
    docling_note = "skipped (--skip-docling)" if args.skip_docling else ensure_docling()
    if not EVAL.exists():
        print(f"{EVAL} is absent: eval documents, fidelity and OCR figures are skipped.")
    print("Throughput:")
    rows = throughput(docling_note is None, args.rounds)
    fidelity_rows = fidelity(docling_note is None) if EVAL.exists() else []
    ocr_result = ocr(args.sroie_limit) if EVAL.exists() and not args.skip_ocr else None
    report(rows, fidelity_rows, ocr_result, docling_note)


if __name__ == "__main__":
    main()
