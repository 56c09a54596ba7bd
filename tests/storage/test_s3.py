"""What the S3 adapter adds to the contract, against a real S3-compatible server (moto) on loopback."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest

from pagemill.storage import S3Storage, StorageUnavailable

from .conftest import TEST_PART_BYTES, GeneratedSource

pytestmark = pytest.mark.s3


def _etag(storage: S3Storage, key: str) -> str:
    return str(storage.client.head_object(Bucket=storage.bucket, Key=f"{storage.prefix}/{key}")["ETag"])


def test_a_source_past_the_threshold_goes_up_as_a_multipart_upload(
    make_s3_storage: Callable[..., S3Storage],
) -> None:
    storage = make_s3_storage(multipart_threshold=TEST_PART_BYTES)

    storage.put("ws_a/large", GeneratedSource(3 * TEST_PART_BYTES + 100))  # type: ignore[arg-type]
    storage.put("ws_a/small", io.BytesIO(b"small"))

    assert (
        _etag(storage, "ws_a/large").strip('"').endswith("-4")
    )  # S3 marks multipart ETags with the part count
    assert "-" not in _etag(storage, "ws_a/small")


def test_a_source_below_the_threshold_goes_up_in_one_request(
    make_s3_storage: Callable[..., S3Storage],
) -> None:
    storage = make_s3_storage(multipart_threshold=4 * TEST_PART_BYTES)

    storage.put("ws_a/large", GeneratedSource(3 * TEST_PART_BYTES))  # type: ignore[arg-type]

    assert "-" not in _etag(storage, "ws_a/large")
    assert storage.size("ws_a/large") == 3 * TEST_PART_BYTES


def test_a_failed_multipart_upload_is_aborted(make_s3_storage: Callable[..., S3Storage]) -> None:
    storage = make_s3_storage()

    with pytest.raises(OSError):
        storage.put("ws_a/broken", GeneratedSource(4 * TEST_PART_BYTES, fail_after=2 * TEST_PART_BYTES + 1))  # type: ignore[arg-type]

    uploads = storage.client.list_multipart_uploads(Bucket=storage.bucket, Prefix=storage.prefix)
    assert uploads.get("Uploads", []) == []


def test_sweep_aborts_abandoned_multipart_uploads_under_its_prefix(
    make_s3_storage: Callable[..., S3Storage],
) -> None:
    # moto reports every upload as started in 2010, so the age cut-off itself is not observable here.
    storage, neighbour = make_s3_storage(), make_s3_storage()
    storage.client.create_multipart_upload(Bucket=storage.bucket, Key=f"{storage.prefix}/ws_a/abandoned")
    neighbour.client.create_multipart_upload(Bucket=storage.bucket, Key=f"{neighbour.prefix}/ws_a/abandoned")

    assert storage.sweep_temp(timedelta(0)) == 1

    assert (
        storage.client.list_multipart_uploads(Bucket=storage.bucket, Prefix=storage.prefix).get("Uploads", [])
        == []
    )
    left = storage.client.list_multipart_uploads(Bucket=storage.bucket, Prefix=neighbour.prefix)["Uploads"]
    assert [upload["Key"] for upload in left] == [f"{neighbour.prefix}/ws_a/abandoned"]


def test_content_type_is_stored(make_s3_storage: Callable[..., S3Storage]) -> None:
    storage = make_s3_storage()

    storage.put("ws_a/doc", io.BytesIO(b"%PDF"), content_type="application/pdf")

    head = storage.client.head_object(Bucket=storage.bucket, Key=f"{storage.prefix}/ws_a/doc")
    assert head["ContentType"] == "application/pdf"


def test_a_presigned_url_serves_the_object_without_credentials(
    make_s3_storage: Callable[..., S3Storage],
) -> None:
    storage = make_s3_storage()
    storage.put("ws_a/doc", io.BytesIO(b"presigned bytes"))

    url = storage.presigned_url("ws_a/doc", 300)

    assert url is not None and "X-Amz-Signature=" in url
    response = httpx.get(url, trust_env=False)
    assert response.status_code == 200
    assert response.content == b"presigned bytes"


def test_objects_live_under_the_prefix(make_s3_storage: Callable[..., S3Storage]) -> None:
    storage = make_s3_storage()

    storage.put("ws_a/doc", io.BytesIO(b"x"))

    listed = storage.client.list_objects_v2(Bucket=storage.bucket, Prefix=f"{storage.prefix}/")
    assert [item["Key"] for item in listed["Contents"]] == [f"{storage.prefix}/ws_a/doc"]


def test_ping_fails_for_a_missing_bucket(
    make_s3_storage: Callable[..., S3Storage],
) -> None:
    storage = make_s3_storage()
    storage.bucket = "no-such-bucket"

    with pytest.raises(StorageUnavailable):
        storage.ping()


def test_ping_fails_when_the_server_is_unreachable() -> None:
    storage = S3Storage.connect(
        "pagemill-test", endpoint_url="http://127.0.0.1:9", access_key_id="k", secret_access_key="s"
    )

    with pytest.raises(StorageUnavailable):
        storage.ping()
