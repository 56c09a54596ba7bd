"""Extract runs through the official SDK on a real server: sync and async runs on inline configs and saved
extractors, text and package inputs, batches, listing filters, cancel, delete and bad input."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from extend_ai.errors import BadRequestError, NotFoundError

from tests.api.test_conventions import assert_envelope
from tests.documents import text_pdf
from tests.processors.extract.documents import invoice_pdf
from tests.server_fixtures import PagemillServer

SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"]},
        "invoice_date": {"type": ["string", "null"], "extend:type": "date"},
        "total": {
            "type": "object",
            "extend:type": "currency",
            "properties": {
                "amount": {"type": ["number", "null"]},
                "iso_4217_currency_code": {"type": ["string", "null"]},
            },
        },
        "line_items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "description": {"type": ["string", "null"]},
                    "quantity": {"type": ["number", "null"]},
                },
            },
        },
    },
}
TEXT_INVOICE = "Globex Inc\nInvoice Number: GX-17\nInvoice Date: 2024-01-31\nTotal: USD 99.00\n"


def upload(server: PagemillServer, data: bytes, name: str = "invoice.pdf") -> str:
    return server.sdk().files.upload(file=(name, io.BytesIO(data), "application/pdf")).id


def wait_terminal(server: PagemillServer, run_id: str, timeout: float = 120.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = server.sdk().extract_runs.retrieve(run_id)
        if run.status in ("PROCESSED", "FAILED", "CANCELLED"):
            return run
        time.sleep(0.3)
    raise AssertionError(f"run {run_id} did not finish")


class TestSyncExtract:
    def test_inline_config_on_an_uploaded_pdf(self, pagemill_server: PagemillServer) -> None:
        file_id = upload(pagemill_server, invoice_pdf(item_count=24))
        run = pagemill_server.sdk().extract(
            config={"schema": SCHEMA}, file={"id": file_id}, metadata={"case": "inline"}
        )
        assert run.id.startswith("exr_") and run.status == "PROCESSED"
        value = run.output.value
        assert value["invoice_number"] == "INV-2041" and value["invoice_date"] == "2024-03-05"
        assert value["total"] == {"amount": 1234.5, "iso_4217_currency_code": "EUR"}
        assert len(value["line_items"]) == 24
        citation = run.output.metadata["invoice_number"].citations[0]
        assert citation.file_id == file_id and citation.page.number == 1 and len(citation.polygon) == 4
        assert run.file.id == file_id and run.files is None
        assert run.config.schema_["required"] == ["invoice_number", "invoice_date", "total", "line_items"]
        assert run.metadata == {"case": "inline"} and run.reviewed is False and run.edited is False
        assert run.extractor is None and run.dashboard_url.endswith(run.id)
        assert run.usage.credits == 0

    def test_saved_extractor_on_a_text_input(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        extractor = client.extractors.create(name="invoices", config={"schema": SCHEMA})
        run = client.extract(extractor={"id": extractor.id, "version": "draft"}, file={"text": TEXT_INVOICE})
        assert run.status == "PROCESSED"
        assert run.output.value["invoice_number"] == "GX-17"
        assert run.output.value["total"] == {"amount": 99.0, "iso_4217_currency_code": "USD"}
        assert run.extractor.id == extractor.id and run.extractor_version.version == "draft"

    def test_an_override_changes_the_saved_config_for_one_run(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        extractor = client.extractors.create(name="numbers only", config={"schema": SCHEMA})
        override = {
            "schema": {"type": "object", "properties": {"invoice_number": {"type": ["string", "null"]}}}
        }
        run = client.extract(
            extractor={"id": extractor.id, "override_config": override}, file={"text": TEXT_INVOICE}
        )
        assert run.output.value == {"invoice_number": "GX-17"}

    def test_a_package_reads_every_file_and_cites_each_one(self, pagemill_server: PagemillServer) -> None:
        first = upload(pagemill_server, text_pdf([["Invoice Number: PK-1"]]), "a.pdf")
        second = upload(pagemill_server, text_pdf([["Total: EUR 10.00"]]), "b.pdf")
        run = pagemill_server.sdk().extract(
            config={"schema": SCHEMA}, package={"files": [{"id": first}, {"id": second}]}
        )
        assert run.status == "PROCESSED" and run.file is None
        assert [summary.id for summary in run.files] == [first, second]
        assert run.output.value["invoice_number"] == "PK-1"
        assert run.output.metadata["total"].citations[0].file_id == second

    def test_without_a_schema_one_is_inferred_from_the_labels(self, pagemill_server: PagemillServer) -> None:
        run = pagemill_server.sdk().extract(file={"text": TEXT_INVOICE})
        assert run.status == "PROCESSED"
        assert run.output.value["invoice_number"] == "GX-17"
        assert "invoice_number" in run.config.schema_["properties"]


class TestAsyncRuns:
    def test_create_and_poll_then_retrieve_and_list(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        extractor = client.extractors.create(name="async", config={"schema": SCHEMA})
        client.extractor_versions.create(extractor.id, release_type="major")
        run = client.extract_runs.create_and_poll(extractor={"id": extractor.id}, file={"text": TEXT_INVOICE})
        assert run.status == "PROCESSED" and run.extractor_version.version == "1.0"
        again = client.extract_runs.retrieve(run.id)
        assert again.output.value == run.output.value
        listed = client.extract_runs.list(extractor_id=extractor.id)
        assert [item.id for item in listed.data] == [run.id]
        assert listed.data[0].usage.credits == 0
        assert client.extract_runs.list(extractor_id=extractor.id, status="FAILED").data == []

    def test_a_cancelled_run_ends_cancelled(self, pagemill_server: PagemillServer) -> None:
        file_id = upload(pagemill_server, text_pdf([[f"page {n}"] for n in range(400)]))
        client = pagemill_server.sdk()
        run = client.extract_runs.create(config={"schema": SCHEMA}, file={"id": file_id})
        cancelled = client.extract_runs.cancel(run.id)
        assert cancelled.status in ("PENDING", "PROCESSING", "CANCELLED")
        assert wait_terminal(pagemill_server, run.id).status == "CANCELLED"
        with pagemill_server.client() as http:
            assert_envelope(http.post(f"/extract_runs/{run.id}/cancel"), 400, "INVALID_REQUEST")

    def test_delete_removes_the_run(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        run = client.extract(config={"schema": SCHEMA}, file={"text": TEXT_INVOICE})
        assert client.extract_runs.delete(run.id).id == run.id
        with pytest.raises(NotFoundError):
            client.extract_runs.retrieve(run.id)

    def test_a_batch_runs_every_input_with_the_saved_extractor(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        extractor = client.extractors.create(name="batch", config={"schema": SCHEMA})
        batch = client.extract_runs.create_batch(
            extractor={"id": extractor.id},
            inputs=[
                {"file": {"text": TEXT_INVOICE}, "metadata": {"n": 1}},
                {"file": {"text": "Invoice Number: B-2"}},
            ],
        )
        assert batch.id.startswith("bpr_") and batch.run_count == 2
        deadline = time.monotonic() + 120
        while client.batch_runs.get(batch.id).status not in ("PROCESSED", "FAILED"):
            assert time.monotonic() < deadline
            time.sleep(0.3)
        runs = client.extract_runs.list(batch_id=batch.id).data
        assert sorted(run.status for run in runs) == ["PROCESSED", "PROCESSED"]


class TestBadInput:
    def test_an_invalid_schema_is_400_with_its_field_path(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as http:
            response = http.post(
                "/extract",
                json={
                    "file": {"text": "x"},
                    "config": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}},
                },
            )
        body = assert_envelope(response, 400, "INVALID_REQUEST")
        assert "Path: config.schema.properties.a.type" in str(body["message"])

    def test_an_unknown_extractor_or_version_is_404(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        with pytest.raises(NotFoundError):
            client.extract(extractor={"id": "ex_missing"}, file={"text": TEXT_INVOICE})
        extractor = client.extractors.create(name="v", config={"schema": SCHEMA})
        with pytest.raises(NotFoundError):
            client.extract(extractor={"id": extractor.id, "version": "7.0"}, file={"text": TEXT_INVOICE})

    def test_extractor_and_config_together_are_rejected(self, pagemill_server: PagemillServer) -> None:
        with pytest.raises(BadRequestError):
            pagemill_server.sdk().extract(
                extractor={"id": "ex_x"}, config={"schema": SCHEMA}, file={"text": TEXT_INVOICE}
            )

    def test_a_batch_needs_a_saved_extractor(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as http:
            response = http.post("/extract_runs/batch", json={"inputs": [{"file": {"text": "x"}}]})
        assert_envelope(response, 400, "INVALID_REQUEST")

    def test_a_document_without_text_fails_with_a_reason(self, pagemill_server: PagemillServer) -> None:
        from tests.documents import blank_pdf

        run = pagemill_server.sdk().extract(
            config={"schema": SCHEMA}, file={"id": upload(pagemill_server, blank_pdf())}
        )
        assert run.status == "FAILED" and run.failure_reason == "FAILED_TO_PROCESS_FILE"
        assert run.output is None and run.failure_message
