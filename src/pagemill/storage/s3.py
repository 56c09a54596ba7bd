"""Storage on an S3-compatible object store (AWS S3, MinIO, Ceph RGW, Garage, SeaweedFS …) through boto3.

S3 makes each PUT and each completed multipart upload visible at once and whole, which gives the port's
atomicity; large sources go up in parts so memory stays at one part, and a failed upload is aborted.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, BinaryIO

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from pagemill.storage.base import StorageObjectMissing, StorageUnavailable, check_key, read_full

MIN_PART_BYTES = 5 * 1024 * 1024  # S3 refuses smaller parts, except the last one
DEFAULT_PART_BYTES = 8 * 1024 * 1024
_MISSING_CODES = {"404", "NoSuchKey", "NotFound"}


class S3Storage:
    def __init__(
        self,
        client: Any,
        bucket: str,
        prefix: str = "",
        *,
        multipart_threshold: int = DEFAULT_PART_BYTES,
        part_size: int = DEFAULT_PART_BYTES,
    ):
        if part_size < MIN_PART_BYTES:
            raise ValueError(f"part_size must be at least {MIN_PART_BYTES} bytes (an S3 rule)")
        if multipart_threshold < 1:
            raise ValueError("multipart_threshold must be positive")
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.multipart_threshold = multipart_threshold
        self.part_size = part_size

    @classmethod
    def connect(
        cls,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        region: str = "us-east-1",
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        multipart_threshold: int = DEFAULT_PART_BYTES,
        part_size: int = DEFAULT_PART_BYTES,
    ) -> S3Storage:
        """An adapter with its own boto3 client; without keys boto3 finds credentials the usual way."""
        config = Config(
            signature_version="s3v4",
            # Self-hosted stores on an IP or a single host name cannot serve `bucket.host` virtual hosts.
            s3={"addressing_style": "path" if endpoint_url else "auto"},
            connect_timeout=5,
            read_timeout=60,
            retries={"max_attempts": 3, "mode": "standard"},
        )
        client = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            config=config,
        )
        return cls(client, bucket, prefix, multipart_threshold=multipart_threshold, part_size=part_size)

    def put(self, key: str, source: BinaryIO, *, content_type: str | None = None) -> None:
        object_key = self._object_key(key)
        extra = {"ContentType": content_type} if content_type else {}
        head = read_full(source, self.multipart_threshold)
        if len(head) < self.multipart_threshold:
            self.client.put_object(Bucket=self.bucket, Key=object_key, Body=head, **extra)
            return
        self._put_multipart(object_key, head, source, extra)

    def _put_multipart(self, object_key: str, head: bytes, source: BinaryIO, extra: dict[str, str]) -> None:
        upload_id = self.client.create_multipart_upload(Bucket=self.bucket, Key=object_key, **extra)[
            "UploadId"
        ]
        try:
            parts = []
            for number, body in enumerate(self._parts(head, source), start=1):
                response = self.client.upload_part(
                    Bucket=self.bucket, Key=object_key, UploadId=upload_id, PartNumber=number, Body=body
                )
                parts.append({"PartNumber": number, "ETag": response["ETag"]})
            self.client.complete_multipart_upload(
                Bucket=self.bucket, Key=object_key, UploadId=upload_id, MultipartUpload={"Parts": parts}
            )
        except BaseException:
            # The first error is the one to report; if the abort fails too, `sweep_temp` aborts it later.
            with contextlib.suppress(ClientError, BotoCoreError):
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=object_key, UploadId=upload_id)
            raise

    def _parts(self, head: bytes, source: BinaryIO) -> Iterator[bytes]:
        """Yield `part_size` pieces of `head` and then of `source`; only the last may be shorter."""
        pending = head
        while True:
            if len(pending) < self.part_size:
                pending += read_full(source, self.part_size - len(pending))
            if not pending:
                return
            part, pending = pending[: self.part_size], pending[self.part_size :]
            yield part
            if len(part) < self.part_size:
                return

    def open(self, key: str) -> BinaryIO:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._object_key(key))
        except ClientError as exc:
            raise _missing_or_raise(exc, key) from exc
        return io.BufferedReader(_StreamingBodyReader(response["Body"]), buffer_size=256 * 1024)  # type: ignore[return-value]

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._object_key(key))

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except StorageObjectMissing:
            return False
        return True

    def size(self, key: str) -> int:
        return int(self._head(key)["ContentLength"])

    def presigned_url(self, key: str, expires_in: int) -> str | None:
        return str(
            self.client.generate_presigned_url(
                "get_object",
                Params={"Bucket": self.bucket, "Key": self._object_key(key)},
                ExpiresIn=expires_in,
            )
        )

    def ping(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (ClientError, BotoCoreError) as exc:
            raise StorageUnavailable(f"S3 bucket {self.bucket!r} is not reachable: {exc}") from exc

    def sweep_temp(self, older_than: timedelta) -> int:
        """Abort multipart uploads under the prefix older than `older_than` (their parts cost storage)."""
        cutoff = datetime.now(UTC) - older_than
        prefix = f"{self.prefix}/" if self.prefix else ""
        aborted = 0
        paginator = self.client.get_paginator("list_multipart_uploads")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            for upload in page.get("Uploads", []):
                if upload["Initiated"] < cutoff:
                    self.client.abort_multipart_upload(
                        Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                    )
                    aborted += 1
        return aborted

    def _head(self, key: str) -> dict[str, Any]:
        try:
            return dict(self.client.head_object(Bucket=self.bucket, Key=self._object_key(key)))
        except ClientError as exc:
            raise _missing_or_raise(exc, key) from exc

    def _object_key(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key


def _missing_or_raise(error: ClientError, key: str) -> Exception:
    code = str(error.response.get("Error", {}).get("Code", ""))
    return StorageObjectMissing(key) if code in _MISSING_CODES else error


class _StreamingBodyReader(io.RawIOBase):
    """botocore's StreamingBody as a raw stream, so it can be buffered into a full `BinaryIO`."""

    def __init__(self, body: Any):
        self._body = body

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._body.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._body.close()
        super().close()
