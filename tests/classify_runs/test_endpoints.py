"""Classify runs through the official SDK and raw HTTP: sync, async, saved classifiers, list, delete."""

from __future__ import annotations

import pytest
from extend_ai.errors import NotFoundError

from tests.api.test_conventions import assert_envelope
from tests.documents import text_pdf
from tests.processors.classify.samples import agreement_pages, receipt_page
from tests.server_fixtures import PagemillServer

CLASSES = {
    "classifications": [
        {"id": "invoice", "type": "invoice", "description": "A bill requesting payment"},
        {"id": "receipt", "type": "receipt", "description": "A proof of a completed retail purchase"},
        {"id": "contract", "type": "contract", "description": "A legal agreement"},
        {"id": "other", "type": "other", "description": "Anything else"},
    ]
}
INVOICE_TEXT = (
    "INVOICE #INV-2041\nDate: 2024-03-05\nBill to: Acme Corp\nTotal due: $1,200.00\nDue date: 2024-04-04"
)


def test_sync_classify_of_text_returns_a_populated_run(pagemill_server: PagemillServer) -> None:
    run = pagemill_server.sdk().classify(file={"text": INVOICE_TEXT}, config=CLASSES)
    assert run.object == "classify_run" and run.id.startswith("clr_")
    assert run.status == "PROCESSED"
    assert run.output.id == "invoice" and run.output.type == "invoice"
    assert run.output.insights[0].type == "reasoning"
    assert run.config.classifications[0].id == "invoice"
    assert run.file.name and run.dashboard_url.endswith(run.id)
    assert run.classifier is None and run.reviewed is False


def test_saved_classifier_run_records_the_version(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    classifier = sdk.classifiers.create(name="Types", config=CLASSES)
    version = sdk.classifier_versions.create(classifier.id, release_type="major")
    upload = sdk.files.upload(
        file=("nda.pdf", text_pdf(agreement_pages("A Inc. and B LLC", 2)), "application/pdf")
    )
    run = sdk.classify_runs.create_and_poll(file={"id": upload.id}, classifier={"id": classifier.id})
    assert run.status == "PROCESSED" and run.output.id == "contract"
    assert run.classifier.id == classifier.id and run.classifier_version.id == version.id
    listed = sdk.classify_runs.list(classifier_id=classifier.id)
    assert [item.id for item in listed.data] == [run.id]
    sdk.classify_runs.delete(run.id)
    with pytest.raises(NotFoundError):
        sdk.classify_runs.retrieve(run.id)


def test_override_config_changes_the_classes(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    classifier = sdk.classifiers.create(name="Types", config=CLASSES)
    override = {"classifications": [{"id": "shop", "type": "receipt", "description": "A shop receipt"}]}
    upload = sdk.files.upload(file=("r.pdf", text_pdf([receipt_page("KEDAI MAJU")]), "application/pdf"))
    run = sdk.classify(file={"id": upload.id}, classifier={"id": classifier.id, "override_config": override})
    assert run.output.id == "shop" and [c.id for c in run.config.classifications] == ["shop"]


def test_bad_references_and_configs_are_rejected(pagemill_server: PagemillServer) -> None:
    with pagemill_server.client() as http:
        missing = http.post("/classify_runs", json={"file": {"text": "x"}, "classifier": {"id": "cl_nope"}})
        both = http.post(
            "/classify_runs", json={"file": {"text": "x"}, "classifier": {"id": "cl_nope"}, "config": CLASSES}
        )
        invalid = http.post("/classify_runs", json={"file": {"text": "x"}, "config": {"classifications": []}})
    assert "classifier.id" in str(assert_envelope(missing, 404, "NOT_FOUND")["message"])
    assert_envelope(both, 400, "INVALID_REQUEST")
    assert "config.classifications" in str(assert_envelope(invalid, 400, "INVALID_REQUEST")["message"])


def test_cancel_of_a_finished_run_is_refused(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    run = sdk.classify(file={"text": INVOICE_TEXT}, config=CLASSES)
    with pagemill_server.client() as http:
        assert_envelope(http.post(f"/classify_runs/{run.id}/cancel"), 400, "INVALID_REQUEST")


def test_batch_runs_every_input(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    classifier = sdk.classifiers.create(name="Types", config=CLASSES)
    batch = sdk.classify_runs.create_batch(
        classifier={"id": classifier.id},
        inputs=[{"file": {"text": INVOICE_TEXT}}, {"file": {"text": "hello"}}],
    )
    assert batch.id.startswith("bpr_") and batch.run_count == 2
    listed = sdk.classify_runs.list(batch_id=batch.id)
    assert len(listed.data) == 2
