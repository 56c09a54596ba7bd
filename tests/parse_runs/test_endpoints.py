"""Parse runs through the official SDK on a real server: sync, async, batch, list, cancel, delete, bad input."""

from __future__ import annotations

import io
import time
import uuid

import httpx
import pytest
from extend_ai.errors import BadRequestError, NotFoundError

from tests.api.test_conventions import assert_envelope
from tests.documents import text_pdf
from tests.server_fixtures import PagemillServer

INVOICE_LINES = ["ACME Corporation", "Invoice number: INV-2041", "Total due: 1,250.00 EUR"]


def upload(server: PagemillServer, data: bytes, name: str = "doc.pdf") -> str:
    return server.sdk().files.upload(file=(name, io.BytesIO(data), "application/pdf")).id


class TestSyncParse:
    def test_text_pdf_is_parsed_into_chunks_and_blocks(self, pagemill_server: PagemillServer) -> None:
        file_id = upload(pagemill_server, text_pdf([INVOICE_LINES, ["Page two text"]]))
        run = pagemill_server.sdk().parse(file={"id": file_id})
        assert run.id.startswith("pr_") and run.status == "PROCESSED"
        assert run.file.id == file_id and run.metrics.page_count == 2
        text = "\n".join(chunk.content for chunk in run.output.chunks)
        assert "INV-2041" in text and "Page two text" in text
        assert [chunk.metadata.page_range.start for chunk in run.output.chunks] == [1, 2]
        block = run.output.chunks[0].blocks[0]
        assert (
            block.object == "block" and block.polygon and block.bounding_box.right > block.bounding_box.left
        )
        assert run.config.chunking_strategy.type == "page"

    def test_document_chunking_and_output_url(self, pagemill_server: PagemillServer) -> None:
        file_id = upload(pagemill_server, text_pdf([INVOICE_LINES, ["second"]]))
        client = pagemill_server.sdk()
        run = client.parse(
            file={"id": file_id}, config={"chunking_strategy": {"type": "document"}}, response_type="url"
        )
        assert run.output is None and run.output_url
        output = httpx.get(run.output_url).json()
        assert len(output["chunks"]) == 1 and output["chunks"][0]["type"] == "document"

    def test_unknown_config_option_is_400_with_path(self, pagemill_server: PagemillServer) -> None:
        file_id = upload(pagemill_server, text_pdf([INVOICE_LINES]))
        with pagemill_server.client() as client:
            response = client.post(
                "/parse", json={"file": {"id": file_id}, "config": {"chunkingStrategy": {"type": "x"}}}
            )
        body = assert_envelope(response, 400, "INVALID_REQUEST")
        assert "config.chunkingStrategy" in str(body["message"])

    def test_unknown_file_is_404(self, pagemill_server: PagemillServer) -> None:
        with pytest.raises(NotFoundError):
            pagemill_server.sdk().parse(file={"id": "file_missing"})

    def test_text_input_is_refused_for_single_parse(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            response = client.post("/parse", json={"file": {"text": "hello"}})
        body = assert_envelope(response, 400, "INVALID_REQUEST")
        assert "file.text" in str(body["message"])

    def test_corrupt_pdf_fails_the_run_not_the_server(self, pagemill_server: PagemillServer) -> None:
        file_id = upload(pagemill_server, b"%PDF-1.7\n" + b"\x00garbage" * 200)
        run = pagemill_server.sdk().parse(file={"id": file_id})
        assert run.status == "FAILED" and run.failure_reason == "CORRUPT_FILE" and run.failure_message
        assert run.output is None
        with pagemill_server.client() as client:
            assert client.get("/healthz").status_code == 200


class TestAsyncRuns:
    def test_create_and_poll_then_list_and_delete(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        name = f"async-{uuid.uuid4().hex[:8]}.pdf"
        file_id = upload(pagemill_server, text_pdf([INVOICE_LINES]), name)
        run = client.parse_runs.create_and_poll(file={"id": file_id}, metadata={"customer": "acme"})
        assert run.status == "PROCESSED" and run.metadata == {"customer": "acme"}
        listed = client.parse_runs.list(file_name_contains=name)
        assert [item.id for item in listed.data] == [run.id] and listed.data[0].status == "PROCESSED"
        assert client.parse_runs.delete(run.id).id == run.id
        with pytest.raises(NotFoundError):
            client.parse_runs.retrieve(run.id)
        assert client.files.retrieve(file_id).id == file_id  # the file stays

    def test_cancel_of_a_finished_run_is_refused(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        run = client.parse_runs.create_and_poll(
            file={"id": upload(pagemill_server, text_pdf([INVOICE_LINES]))}
        )
        with pytest.raises(BadRequestError):
            client.parse_runs.cancel(run.id)

    def test_cancel_stops_a_long_parse(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        pages = [[f"Page {n} line {i}" for i in range(30)] for n in range(1, 401)]
        run = client.parse_runs.create(file={"id": upload(pagemill_server, text_pdf(pages))})
        deadline = time.monotonic() + 30
        while client.parse_runs.retrieve(run.id).status == "PENDING" and time.monotonic() < deadline:
            time.sleep(0.05)
        cancelled = client.parse_runs.cancel(run.id)
        assert cancelled.id == run.id
        while (current := client.parse_runs.retrieve(run.id)).status in ("PENDING", "PROCESSING"):
            assert time.monotonic() < deadline + 30, "cancelled run never stopped"
            time.sleep(0.1)
        assert current.status == "FAILED" and current.failure_reason == "CANCELLED"

    def test_batch_is_tracked_to_completion(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        ids = [upload(pagemill_server, text_pdf([[f"Batch doc {i}"]])) for i in range(3)]
        batch = client.parse_runs.create_batch(
            inputs=[{"file": {"id": i}, "metadata": {"n": n}} for n, i in enumerate(ids)]
        )
        assert batch.id.startswith("bpar_") and batch.run_count == 3
        deadline = time.monotonic() + 60
        while client.batch_runs.get(batch.id).status not in ("PROCESSED", "FAILED"):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        runs = client.parse_runs.list(batch_id=batch.id).data
        assert len(runs) == 3 and {run.status for run in runs} == {"PROCESSED"}
        assert {run.batch_id for run in runs} == {batch.id}

    def test_batch_input_errors_name_the_input(self, pagemill_server: PagemillServer) -> None:
        good = upload(pagemill_server, text_pdf([["ok"]]))
        with pagemill_server.client() as client:
            response = client.post(
                "/parse_runs/batch", json={"inputs": [{"file": {"id": good}}, {"file": {"id": "file_nope"}}]}
            )
        body = assert_envelope(response, 404, "NOT_FOUND")
        assert "inputs[1].file.id" in str(body["message"])
