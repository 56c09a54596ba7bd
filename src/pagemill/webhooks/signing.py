"""Webhook signatures exactly as Extend's SDKs verify them (§E3).

`x-extend-request-timestamp` is the Unix time in whole seconds; `x-extend-request-signature` is the lowercase
hex HMAC-SHA256, keyed by the endpoint's signing secret as UTF-8 (with its `wss_` prefix), of
`"v0:" + timestamp + ":" + body` over the exact body bytes sent.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

import httpx

SECRET_PREFIX = "wss_"
TIMESTAMP_HEADER = "x-extend-request-timestamp"
SIGNATURE_HEADER = "x-extend-request-signature"


def new_signing_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(signing_secret: str, timestamp: int, body: bytes) -> str:
    message = b"v0:" + str(timestamp).encode() + b":" + body
    return hmac.new(signing_secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_headers(signing_secret: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(signing_secret, timestamp, body),
    }


def encoded_json(value: Any) -> bytes:
    """The bytes `UrlGuard.request(json=value)` puts on the wire.

    The guard hands `json=` to httpx, so the signature must cover httpx's own encoding of the same value,
    not a re-encoding of ours that could differ in spacing or escaping.
    """
    return httpx.Request("POST", "http://body.invalid/", json=value).content
