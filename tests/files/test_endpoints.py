"""Files API, driven by Extend's official SDK and raw HTTP against a real server (both deployments)."""

from __future__ import annotations

import hashlib
import io
import socket
import uuid
from collections.abc import Iterator

import httpx
import pytest
from extend_ai.errors import BadRequestError, NotFoundError

from tests.api.test_conventions import assert_envelope
from tests.documents import EVAL, blank_pdf
from tests.server_fixtures import DocumentHost, PagemillServer


def unique(stem: str) -> str:
    return f"{stem}-{uuid.uuid4().hex[:10]}"


class TestUploadRetrieveDelete:
    def test_lifecycle_through_the_sdk(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        data = blank_pdf(pages=3)
        name = unique("contract") + ".pdf"

        uploaded = client.files.upload(file=(name, io.BytesIO(data), "application/pdf"))
        assert uploaded.id.startswith("file_")
        assert uploaded.name == name and uploaded.type == "PDF"
        assert uploaded.metadata.page_count == 3
        assert uploaded.presigned_url is None

        fetched = client.files.retrieve(uploaded.id)
        assert fetched.id == uploaded.id and fetched.presigned_url
        download = httpx.get(fetched.presigned_url)
        assert download.status_code == 200 and download.content == data
        assert download.headers["content-type"] == "application/pdf"

        listed = client.files.list(name_contains=name)
        assert [item.id for item in listed.data] == [uploaded.id]

        deleted = client.files.delete(uploaded.id)
        assert deleted.id == uploaded.id
        with pytest.raises(NotFoundError):
            client.files.retrieve(uploaded.id)
        assert httpx.get(fetched.presigned_url).status_code == 404

    def test_real_invoice_roundtrip(self, pagemill_server: PagemillServer) -> None:
        invoice = EVAL / "invoice2data" / "compare" / "AmazonWebServices.pdf"
        if not invoice.exists():
            pytest.skip(f"evaluation data not present at {invoice}")
        client = pagemill_server.sdk()
        with invoice.open("rb") as handle:
            uploaded = client.files.upload(file=handle)
        assert uploaded.type == "PDF" and uploaded.metadata.page_count
        body = httpx.get(client.files.retrieve(uploaded.id).presigned_url).content
        assert hashlib.sha256(body).hexdigest() == hashlib.sha256(invoice.read_bytes()).hexdigest()
        client.files.delete(uploaded.id)

    def test_type_comes_from_content_not_name(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        lying = client.files.upload(file=(unique("notes") + ".txt", io.BytesIO(blank_pdf()), "text/plain"))
        assert lying.type == "PDF"
        text = client.files.upload(
            file=(unique("scan") + ".pdf", io.BytesIO(b"just words\n"), "application/pdf")
        )
        assert text.type == "TXT"

    def test_bare_bytes_upload(self, pagemill_server: PagemillServer) -> None:
        uploaded = pagemill_server.sdk().files.upload(file=blank_pdf())
        assert uploaded.name == "upload" and uploaded.type == "PDF"


class TestBadUploads:
    def test_empty_file_is_400(self, pagemill_server: PagemillServer) -> None:
        with pytest.raises(BadRequestError) as caught:
            pagemill_server.sdk().files.upload(file=("empty.pdf", io.BytesIO(b""), "application/pdf"))
        assert "empty" in caught.value.body["message"]

    def test_oversized_file_is_400_and_nothing_is_kept(self, pagemill_server: PagemillServer) -> None:
        name = unique("huge") + ".bin"
        with pagemill_server.client() as client:
            response = client.post(
                "/files/upload", files={"file": (name, b"%PDF-1.7\n" + b"0" * (6 * 1024 * 1024))}
            )
            body = assert_envelope(response, 400, "INVALID_REQUEST")
            assert "limit" in str(body["message"])
            assert client.get("/files", params={"nameContains": name}).json()["data"] == []
            assert client.get("/healthz").status_code == 200

    def test_missing_file_part_names_the_field(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            body = assert_envelope(
                client.post("/files/upload", data={"password": "x"}), 400, "INVALID_REQUEST"
            )
        assert "file" in str(body["message"])

    def test_convert_to_pdf_is_refused_clearly(self, pagemill_server: PagemillServer) -> None:
        with pytest.raises(BadRequestError) as caught:
            pagemill_server.sdk().files.upload(file=blank_pdf(), convert_to_pdf=True)
        assert "convertToPdf" in caught.value.body["message"]


class TestFilesFromUrlAndText:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8000/x.pdf",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/a.pdf",
            "http://[::1]/a.pdf",
            "http://localhost/a.pdf",
        ],
    )
    def test_private_and_loopback_urls_are_refused(self, pagemill_server: PagemillServer, url: str) -> None:
        with pagemill_server.client() as client:
            body = assert_envelope(client.post("/files", json={"url": url}), 400, "INVALID_REQUEST")
            assert "url" in str(body["message"])
            assert client.get("/healthz").status_code == 200

    def test_allow_listed_url_is_downloaded(
        self, pagemill_server: PagemillServer, document_host: DocumentHost
    ) -> None:
        data = blank_pdf(pages=2)
        url = document_host.serve("/docs/statement.pdf", data)
        with pagemill_server.client() as client:
            created = client.post("/files", json={"url": url}).json()
            assert created["name"] == "statement.pdf" and created["type"] == "PDF"
            assert created["metadata"]["pageCount"] == 2
            fetched = client.get(f"/files/{created['id']}").json()
        assert httpx.get(fetched["presignedUrl"]).content == data

    def test_url_answering_404_is_400(
        self, pagemill_server: PagemillServer, document_host: DocumentHost
    ) -> None:
        with pagemill_server.client() as client:
            response = client.post("/files", json={"url": document_host.url("/missing.pdf")})
        assert_envelope(response, 400, "INVALID_REQUEST")

    def test_non_http_scheme_is_refused(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            assert_envelope(client.post("/files", json={"url": "file:///etc/passwd"}), 400, "INVALID_REQUEST")

    def test_file_from_text(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            created = client.post(
                "/files", json={"text": "Invoice 42\nTotal: 10.00 EUR", "name": "note.txt"}
            ).json()
            assert created["type"] == "TXT" and created["name"] == "note.txt"
            fetched = client.get(f"/files/{created['id']}").json()
        assert httpx.get(fetched["presignedUrl"]).text == "Invoice 42\nTotal: 10.00 EUR"

    def test_url_and_text_together_is_400(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as client:
            assert_envelope(
                client.post("/files", json={"url": "https://a/b", "text": "x"}), 400, "INVALID_REQUEST"
            )


class TestSignedDownloads:
    def test_tampered_signature_is_refused(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        uploaded = client.files.upload(file=blank_pdf())
        url = client.files.retrieve(uploaded.id).presigned_url
        assert httpx.get(url.replace("signature=", "signature=x")).status_code == 404
        other = client.files.upload(file=blank_pdf())
        assert httpx.get(url.replace(uploaded.id, other.id)).status_code == 404

    def test_expired_link_is_refused(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        uploaded = client.files.upload(file=blank_pdf())
        url = client.files.retrieve(uploaded.id).presigned_url
        expires = int(httpx.URL(url).params["expires"])
        stale = url.replace(f"expires={expires}", f"expires={expires - 10_000}")
        assert httpx.get(stale).status_code == 404  # the signature covers the expiry


class TestListing:
    def test_pages_cover_every_file_once_in_order(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        tag = unique("paged")
        ids = [
            client.files.upload(file=(f"{tag}-{i}.txt", io.BytesIO(b"x"), "text/plain")).id for i in range(5)
        ]
        for direction, expected in (("asc", ids), ("desc", ids[::-1])):
            seen: list[str] = []
            token = None
            while True:
                page = client.files.list(
                    name_contains=tag, max_page_size=2, sort_dir=direction, next_page_token=token
                )
                assert len(page.data) <= 2
                seen.extend(item.id for item in page.data)
                token = page.next_page_token
                if token is None:
                    break
            assert seen == expected

    def test_filter_by_type(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        tag = unique("typed")
        pdf = client.files.upload(file=(f"{tag}.pdf", io.BytesIO(blank_pdf()), "application/pdf"))
        client.files.upload(file=(f"{tag}.txt", io.BytesIO(b"text"), "text/plain"))
        with pagemill_server.client() as http:
            data = http.get("/files", params={"nameContains": tag, "type": "PDF"}).json()["data"]
        assert [item["id"] for item in data] == [pdf.id]

    def test_list_items_are_complete_summaries(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        tag = unique("summary")
        client.files.upload(file=(f"{tag}.pdf", io.BytesIO(blank_pdf()), "application/pdf"))
        with pagemill_server.client() as http:
            body = http.get("/files", params={"nameContains": tag}).json()
        assert body["object"] == "list" and body["nextPageToken"] is None
        item = body["data"][0]
        assert set(item) == {
            "object",
            "id",
            "name",
            "type",
            "parentFileId",
            "metadata",
            "createdAt",
            "updatedAt",
        }
        assert item["createdAt"].endswith("Z") and item["metadata"] == {"pageCount": 1, "parentSplit": None}


class TestBodyLimit:
    def test_declared_oversized_body_is_refused_before_it_is_read(
        self, pagemill_server: PagemillServer
    ) -> None:
        request = (
            "POST /files/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {pagemill_server.api_key}\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\n"
            f"Content-Length: {50 * 1024 * 1024}\r\nConnection: close\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", pagemill_server.port), timeout=30) as sock:
            sock.sendall(
                request.encode() + b"x" * 1024
            )  # far less than declared: the answer must not wait for it
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
            reply = b"".join(chunks).decode(errors="replace")
        assert reply.startswith("HTTP/1.1 400") and "INVALID_REQUEST" in reply and "limit" in reply

    def test_chunked_oversized_body_is_refused(self, pagemill_server: PagemillServer) -> None:
        def chunks() -> Iterator[bytes]:
            yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n'
            for _ in range(7 * 16):
                yield b"0" * 65536

        with pagemill_server.client() as client:
            response = client.post(
                "/files/upload", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"}
            )
            body = assert_envelope(response, 400, "INVALID_REQUEST")
            assert "limit" in str(body["message"])
            assert client.get("/healthz").status_code == 200
