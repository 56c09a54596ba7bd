"""Timing the local model: `python -m pagemill.processors.models.providers.measure [--model PATH]`.

Prints the load time, prompt and generation speed (llama.cpp's own counters) and the seconds one typical
invoice extraction takes, as JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from pagemill.processors.models.providers.llama_local import LlamaCppProvider
from pagemill.processors.models.providers.model_file import local_model_path
from pagemill.processors.models.providers.rate_limit import Unlimited
from pagemill.processors.models.providers.retry import RetryPolicy
from pagemill.processors.models.providers.structured import CallPolicy

INVOICE = """Bright Harbour Logistics GmbH
Hafenstrasse 21, 20457 Hamburg, Germany
VAT ID DE 812 345 678

INVOICE                                   Invoice no.: BH-2024-11873
                                          Date: 03/09/2024
                                          Due date: 03/10/2024
Bill to:
Kestrel Foods Ltd, Unit 4 Riverside Park, Bristol BS2 0QT, United Kingdom
Customer no. 44819

Pos  Description                              Qty   Unit price     Amount
1    Sea freight Hamburg - Felixstowe, 40ft     2    1,450.00     2,900.00
2    Terminal handling charges                  2      185.00       370.00
3    Customs clearance export                   1       95.00        95.00
4    Fuel surcharge (BAF)                       2      120.50       241.00

                                             Subtotal              3,606.00
                                             VAT 19%                 685.14
                                             Total EUR             4,291.14

Payment within 30 days to IBAN DE44 2005 0550 1234 5678 90, BIC HASPDEHHXXX.
"""

INVOICE_SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": "string"},
        "vendor": {"type": "string"},
        "customer": {"type": "string"},
        "invoice_date": {"type": "string", "description": "YYYY-MM-DD"},
        "subtotal": {"type": "number"},
        "tax": {"type": "number"},
        "total": {"type": "number"},
    },
    "required": ["invoice_number", "vendor", "customer", "invoice_date", "subtotal", "tax", "total"],
    "additionalProperties": False,
}


def measure(model_path: Path) -> dict[str, Any]:
    import llama_cpp

    policy = CallPolicy(retry=RetryPolicy(max_retries=0), limiter=Unlimited(), timeout_seconds=600)
    provider = LlamaCppProvider(model_path=model_path, policy=policy)
    started = time.monotonic()
    loaded = provider.model()
    load_seconds = time.monotonic() - started
    loaded.llama.reset()  # no prompt prefix left in the cache from an earlier call
    llama_cpp.llama_perf_context_reset(loaded.llama.ctx)
    completion = provider.complete_json(
        system="You extract data from invoices. Copy values as printed; dates as YYYY-MM-DD.",
        prompt=INVOICE,
        schema=INVOICE_SCHEMA,
        max_tokens=256,
    )
    counters = llama_cpp.llama_perf_context(loaded.llama.ctx)
    return {
        "model": model_path.name,
        "threads": loaded.threads,
        "load_seconds": round(load_seconds, 2),
        "invoice_extraction_seconds": round(completion.seconds, 2),
        "usage": completion.usage,
        "prompt_tokens_per_second": round(counters.n_p_eval / max(counters.t_p_eval_ms, 1e-9) * 1000, 1),
        "generation_tokens_per_second": round(counters.n_eval / max(counters.t_eval_ms, 1e-9) * 1000, 1),
        "value": completion.value,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--model", type=Path, default=None, help="GGUF file (default: the cached local model)"
    )
    arguments = parser.parse_args()
    path = local_model_path(arguments.model)
    if path is None:
        parser.error("no local model: pass --model or run ./dev to assemble it")
    print(json.dumps(measure(path), indent=2))


if __name__ == "__main__":
    main()
