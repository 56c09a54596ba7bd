"""Signed, expiring links to an event's payload, for endpoints whose payload format is `url` (§E2).

Pagemill serves the link itself (`GET /webhook_events/{id}/payload`), as it does for run outputs; the
signature authorises the download, so no API key is needed and the link stops working when it expires.
"""

from __future__ import annotations

from pagemill.config import Settings
from pagemill.errors import InvalidRequest, NotFound
from pagemill.kit.clock import utcnow
from pagemill.kit.crypto import UrlSigner

PURPOSE = "webhook_payload"


def base_url(settings: Settings) -> str:
    # Deliveries are made outside any request, so the public URL cannot be taken from one.
    return (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")


def payload_url(settings: Settings, event_id: str) -> str:
    expires = int(utcnow().timestamp() + settings.webhook_payload_url_ttl_seconds)
    signature = UrlSigner(settings.signing_key()).sign(PURPOSE, event_id, str(expires))
    return f"{base_url(settings)}/webhook_events/{event_id}/payload?expires={expires}&signature={signature}"


def check_payload_link(settings: Settings, event_id: str, expires: int, signature: str) -> None:
    if not UrlSigner(settings.signing_key()).verify(signature, PURPOSE, event_id, str(expires)):
        raise NotFound("Payload link is not valid")
    if expires < utcnow().timestamp():
        raise InvalidRequest("Payload link has expired; links last one hour", path="expires")
