"""Split runs through the official SDK: page ranges with types, and a child file per split."""

from __future__ import annotations

from pypdf import PdfReader

from tests.documents import text_pdf
from tests.processors.classify.samples import agreement_pages, invoice_pages
from tests.server_fixtures import PagemillServer

SPLITS = {
    "splitClassifications": [
        {"id": "invoice", "type": "invoice", "description": "An invoice"},
        {"id": "agreement", "type": "agreement", "description": "A legal agreement such as an NDA"},
        {"id": "other", "type": "other", "description": "Any other pages"},
    ]
}


def test_split_cuts_a_packet_into_child_files(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    packet = text_pdf([*invoice_pages("INV-10", 2), *agreement_pages("A Inc. and B LLC", 2)])
    upload = sdk.files.upload(file=("packet.pdf", packet, "application/pdf"))
    run = sdk.split(file={"id": upload.id}, config=SPLITS)
    assert run.object == "split_run" and run.id.startswith("splr_") and run.status == "PROCESSED"
    splits = run.output.splits
    assert [(s.classification_id, s.start_page, s.end_page) for s in splits] == [
        ("invoice", 1, 2),
        ("agreement", 3, 4),
    ]
    assert splits[0].identifier == "INV-10"
    child = sdk.files.retrieve(splits[1].file_id)
    assert child.parent_file_id == upload.id
    assert child.metadata.parent_split.start_page == 3 and child.metadata.parent_split.type == "agreement"
    with pagemill_server.client() as http:
        listing = http.get("/files", params={"parentFileId": upload.id}).json()
        content = (
            http.get(child.presigned_url.replace(pagemill_server.url, "")) if child.presigned_url else None
        )
    assert {item["id"] for item in listing["data"]} == {s.file_id for s in splits}
    if content is not None:
        import io

        assert len(PdfReader(io.BytesIO(content.content)).pages) == 2


def test_saved_splitter_run_and_listing(pagemill_server: PagemillServer) -> None:
    sdk = pagemill_server.sdk()
    splitter = sdk.splitters.create(name="Packets", config=SPLITS)
    upload = sdk.files.upload(file=("inv.pdf", text_pdf(invoice_pages("INV-11", 1)), "application/pdf"))
    run = sdk.split_runs.create_and_poll(
        file={"id": upload.id}, splitter={"id": splitter.id, "version": "draft"}
    )
    assert run.status == "PROCESSED" and run.splitter.id == splitter.id
    assert run.splitter_version.version == "draft"
    assert [item.id for item in sdk.split_runs.list(splitter_id=splitter.id).data] == [run.id]


def test_a_document_without_text_fails_with_a_reason(pagemill_server: PagemillServer) -> None:
    from tests.documents import blank_pdf

    sdk = pagemill_server.sdk()
    upload = sdk.files.upload(file=("blank.pdf", blank_pdf(2), "application/pdf"))
    run = sdk.split(file={"id": upload.id}, config=SPLITS)
    assert run.status == "FAILED" and run.failure_reason == "FAILED_TO_PROCESS_FILE"
